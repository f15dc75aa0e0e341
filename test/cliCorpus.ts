// Helpers for tests that run the built CLI on a generated bench corpus in a temporary folder.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after } from 'node:test';

export const CLI = resolve('dist/cli.js');
const temporary: string[] = [];
let cleaning = false;

/** A new temporary folder, removed when the test file ends. */
export function tempDir(prefix: string): string {
  if (!cleaning) {
    cleaning = true;
    after(() => temporary.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  }
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}

/**
 * `lorekeeper check manuscripts --lore lore` in `dir` with its lore cache in `cache`: returns its
 * output, asserting it printed nothing on stderr and exited 1 (the corpus has planted findings).
 * `nodeArgs` go to `node` before the CLI.
 */
export function corpusCheck(dir: string, cache: string, nodeArgs: string[] = []): (threads: string, format: string, ...flags: string[]) => string {
  return (threads, format, ...flags) => {
    const r = spawnSync(process.execPath, [...nodeArgs, CLI, 'check', 'manuscripts', '--lore', 'lore', '--format', format, '--threads', threads, ...flags], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: cache, LOREKEEPER_THREADS: '' },
    });
    assert.equal(r.stderr, '', `--threads ${threads} --format ${format} ${flags.join(' ')}`);
    assert.equal(r.status, 1, 'the corpus has planted contradictions');
    return r.stdout;
  };
}
