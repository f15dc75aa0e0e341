// The unknown-name typo index kept in the lore cache beside the merged base: a warm run restores it
// (the same output), a damaged or foreign one is ignored (the same output, no crash), and a lore
// change never lets an old one be used.
import assert from 'node:assert/strict';
import { appendFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { generate } from '../bench/generate.mjs';
import { corpusCheck, tempDir } from './cliCorpus';

test('the typo index is kept beside the cached base, restored on a warm run, and ignored when damaged or stale', () => {
  const dir = tempDir('lorekeeper-typos-');
  generate({ entries: 400, words: 20_000, chapters: 4, seed: 3, outDir: dir });
  const cache = join(dir, '.cache');
  const check = corpusCheck(dir, cache);
  const cold = check('1', 'json', '--no-cache');
  assert.match(cold, /"unknown-name"/, 'the corpus has misspelled names');
  const first = check('1', 'json');
  assert.equal(first, cold, 'the run that fills the cache');
  const folder = join(cache, 'lorekeeper');
  const typos = () => readdirSync(folder).filter((f) => f.endsWith('.typos.bin'));
  assert.equal(typos().length, 1, 'the typo index written beside the base');
  assert.equal(check('1', 'json'), cold, 'restored from the cache: the same findings');
  // Damaged: garbage, or cut short.
  writeFileSync(join(folder, typos()[0]), 'not a v8 payload at all');
  assert.equal(check('1', 'json'), cold, 'garbage in its place is ignored');
  assert.equal(check('1', 'json'), cold, 'and rewritten');
  const bytes = join(folder, typos()[0]);
  writeFileSync(bytes, Buffer.alloc(0));
  assert.equal(check('1', 'json'), cold, 'an empty file is ignored');
  // The name index kept beside it is restored alike, and ignored alike when damaged.
  const names = readdirSync(folder).filter((f) => f.endsWith('.names.bin'));
  assert.equal(names.length, 1, 'the name index written beside the base');
  writeFileSync(join(folder, names[0]), 'not a v8 payload at all');
  assert.equal(check('1', 'json'), cold, 'a damaged name index is ignored');
  assert.equal(check('1', 'json'), cold, 'and rewritten');
  // A lore change: the base's key changes, so the old index is not used; the findings follow the lore.
  appendFileSync(join(dir, 'lore', 'book-001.yaml'), '- name: Quintessa Vandermolen\n  kind: character\n');
  const changed = check('1', 'json', '--no-cache');
  assert.equal(check('1', 'json'), changed, 'after a lore change, the same as a cold run');
  assert.equal(check('1', 'json'), changed, 'and warm again');
});
