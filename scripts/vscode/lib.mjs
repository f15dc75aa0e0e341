// Shared pieces of the real-VS Code harness (run.mjs) and the try-it server (try.mjs):
// where the provisioned tools live, packaging and installing the extension, a private
// code-server, the sample workspace, and stopping every process we started.
// Route and flags: /work/shared/REAL-VSCODE.md. Provision first: scripts/vscode/provision.sh
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PRIVATE = path.join(ROOT, '.vscode-test');
export const NODE24 = path.join(PRIVATE, 'node24/node_modules/node/node_modules',
  `node-linux-${process.arch === 'arm64' ? 'arm64' : 'x64'}`, 'bin/node');
export const CODE_SERVER = path.join(PRIVATE, 'node_modules/code-server/out/node/entry.js');
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage'];

export const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'github.gitAuthentication': false,
  'security.workspace.trust.enabled': false,
};

/** Every child process group we started; stopGroups() ends them. */
export const children = new Set();

const t0 = Date.now();
export const secs = (since) => ((Date.now() - since) / 1000).toFixed(1);
export const log = (msg) => console.log(`[vscode ${secs(t0).padStart(5)}s] ${msg}`);

/** An expected failure: its message is the whole story (no stack). */
export class Fatal extends Error {}
export function fail(msg) { throw new Fatal(msg); }

export function checkProvisioned() {
  for (const [what, file] of [['Node 24', NODE24], ['code-server', CODE_SERVER], ['chromium', CHROMIUM],
    ['playwright-core', path.join(PRIVATE, 'node_modules/playwright-core/package.json')]]) {
    if (!fs.existsSync(file)) fail(`${what} missing (${file}): run scripts/vscode/provision.sh`);
  }
}

// ------------------------------------------------------------------ processes
function groupAlive(pid) {
  try { process.kill(-pid, 0); return true; } catch { return false; }
}
/** SIGTERM the child's process group, SIGKILL it if it lingers. */
export async function killGroup(child) {
  children.delete(child);
  if (!child.pid || !groupAlive(child.pid)) return;
  try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
  const until = Date.now() + 3000;
  while (groupAlive(child.pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive(child.pid)) { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }
}
export async function stopGroups() {
  for (const child of [...children]) await killGroup(child);
}
/**
 * Last resort: anything still running whose command line holds `marker` (our private
 * temp dir, unique to this run) is ours; kill it by pid. Returns how many.
 */
export function killStragglers(marker) {
  if (!marker || process.platform !== 'linux') return 0;
  let n = 0;
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid) || Number(pid) === process.pid) continue;
    let cmd = '';
    try { cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8'); } catch { continue; }
    if (cmd.includes(marker)) { try { process.kill(Number(pid), 'SIGKILL'); n++; } catch { /* gone */ } }
  }
  return n;
}
export function withTimeout(promise, ms) {
  return Promise.race([promise, new Promise((r) => setTimeout(r, ms).unref())]);
}

/** Run a command to completion in its own process group; rejects with a Fatal naming it. */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true, ...opts });
    children.add(child);
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    child.on('error', reject);
    child.on('exit', (code) => {
      children.delete(child);
      if (code === 0) resolve(out);
      else {
        const lines = out.trim().split('\n');
        const key = lines.find((l) => /\berror\b/i.test(l)) ?? lines.at(-1) ?? '';
        const what = [cmd, ...args].map((a) => path.basename(a)).slice(1, 3).join(' ');
        reject(new Fatal(`${what} exited ${code}: ${key.trim()}\n${lines.slice(-25).join('\n')}`));
      }
    });
  });
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}

// ------------------------------------------------------------------ the extension
function findVsce(extDir) {
  const candidates = [extDir, ROOT, path.join(PRIVATE, 'tools')]
    .map((d) => path.join(d, 'node_modules/@vscode/vsce/vsce'));
  const hit = candidates.find((f) => fs.existsSync(f));
  if (!hit) fail('@vscode/vsce not found: add it as a devDependency (npm i -D @vscode/vsce@3.9.2)');
  return hit;
}

// Folders that never belong in a .vsix and that vsce would otherwise walk file by file
// before .vscodeignore drops them (.vscode-test alone is ~1 GB: ~9 s per package).
const NOT_PACKAGED = new Set(['node_modules', '.vscode-test', '.git', 'test-results', 'bench', '.cache']);

/** Package `extDir` with vsce (from a lean copy of it); returns the .vsix path. */
export async function packageExtension(extDir, dir) {
  const started = Date.now();
  const vsix = path.join(dir, 'ext.vsix');
  const stage = path.join(dir, 'ext-stage');
  fs.cpSync(extDir, stage, {
    recursive: true,
    filter: (p) => {
      const name = path.basename(p);
      if (name === 'node_modules' || name === '.git') return false;
      return !(path.dirname(p) === extDir && NOT_PACKAGED.has(name));
    },
  });
  // Test packaging only: never prompt, and don't fail on publishing concerns (no
  // repository/license, README links relative to an unknown repository).
  await run(process.execPath, [findVsce(extDir), 'package', '--no-dependencies', '--allow-missing-repository',
    '--skip-license', '--baseContentUrl', 'https://example.invalid/', '--baseImagesUrl', 'https://example.invalid/',
    '-o', vsix], { cwd: stage, env: { ...process.env, CI: '1' } });
  fs.rmSync(stage, { recursive: true, force: true });
  log(`packaged ${path.relative(process.cwd(), extDir) || '.'} -> ext.vsix (${(fs.statSync(vsix).size / 1024).toFixed(0)} KB) in ${secs(started)} s`);
  return vsix;
}

/** An environment whose HOME and XDG folders are inside `dir`, Node 24 first on PATH. */
export function privateEnv(dir) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(VSCODE_|ELECTRON_)/.test(k)) env[k] = v;
  Object.assign(env, {
    HOME: path.join(dir, 'home'),
    XDG_CONFIG_HOME: path.join(dir, 'xdg/config'),
    XDG_DATA_HOME: path.join(dir, 'xdg/data'),
    XDG_CACHE_HOME: path.join(dir, 'xdg/cache'),
    XDG_RUNTIME_DIR: path.join(dir, 'xdg/runtime'),
    PATH: `${path.dirname(NODE24)}${path.delimiter}${process.env.PATH ?? ''}`,
  });
  for (const k of ['HOME', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'XDG_RUNTIME_DIR']) fs.mkdirSync(env[k], { recursive: true, mode: 0o700 });
  return env;
}

function serverDirs(dir) {
  return {
    userData: path.join(dir, 'user-data'),
    extensions: path.join(dir, 'extensions'),
    config: path.join(dir, 'config.yaml'),
  };
}

export async function installVsix(vsix, dir, env) {
  const started = Date.now();
  const d = serverDirs(dir);
  await run(NODE24, [CODE_SERVER, '--config', d.config, '--user-data-dir', d.userData,
    '--extensions-dir', d.extensions, '--install-extension', vsix], { env });
  log(`installed ext.vsix into private extensions dir in ${secs(started)} s`);
}

/**
 * Start code-server on 127.0.0.1 (a free port) with its state in `dir`, serving `folder`;
 * resolves once it answers /healthz. `isDead()` tells whether it has exited since.
 */
export async function startServer(dir, env, folder, { smokeDriver = false, port, settings = {} } = {}) {
  const started = Date.now();
  port ??= await freePort();
  const d = serverDirs(dir);
  fs.writeFileSync(d.config, 'auth: none\ncert: false\n');
  // Quiet, offline-friendly user settings (a workspace's .vscode/settings.json still
  // applies on top of these).
  fs.mkdirSync(path.join(d.userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(d.userData, 'User/settings.json'), JSON.stringify({ ...USER_SETTINGS, ...settings }, null, 2));
  const args = [CODE_SERVER, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--config', d.config, '--user-data-dir', d.userData,
    '--extensions-dir', d.extensions, '--reconnection-grace-time', '5'];
  if (smokeDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  args.push(folder);
  const logFile = path.join(dir, 'code-server.log');
  const out = fs.openSync(logFile, 'a');
  const child = spawn(NODE24, args, { detached: true, stdio: ['ignore', out, out], env });
  fs.closeSync(out);
  children.add(child);
  let exited = null;
  child.on('exit', (code, sig) => { exited = sig ?? code; });
  const tail = () => fs.readFileSync(logFile, 'utf8').trim().split('\n').slice(-30).join('\n');
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 60_000;
  for (;;) {
    if (exited !== null) fail(`code-server exited (${exited}) before answering HTTP:\n${tail()}`);
    if (Date.now() > until) fail(`code-server did not answer on ${url} within 60 s:\n${tail()}`);
    const ok = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  log(`code-server up on ${url} (pid group ${child.pid}) in ${secs(started)} s`);
  return { url, port, child, logFile, userData: d.userData, isDead: () => exited !== null, tail };
}

/** Headless Chromium (persistent context with its profile in `dir`) through playwright-core. */
export async function launchBrowser(dir, env, { viewport = { width: 1440, height: 900 } } = {}) {
  const started = Date.now();
  const require = createRequire(path.join(PRIVATE, 'package.json'));
  const { chromium } = require('playwright-core');
  const context = await chromium.launchPersistentContext(path.join(dir, 'browser-profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    env,
    viewport,
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
    timeout: 60_000,
  });
  log(`chromium up in ${secs(started)} s`);
  return context;
}

// ------------------------------------------------------------------ workspaces
const COPY_FILTER = (p) => !/(^|\/)(node_modules|\.git|\.vscode-test)$/.test(p);

/** Copy `src` to `<dir>/workspace`; returns that folder. */
export function copyWorkspace(src, dir) {
  const dest = path.join(dir, 'workspace');
  fs.cpSync(src, dest, { recursive: true, filter: COPY_FILTER });
  return dest;
}

/** The folders of the shipped sample (the story and its lore base), relative to ROOT. */
export const SAMPLE_FOLDERS = ['lore', 'examples'];

/**
 * The shipped sample as a writer would have it: `<dir>/lorekeeper-sample` holding copies of the
 * repo's lore/ and examples/ (examples/the-vineyard-at-dusk.md, examples/EXPECTED.md).
 */
export function composeSampleWorkspace(dir) {
  const dest = path.join(dir, 'lorekeeper-sample');
  for (const folder of SAMPLE_FOLDERS) {
    const src = path.join(ROOT, folder);
    if (!fs.existsSync(src)) fail(`sample workspace: ${src} not found`);
    fs.cpSync(src, path.join(dest, folder), { recursive: true, filter: COPY_FILTER });
  }
  return dest;
}
