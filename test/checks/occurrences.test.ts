// The checks' one-pass word finder (src/core/checks/occurrences.ts) and the pre-filters built on
// it: each must say "maybe" wherever the pattern behind it could match, or a finding is lost.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AnyOccurrence, Occurrences } from '../../src/core/checks/occurrences';
import { CANON, check, codes, prepared, textAt } from '../helpers';

test('occurrences: a word counts between two offsets only when it lies wholly between them', () => {
  const text = 'He left after the war, and after that.';
  const after = new Occurrences(text, 5, 'after');
  assert.equal(after.within(0, text.length), true);
  assert.equal(after.within(8, 13), true, 'exactly the word');
  assert.equal(after.within(8, 12), false, 'its last letter outside');
  assert.equal(after.within(9, 20), false, 'its first letter outside');
  assert.equal(after.within(14, 27), false, 'between the two');
  assert.equal(after.within(14, 32), true, 'the second one');
  assert.equal(new Occurrences('', 5, 'after').within(0, 10), false);
  // Overlapping occurrences, as `includes` sees them.
  const aaa = new Occurrences('aaaa', 2, 'aa');
  assert.equal(aaa.within(1, 3), true);
  assert.equal(aaa.within(3, 4), false);
});

test('occurrences: a pattern finds every match (case-insensitive words, digits) and can be reused', () => {
  const old = /old/gi;
  const text = 'the OLD man, the bold one, the Old one';
  const found = new Occurrences(text, 3, old);
  assert.equal(found.within(4, 7), true);
  assert.equal(found.within(18, 21), true, '"old" inside "bold" is found too, as the pattern behind it would');
  assert.equal(found.within(31, 34), true);
  assert.equal(found.within(8, 18), false);
  // The same regex again starts from the beginning.
  assert.equal(new Occurrences('Old', 3, old).within(0, 3), true);
  const digits = new Occurrences('in 2387, or 12', 1, /[0-9]/g);
  assert.equal(digits.within(0, 3), false);
  assert.equal(digits.within(0, 4), true);
  assert.equal(digits.within(7, 12), false);
  assert.equal(digits.within(12, 99), true);
});

test('occurrences: any of several words', () => {
  const words = new AnyOccurrence('twenty years since the war', ['after', 'since', 'before']);
  assert.equal(words.within(0, 18), true);
  assert.equal(words.within(0, 17), false);
  assert.equal(new AnyOccurrence('no word here', ['after', 'since']).within(0, 12), false);
});

test('wrong-age pre-filter: spaces of every kind before the verb or the parenthesis still reach the pattern', async () => {
  const lore = await prepared(CANON);
  for (const [body, stated] of [
    ['Picard was eighty years old that spring.', 'eighty'],
    ['Picard\twas eighty years old that spring.', 'eighty'],
    ['Picard\u00a0was eighty years old that spring.', 'eighty'],
    ['Picard  (80) walked the vineyard.', '80'],
    ['Picard (80) walked the vineyard.', '80'],
    ['Picard(80) walked the vineyard.', '80'],
    ['Picard\u2003(80) walked the vineyard.', '80'],
    ['Picard turned eighty years old that spring.', 'eighty'],
    ['Picard had turned eighty years old that spring.', 'eighty'],
    ['Picard is eighty years old now.', 'eighty'],
    ['The OLD... no: the eighty-year-old Picard walked.', 'eighty'],
  ]) {
    const text = `<!-- when: 2399 -->\n${body}\n`;
    const found = codes(check(lore, text), 'wrong-age');
    assert.equal(found.length, 1, JSON.stringify(body));
    assert.equal(textAt(text, found[0]), stated, JSON.stringify(body));
  }
  for (const body of [
    'Picard walked, eighty years old or not.', // after the comma, no age of Picard's
    'Picard wore eighty years old clothes.', // no verb the pattern knows
    'Picard Was eighty years old that spring.', // the verbs are lower-case in the pattern
    'Picard.was eighty years old that spring.',
    'An old, tired Picard walked.', // "old" before him, but no age
  ]) {
    assert.deepEqual(codes(check(lore, `<!-- when: 2399 -->\n${body}\n`), 'wrong-age'), [], body);
  }
});

test('wrong-date and wrong-elapsed-time pre-filters: a date or span word at the edge of the window is still read', async () => {
  const lore = await prepared(CANON);
  // "in 2387" begins right after the name; and the date well before the event, "the 2387 attack on Mars".
  assert.equal(codes(check(lore, 'The attack on Mars in 2387 changed him.\n'), 'wrong-date').length, 1);
  assert.equal(codes(check(lore, 'the 2387 attack on Mars.\n'), 'wrong-date').length, 1);
  // A digit elsewhere in the text, but none beside the name: nothing.
  assert.deepEqual(codes(check(lore, 'In 2387 it rained. Long after, the attack on Mars was remembered.\n'), 'wrong-date'), []);
  // "ago" as the last word of the line, "since" right before the name.
  assert.equal(codes(check(lore, '<!-- when: 2399 -->\nHe remembered the Romulan supernova, five years ago\n'), 'wrong-elapsed-time').length, 1);
  assert.equal(codes(check(lore, '<!-- when: 2399 -->\nIt had been twenty years since the attack on Mars.\n'), 'wrong-elapsed-time').length, 1);
  assert.deepEqual(codes(check(lore, '<!-- when: 2399 -->\nTwenty years went by; the attack on Mars was remembered, agonisingly.\n'), 'wrong-elapsed-time'), []);
});
