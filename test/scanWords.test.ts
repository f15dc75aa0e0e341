// The scanner reads words by char code (no regex match per word): the same words as WORD finds,
// on the characters where the two could part — accents, combining marks, letters beyond the BMP,
// emoji, lone surrogates, typographic punctuation, digits and scripts without case.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { wordCharWidth } from '../src/core/mentions/scan';
import { WORD } from '../src/core/mentions/nameIndex';

/** Runs of word characters by wordCharWidth alone: a word ends where a width of 0 is found. */
function byCharCode(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let open = -1;
  for (let at = 0; at <= text.length; ) {
    const width = at < text.length ? wordCharWidth(text, at) : 0;
    if (width > 0 && open < 0) open = at;
    else if (width === 0 && open >= 0) {
      out.push([open, at]);
      open = -1;
    }
    at += width || 1;
  }
  return out;
}

const byRegex = (text: string): Array<[number, number]> => [...text.matchAll(new RegExp(WORD.source, 'gu'))].map((m) => [m.index!, m.index! + m[0].length]);

test('scan words: the char-code reader finds exactly the words of WORD', () => {
  const samples = [
    'Picard walked in. “Data?” she asked — it’s 2399, isn’t it?',
    'Éowyn and Zoë met Jean-Luc at the café; Noe\u0301l (a combining accent) waited.',
    'The 𝒜lpha ship, 🚀 launched, and 𐐷 (Deseret) stayed; 日本語 text, Ελληνικά, العربية.',
    `lone ${'\ud800'} high, lone ${'\udc00'} low, pair ${'\ud835\udc9c'} ok${'\ud800'}`,
    '',
    '   ',
    'x',
    'ABC_def-ghi.jkl\u00a0mno\u200bpqr',
  ];
  for (const text of samples) assert.deepEqual(byCharCode(text), byRegex(text), JSON.stringify(text));
  // Every code unit of the BMP, each between spaces: word or not exactly as WORD says.
  let mismatches = 0;
  for (let c = 0; c < 0x10000; c++) {
    const text = ` ${String.fromCharCode(c)} `;
    if (JSON.stringify(byCharCode(text)) !== JSON.stringify(byRegex(text))) mismatches++;
  }
  assert.equal(mismatches, 0);
});

test('scan words: punctuation and spaces are never a word (the near-miss)', () => {
  assert.equal(wordCharWidth('’', 0), 0);
  assert.equal(wordCharWidth('-', 0), 0);
  assert.equal(wordCharWidth('é', 0), 1);
  assert.equal(wordCharWidth('\ud835\udc9c', 0), 2);
  assert.equal(wordCharWidth('\ud83d\ude80', 0), 0, 'an emoji is no letter');
});
