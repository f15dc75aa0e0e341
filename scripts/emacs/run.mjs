// A third real editor: Emacs (batch) with eglot, on the sample story, with the configuration
// docs/editors.md gives — the elisp block of its Emacs section is extracted and loaded as is.
// Passes when flymake shows Lorekeeper's diagnostics (the sample's eight problems, with the
// severity that configuration sets for unknown-name) and eldoc the hover card of Picard, and no
// process of the run is left. Usage: node scripts/emacs/run.mjs (after npm run build).
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TIMEOUT_S = Number(process.env.LK_EMACS_TIMEOUT_S) || 60; // Emacs' own watchdog stops it at 80 %
const fail = (message) => {
  console.error(`Emacs + eglot + lorekeeper lsp: FAILED — ${message}`);
  process.exit(1);
};

const version = spawnSync('emacs', ['--version'], { encoding: 'utf8' });
if (version.error || version.status !== 0) fail('emacs not found: install it (apt-get install -y emacs-nox elpa-eglot elpa-markdown-mode) — .ci/run does.');
if (!existsSync(join(root, 'dist', 'cli.js'))) fail('dist/cli.js is missing: run npm run build first.');

// The configuration exactly as the docs give it.
const docs = readFileSync(join(root, 'docs', 'editors.md'), 'utf8');
const section = docs.split(/^## /m).find((s) => s.startsWith('Emacs'));
const config = section && /```elisp\n([\s\S]*?)```/.exec(section)?.[1];
if (!config) fail('docs/editors.md has no ```elisp block in its Emacs section.');

// A writer's project: the sample story and its lore in a Git repository (eglot roots the server
// at the project, which project.el finds through version control); `lorekeeper` on PATH.
const work = mkdtempSync(join(tmpdir(), 'lorekeeper-emacs-'));
const project = join(work, 'story');
mkdirSync(join(project, 'chapters'), { recursive: true });
cpSync(join(root, 'lore'), join(project, 'lore'), { recursive: true });
const story = join(project, 'chapters', 'the-vineyard-at-dusk.md');
cpSync(join(root, 'examples', 'the-vineyard-at-dusk.md'), story);
const git = spawnSync('git', ['init', '-q', project], { encoding: 'utf8' });
if (git.error || git.status !== 0) fail(`git init failed (${git.error?.message ?? git.stderr.trim()}): eglot needs a project root.`);
const bin = join(work, 'bin');
mkdirSync(bin);
writeFileSync(join(bin, 'lorekeeper'), `#!/bin/sh\nexec "${process.execPath}" "${join(root, 'dist', 'cli.js')}" "$@"\n`);
chmodSync(join(bin, 'lorekeeper'), 0o755);
const init = join(work, 'init.el');
writeFileSync(init, config);
const home = join(work, 'home');
mkdirSync(home);
const out = join(work, 'result.json');
const marker = `lorekeeper-emacs-${process.pid}-${Date.now()}`;

const started = Date.now();
const emacs = spawn('emacs', ['--batch', '-l', join(root, 'scripts', 'emacs', 'driver.el')], {
  cwd: project,
  detached: true,
  stdio: ['ignore', 'pipe', 'pipe'],
  env: { ...process.env, HOME: home, PATH: `${bin}:${process.env.PATH}`, LK_INIT: init, LK_STORY: story, LK_OUT: out, LK_TIMEOUT: String(Math.max(1, Math.floor(TIMEOUT_S * 0.8))), LK_RUN: marker },
});
let stderr = '';
emacs.stdout.on('data', () => {});
emacs.stderr.on('data', (chunk) => { stderr += chunk; });
const killer = setTimeout(() => {
  try { process.kill(-emacs.pid, 'SIGKILL'); } catch { /* gone */ }
}, TIMEOUT_S * 1000);
const status = await new Promise((done) => emacs.on('close', (code, signal) => done(signal ?? code)));
clearTimeout(killer);

// Every process of the run carries the marker in its environment: none may outlive Emacs.
const leftovers = () => {
  if (!existsSync('/proc')) return [];
  const found = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(`LK_RUN=${marker}`)) found.push(Number(pid));
    } catch { /* gone or not ours */ }
  }
  return found;
};
let left = leftovers();
for (let i = 0; i < 20 && left.length > 0; i++) {
  await new Promise((r) => setTimeout(r, 100));
  left = leftovers();
}
for (const pid of left) {
  try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
}

let result;
try {
  result = JSON.parse(readFileSync(out, 'utf8'));
} catch {
  rmSync(work, { recursive: true, force: true });
  fail(`Emacs wrote no result (exit ${status}${status === 'SIGKILL' ? `, killed after ${TIMEOUT_S} s` : ''}): ${stderr.trim().split('\n').slice(-3).join(' | ') || 'no output'}`);
}
rmSync(work, { recursive: true, force: true });

if ((result.errors ?? []).length > 0) fail(`Emacs: ${result.errors.join('; ')}${left.length > 0 ? ` (and ${left.length} leftover process(es), killed)` : ''}`);
const failures = [];
const expect = (ok, what) => {
  if (!ok) failures.push(what);
};
const diagnostics = result.diagnostics ?? [];
const codeOf = (d) => /^Lorekeeper \[([a-z-]+)\]: /.exec(d.text)?.[1];
const codes = diagnostics.map(codeOf).filter(Boolean).sort();
const wanted = ['dead-character', 'nonexistent-entity', 'unborn-character', 'unknown-name', 'wrong-age', 'wrong-date', 'wrong-elapsed-time', 'wrong-title'];
expect(result.mode === 'markdown-mode', `the story opens in markdown-mode (got ${result.mode})`);
expect(result.flymake === true, 'eglot turns flymake on in the story');
expect(JSON.stringify(codes) === JSON.stringify(wanted), `flymake shows one diagnostic of each code the sample shows: ${wanted.join(', ')} (got ${codes.join(', ') || 'none'})`);
expect(diagnostics.length === wanted.length && codes.length === diagnostics.length, `exactly the sample's ${wanted.length} problems, all Lorekeeper's (got ${diagnostics.length})`);
const unknown = diagnostics.find((d) => codeOf(d) === 'unknown-name');
expect(unknown?.type === 'eglot-warning', `unknown-name is a warning, as the documented eglot-workspace-configuration sets (got ${unknown?.type}): workspace/configuration reaches the server`);
expect(diagnostics.filter((d) => codeOf(d) !== 'unknown-name').every((d) => d.type === 'eglot-warning'), 'the other checks keep their warning severity');
const line = (code) => diagnostics.find((d) => codeOf(d) === code)?.line;
expect(line('unborn-character') === 23 && line('wrong-title') === 124, `diagnostics on the sample's lines (unborn-character 23, wrong-title 124; got ${line('unborn-character')}, ${line('wrong-title')})`);
expect(typeof result.hover === 'string' && result.hover.includes('Jean-Luc Picard'), `eldoc shows Picard's card (got ${JSON.stringify(result.hover)?.slice(0, 160)})`);
expect(typeof result.hover === 'string' && /\b94\b/.test(result.hover), 'the card gives his age at the scene\'s date (94)');
expect(result.serverExited === true, 'eglot-shutdown ends the server');
expect(left.length === 0, `no process of the run left behind (killed ${left.join(', ')})`);
const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (failures.length > 0) fail(`${failures[0]}${failures.length > 1 ? ` (and ${failures.length - 1} more: ${failures.slice(1).join('; ')})` : ''} (${seconds} s)`);
console.log(`${version.stdout.split('\n')[0]} + eglot + lorekeeper lsp: ${diagnostics.length} flymake diagnostics (${codes.join(', ')}), the eldoc card of Picard, server shut down, in ${seconds} s.`);
