// Fuzz: the CLI's argument parsing, through the real binary (dist/cli.js) in a small workspace.
// Any argument list ends with exit 0, 1 or 2; a usage error is one line on stderr; never a stack.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { params } from './budget';

const CLI = resolve('dist/cli.js');
let workspace = '';

before(() => {
  workspace = mkdtempSync(join(tmpdir(), 'lorekeeper-fuzz-'));
  mkdirSync(join(workspace, 'lore'));
  mkdirSync(join(workspace, 'chapters'));
  writeFileSync(join(workspace, 'lore', 'crew.yaml'), '- name: Data\n  born: 2338\n  died: 2379\n');
  writeFileSync(join(workspace, 'chapters', 'one.md'), '<!-- when: 2399 -->\nData walked in.\n');
  writeFileSync(join(workspace, 'lorekeeper.yml.bad'), 'lore: [\n');
});

after(() => rmSync(workspace, { recursive: true, force: true }));

// Only names inside the workspace: the property is about parsing arguments, not walking the disk.
const word = fc.string({ maxLength: 8 }).filter((s) => !/[\0/\\]/.test(s) && !s.startsWith('.') && !s.startsWith('~'));
const arg = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('check', '--lore', 'lore', '--format', 'json', 'sarif', 'text', 'xml', '--config', 'lorekeeper.yml.bad', '--no-cache', '--help', '-h', '--version', '-v', 'chapters', 'chapters/one.md', '--', '-', '--lore=', '--format=json', '--format=', '--unknown', '-x', 'missing.md', '') },
  { weight: 1, arbitrary: word },
  { weight: 1, arbitrary: word.map((w) => `--${w}`) },
);
const argv = fc.oneof(fc.array(arg, { maxLength: 6 }), fc.array(arg, { maxLength: 5 }).map((rest) => ['check', ...rest]));

test('fuzz CLI: any argument list exits 0, 1 or 2, with one line on stderr for a usage error', () => {
  fc.assert(
    fc.property(argv, (args) => {
      const run = spawnSync(process.execPath, [CLI, ...args], {
        cwd: workspace,
        encoding: 'utf8',
        timeout: 20_000,
        env: { ...process.env, XDG_CACHE_HOME: join(workspace, '.cache') },
      });
      const shown = JSON.stringify(args);
      assert.equal(run.error, undefined, `${shown}: ${run.error?.message}`);
      assert.ok([0, 1, 2].includes(run.status ?? -1), `${shown}: exit ${run.status}`);
      assert.doesNotMatch(run.stderr, /internal error|\n\s+at /, `${shown}: ${run.stderr}`);
      if (run.status === 2) assert.equal(run.stderr.trimEnd().split('\n').length, 1, `${shown}: ${run.stderr}`);
      if (args.includes('--format=json') && run.status !== 2 && !args.some((a) => ['--help', '-h', '--version', '-v'].includes(a))) {
        assert.doesNotThrow(() => JSON.parse(run.stdout), `${shown}: JSON on stdout`);
      }
    }),
    params(8),
  );
});
