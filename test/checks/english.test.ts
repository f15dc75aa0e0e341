import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { isEnglishWord } from '../../src/core/checks/english';

test('english words: every word of the front-coded list is read back whole, and a name or a near-miss is not one', () => {
  // An independent decoding of the shipped list (each line: how many letters of the word before it keeps, then the rest).
  const lines = readFileSync(resolve('src/core/data/english-words.txt'), 'utf8').split('\n').filter((l) => l !== '');
  let previous = '';
  const listed: string[] = [];
  for (const line of lines) listed.push((previous = previous.slice(0, line.charCodeAt(0) - 48) + line.slice(1)));
  assert.ok(listed.length > 10000, `${listed.length} words`);
  for (const word of listed) assert.ok(isEnglishWord(word), word);
  // The first and the last word of the list (no line break after the last one is needed).
  assert.ok(isEnglishWord(listed[0]) && isEnglishWord(listed[listed.length - 1]));
  // Inflections of listed words count; names, cut-off words and words glued to the next one do not.
  assert.ok(isEnglishWord('mark') && isEnglishWord('marks') && isEnglishWord('hoped'));
  for (const word of ['picard', 'xqzv', `${listed[0]}${listed[1]}`, listed[listed.length - 1].slice(0, -1) + 'qq', '']) assert.ok(!isEnglishWord(word), word);
});
