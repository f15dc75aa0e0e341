// The tokeniser reuses its word buffers and lists from one text to the next, learns what each
// code unit is when it first meets it, and looks up an accented word by its folded key: a text is
// read the same whatever was read before it, and words beyond ASCII are read as WORD reads them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkManuscript } from '../src/core/check';
import { WORD } from '../src/core/mentions/nameIndex';
import { fillCodeUnits } from '../src/core/mentions/scan';
import { CANON, prepared } from './helpers';

const ACCENTED: Record<string, string> = {
  ...CANON,
  'lore/accented.yaml': '- name: Éowyn\n  born: 2990\n- name: Zoë Washburne\n  aliases: [Zoë]\n',
};

const scanOf = (lore: Awaited<ReturnType<typeof prepared>>, text: string): string => {
  const { scan } = checkManuscript(lore, 'story.md', text);
  return JSON.stringify([scan.mentions.map((m) => [m.entry.id, m.start, m.end, m.possessive, m.inDialogue, m.presence]), scan.unknownCapitalised]);
};

test('scan shared buffers: a text reads the same first, after a longer one and after a shorter one', async () => {
  const lore = await prepared(ACCENTED);
  const long = `${'Picard walked past Jurrati and the window, “Data?” she asked. '.repeat(400)}\n\nData, 94`;
  const texts = [
    'Picard, 94, walked in. Data, 94',
    'Data smiled at Éowyn. Zoë’s ship, Zoë Washburne, 𝒜lpha Centauri and 🚀 Rocket waited.',
    'Picard',
    '',
    'the window',
    long,
  ];
  const fresh = texts.map((t) => scanOf(lore, t));
  // Every order: buffers grown by the long text and lists filled by any text leave nothing behind.
  for (let round = 0; round < 3; round++) {
    const order = round === 0 ? texts.map((_, k) => k) : round === 1 ? texts.map((_, k) => texts.length - 1 - k) : [5, 0, 5, 2, 1, 4, 3, 0];
    for (const k of order) assert.equal(scanOf(lore, texts[k]), fresh[k], `text ${k}, round ${round}`);
  }
  // The rules read one word past the last ("Data, 94" at the very end): an age, not a stale word.
  const { scan } = checkManuscript(lore, 'story.md', long);
  assert.equal(scan.mentions.at(-1)!.end, long.length - 4);
});

test('scan words beyond ASCII: accented names are found by their folded key; other words are read as WORD reads them', async () => {
  const lore = await prepared(ACCENTED);
  const text = '“Éowyn,” said Zoë. Ǆemal met Ĳsbrand; Ñandú and Łukasz — Ωmega, 𝒜lpha, Straße, naïve Ångström, Eowyn.';
  const { scan } = checkManuscript(lore, 'story.md', text);
  const found = scan.mentions.map((m) => text.slice(m.start, m.end));
  assert.deepEqual(found, ['Éowyn', 'Zoë', 'Eowyn']);
  // Every capitalised word of WORD that is no mention reaches unknown-name, at its own offsets; a
  // lower-case one (naïve) does not, nor one whose first letter is beyond the BMP (no case to tell).
  const mentioned = new Set(scan.mentions.map((m) => m.start));
  const expected = [...text.matchAll(new RegExp(WORD.source, 'gu'))]
    .filter((m) => !mentioned.has(m.index!) && m[0][0] !== m[0][0].toLowerCase())
    .map((m) => text.slice(m.index!, m.index! + m[0].length));
  const unknown = scan.unknownCapitalised.map((w) => text.slice(w.start, w.end));
  assert.deepEqual(unknown, expected);
  assert.ok(unknown.includes('Straße') && unknown.includes('Ωmega') && !unknown.includes('naïve') && !unknown.includes('𝒜lpha'), unknown.join(' '));
});

test('scan code units: the tokeniser reads the code units charCodeAt gives, copied natively or one by one', () => {
  const text = `a\ud800b\udc00c \u{1f600} é “Zoë” 日本 ${'x'.repeat(50)}`;
  const expected = Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));
  const copied = [...fillCodeUnits(text, new Uint16Array(text.length + 8)).subarray(0, text.length)];
  assert.deepEqual(copied, expected);
  // Without a native copy (a web worker has no Buffer): the same units, and a stale tail left alone.
  const codes = new Uint16Array(text.length + 3).fill(7);
  const oneByOne = [...fillCodeUnits(text, codes, null)];
  assert.deepEqual(oneByOne, [...expected, 7, 7, 7]);
});

test('scan capitalised words: those looked up (accented) and those the filter stopped come back in text order', async () => {
  const lore = await prepared(ACCENTED);
  // Plain unknown names (stopped by the first-word filter) alternate with accented ones (looked up after the loop).
  const text = 'Holmes met Ǆemal, and Watson saw Ĳsbrand; then Lestrade, Ñandú and Mycroft, Łukasz. Data smiled at Hudson.';
  const { scan } = checkManuscript(lore, 'story.md', text);
  const unknown = scan.unknownCapitalised.map((w) => text.slice(w.start, w.end));
  assert.deepEqual(unknown, ['Holmes', 'Ǆemal', 'Watson', 'Ĳsbrand', 'Lestrade', 'Ñandú', 'Mycroft', 'Łukasz', 'Hudson']);
  // A text with no accented word takes no merge: the same words, in order, and the mention left out.
  const plain = 'Holmes met Watson. Data smiled at Hudson.';
  assert.deepEqual(checkManuscript(lore, 'story.md', plain).scan.unknownCapitalised.map((w) => plain.slice(w.start, w.end)), ['Holmes', 'Watson', 'Hudson']);
});
