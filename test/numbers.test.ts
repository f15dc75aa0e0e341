import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAgeAdjectiveAt, parseDurationAt, parseNumberAt } from '../src/core/numbers';

/** Parses at the first occurrence of `at` in `text` (or at 0). */
function num(text: string, at = '', opts?: { allowArticle?: boolean }) {
  return parseNumberAt(text, at ? text.indexOf(at) : 0, opts);
}

test('parseNumberAt: digits', () => {
  assert.deepEqual(num('94'), { value: 94, length: 2 });
  assert.deepEqual(num('Picard, 80, said', '80'), { value: 80, length: 2 });
  assert.deepEqual(num('1,500 ships'), { value: 1500, length: 5 });
  assert.deepEqual(num('80-year-old'), { value: 80, length: 2 });
  assert.equal(num('94th'), undefined);
  assert.equal(num('3.5 years'), undefined);
  assert.equal(num('x94', '94'), undefined);
});

test('parseNumberAt: words', () => {
  assert.deepEqual(num('one'), { value: 1, length: 3 });
  assert.deepEqual(num('Nineteen years'), { value: 19, length: 8 });
  assert.deepEqual(num('TWENTY'), { value: 20, length: 6 });
  assert.deepEqual(num('ninety-four years'), { value: 94, length: 11 });
  assert.deepEqual(num('ninety four years'), { value: 94, length: 11 });
  assert.deepEqual(num('ninety\u2011four'), { value: 94, length: 11 });
  assert.deepEqual(num('ninety\u2013four'), { value: 94, length: 11 });
  assert.deepEqual(num('a hundred years'), { value: 100, length: 9 });
  assert.deepEqual(num('one hundred and five years'), { value: 105, length: 20 });
  assert.deepEqual(num('two hundred years'), { value: 200, length: 11 });
  assert.deepEqual(num('two hundred forty-two'), { value: 242, length: 21 });
  assert.deepEqual(num('nineteen hundred'), { value: 1900, length: 16 });
  assert.deepEqual(num('a thousand years'), { value: 1000, length: 10 });
  assert.deepEqual(num('two thousand and one'), { value: 2001, length: 20 });
  assert.deepEqual(num('three thousand four hundred and twelve'), { value: 3412, length: 38 });
  assert.deepEqual(num('a hundred and Picard'), { value: 100, length: 9 }); // dangling "and" not consumed
  assert.deepEqual(num('twenty-odd'), { value: 20, length: 6 });
});

test('parseNumberAt: whole words only', () => {
  assert.equal(num('someone', 'one'), undefined);
  assert.equal(num('tenth'), undefined);
  assert.equal(num('ones'), undefined);
  assert.equal(num('oneé'), undefined);
  assert.equal(num('éone', 'one'), undefined);
  assert.equal(num('often'), undefined);
  assert.equal(num('hundred'), undefined);
  assert.equal(num('Data'), undefined);
  assert.deepEqual(num("one's"), { value: 1, length: 3 });
});

test('parseNumberAt: article only when allowed', () => {
  assert.equal(num('a year'), undefined);
  assert.equal(num('an hour'), undefined);
  assert.deepEqual(num('a year', '', { allowArticle: true }), { value: 1, length: 1 });
  assert.deepEqual(num('An hour', '', { allowArticle: true }), { value: 1, length: 2 });
  assert.equal(num('apple', '', { allowArticle: true }), undefined);
});

test('parseDurationAt', () => {
  const d = (text: string) => parseDurationAt(text, 0);
  assert.deepEqual(d('fourteen years later'), { years: 14, length: 14 });
  assert.deepEqual(d('14 years'), { years: 14, length: 8 });
  assert.deepEqual(d('a year ago'), { years: 1, length: 6 });
  assert.deepEqual(d('one year'), { years: 1, length: 8 });
  assert.deepEqual(d('a decade'), { years: 10, length: 8 });
  assert.deepEqual(d('two decades after'), { years: 20, length: 11 });
  assert.deepEqual(d('a century'), { years: 100, length: 9 });
  assert.deepEqual(d('two centuries'), { years: 200, length: 13 });
  assert.deepEqual(d('a dozen years'), { years: 12, length: 13 });
  assert.deepEqual(d('half a century'), { years: 50, length: 14 });
  assert.deepEqual(d('Half a decade'), { years: 5, length: 13 });
  assert.deepEqual(d('ninety-four years'), { years: 94, length: 17 });
  assert.deepEqual(d('a hundred years'), { years: 100, length: 15 });
  assert.deepEqual(d('Twenty Years'), { years: 20, length: 12 });
  assert.equal(d('a few years'), undefined);
  assert.equal(d('twenty-odd years'), undefined);
  assert.equal(d('half a year'), undefined);
  assert.equal(d('several years'), undefined);
  assert.equal(d('five yearsx'), undefined);
  assert.equal(d('five days'), undefined);
  assert.equal(d('80-year-old'), undefined); // an age, not a span
  assert.equal(d('eighty years old'), undefined);
  assert.equal(parseDurationAt('someone years', 4), undefined);
});

test('parseAgeAdjectiveAt', () => {
  const a = (text: string) => parseAgeAdjectiveAt(text, 0);
  assert.deepEqual(a('80-year-old Picard'), { value: 80, length: 11 });
  assert.deepEqual(a('eighty-year-old Picard'), { value: 80, length: 15 });
  assert.deepEqual(a('ninety-four-year-old'), { value: 94, length: 20 });
  assert.deepEqual(a('94-year-old'), { value: 94, length: 11 });
  assert.deepEqual(a('eighty year old'), { value: 80, length: 15 });
  assert.deepEqual(a('ninety\u2011four\u2011year\u2011old'), { value: 94, length: 20 });
  assert.deepEqual(a('80 years old'), { value: 80, length: 12 });
  assert.equal(a('80-year-older'), undefined);
  assert.equal(a('80-year mission'), undefined);
  assert.equal(a('a year old'), undefined);
  assert.equal(parseAgeAdjectiveAt('the 80-year-old', 4)?.value, 80);
});

test('parseDurationAt: the length of "half a century" stops at the unit', () => {
  const text = 'It had been half a century since the war';
  assert.deepEqual(parseDurationAt(text, text.indexOf('half')), { years: 50, length: 'half a century'.length });
});
