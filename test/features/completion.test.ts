import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CompletionIndex, lifeNote, periodNote } from '../../src/core/features/completion';
import { loreFrom } from '../helpers';
import { canonBase } from './lore';

const base = canonBase();
const index = new CompletionIndex(base);
const names = (query: string, year?: number): string[] =>
  index.complete(query, year === undefined ? {} : { date: { year } }).map((m) => m.candidate.text);

test('completion puts those alive at the scene date first: 2399', () => {
  // Dahj (2396–2399-03) is alive in a 2399 scene; Data died in 2379.
  assert.deepEqual(names('Da', 2399), ['Dahj Asha', 'Dahj', 'Data']);
});

test('completion puts those alive at the scene date first: 2370', () => {
  // In 2370 Data lives and Dahj is not yet born.
  assert.deepEqual(names('Da', 2370), ['Data', 'Dahj Asha', 'Dahj']);
});

test('the dead and the unborn are offered, with a note', () => {
  const [dahj, , data] = index.complete('Da', { date: { year: 2399 } });
  assert.equal(lifeNote(data.candidate.entry, data.status, base.calendar), '† 2379');
  assert.equal(lifeNote(dahj.candidate.entry, dahj.status, base.calendar), undefined);
  const unborn = index.complete('Dahj', { date: { year: 2370 } })[0];
  assert.equal(lifeNote(unborn.candidate.entry, unborn.status, base.calendar), 'born 2396');
  const ship = index.complete('Enterprise', { date: { year: 2399 } })[0];
  assert.equal(lifeNote(ship.candidate.entry, ship.status, base.calendar), 'until 2371');
});

test('the name typed in full comes first, even for the dead', () => {
  assert.equal(names('Data', 2399)[0], 'Data');
  assert.equal(index.complete('data', { date: { year: 2399 } })[0].match, 'exact');
});

test('every word of a name is a start: "Luc" finds Jean-Luc Picard', () => {
  assert.deepEqual(names('Luc').slice(0, 2), ['Jean-Luc Picard', 'Jean-Luc']);
  assert.ok(!index.complete('Luc').some((m) => m.match === 'typo'), 'three letters get no near misses (Locutus is not offered)');
  assert.equal(index.complete('Locotus')[0].candidate.text, 'Locutus', 'four letters or more do');
  assert.deepEqual(names('Mars'), ['the attack on Mars']);
  assert.deepEqual(names('pic').slice(0, 2), ['Picard', 'Jean-Luc Picard']);
});

test('typos still find the name, after any exact prefix match', () => {
  assert.deepEqual(names('Jurrati'), ['Jurati', 'Agnes Jurati']);
  assert.equal(names('Picrad')[0], 'Picard', 'a swap of two letters is one edit');
  assert.equal(names('Enterprse')[0], 'Enterprise-D');
  assert.equal(index.complete('Jurrati')[0].match, 'typo');
  assert.deepEqual(names('Qx'), [], 'no typo tolerance below three letters');
});

test('accents and separators are optional in the query', () => {
  const accented = new CompletionIndex(canonBase([['lore', 'name: Château Picard\nkind: place']]));
  assert.equal(accented.complete('chateau')[0].candidate.text, 'Château Picard');
  assert.equal(index.complete('jean luc')[0].candidate.text, 'Jean-Luc');
});

test('the query at the cursor extends back over the words that begin a name', () => {
  assert.deepEqual(index.queryAt('She thought of the attack on M'), { start: 15, text: 'the attack on M' });
  assert.deepEqual(index.queryAt('"Jean-Luc P'), { start: 1, text: 'Jean-Luc P' });
  assert.deepEqual(index.queryAt('and then Jur'), { start: 9, text: 'Jur' });
  assert.deepEqual(index.queryAt('ends with space '), { start: 16, text: '' });
});

test('completion at the scene’s date: the titled form that holds first, the others marked with their period', async () => {
  const { base: timed } = await loreFrom({
    'lore/people.yaml': `
- name: Jean-Luc Picard
  aliases:
    - Picard
    - { name: Locutus, from: 2366-06, until: 2367 }
  rank:
    - { value: Captain, from: 2333 }
    - { value: Admiral, from: 2381 }
    - { value: Admiral (retired), from: 2385 }
- name: Lore
`,
  });
  const timedIndex = new CompletionIndex(timed);
  const offered = (query: string, year?: number) => timedIndex.complete(query, year === undefined ? {} : { date: { year } });
  const texts = (query: string, year?: number) => offered(query, year).map((m) => m.candidate.text);
  assert.ok(texts('Adm', 2399).includes('Admiral Picard') && texts('Adm', 2399).includes('Admiral Jean-Luc Picard'));
  const in2399 = texts('Picard', 2399);
  assert.ok(in2399.indexOf('Admiral Picard') < in2399.indexOf('Captain Picard'), in2399.join(', '));
  const in2370 = texts('Picard', 2370);
  assert.ok(in2370.indexOf('Captain Picard') < in2370.indexOf('Admiral Picard'), in2370.join(', '));
  const captain = offered('Picard', 2399).find((m) => m.candidate.text === 'Captain Picard')!;
  assert.equal(captain.holds, false);
  assert.equal(periodNote(captain.candidate, { year: 2399 }, timed.calendar), '2333–2381');
  const admiral = offered('Picard', 2399).find((m) => m.candidate.text === 'Admiral Picard')!;
  assert.equal(periodNote(admiral.candidate, { year: 2399 }, timed.calendar), undefined, 'the form that holds needs no note');
  // A timed alias: marked with its period in 2399, not in 2366-09 when it holds.
  const locutus = (date: { year: number; month?: number }) => timedIndex.complete('Locu', { date })[0];
  assert.equal(locutus({ year: 2399 }).holds, false);
  assert.equal(periodNote(locutus({ year: 2399 }).candidate, { year: 2399 }, timed.calendar), 'June 2366 – 2367');
  assert.equal(locutus({ year: 2366, month: 9 }).holds, true);
  assert.equal(periodNote(locutus({ year: 2366, month: 9 }).candidate, { year: 2366, month: 9 }, timed.calendar), undefined);
});

test('near misses: a doubled letter, the first letter kept, a whole word typed, rank first', () => {
  const local = new CompletionIndex(canonBase([['lore', ['- name: Lezhou the Younger', '- name: Lezhoucai', '- name: Dorvan', '- name: Corvon', '- name: Mastersson', '- name: Marchand', '- name: Marchbank'].join('\n')]]));
  const texts = (query: string): string[] => local.complete(query).map((m) => m.candidate.text);
  // A letter typed twice: the prefix is one letter shorter than the query.
  assert.equal(texts('Mastte')[0], 'Mastersson');
  assert.equal(local.complete('Mastte')[0].match, 'typo');
  // The word typed whole ("Lezhou", one letter off) before a name it only begins.
  assert.deepEqual(texts('Lfzhou'), ['Lezhou the Younger', 'Lezhoucai']);
  // The first letter is the one least often wrong: Dorvan (one edit, D kept) before Corvon (one edit, D changed).
  assert.deepEqual(texts('Dorvon'), ['Dorvan', 'Corvon']);
  // The near miss: a prefix as typed still comes before every near miss.
  assert.deepEqual(local.complete('Lezhouc').map((m) => [m.candidate.text, m.match]), [['Lezhoucai', 'prefix'], ['Lezhou the Younger', 'typo']]);
  // Two edits only when one finds nothing: Marchand is one edit from `Marchant`, Marchbank two.
  assert.deepEqual(texts('Marchant'), ['Marchand']);
  assert.deepEqual(texts('Marchaxx'), ['Marchand'], 'nothing within one edit: two are tried');
});

test('completion keys that begin one another, and names outside Latin-1, sort and match as their texts do', () => {
  const local = new CompletionIndex(canonBase([['lore', ['- name: Zo', '- name: Zoe Anne', '- name: Zoeanne', '- name: Zoë Marek', '- name: Дата Соонг', '- name: Ōkami'].join('\n')]]));
  // Which names match as typed (their order is the ranking's, tested above; near misses are below).
  const texts = (query: string): string[] => local.complete(query).filter((m) => m.match !== 'typo').map((m) => m.candidate.text).sort();
  // A key that ends, one that goes on with a space, one that goes on with a letter.
  assert.deepEqual(texts('Zo'), ['Zo', 'Zoe Anne', 'Zoeanne', 'Zoë Marek']);
  assert.equal(local.complete('Zo')[0].match, 'exact');
  assert.deepEqual(texts('Zoe'), ['Zoe Anne', 'Zoeanne', 'Zoë Marek']);
  assert.deepEqual(texts('Zoe A'), ['Zoe Anne']);
  assert.deepEqual(texts('Zoea'), ['Zoeanne']);
  // A later word, and two-byte text.
  assert.deepEqual(texts('Mar'), ['Zoë Marek']);
  assert.deepEqual(texts('Соо'), ['Дата Соонг']);
  assert.deepEqual(texts('Дата'), ['Дата Соонг']);
  assert.deepEqual(texts('okami'), ['Ōkami']);
  // A one-letter slip finds the name; the near miss, a query that begins no key and is a letter
  // further off than one edit, finds nothing.
  assert.equal(local.complete('Zoeamne')[0]?.candidate.text, 'Zoeanne');
  assert.equal(local.complete('Zoeamne')[0]?.match, 'typo');
  assert.deepEqual(texts('Qxzzy'), []);
  // A query past every key, and one before every key.
  assert.deepEqual(texts('ЯЯЯ'), []);
  assert.deepEqual(texts('0'), []);
});
