#!/usr/bin/env node
// The host suite (test/vscode/suite) under @vscode/test-electron, in a desktop VS Code, wherever
// one can be downloaded: `npm run test:electron`. Where the download is impossible (no network,
// as on this project's CI machine) it says so in one line and exits 0: the code-server route
// (`npm run test:vscode`) is then the CI path. On Linux without a display it needs xvfb-run.
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const version = process.env.LOREKEEPER_VSCODE_VERSION ?? 'stable';
const tests = join(root, 'dist-test', 'vscode', 'suite', 'index.js');
if (!existsSync(tests)) {
  console.error('test:electron: build first (node esbuild.mjs): dist-test/vscode/suite/index.js is missing.');
  process.exit(1);
}

let executable;
try {
  executable = await downloadAndUnzipVSCode({ version, cachePath: join(root, '.vscode-test', 'electron'), timeout: 15_000, reporter: { report() {}, error() {} } });
} catch (error) {
  const reason = String(error?.message ?? error).split('\n')[0];
  console.log(`test:electron: skipped — VS Code ${version} cannot be downloaded here (${reason}); the code-server suite (npm run test:vscode) covers the same tests.`);
  process.exit(0);
}

// The suite edits its workspace: run it on a copy.
const workspace = mkdtempSync(join(tmpdir(), 'lorekeeper-electron-'));
cpSync(join(root, 'test', 'vscode', 'fixtures', 'workspace'), workspace, { recursive: true });
try {
  await runTests({
    vscodeExecutablePath: executable,
    extensionDevelopmentPath: root,
    extensionTestsPath: tests,
    launchArgs: [workspace, '--disable-extensions', '--skip-welcome', '--skip-release-notes'],
  });
} catch (error) {
  console.error(`test:electron: the host suite failed in VS Code ${version}: ${error?.message ?? error}`);
  process.exitCode = 1;
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
