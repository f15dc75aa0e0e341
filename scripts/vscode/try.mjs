#!/usr/bin/env node
// Try Lorekeeper in VS Code in your browser, on the shipped sample (the repo's lore/ and
// examples/, copied to a temp folder so your edits never touch the repo):
//
//   npm run try                       (builds first; same as: node esbuild.mjs && node scripts/vscode/try.mjs)
//   node scripts/vscode/try.mjs [--port N] [--workspace DIR]
//
// Packages the extension as it is built in dist/, installs it into a private code-server
// (VS Code's own server, provisioned by scripts/vscode/provision.sh), serves it on
// 127.0.0.1 (a free port unless --port) and prints the address. Ctrl+C stops the server
// and its extension host and removes the temp folder. --workspace serves a copy of DIR
// instead of the sample.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ROOT, Fatal, fail, log, checkProvisioned, stopGroups, killStragglers, packageExtension, privateEnv,
  installVsix, startServer, copyWorkspace, composeSampleWorkspace,
} from './lib.mjs';

let tmp = null;
let stopping = null;

function stop(code) {
  stopping ??= (async () => {
    await stopGroups();
    const n = killStragglers(tmp);
    if (n) log(`killed ${n} leftover process(es)`);
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
    log('stopped; temp folder removed');
    process.exit(code);
  })();
  return stopping;
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => { console.log(''); void stop(0); });

function parseArgs(argv) {
  const o = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => { if (argv[i + 1] === undefined) fail(`missing value for ${a}`); return argv[++i]; };
    if (a === '--port') o.port = Number(value());
    else if (a === '--workspace') o.workspace = path.resolve(value());
    else if (a === '-h' || a === '--help') {
      console.log(fs.readFileSync(new URL(import.meta.url), 'utf8').split('\n').slice(1, 13).join('\n').replace(/^\/\/ ?/gm, ''));
      process.exit(0);
    } else fail(`unknown argument ${a}`);
  }
  if (o.port !== undefined && !(Number.isInteger(o.port) && o.port > 0 && o.port < 65536)) fail('--port wants a port number');
  if (o.workspace && !fs.existsSync(o.workspace)) fail(`workspace folder not found: ${o.workspace}`);
  return o;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  checkProvisioned();
  if (!fs.existsSync(path.join(ROOT, 'dist/extension.js'))) fail('dist/extension.js not found: build first (node esbuild.mjs), or use npm run try');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lorekeeper-try-'));
  const env = privateEnv(tmp);
  const vsix = await packageExtension(ROOT, tmp);
  await installVsix(vsix, tmp, env);
  const workspace = o.workspace ? copyWorkspace(o.workspace, tmp) : composeSampleWorkspace(tmp);
  const server = await startServer(tmp, env, workspace, { port: o.port });
  const url = `${server.url}/?folder=${encodeURIComponent(workspace)}`;
  console.log(`
  Lorekeeper in VS Code: ${url}

  Open it in a browser on this machine (it listens on 127.0.0.1 only). The workspace is a
  copy of the sample: open examples/the-vineyard-at-dusk.md from the Explorer, hover a
  name, press Ctrl+Space after a few letters of one, open Problems (Ctrl+Shift+M), or run
  "Lorekeeper: Check Continuity" (F1). Server log: ${server.logFile}

  Ctrl+C to stop.
`);
  const watch = setInterval(() => {
    if (stopping) { clearInterval(watch); return; }
    if (!server.isDead()) return;
    clearInterval(watch);
    console.log(`code-server stopped on its own:\n${server.tail()}`);
    void stop(1);
  }, 1000);
}

main().catch((err) => {
  console.log(err instanceof Fatal ? err.message : String(err?.stack ?? err));
  void stop(1);
});
