import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CANON, check, codes, prepared, textAt } from '../helpers';

test('nonexistent-entity: a ship or place present after its end or before its beginning', async () => {
  const lore = await prepared(CANON);
  const cases: Array<[string, string]> = [
    ['<!-- when: 2399 -->\nRios beamed aboard the Enterprise-D.\n', 'Enterprise-D'],
    ['<!-- when: 2399 -->\nThey landed on Romulus at dawn.\n', 'Romulus'],
    ['<!-- when: 2399 -->\nThe shuttle reached Romulus.\n', 'Romulus'],
    ['<!-- when: 2380 -->\nLa Sirena dropped out of warp.\n', 'La Sirena'],
    ['<!-- when: 2399 -->\nThe USS Enterprise-D fired its phasers.\n', 'USS Enterprise-D'],
  ];
  for (const [text, name] of cases) {
    const found = codes(check(lore, text), 'nonexistent-entity');
    assert.equal(found.length, 1, text);
    assert.equal(textAt(text, found[0]), name);
  }
  const [romulus] = codes(check(lore, cases[1][0]), 'nonexistent-entity');
  assert.equal(romulus.message, 'Romulus ceased to exist in 2387 (Destroyed by the Romulan supernova), but this scene is set in 2399.');
});

test('nonexistent-entity: references, events and in-range scenes are left alone', async () => {
  const lore = await prepared(CANON);
  for (const text of [
    '<!-- when: 2399 -->\nThe refugees from Romulus built a new life.\n',
    '<!-- when: 2399 -->\nShe remembered Romulus.\n',
    "<!-- when: 2399 -->\nRomulus's destruction changed everything.\n",
    '<!-- when: 2399 -->\nHe had served aboard the Enterprise-D.\n', // past perfect backstory
    '<!-- when: 2399 -->\nPicard was born on Earth, not on Romulus.\n',
    '<!-- when: 2370 -->\nRiker beamed aboard the Enterprise-D.\n', // in range
    '<!-- when: 2399 -->\nThe attack on Mars haunted him.\n', // an event is never flagged
    '<!-- when: 2399, mode: memory -->\nThey landed on Romulus.\n',
  ]) {
    assert.deepEqual(codes(check(lore, text), 'nonexistent-entity'), [], text);
  }
});
