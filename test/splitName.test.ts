// splitName: plain names take a one-pass split; anything else (spaces to trim or collapse, accents,
// punctuation) takes the general path — both must give what the general path gives.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitName } from '../src/core/mentions/nameIndex';

test('splitName: plain ASCII names are split into their words, single spaces between', () => {
  assert.deepEqual(splitName('Kara Voss'), { words: ['Kara', 'Voss'], separators: [' '], trailing: '' });
  assert.deepEqual(splitName('Deck 10 Lounge'), { words: ['Deck', '10', 'Lounge'], separators: [' ', ' '], trailing: '' });
  assert.deepEqual(splitName('Data'), { words: ['Data'], separators: [], trailing: '' });
});

test('splitName: the near-misses of a plain name give the general result, not a plain split', () => {
  assert.deepEqual(splitName('  Kara Voss '), { words: ['Kara', 'Voss'], separators: [' '], trailing: '' }, 'trimmed');
  assert.deepEqual(splitName('Kara  Voss'), { words: ['Kara', 'Voss'], separators: [' '], trailing: '' }, 'two spaces are one separator, no empty word');
  assert.deepEqual(splitName('Kara\tVoss'), { words: ['Kara', 'Voss'], separators: [' '], trailing: '' }, 'a tab is a space');
  assert.deepEqual(splitName('Padmé Amidala'), { words: ['Padme', 'Amidala'], separators: [' '], trailing: '' }, 'accents folded');
  assert.deepEqual(splitName('Jean-Luc'), { words: ['Jean', 'Luc'], separators: ['-'], trailing: '' });
  assert.deepEqual(splitName('J.L.'), { words: ['J', 'L'], separators: ['.'], trailing: '.' });
  assert.equal(splitName(''), undefined);
  assert.equal(splitName(' '), undefined);
  assert.equal(splitName('…'), undefined);
});
