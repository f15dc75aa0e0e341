import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CANON, check, codes, prepared, textAt } from '../helpers';

test('unknown-name: a near-miss of a canon name, with the canon spelling as fix', async () => {
  const lore = await prepared(CANON);
  for (const [body, typo, fix] of [
    ['She asked Jurrati to wait.', 'Jurrati', 'Jurati'],
    ['Later, Picadr sat down.', 'Picadr', 'Picard'],
    ['They met Musikker at the bar.', 'Musikker', 'Musiker'],
    ['The captain, Rois, nodded.', 'Rois', 'Rios'],
  ]) {
    const found = codes(check(lore, `${body}\n`), 'unknown-name');
    assert.equal(found.length, 1, body);
    assert.equal(textAt(`${body}\n`, found[0]), typo);
    assert.equal(found[0].fix, fix);
    assert.equal(found[0].severity, 'info');
  }
});

test('unknown-name: English words, plurals of names, short names, far names and known names are left alone', async () => {
  const lore = await prepared(CANON);
  for (const body of [
    'The Picards had tended the vines for generations.', // plural of a name
    'Dates were carved into the stone.', // a sentence-initial dictionary word one letter from "Data"
    'He saw Mark at the market.', // "Mark" is an English word, though one letter from "Mars"
    'Gabriel arrived.', // far from every name
    'Rio was a city.', // 3 letters: never
    'Jean-Luc and Agnes laughed.', // known names
    'RIOS', // ALL CAPS
  ]) {
    assert.deepEqual(codes(check(lore, `${body}\n`), 'unknown-name'), [], body);
  }
});

test('unknown-name: a real place or given name one letter from a canon name is left alone when its first letter differs', async () => {
  const lore = await prepared({ ...CANON, 'lore/more.yaml': '- name: Laris\n- name: Deanna Troi\n  aliases: [Troi]\n- name: Jerry Kovac\n  aliases: [Jerry]\n' });
  for (const body of [
    'Paris was lovely in the spring.', // the city, one letter from "Laris"
    'They flew to Paris with Raffi.',
    'They met Terry at the bar.', // a given name, one letter from "Jerry"
  ]) assert.deepEqual(codes(check(lore, `${body}\n`), 'unknown-name'), [], body);
  // Still typos: the first letter kept ("Troy", a name too, for "Troi"), or no such place or name ("Jaris", "Laros").
  for (const [body, fix] of [
    ['Troy smiled at him.', 'Troi'],
    ['Jaris poured the tea.', 'Laris'],
    ['Laros poured the tea.', 'Laris'],
  ]) {
    const found = codes(check(lore, `${body}\n`), 'unknown-name');
    assert.equal(found.length, 1, body);
    assert.equal(found[0].fix, fix, body);
  }
});

test('unknown-name: the fix keeps the lore\'s accents', async () => {
  const lore = await prepared(CANON);
  const [found] = codes(check(lore, 'They met Cristobl at the bar.\n'), 'unknown-name');
  assert.equal(found.fix, 'Cristóbal');
});

const MORE: Record<string, string> = {
  ...CANON,
  'lore/more.yaml': `
- name: Maria Picard
  born: 2280
- name: Geordi La Forge
  aliases: [La Forge, Geordi]
- name: Leonard McCoy
  aliases: [McCoy, Bones]
- name: Elnor
- name: Lily Sloane
  aliases: [Lily]
- name: Aurora Sinistra
  aliases: [Professor Sinistra]
- name: Bartholomew Crouch
  aliases: [Crouch]
- name: Martha Hudson
  aliases: [Mrs Hudson]
`,
};

test('unknown-name: a word near only a part of a longer name — left alone when short, a real word or another person’s name', async () => {
  const lore = await prepared(MORE);
  for (const body of [
    'They met Marta at the market.', // one letter from "Maria" of "Maria Picard"; "Maria" alone is no alias
    'The old Auror nodded.', // one letter from "Aurora" of "Aurora Sinistra"
    'The Senator waved.', // an English word
    'They met Marty at the bar.', // one letter from "Martha" of "Martha Hudson", 6 letters
  ]) {
    assert.deepEqual(codes(check(lore, `${body}\n`), 'unknown-name'), [], body);
  }
  // A long part with one slip is still a typo of it, and a surname is used alone.
  const [found] = codes(check(lore, 'They met Bartholemew at the bar.\n'), 'unknown-name');
  assert.equal(found?.fix, 'Bartholomew');
  assert.equal(codes(check(lore, 'They met Sinistre at the bar.\n'), 'unknown-name')[0]?.fix, 'Sinistra');
});

test('unknown-name: case-only and joined misspellings, and a doubled letter in a short name', async () => {
  const lore = await prepared(MORE);
  for (const [body, fix] of [
    ['Then Laforge came in.', 'La Forge'],
    ['Then Mccoy came in.', 'McCoy'],
    ['Then Elnorr came in.', 'Elnor'],
    ['Then Lilly came in.', 'Lily'],
  ]) {
    const found = codes(check(lore, `${body}\n`), 'unknown-name');
    assert.equal(found.length, 1, body);
    assert.equal(found[0].fix, fix, body);
  }
  for (const body of ['Then McCoy came in.', 'Then La Forge came in.', 'Then Lily came in.', 'Then Lila came in.', 'Then Lilies grew.']) {
    assert.deepEqual(codes(check(lore, `${body}\n`), 'unknown-name'), [], body);
  }
});

test("unknown-name: a dialect spelling with an elided letter ('Olmes) is no typo; an opening quote is no elision", async () => {
  const lore = await prepared(MORE);
  assert.deepEqual(codes(check(lore, "'Telegram for Mr 'Icard,' he said.\n"), 'unknown-name'), []);
  assert.equal(codes(check(lore, "'Picadr is late,' he said.\n"), 'unknown-name').length, 1);
});

/** Capitalised random words of a given length, as a stress text. */
function randomWords(count: number, length: number, seed: number): string {
  let state = seed;
  const next = (): number => (state = (state * 1103515245 + 12345) % 2147483648);
  const words: string[] = [];
  for (let w = 0; w < count; w++) {
    let word = String.fromCharCode(65 + (next() % 26));
    for (let i = 1; i < length; i++) word += String.fromCharCode(97 + (next() % 26));
    words.push(word);
  }
  return `They met ${words.join(' and ')}.\n`;
}

function fastest(run: () => void, times = 5): number {
  let best = Infinity;
  for (let i = 0; i < times; i++) {
    const t0 = process.hrtime.bigint();
    run();
    best = Math.min(best, Number(process.hrtime.bigint() - t0));
  }
  return best;
}

test('unknown-name: cost grows about linearly with word length (a ratio, not a wall clock), and a 2,000-letter word finishes', async () => {
  const lore = await prepared(MORE);
  const short = randomWords(20, 60, 1);
  const long = randomWords(20, 600, 2);
  check(lore, short); // warm up
  const ratio = fastest(() => check(lore, long)) / fastest(() => check(lore, short));
  // Ten times the letters: linear is ~10, the old cubic cost was ~1000.
  assert.ok(ratio < 60, `600-letter words cost ${ratio.toFixed(1)}× 60-letter ones`);
  assert.deepEqual(codes(check(lore, randomWords(1, 2000, 3)), 'unknown-name'), []);
});

test('unknown-name: the banded edit distance agrees with the plain one and stays linear', async () => {
  const { editDistance } = await import('../../src/core/checks/unknownName');
  assert.equal(editDistance('jurati', 'jurrati', 2), 1);
  assert.equal(editDistance('picadr', 'picard', 2), 1, 'a swap is one edit');
  assert.equal(editDistance('musikker', 'musiker', 2), 1);
  assert.equal(editDistance('abcdef', 'badcfe', 2), 3, 'three swaps: past the limit');
  assert.equal(editDistance('kitten', 'sitting', 3), 3);
  assert.equal(editDistance('', 'ab', 2), 2);
  const a = 'x'.repeat(4000);
  const b = `${'x'.repeat(1999)}y${'x'.repeat(2000)}`;
  assert.equal(editDistance(a, b, 2), 1);
  const long = (): number => editDistance(a, b, 2);
  const short = (): number => editDistance(a.slice(0, 400), b.slice(0, 400), 2);
  // Both run first untimed, so that neither is timed while V8 still compiles it (a loaded run measured 72×).
  fastest(long);
  fastest(short);
  const ratio = fastest(long) / fastest(short);
  assert.ok(ratio < 60, `ten times longer costs ${ratio.toFixed(1)}×`);
});

test('unknown-name: a word met again gets the verdict it got the first time, at its own place, in any text', async () => {
  // The check remembers its verdict on each word for the name index: the remembered verdict must
  // be exactly the one it would work out, for every occurrence and every manuscript.
  const lore = await prepared(CANON);
  const first = 'Jurrati came in. Later Jurrati sat down, and Jurati smiled.\n';
  const second = 'Picard looked at Jurrati.\nThe Picards nodded; Jurati waited.\n';
  const a = codes(check(lore, first), 'unknown-name');
  const b = codes(check(lore, second), 'unknown-name');
  assert.deepEqual(a.map((d) => [d.range.start.character, textAt(first, d), d.fix, d.message]), [
    [0, 'Jurrati', 'Jurati', '"Jurrati" is not in the lore. Did you mean "Jurati" (Agnes Jurati)?'],
    [23, 'Jurrati', 'Jurati', '"Jurrati" is not in the lore. Did you mean "Jurati" (Agnes Jurati)?'],
  ]);
  assert.deepEqual(b.map((d) => [d.range.start.line, d.range.start.character, textAt(second, d)]), [[0, 17, 'Jurrati']]);
  // The near-miss: the canon spelling and a plural of a name, met after the typo, stay unflagged.
  assert.ok(!a.some((d) => textAt(first, d) === 'Jurati') && !b.some((d) => textAt(second, d) !== 'Jurrati'));
  // A fresh lore (another name index) works its verdicts out again: the same typo, the same answer.
  const again = codes(check(await prepared(CANON), second), 'unknown-name');
  assert.deepEqual(again.map((d) => d.message), b.map((d) => d.message));
});
