/**
 * Mocha entry for in-host VS Code tests (the @vscode/test-electron contract:
 * VS Code loads this module from `extensionTestsPath` and awaits `run()`).
 *
 * Works under both runners:
 *  - scripts/vscode/run.mjs --suite host (code-server, this machine): the browser opens
 *    the workbench with `extensionTestsPath=vscode-remote://host:port/<abs path to this
 *    file>`, so run() executes in code-server's *remote Node extension host* (Node 24):
 *    `require`, `fs`, `process.env` all work, and `vscode` is the real API.
 *  - @vscode/test-electron (desktop VS Code), unchanged.
 *
 * Test discovery: the build compiles test/vscode/suite/*.ts one-to-one into
 * dist-test/vscode/suite/*.js (CJS, `vscode` and `mocha` external). Every `*.test.js`
 * file in this module's own folder (recursively) is a test module; other files (helpers)
 * are only loaded when a test imports them. (Only point `node --test` at
 * dist-test/unit/: these modules need the real `vscode`.)
 *
 * Test files use the TDD interface: `import { suite, test } from 'mocha'`.
 * Optional environment (run.mjs --grep sets it via extensionEnvironment):
 *   VSCODE_TEST_GREP  only run tests whose full title matches this regexp.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

// Typed locally (not via @types/mocha) so this entry type-checks on its own; mocha is
// loaded at run time from the project's node_modules (keep it external in the bundle).
interface MochaInstance {
  addFile(file: string): void;
  run(done: (failures: number) => void): unknown;
}
type MochaCtor = new (options: Record<string, unknown>) => MochaInstance;

// mocha 12 is an ES module re-exporting a CJS build: under require(esm) the constructor
// is the namespace's `default`; mocha <= 11 (CJS) exports it directly.
function loadMocha(): MochaCtor {
  const m = require('mocha') as MochaCtor | { default: MochaCtor };
  return typeof m === 'function' ? m : m.default;
}

export function findTestFiles(dir: string): string[] {
  const entries = fs.readdirSync(dir, { recursive: true, withFileTypes: false }) as string[];
  return entries
    .filter((rel) => rel.endsWith('.test.js'))
    .map((rel) => path.join(dir, rel))
    .filter((file) => fs.statSync(file).isFile())
    .sort();
}

export function run(): Promise<void> {
  const Mocha = loadMocha();
  const grep = process.env.VSCODE_TEST_GREP;
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    reporter: 'spec',
    timeout: 30_000,
    ...(grep ? { grep: new RegExp(grep) } : {}),
  });

  const files = findTestFiles(__dirname);
  if (files.length === 0) {
    return Promise.reject(new Error(`no VS Code test modules found next to ${__filename}`));
  }
  for (const file of files) mocha.addFile(file);

  return new Promise<void>((resolve, reject) => {
    try {
      // mocha.run() require()s the files synchronously (CJS), so `require('vscode')`
      // inside them goes through VS Code's module interceptor.
      mocha.run((failures) => {
        if (failures > 0) reject(new Error(`${failures} VS Code test(s) failed`));
        else resolve();
      });
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
