#!/usr/bin/env node
// Run Lorekeeper's tests inside a real VS Code (code-server + headless Chromium).
// Route and flags: /work/shared/REAL-VSCODE.md. Provision first: scripts/vscode/provision.sh
//
//   node scripts/vscode/run.mjs [--suite host|ui|all] [--ext DIR] [--workspace DIR]
//        [--ui-workspace sample|fixture|DIR] [--tests PATH] [--ui-tests DIR]
//        [--screenshots DIR] [--grep REGEXP] [--env KEY=VALUE]... [--timeout SECONDS]
//        [--verbose] [--keep]
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
//   --workspace (host suite) = test/vscode/fixtures/workspace, --ui-workspace = sample: the
//   shipped sample, the repo's lore/ + examples/ (`fixture`: the --workspace folder);
//   both are copied to the temp dir. --timeout 300 per suite. --grep filters ui tests too.
// Everything runs from a fresh temp dir that is removed afterwards; the code-server
// process group and the browser are always stopped.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  ROOT, Fatal, fail, log, secs, checkProvisioned, stopGroups, killGroup, killStragglers,
  withTimeout, packageExtension, privateEnv, installVsix, startServer, launchBrowser, copyWorkspace,
  composeSampleWorkspace, SAMPLE_FOLDERS,
} from './lib.mjs';

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
      case '--ui-workspace': o.uiWorkspace = need(i); i++; break;
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
        console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1).filter((l, i, a) => a.slice(0, i + 1).every((x) => x.startsWith('//'))).join('\n').replace(/^\/\/ ?/gm, ''));
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
  o.uiWorkspace ??= 'sample';
  if (o.uiWorkspace === 'fixture') o.uiWorkspace = o.workspace;
  else if (o.uiWorkspace !== 'sample') {
    o.uiWorkspace = path.resolve(o.uiWorkspace);
    if (!fs.existsSync(o.uiWorkspace) || !fs.statSync(o.uiWorkspace).isDirectory()) fail(`ui workspace folder not found (${o.uiWorkspace}); pass --ui-workspace sample|fixture|DIR`);
  }
  return o;
}

// ------------------------------------------------------------------ state + cleanup
const state = { interrupted: false, tmp: null, contexts: new Set(), passed: 0, failed: 0, reasons: [], cleaning: null };
const t0 = Date.now();

async function cleanup(keep) {
  if (state.cleaning) return state.cleaning;
  state.cleaning = (async () => {
    for (const ctx of state.contexts) await withTimeout(ctx.close().catch(() => {}), 5000);
    state.contexts.clear();
    await stopGroups();
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
// The UI suite's window: the size of the screenshots in docs/images.
const UI_VIEWPORT = { width: 1280, height: 800 };

async function browser(dir, env, opts) {
  const context = await launchBrowser(dir, env, opts);
  state.contexts.add(context);
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
  const server = await startServer(dir, env, workspace, { smokeDriver: true });
  const context = await browser(dir, env);

  let counts = { passing: null, failing: null };
  const failedTitles = new Map();
  const failedErrors = new Map();
  let failureNumber = null;
  let onExit;
  const exited = new Promise((r) => { onExit = r; });
  await context.exposeFunction('codeAutomationLog', (type, args) => {
    const line = formatAutomationLog(args);
    const m = /^\s*(\d+) (passing|failing)\b/.exec(line);
    if (m) counts[m[2]] = Number(m[1]);
    // The spec reporter marks a failing test in place ("  3) its title"), before the summary.
    const f = counts.passing === null && /^\s+(\d+)\) (.+)$/.exec(line);
    if (f && !failedTitles.has(f[1])) failedTitles.set(f[1], f[2].trim());
    // After the summary, each failure is printed again with its error: the first error line of
    // each goes into the closing FAILED line, which is all a CI log's tail may show.
    if (counts.failing !== null) {
      for (const l of line.split('\n')) {
        const again = /^\s+(\d+)\) /.exec(l);
        if (again) failureNumber = again[1];
        const error = failureNumber && !failedErrors.has(failureNumber) && /^\s*(?:\w*Error\b.*?:|Error:).*/.exec(l);
        if (error) failedErrors.set(failureNumber, error[0].trim().slice(0, 400));
      }
    }
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
      const titles = [...failedTitles].map(([n, t]) => `"${t}"${failedErrors.has(n) ? ` (${failedErrors.get(n)})` : ''}`).join(', ');
      state.reasons.push(`host suite: exit code ${result}${failing ? ` (${failing} failing${titles ? `: ${titles}` : ''})` : ' (no mocha summary: did run() throw?)'}`);
    } else if (passing === 0) {
      state.failed += 1;
      state.reasons.push('host suite: exit code 0 but no passing tests were reported');
    }
    log(`host suite: exit code ${result}, ${passing} passing, ${failing} failing, in ${secs(started)} s`);
  }
  await closeContext(context);
  await killGroup(server.child);
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
  const vsix = await packageExtension(o.ext, dir);
  await installVsix(vsix, dir, env);
  const workspace = o.uiWorkspace === 'sample' ? composeSampleWorkspace(dir) : copyWorkspace(o.uiWorkspace, dir);
  log(`ui workspace: ${o.uiWorkspace === 'sample' ? `the shipped sample (${SAMPLE_FOLDERS.map((f) => `${f}/`).join(' + ')})` : o.uiWorkspace}`);
  const server = await startServer(dir, env, workspace, { smokeDriver: false });
  const context = await browser(dir, env, { viewport: UI_VIEWPORT });
  const page = context.pages()[0] ?? await context.newPage();
  attachPageLogging(page, o, '  [ui]');

  fs.mkdirSync(o.screenshots, { recursive: true });
  // This run's screenshots only: drop the numbered ones an earlier run left.
  for (const f of fs.readdirSync(o.screenshots)) if (/^\d{2}-.*\.png$/.test(f)) fs.rmSync(path.join(o.screenshots, f));
  let shot = 0;
  const screenshot = async (name) => {
    const file = path.join(o.screenshots, `${String(++shot).padStart(2, '0')}-${name.replace(/[^\w.-]+/g, '_')}.png`);
    // Fade-ins (hovers, suggestions, toasts) fast-forwarded to their end: what the writer sees a moment later.
    await page.screenshot({ path: file, animations: 'disabled' });
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
      const title = `${path.basename(file, '.mjs')}: ${name}`;
      if (o.grep && !new RegExp(o.grep).test(title)) continue;
      n += 1;
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
}

async function closeContext(context) {
  await withTimeout(context.close().catch(() => {}), 5000);
  state.contexts.delete(context);
}

// ------------------------------------------------------------------ main
async function main() {
  let code = 0;
  try {
    const o = parseArgs(process.argv.slice(2));
    state.keep = o.keep;
    checkProvisioned();
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
