// `lorekeeper check` on one thread and two, with and without the lore cache: the same output,
// byte for byte, on a small corpus of the benchmark's generator — and the same as the engine
// checking each manuscript in turn in this process.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { generate } from '../bench/generate.mjs';
import { checkManuscript, prepareLore } from '../src/core/check';
import { loadLore } from '../src/core/lore/load';
import { formatJson } from '../src/cli/output';
import { nodeFileSystem } from '../src/cli/nodeFileSystem';
import { checkThreads, shareOut } from '../src/cli/parallelCheck';
import type { Diagnostic } from '../src/core/types';
import { CLI, corpusCheck, tempDir } from './cliCorpus';

test('parallel check: shares are dealt by size, every manuscript in exactly one, each share in list order', () => {
  const sizes = [10, 500, 20, 480, 30, 0];
  const shares = shareOut(sizes, 2);
  assert.deepEqual(shares.flat().sort((a, b) => a - b), [0, 1, 2, 3, 4, 5]);
  for (const share of shares) assert.deepEqual(share, [...share].sort((a, b) => a - b));
  const load = shares.map((share) => share.reduce((sum, i) => sum + sizes[i], 0));
  assert.ok(Math.abs(load[0] - load[1]) <= 30, `balanced: ${load}`);
  assert.deepEqual(shareOut(sizes, 1), [[0, 1, 2, 3, 4, 5]], 'one thread: everything, in order');
  assert.deepEqual(shareOut([], 2), [[], []]);
});

test('parallel check: threads are the setting (capped by the manuscripts), else 2 only for enough text', () => {
  const saved = process.env.LOREKEEPER_THREADS;
  delete process.env.LOREKEEPER_THREADS;
  try {
    assert.equal(checkThreads(1, [5e6, 5e6]), 1);
    assert.equal(checkThreads(4, [5e6, 5e6]), 2, 'never more threads than manuscripts');
    assert.equal(checkThreads(2, [100]), 1);
    assert.equal(checkThreads(undefined, [1000, 1000]), 1, 'one thread unless asked: a second thread loads the lore again');
    assert.equal(checkThreads(undefined, [3e6, 3e6, 3e6]), 1, 'one thread unless asked, however much manuscript');
    process.env.LOREKEEPER_THREADS = '1';
    assert.equal(checkThreads(undefined, [5e6, 5e6]), 1, 'LOREKEEPER_THREADS when there is no flag');
    assert.equal(checkThreads(2, [5e6, 5e6]), 2, 'the flag wins over the environment');
  } finally {
    if (saved === undefined) delete process.env.LOREKEEPER_THREADS;
    else process.env.LOREKEEPER_THREADS = saved;
  }
});

test('parallel check: a bench corpus checks byte-identically cold and warm, on one thread and two, and as the engine does in process', async () => {
  const dir = tempDir('lorekeeper-parallel-');
  const manifest = generate({ entries: 500, words: 30_000, chapters: 6, seed: 3, outDir: dir });
  const cache = tempDir('lorekeeper-parallel-cache-');
  const run = corpusCheck(dir, cache);
  // Cold on one thread, cold on two, then the first warm run (which writes the cache), then warm runs.
  const outputs = [run('1', 'json', '--no-cache'), run('2', 'json', '--no-cache'), run('2', 'json'), run('1', 'json'), run('2', 'json'), run('3', 'json')];
  for (const out of outputs.slice(1)) assert.equal(out, outputs[0]);
  assert.ok(readdirSync(join(cache, 'lorekeeper')).length > 0, 'the warm runs used a cache');
  assert.equal(run('2', 'text'), run('1', 'text', '--no-cache'));

  // The engine, one manuscript after another in this process: what the CLI printed before threads.
  const loaded = await loadLore(nodeFileSystem, [{ name: 'lore', path: join(dir, 'lore') }]);
  const lore = prepareLore(loaded.base);
  const diagnostics: Diagnostic[] = [];
  for (const name of readdirSync(join(dir, 'manuscripts')).sort()) {
    diagnostics.push(...checkManuscript(lore, `manuscripts/${name}`, readFileSync(join(dir, 'manuscripts', name), 'utf8')).diagnostics);
  }
  assert.equal(loaded.base.problems.length, 0);
  const expected = formatJson({ diagnostics, filesChecked: 6 });
  assert.equal(outputs[0], expected);
  // A config's severities and words, and a manuscript that cannot be read, travel to the workers too.
  writeFileSync(join(dir, 'lorekeeper.yaml'), 'checks:\n  wrong-age: off\n  dead-character: error\n');
  writeFileSync(join(dir, 'manuscripts', 'ch000-broken.md'), Buffer.from([0x41, 0x00, 0xff, 0xfe, 0x00, 0x42]));
  const configured = run('1', 'json');
  assert.equal(run('2', 'json'), configured);
  const configuredCodes = (JSON.parse(configured) as { diagnostics: Array<{ code: string; severity: string; file: string }> }).diagnostics;
  assert.ok(!configuredCodes.some((d) => d.code === 'wrong-age'));
  assert.ok(configuredCodes.filter((d) => d.code === 'dead-character').every((d) => d.severity === 'error'));
  assert.deepEqual(configuredCodes.filter((d) => d.code === 'unreadable-manuscript').map((d) => d.file), ['manuscripts/ch000-broken.md']);
  const codes = new Set(diagnostics.map((d) => d.code));
  const planted = Object.keys(manifest.planted as Record<string, number>).filter((k) => !k.startsWith('near-miss'));
  for (const code of planted) assert.ok(codes.has(code as Diagnostic['code']), `the corpus exercises ${code}`);
});

test('parallel check: a bad --threads is a one-line usage error, exit 2', () => {
  for (const value of ['0', 'two', '17', '1.5']) {
    const r = spawnSync(process.execPath, [CLI, 'check', 'examples/', '--threads', value], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    assert.equal(r.status, 2, value);
    assert.equal(r.stderr, `lorekeeper: --threads must be a whole number from 1 to 16, not "${value}"\n`);
  }
  const ok = spawnSync(process.execPath, [CLI, 'check', 'examples/', '--threads=2', '--format', 'json'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(ok.status, 1, 'a near-miss: a valid count checks as usual');
});
