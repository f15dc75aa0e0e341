// Shared source ranges (src/core/lore/sharedRanges.ts): one object per distinct value, always the right value.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSimpleLoreFile } from '../src/core/lore/simpleParse';
import { sharedPosition, sharedRange } from '../src/core/lore/sharedRanges';

test('shared ranges: the same value is the same object; a value one column off is another, with its own numbers', () => {
  const a = sharedRange(37, 2, 37, 6);
  assert.equal(sharedRange(37, 2, 37, 6), a);
  assert.deepEqual(a, { start: { line: 37, character: 2 }, end: { line: 37, character: 6 } });
  const b = sharedRange(37, 2, 37, 7);
  assert.notEqual(b, a);
  assert.deepEqual(b, { start: { line: 37, character: 2 }, end: { line: 37, character: 7 } });
  assert.equal(b.start, a.start, 'the start position is shared too');
  assert.deepEqual(sharedRange(3, 4, 9, 0), { start: { line: 3, character: 4 }, end: { line: 9, character: 0 } });
  assert.equal(sharedPosition(5, 1), sharedPosition(5, 1));
});

test('shared ranges: values past the shared bounds (long lines, negative numbers) are made fresh, with the right numbers', () => {
  assert.deepEqual(sharedRange(1, 5000, 1, 5009), { start: { line: 1, character: 5000 }, end: { line: 1, character: 5009 } });
  assert.deepEqual(sharedRange(4_000_000, 1, 4_000_001, 0), { start: { line: 4_000_000, character: 1 }, end: { line: 4_000_001, character: 0 } });
  assert.deepEqual(sharedPosition(-1, 3), { line: -1, character: 3 });
});

test('shared ranges: more distinct values than the tables hold (they start again) are all still right', () => {
  // 1.2 million distinct ranges: past the range table's size as well as the position table's.
  const kept: Array<[number, number, ReturnType<typeof sharedRange>]> = [];
  let wrong = 0;
  for (let line = 0; line < 9000; line++) {
    for (let c = 0; c < 400; c += 3) {
      const range = sharedRange(line, c, line, c + 7);
      if (range.start.line !== line || range.start.character !== c || range.end.line !== line || range.end.character !== c + 7) wrong++;
      if ((line * 400 + c) % 97 === 0) kept.push([line, c, range]);
    }
  }
  assert.equal(wrong, 0);
  for (const [line, c, range] of kept) assert.deepEqual(range, { start: { line, character: c }, end: { line, character: c + 7 } });
  assert.deepEqual(sharedRange(0, 0, 0, 7), { start: { line: 0, character: 0 }, end: { line: 0, character: 7 } });
});

test('shared ranges: two files laid out alike share the ranges of the fields at the same place', () => {
  const one = parseSimpleLoreFile('lore/a.yaml', '- name: Picard\n  born: 2305\n')!;
  const two = parseSimpleLoreFile('lore/b.yaml', '- name: Riker\n  born: 2335\n')!;
  assert.equal(one.entries[0].fields.born.range, two.entries[0].fields.born.range);
  assert.equal(one.entries[0].fields.name.keyRange, two.entries[0].fields.name.keyRange);
  assert.notEqual(one.entries[0].fields.name.range, two.entries[0].fields.name.range, 'Picard and Riker end at different columns');
  assert.deepEqual(two.entries[0].fields.name.range, { start: { line: 0, character: 8 }, end: { line: 0, character: 13 } });
});
