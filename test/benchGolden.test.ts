// The output of `lorekeeper check` on a seeded corpus of the benchmark's generator, byte for
// byte, against golden files written by the code before the speed work of issue 13: cold and
// warm lore cache, one thread and two, JSON and text. Any optimisation of the check must keep it.
//
// To rewrite the golden files after a deliberate change of the output (and only then):
//   npm run build && LOREKEEPER_UPDATE_GOLDEN=1 node --test dist-test/unit/benchGolden.test.js
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { GENERATOR_VERSION, generate } from '../bench/generate.mjs';
import { corpusCheck, tempDir } from './cliCorpus';

const GOLDEN = resolve('test/fixtures/bench-golden');
const CORPUS = { entries: 1000, words: 100_000, chapters: 16, seed: 7 };

test('bench golden: check output is byte-identical to the golden files, cold and warm, on one thread and two', () => {
  const dir = tempDir('lorekeeper-golden-');
  generate({ ...CORPUS, outDir: dir });
  const cache = tempDir('lorekeeper-golden-cache-');
  const run = corpusCheck(dir, cache);

  if (process.env.LOREKEEPER_UPDATE_GOLDEN === '1') {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(join(GOLDEN, 'check.json'), run('1', 'json', '--no-cache'));
    writeFileSync(join(GOLDEN, 'check.txt'), run('1', 'text', '--no-cache'));
    writeFileSync(join(GOLDEN, 'corpus.json'), `${JSON.stringify({ ...CORPUS, generatorVersion: GENERATOR_VERSION }, null, 2)}\n`);
  }
  const meta = JSON.parse(readFileSync(join(GOLDEN, 'corpus.json'), 'utf8')) as typeof CORPUS & { generatorVersion: number };
  assert.equal(meta.generatorVersion, GENERATOR_VERSION, 'the generator changed: the golden files describe another corpus (see the header to rewrite them)');
  assert.deepEqual({ ...meta, generatorVersion: undefined }, { ...CORPUS, generatorVersion: undefined });

  const json = readFileSync(join(GOLDEN, 'check.json'), 'utf8');
  const text = readFileSync(join(GOLDEN, 'check.txt'), 'utf8');
  // A golden file that says nothing would let anything pass: it holds many findings of many codes.
  const codes = new Set((JSON.parse(json) as { diagnostics: Array<{ code: string }> }).diagnostics.map((d) => d.code));
  for (const code of ['dead-character', 'unknown-name', 'wrong-age', 'wrong-date', 'wrong-elapsed-time', 'nonexistent-entity']) {
    assert.ok(codes.has(code), `the golden output has ${code}`);
  }

  // Cold on one thread and two; then the first warm run (it writes the cache); then warm runs.
  assert.equal(run('1', 'json', '--no-cache'), json, 'cold, one thread');
  assert.equal(run('2', 'json', '--no-cache'), json, 'cold, two threads');
  assert.equal(run('1', 'json'), json, 'filling the cache, one thread');
  assert.ok(existsSync(join(cache, 'lorekeeper')) && readdirSync(join(cache, 'lorekeeper')).length > 0, 'the warm runs use a cache');
  assert.equal(run('1', 'json'), json, 'warm, one thread');
  assert.equal(run('2', 'json'), json, 'warm, two threads');
  assert.equal(run('1', 'text'), text, 'warm, one thread, text');
  assert.equal(run('2', 'text', '--no-cache'), text, 'cold, two threads, text');
  // A check lowers V8's inlining budget and compiles its regexes without the interpreter first
  // (src/cli/cli.ts); with V8's defaults given to node, which the check then leaves alone, the
  // output is the same.
  const v8Defaults = corpusCheck(dir, cache, ['--max-inlined-bytecode-size=460', '--max-inlined-bytecode-size-cumulative=920', '--regexp-tier-up']);
  assert.equal(v8Defaults('1', 'json'), json, "warm, one thread, V8's default inlining");
  assert.equal(v8Defaults('2', 'json', '--no-cache'), json, "cold, two threads, V8's default inlining");
});
