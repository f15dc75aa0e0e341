import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CANON, check, codes, prepared, textAt } from '../helpers';

test('wrong-age: a stated age that the birth date contradicts, in digits and number words', async () => {
  const lore = await prepared(CANON);
  for (const [body, stated] of [
    ['The 80-year-old Picard walked the vineyard.', '80'],
    ['The eighty-year-old Picard walked the vineyard.', 'eighty'],
    ['Picard, 80, walked the vineyard.', '80'],
    ['Picard was eighty years old that spring.', 'eighty'],
    ['The ninety-one-year-old Admiral Picard sighed.', 'ninety-one'],
    ['Picard, who was 80, walked the vineyard.', '80'],
    ['Picard, who is now eighty, walked the vineyard.', 'eighty'],
    ['Picard, who was 80 years old.', '80'], // a relative aside, read as "Picard, 80," is (it was a near-miss before the aside was read)
  ]) {
    const text = `<!-- when: 2399 -->\n${body}\n`;
    const found = codes(check(lore, text), 'wrong-age');
    assert.equal(found.length, 1, body);
    assert.equal(textAt(text, found[0]), stated);
    assert.equal(found[0].fix, undefined, 'born 2305-07-13 and a year-only scene: 93 or 94, no single fix');
    assert.match(found[0].message, /is 93 or 94 in 2399, not/);
  }
});

test('wrong-age: one possible age carries the fix, in the writer\'s own style', async () => {
  const lore = await prepared(CANON);
  const digits = codes(check(lore, '<!-- when: 2399-08-01 -->\nPicard, 80, walked.\n'), 'wrong-age');
  assert.equal(digits[0].fix, '94');
  const words = codes(check(lore, '<!-- when: 2399-08-01 -->\nThe eighty-year-old Picard walked.\n'), 'wrong-age');
  assert.equal(words[0].fix, 'ninety-four');
});

test('wrong-age: correct ages, both possible ages, undated text and numbers that are no ages are left alone', async () => {
  const lore = await prepared(CANON);
  for (const text of [
    '<!-- when: 2399 -->\nThe 94-year-old Picard walked.\n',
    '<!-- when: 2399 -->\nThe ninety-three-year-old Picard walked.\n', // the other possible age
    '<!-- when: 2399 -->\nPicard, 94, walked.\n',
    '<!-- when: 2399-07-12 -->\nPicard, 93, walked.\n', // the day before his birthday
    'The 80-year-old Picard walked.\n', // undated
    '<!-- when: 2399 -->\nPicard, 2399, was a strange year.\n', // a year, not an age
    '<!-- when: 2399 -->\nThe 80-year-old vines outlived Robert.\n', // the age belongs to the vines
    '<!-- when: 2399 -->\nThe 80-year-old Data sat.\n', // Data died in 2379: no age to check
    '<!-- when: 2399 -->\nPicard, who was 94, walked.\n',
    '<!-- when: 2399 -->\nPicard, who was 80 when he retired, walked.\n', // the age of another time
    '<!-- when: 2399 -->\nPicard, who was one of the first, walked.\n',
    '<!-- when: 2399 -->\nPicard, who was born in 2305, walked.\n',
  ]) {
    assert.deepEqual(codes(check(lore, text), 'wrong-age'), [], text);
  }
  const mixed = '<!-- when: 2399 -->\nThe 94-year-old Picard met Jurati, 20, at the door.\n';
  const found = codes(check(lore, mixed), 'wrong-age');
  assert.equal(found.length, 1, 'a correct age next to a wrong one');
  assert.equal(textAt(mixed, found[0]), '20');
  assert.equal(found[0].entity, 'agnes-jurati');
});

test('wrong-age: a sentence that opens on a date of its own states the age at that date', async () => {
  const lore = await prepared(CANON);
  // Born 2305-07-13: 64 or 65 in 2370, 93 or 94 in the 2399 scene.
  assert.deepEqual(codes(check(lore, '<!-- when: 2399 -->\nBack in 2370, Picard, 64, walked the halls.\n'), 'wrong-age'), []);
  const [found] = codes(check(lore, '<!-- when: 2399 -->\nIn 2370, Picard, 80, walked the halls.\n'), 'wrong-age');
  assert.match(found?.message ?? '', /so is 64 or 65 in 2370 \(this sentence's date\), not 80\./);
  // Near-miss: the date in another sentence leaves the scene's in force.
  assert.equal(codes(check(lore, '<!-- when: 2399 -->\nBack in 2370, all was well. Picard, 64, walked the halls.\n'), 'wrong-age').length, 1);
});

test('wrong-age: the spaces and cases the patterns allow around the name are read as before (non-breaking space, tab, line break, upper case)', async () => {
  const lore = await prepared(CANON);
  for (const [body, stated] of [
    ['The 80-year-old\u00a0Picard walked the vineyard.', '80'],
    ['The 80-year-old\tPicard walked the vineyard.', '80'],
    ['Picard\u00a0was eighty years old that spring.', 'eighty'],
    ['Picard\t(80) walked the vineyard.', '80'],
    ['Picard\n\u2003had turned eighty years old.', 'eighty'],
    ['Picard  turned 80 years old that spring.', '80'],
    ['Picard turns eighty years old today.', 'eighty'],
    ['Picard is 80 years old.', '80'],
    ['Picard(80) walked the vineyard.', '80'],
    ['Picard\u2003(80) walked the vineyard.', '80'],
    ['The eighty-year-old \t Picard walked.', 'eighty'],
  ]) {
    const text = `<!-- when: 2399 -->\n${body}\n`;
    const found = codes(check(lore, text), 'wrong-age');
    assert.equal(found.length, 1, JSON.stringify(body));
    assert.equal(textAt(text, found[0]), stated);
  }
  // Near misses: "old" not just before the name, a word that only starts like "was", no space at all.
  for (const body of [
    'The 80-year-old dog and Picard walked the vineyard.',
    'Picard wasn\'t 80 years old.',
    'Picard isn 80 years old.',
    'Picard hadn 80 years old.',
    'Picard waved: 80 years old, the vines.',
    'The 80-year-old-Picard walked.',
    'The 80-year-OLD Picard walked.', // the adjective is matched in lower case
    'Picard.was eighty years old that spring.',
    'The eighty-year-old, Picard walked.',
  ]) {
    assert.equal(codes(check(lore, `<!-- when: 2399 -->\n${body}\n`), 'wrong-age').length, 0, body);
  }
});
