#!/usr/bin/env node
// The web extension, proven in a real browser workbench: code-server runs an extension that has a
// `browser` entry and no `main` in its WEB WORKER extension host (the one vscode.dev and
// github.dev have), never in its Node one. So this script packages Lorekeeper without `main`,
// installs it, opens the shipped sample in headless Chromium, and checks what a writer sees:
// the status bar (the lore read through vscode.workspace.fs by the server in its own web
// worker), the story's problems in Problems, and a hover card at the scene's date.
//
//   node scripts/vscode/web.mjs [--keep]      (after npm run build; provisioned like test:vscode)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ROOT, Fatal, log, secs, checkProvisioned, stopGroups, packageExtension, privateEnv, installVsix,
  startServer, launchBrowser, composeSampleWorkspace,
} from './lib.mjs';

const keep = process.argv.includes('--keep');
const STORY = 'examples/the-vineyard-at-dusk.md';
const WARNINGS = 8; // the sample's problems: one per code (7 warnings and the misspelling, an info since issue 11)

/** A copy of what the .vsix holds, with `main` removed from the manifest: a web-only extension. */
function webOnlyStage(dir) {
  const stage = path.join(dir, 'web-extension');
  fs.mkdirSync(stage, { recursive: true });
  for (const entry of ['dist', 'docs', 'images', 'syntaxes', 'schemas', 'README.md', 'CHANGELOG.md', 'LICENSE', '.vscodeignore']) {
    const from = path.join(ROOT, entry);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(stage, entry), { recursive: true });
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  if (!manifest.browser) throw new Fatal('package.json has no "browser" entry');
  delete manifest.main;
  delete manifest.scripts; // vsce would run `vscode:prepublish`-like hooks otherwise
  fs.writeFileSync(path.join(stage, 'package.json'), JSON.stringify(manifest, null, 2));
  for (const bundle of ['dist/browser/extension.js', 'dist/browser/server.js']) {
    if (!fs.existsSync(path.join(stage, bundle))) throw new Fatal(`${bundle} is missing: run npm run build first`);
  }
  return { stage, extensionId: `${manifest.publisher}.${manifest.name}` };
}

async function main() {
  const started = Date.now();
  checkProvisioned();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lorekeeper-web-'));
  const env = privateEnv(dir);
  let context;
  let failures = 0;
  try {
    const { stage, extensionId } = webOnlyStage(dir);
    const vsix = await packageExtension(stage, dir);
    await installVsix(vsix, dir, env);
    const workspace = composeSampleWorkspace(dir);
    const server = await startServer(dir, env, workspace, {});
    context = await launchBrowser(dir, env, { viewport: { width: 1280, height: 800 } });
    const page = context.pages()[0] ?? (await context.newPage());
    const workerLog = [];
    page.on('console', (m) => workerLog.push(`[${m.type()}] ${m.text()}`));
    page.on('worker', (w) => workerLog.push(`[worker] ${w.url()}`));
    const { createWorkbench } = await import(pathToFileURL(path.join(ROOT, 'test/vscode/ui/workbench.mjs')).href);
    const shots = path.join(ROOT, 'test-results', 'vscode-web');
    fs.mkdirSync(shots, { recursive: true });
    const ctx = { page, workspace, extensionId, serverUrl: server.url, screenshot: (name) => page.screenshot({ path: path.join(shots, `${name}.png`), animations: 'disabled' }) };
    const wb = createWorkbench(ctx);
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`, { waitUntil: 'domcontentloaded' });
    await wb.waitForWorkbench(90_000);
    log('workbench ready');

    const check = async (title, fn) => {
      const t = Date.now();
      try {
        await fn();
        console.log(`ok - web: ${title} (${secs(t)} s)`);
      } catch (error) {
        failures++;
        console.log(`not ok - web: ${title} (${secs(t)} s)\n  # ${String(error?.message ?? error).split('\n')[0]}`);
        await ctx.screenshot(`FAILED-${title.replace(/\W+/g, '-')}`).catch(() => {});
      }
    };
    await check('the story opens and the status bar shows the canon read in the web worker', async () => {
      await wb.openFile(STORY, { via: 'explorer' });
      await wb.goTo(35);
      const text = await wb.waitFor(async () => {
        const t = await wb.statusBarItem('Star Trek: Picard', { timeout: 60_000 });
        return t.includes('September 2399') && t;
      }, 60_000, 'the status bar with the scene date');
      if (!/Star Trek: Picard · \d+ entries · September 2399/.test(text)) throw new Error(`status bar: ${text}`);
      await ctx.screenshot('web-status-bar');
    });
    await check(`the ${WARNINGS} problems of the story are in Problems`, async () => {
      await wb.waitFor(async () => (await wb.problemCount()) === WARNINGS, 30_000, `${WARNINGS} problems`);
    });
    await check('hovering Picard shows his card at the scene date', async () => {
      const card = await wb.hoverWord('Picard', { expect: '94 years old' });
      if (!/In 2399: 94 years old\./.test(card)) throw new Error(`card: ${card.slice(0, 200)}`);
      await ctx.screenshot('web-hover');
    });
    // The Node extension host never loaded it: only the web worker could have.
    const exthostLogs = fs.readdirSync(path.join(server.userData, 'logs'), { recursive: true }).filter((f) => /exthost\.log$/.test(f));
    const inNode = exthostLogs.some((f) => fs.readFileSync(path.join(server.userData, 'logs', f), 'utf8').toLowerCase().includes(`_doactivateextension ${extensionId},`));
    await check('the extension ran in the web worker extension host, not in Node', async () => {
      if (inNode) throw new Error('the Node extension host activated it');
    });
    if (failures > 0) {
      const file = path.join(shots, 'browser-console.log');
      fs.writeFileSync(file, workerLog.join('\n'));
      console.log(`  # the browser's console: ${path.relative(ROOT, file)}`);
    }
  } finally {
    if (context) await context.close().catch(() => {});
    await stopGroups();
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
  log(`web: ${failures === 0 ? 'passed' : `${failures} failed`} in ${secs(started)} s`);
  process.exitCode = failures === 0 ? 0 : 1;
}

main().catch(async (error) => {
  console.error(error instanceof Fatal ? `web: ${error.message}` : error);
  await stopGroups().catch(() => {});
  process.exitCode = 1;
});
