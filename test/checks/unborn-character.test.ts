import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CANON, check, codes, prepared, textAt } from '../helpers';

test('unborn-character: a character acting before their birth is caught', async () => {
  const lore = await prepared(CANON);
  const text = '<!-- when: 2364 -->\n"Mommy, look," Kestra said.\n';
  const found = codes(check(lore, text), 'unborn-character');
  assert.equal(found.length, 1);
  assert.equal(textAt(text, found[0]), 'Kestra');
  assert.equal(found[0].entity, 'kestra-troi-riker');
  assert.match(found[0].message, /^Kestra Troi-Riker was born in 2381, but this scene is set in 2364\.$/);
});

test('unborn-character: near-misses — the birth year, a reference, a memory, a prophecy in dialogue', async () => {
  const lore = await prepared(CANON);
  for (const text of [
    '<!-- when: 2381 -->\nKestra cried for the first time.\n', // same year
    '<!-- when: 2364 -->\nTroi dreamed of a daughter named after Kestra.\n', // reference after a preposition
    '<!-- when: 2364, mode: vision -->\nKestra laughed.\n', // vision scene
    '<!-- when: 2364 -->\n"Kestra will be her name," Troi said.\n', // dialogue
  ]) {
    assert.deepEqual(codes(check(lore, text), 'unborn-character'), [], text);
  }
});
