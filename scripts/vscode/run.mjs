#!/usr/bin/env node
// Run Lorekeeper's tests inside a real VS Code (code-server + headless Chromium).
// Route and flags: /work/shared/REAL-VSCODE.md. Provision first: scripts/vscode/provision.sh
//
//   node scripts/vscode/run.mjs [--suite host|ui|all] [--ext DIR] [--workspace DIR]
//        [--tests PATH] [--ui-tests DIR] [--screenshots DIR] [--grep REGEXP]
//        [--env KEY=VALUE]... [--timeout SECONDS] [--verbose] [--keep]
//
// host: the mocha suite (test/vscode/suite, compiled to dist-test/vscode/suite/index.js)
//       runs inside the remote extension host, with --ext as extensionDevelopmentPath.
// ui:   the extension is packaged (vsce), installed, and test/vscode/ui/*.mjs drive the
//       workbench through the browser like a writer would. Files run in name order
//       (workbench.mjs and _*.mjs are helpers); each exported async function is a test,
//       run in source order with ctx = { page, wb, workspace, screenshot(name),
//       extensionId, logsDir, serverUrl }. Screenshots: --screenshots (default
//       test-results/vscode/), plus one for every failing test.
// Defaults: --ext = repo root, --tests = <ext>/dist-test/vscode/suite/index.js,
//   --workspace = test/vscode/fixtures/workspace (copied to the temp dir), --timeout 300 per suite.
// Everything runs from a fresh temp dir that is removed afterwards; the code-server
// process group and the browser are always stopped.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PRIVATE = path.join(ROOT, '.vscode-test');
const NODE24 = path.join(PRIVATE, 'node24/node_modules/node/node_modules',
  `node-linux-${process.arch === 'arm64' ? 'arm64' : 'x64'}`, 'bin/node');
const CODE_SERVER = path.join(PRIVATE, 'node_modules/code-server/out/node/entry.js');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage'];

const USER_SETTINGS = {
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

// ------------------------------------------------------------------ arguments
function parseArgs(argv) {
  const o = { suite: 'all', env: {}, verbose: false, keep: false, timeout: 300 };
  const need = (i) => { if (argv[i + 1] === undefined) fail(`missing value for ${argv[i]}`); return argv[i + 1]; };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case '--suite': o.suite = need(i); i++; break;
      case '--ext': o.ext = need(i); i++; break;
      case '--workspace': o.workspace = need(i); i++; break;
      case '--tests': o.tests = need(i); i++; break;
      case '--ui-tests': o.uiTests = need(i); i++; break;
      case '--screenshots': o.screenshots = need(i); i++; break;
      case '--grep': o.grep = need(i); i++; break;
      case '--timeout': o.timeout = Number(need(i)); i++; break;
      case '--env': { const kv = need(i); i++; const eq = kv.indexOf('=');
        if (eq < 1) fail(`--env wants KEY=VALUE, got ${kv}`); o.env[kv.slice(0, eq)] = kv.slice(eq + 1); break; }
      case '--verbose': o.verbose = true; break;
      case '--keep': o.keep = true; break;
      case '-h': case '--help':
        console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 15).join('\n').replace(/^\/\/ ?/gm, ''));
        process.exit(0);
      default: fail(`unknown argument ${a}`);
    }
  }
  if (!['host', 'ui', 'all'].includes(o.suite)) fail(`--suite must be host, ui or all (got ${o.suite})`);
  if (!(o.timeout > 0)) fail('--timeout must be a positive number of seconds');
  o.ext = path.resolve(o.ext ?? ROOT);
  o.tests = o.tests ? path.resolve(o.tests) : path.join(o.ext, 'dist-test/vscode/suite/index.js');
  o.uiTests = path.resolve(o.uiTests ?? path.join(ROOT, 'test/vscode/ui'));
  o.screenshots = path.resolve(o.screenshots ?? path.join(ROOT, 'test-results/vscode'));
  if (o.workspace) o.workspace = path.resolve(o.workspace);
  else o.workspace = path.join(ROOT, 'test/vscode/fixtures/workspace');
  if (!fs.existsSync(o.workspace) || !fs.statSync(o.workspace).isDirectory()) fail(`workspace folder not found (${o.workspace}); pass --workspace DIR`);
  return o;
}

// ------------------------------------------------------------------ state + cleanup
const state = { interrupted: false, tmp: null, servers: new Set(), contexts: new Set(), passed: 0, failed: 0, reasons: [], cleaning: null };
const t0 = Date.now();
const secs = (since) => ((Date.now() - since) / 1000).toFixed(1);
const log = (msg) => console.log(`[vscode ${secs(t0).padStart(5)}s] ${msg}`);

class Fatal extends Error {}
function fail(msg) { throw new Fatal(msg); }

function groupAlive(pid) {
  try { process.kill(-pid, 0); return true; } catch { return false; }
}
async function killGroup(child) {
  if (!child.pid || !groupAlive(child.pid)) return;
  try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
  const until = Date.now() + 3000;
  while (groupAlive(child.pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive(child.pid)) { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }
}
// Last resort: anything still running from our private temp dir (its path is unique to
// this run) is ours; kill it by pid.
function killStragglers(marker) {
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
function withTimeout(promise, ms) {
  return Promise.race([promise, new Promise((r) => setTimeout(r, ms).unref())]);
}
async function cleanup(keep) {
  if (state.cleaning) return state.cleaning;
  state.cleaning = (async () => {
    for (const ctx of state.contexts) await withTimeout(ctx.close().catch(() => {}), 5000);
    state.contexts.clear();
    for (const child of state.servers) await killGroup(child);
    state.servers.clear();
    const n = killStragglers(state.tmp);
    if (n) log(`killed ${n} leftover process(es)`);
    if (state.tmp) {
      if (keep) log(`kept temp dir ${state.tmp}`);
      else fs.rmSync(state.tmp, { recursive: true, force: true, maxRetries: 3 });
    }
  })();
  return state.cleaning;
}
function finish(code) {
  // details were printed where they happened; the reason is one line
  if (state.reasons.length) console.log(`FAILED: ${state.reasons.map((r) => r.split('\n')[0]).join('; ')}`);
  console.log(`${state.passed} passed, ${state.failed} failed`);
  process.exit(code);
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    if (state.interrupted) return;
    state.interrupted = true;
    state.reasons.push(`interrupted by ${sig}`);
    cleanup(false).finally(() => finish(sig === 'SIGINT' ? 130 : 143));
  });
}

// ------------------------------------------------------------------ helpers
function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true, ...opts });
    state.servers.add(child);
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    child.on('error', reject);
    child.on('exit', (code) => {
      state.servers.delete(child);
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

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}

function findVsce(extDir) {
  const candidates = [extDir, ROOT, path.join(PRIVATE, 'tools')]
    .map((d) => path.join(d, 'node_modules/@vscode/vsce/vsce'));
  const hit = candidates.find((f) => fs.existsSync(f));
  if (!hit) fail('@vscode/vsce not found: add it as a devDependency (npm i -D @vscode/vsce@3.9.2)');
  return hit;
}

async function packageExtension(o, dir) {
  const started = Date.now();
  const vsix = path.join(dir, 'ext.vsix');
  // Test packaging only: never prompt, and don't fail on publishing concerns (no
  // repository/license, README links relative to an unknown repository).
  await run(process.execPath, [findVsce(o.ext), 'package', '--no-dependencies', '--allow-missing-repository',
    '--skip-license', '--baseContentUrl', 'https://example.invalid/', '--baseImagesUrl', 'https://example.invalid/',
    '-o', vsix], { cwd: o.ext, env: { ...process.env, CI: '1' } });
  log(`packaged ${path.relative(process.cwd(), o.ext) || '.'} -> ext.vsix (${(fs.statSync(vsix).size / 1024).toFixed(0)} KB) in ${secs(started)} s`);
  return vsix;
}

function privateEnv(dir) {
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

async function installVsix(vsix, dir, env) {
  const started = Date.now();
  const d = serverDirs(dir);
  await run(NODE24, [CODE_SERVER, '--config', d.config, '--user-data-dir', d.userData,
    '--extensions-dir', d.extensions, '--install-extension', vsix], { env });
  log(`installed ext.vsix into private extensions dir in ${secs(started)} s`);
}

async function startServer(o, dir, env, folder, { smokeDriver }) {
  const started = Date.now();
  const port = await freePort();
  const d = serverDirs(dir);
  fs.writeFileSync(d.config, 'auth: none\ncert: false\n');
  // Quiet, offline-friendly user settings (the fixture workspace's .vscode/settings.json
  // still applies on top of these).
  fs.mkdirSync(path.join(d.userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(d.userData, 'User/settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
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
  state.servers.add(child);
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

async function launchBrowser(o, dir, env) {
  const started = Date.now();
  const require = createRequire(path.join(PRIVATE, 'package.json'));
  const { chromium } = require('playwright-core');
  const profile = path.join(dir, 'browser-profile');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    env,
    viewport: { width: 1440, height: 900 },
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
    timeout: 60_000,
  });
  state.contexts.add(context);
  log(`chromium up in ${secs(started)} s`);
  return context;
}

function attachPageLogging(page, o, prefix) {
  page.on('pageerror', (e) => { if (o.verbose) console.log(`${prefix} page error: ${e.message}`); });
  if (o.verbose) page.on('console', (m) => console.log(`${prefix} console.${m.type()}: ${m.text()}`));
}

// The automation logger forwards console calls as (type, args): printf-style format
// strings (mocha's reporter uses %s/%d) and %c styling, which util.format handles.
function formatAutomationLog(args) {
  const list = Array.isArray(args) ? args : [args];
  return util.format(...list);
}

// Workbench chatter that reaches the automation log next to the suite's output
// (all harmless here: no network, no accounts). --verbose shows it.
const NOISE = [
  /^\[(AgentHost|AgentHost:remote|ChatModelSelection|AccountPolicyGate|Service Worker|reconnection-grace-time)\]/,
  /^(Resolving|Resolved) connection token/, /^Creating a socket/, /^Updating additional builtin extensions cache/,
  /ENOTFOUND|EAI_AGAIN|ECONNREFUSED/, /authentication provider/i, /^\s*$/,
];

// ------------------------------------------------------------------ host suite
async function hostSuite(o) {
  const started = Date.now();
  if (!fs.existsSync(o.tests)) fail(`host suite: compiled tests not found at ${o.tests} (build them first)`);
  if (!fs.existsSync(path.join(o.ext, 'package.json'))) fail(`host suite: no package.json in ${o.ext}`);
  const dir = path.join(state.tmp, 'host');
  fs.mkdirSync(dir);
  const env = privateEnv(dir);
  const workspace = copyWorkspace(o.workspace, dir);
  const server = await startServer(o, dir, env, workspace, { smokeDriver: true });
  const context = await launchBrowser(o, dir, env);

  let counts = { passing: null, failing: null };
  let onExit;
  const exited = new Promise((r) => { onExit = r; });
  await context.exposeFunction('codeAutomationLog', (type, args) => {
    const line = formatAutomationLog(args);
    const m = /^\s*(\d+) (passing|failing)\b/.exec(line);
    if (m) counts[m[2]] = Number(m[1]);
    if (o.verbose || !NOISE.some((re) => re.test(line))) console.log(line.split('\n').map((l) => `  | ${l}`).join('\n'));
  });
  await context.exposeFunction('codeAutomationExit', (code) => onExit(Number(code)));

  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const extensionEnvironment = { ...o.env, ...(o.grep ? { VSCODE_TEST_GREP: o.grep } : {}) };
  const payload = [
    ['extensionDevelopmentPath', remote(o.ext)],
    ['extensionTestsPath', remote(o.tests)],
    ['extensionEnvironment', JSON.stringify(extensionEnvironment)],
  ];
  const url = `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const page = context.pages()[0] ?? await context.newPage();
  attachPageLogging(page, o, '  [host]');
  log(`host suite: ${path.relative(process.cwd(), o.tests)} in ${path.relative(process.cwd(), o.ext) || '.'}`);
  await page.goto(url, { waitUntil: 'domcontentloaded' });

  let timer;
  const deadline = new Promise((r) => { timer = setTimeout(() => r('timeout'), o.timeout * 1000); });
  const serverWatch = new Promise((r) => { const iv = setInterval(() => { if (server.isDead()) { clearInterval(iv); r('server-died'); } }, 500); iv.unref(); });
  const result = await Promise.race([exited, deadline, serverWatch]);
  clearTimeout(timer);
  if (state.interrupted) return;

  if (result === 'timeout' || result === 'server-died') console.log(`code-server log tail:\n${server.tail()}`);
  if (result === 'timeout') {
    state.failed += 1;
    state.reasons.push(`host suite: no result within ${o.timeout} s (run() never settled, or the payload was ignored)`);
  } else if (result === 'server-died') {
    state.failed += 1;
    state.reasons.push('host suite: code-server died');
  } else {
    const passing = counts.passing ?? 0;
    const failing = counts.failing ?? 0;
    state.passed += passing;
    state.failed += failing;
    if (result !== 0) {
      if (failing === 0) state.failed += 1;
      state.reasons.push(`host suite: exit code ${result}${failing ? ` (${failing} failing)` : ' (no mocha summary: did run() throw?)'}`);
    } else if (passing === 0) {
      state.failed += 1;
      state.reasons.push('host suite: exit code 0 but no passing tests were reported');
    }
    log(`host suite: exit code ${result}, ${passing} passing, ${failing} failing, in ${secs(started)} s`);
  }
  await closeContext(context);
  await killGroup(server.child);
  state.servers.delete(server.child);
}

// ------------------------------------------------------------------ ui suite
function orderedExports(mod, file) {
  const src = fs.readFileSync(file, 'utf8');
  const pos = (name) => {
    const m = new RegExp(`export\\s+(?:async\\s+)?(?:function\\s*\\*?\\s*|(?:const|let|var)\\s+)${name}\\b`).exec(src);
    return m ? m.index : Number.MAX_SAFE_INTEGER;
  };
  return Object.entries(mod)
    .filter(([name, fn]) => typeof fn === 'function' && name !== 'default' && !name.startsWith('_'))
    .sort(([a], [b]) => pos(a) - pos(b) || a.localeCompare(b));
}

async function uiSuite(o) {
  const started = Date.now();
  if (!fs.existsSync(o.uiTests)) fail(`ui suite: no UI tests folder ${o.uiTests}`);
  const files = fs.readdirSync(o.uiTests)
    .filter((f) => f.endsWith('.mjs') && f !== 'workbench.mjs' && !f.startsWith('_')).sort()
    .map((f) => path.join(o.uiTests, f));
  if (!files.length) fail(`ui suite: no *.mjs test modules in ${o.uiTests}`);
  const manifest = JSON.parse(fs.readFileSync(path.join(o.ext, 'package.json'), 'utf8'));
  const extensionId = `${manifest.publisher}.${manifest.name}`;

  const dir = path.join(state.tmp, 'ui');
  fs.mkdirSync(dir);
  const env = privateEnv(dir);
  const vsix = await packageExtension(o, dir);
  await installVsix(vsix, dir, env);
  const workspace = copyWorkspace(o.workspace, dir);
  const server = await startServer(o, dir, env, workspace, { smokeDriver: false });
  const context = await launchBrowser(o, dir, env);
  const page = context.pages()[0] ?? await context.newPage();
  attachPageLogging(page, o, '  [ui]');

  fs.mkdirSync(o.screenshots, { recursive: true });
  let shot = 0;
  const screenshot = async (name) => {
    const file = path.join(o.screenshots, `${String(++shot).padStart(2, '0')}-${name.replace(/[^\w.-]+/g, '_')}.png`);
    await page.screenshot({ path: file });
    console.log(`  # screenshot ${path.relative(process.cwd(), file)}`);
    return file;
  };
  const { createWorkbench } = await import(pathToFileURL(path.join(ROOT, 'test/vscode/ui/workbench.mjs')).href);
  const ctx = { page, workspace, screenshot, extensionId, serverUrl: server.url, logsDir: path.join(server.userData, 'logs') };
  ctx.wb = createWorkbench(ctx);

  const opened = Date.now();
  await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`, { waitUntil: 'domcontentloaded' });
  await ctx.wb.waitForWorkbench(90_000);
  log(`workbench ready in ${secs(opened)} s`);

  let n = 0;
  const perTest = Math.min(120, o.timeout) * 1000;
  const suiteDeadline = started + o.timeout * 1000;
  for (const file of files) {
    const mod = await import(pathToFileURL(file).href);
    for (const [name, fn] of orderedExports(mod, file)) {
      n += 1;
      const title = `${path.basename(file, '.mjs')}: ${name}`;
      const budget = Math.min(perTest, suiteDeadline - Date.now());
      const t = Date.now();
      try {
        if (budget <= 0) throw new Error(`ui suite deadline (${o.timeout} s) reached before this test`);
        let timer;
        await Promise.race([
          Promise.resolve().then(() => fn(ctx)),
          new Promise((_, rej) => { timer = setTimeout(() => rej(new Error(`timed out after ${(budget / 1000).toFixed(0)} s`)), budget); }),
        ]).finally(() => clearTimeout(timer));
        state.passed += 1;
        console.log(`ok ${n} - ${title} (${secs(t)} s)`);
      } catch (err) {
        state.failed += 1;
        state.reasons.push(`ui: ${title}: ${String(err?.message ?? err).split('\n')[0]}`);
        console.log(`not ok ${n} - ${title} (${secs(t)} s)`);
        console.log(String(err?.stack ?? err).split('\n').slice(0, 8).map((l) => `  # ${l}`).join('\n'));
        await screenshot(`FAILED-${path.basename(file, '.mjs')}-${name}`).catch(() => {});
        await ctx.wb.dismiss().catch(() => {});
      }
      if (state.interrupted) break;
      if (server.isDead()) { state.reasons.push(`ui: code-server died:\n${server.tail()}`); break; }
    }
  }
  console.log(`1..${n}`);
  log(`ui suite: ${n} test(s) in ${secs(started)} s`);
  await closeContext(context);
  await killGroup(server.child);
  state.servers.delete(server.child);
}

async function closeContext(context) {
  await withTimeout(context.close().catch(() => {}), 5000);
  state.contexts.delete(context);
}

function copyWorkspace(src, dir) {
  const dest = path.join(dir, 'workspace');
  fs.cpSync(src, dest, { recursive: true, filter: (p) => !/(^|\/)(node_modules|\.git|\.vscode-test)$/.test(p) });
  return dest;
}

// ------------------------------------------------------------------ main
async function main() {
  let code = 0;
  try {
    const o = parseArgs(process.argv.slice(2));
    state.keep = o.keep;
    for (const [what, file] of [['Node 24', NODE24], ['code-server', CODE_SERVER], ['chromium', CHROMIUM],
      ['playwright-core', path.join(PRIVATE, 'node_modules/playwright-core/package.json')]]) {
      if (!fs.existsSync(file)) fail(`${what} missing (${file}): run scripts/vscode/provision.sh`);
    }
    state.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lorekeeper-vscode-'));
    log(`temp dir ${state.tmp}`);
    if (o.suite === 'host' || o.suite === 'all') await hostSuite(o);
    if (o.suite === 'ui' || o.suite === 'all') await uiSuite(o);
    if (state.failed > 0 || state.reasons.length) code = 1;
    await cleanup(state.keep);
    log(`total ${secs(t0)} s`);
  } catch (err) {
    code = 1;
    const msg = err instanceof Fatal ? err.message : String(err?.stack ?? err);
    if (msg.includes('\n')) console.log(msg);
    state.reasons.push(msg);
    await cleanup(state.keep);
  }
  if (state.interrupted) return; // the signal handler reports and exits
  finish(code);
}

main();
