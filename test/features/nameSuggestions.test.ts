import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CompletionIndex } from '../../src/core/features/completion';
import { suggestNames, type SuggestRequest } from '../../src/core/features/nameSuggestions';
import { canonBase, CANON } from './lore';

const index = new CompletionIndex(canonBase());
const typing = (lineBefore: string, extra: Partial<SuggestRequest> = {}) => suggestNames(index, { lineBefore, explicit: false, ...extra });
const asked = (lineBefore: string, extra: Partial<SuggestRequest> = {}) => suggestNames(index, { lineBefore, explicit: true, ...extra });
const labels = (s: ReturnType<typeof suggestNames>) => s?.items.map((i) => i.match.candidate.text) ?? [];

test('as the writer types, ordinary lowercase words bring up nothing (Enter stays a new line)', () => {
  for (const line of ['and then', 'at all', 'she said da', 'the attack on m', 'jur', 'pic']) {
    assert.equal(typing(`It was ${line}`), undefined, line);
  }
});

test('as the writer types, a capitalised word that begins a canon name is offered, the first preselected', () => {
  const pic = typing('She saw Pic');
  assert.ok(pic);
  assert.equal(pic.typed, 'Pic');
  assert.deepEqual(labels(pic).slice(0, 2), ['Picard', 'Jean-Luc Picard']);
  assert.deepEqual(pic.items.map((i) => i.preselect), [true, ...pic.items.slice(1).map(() => false)]);
  assert.equal(labels(typing('She thought of the attack on M'))[0], 'the attack on Mars', 'a phrase that begins a name');
});

test('as the writer types, a capitalised English word is left alone unless it is a canon name typed whole', () => {
  for (const word of ['The', 'And', 'I', 'At', 'Dance']) assert.equal(typing(`${word}`), undefined, word);
  const data = typing('Then Data');
  assert.ok(data, '"Data" is an English word but also a name: offering it cannot change what was typed');
  assert.equal(data.items[0].match.candidate.text, 'Data');
  assert.equal(data.items[0].match.match, 'exact');
});

test('near misses are never offered as the writer types, and never preselected when asked for', () => {
  assert.equal(typing('They met Jurrati'), undefined);
  const asked1 = asked('They met Jurrati');
  assert.ok(asked1);
  assert.equal(labels(asked1)[0], 'Jurati');
  assert.equal(asked1.items[0].preselect, false, 'a typo match is not preselected');
  assert.deepEqual(labels(asked('they met jurrati')), [], 'no fuzzy match for a lowercase word, even when asked');
  assert.equal(labels(asked('they met pic'))[0], 'Picard', 'a lowercase prefix is still completed when asked');
});

test('asked for with nothing typed: the scene\'s characters, then those alive at its date', () => {
  const in2399 = asked('Then ', { date: { year: 2399 }, sceneEntryIds: ['data'] });
  assert.ok(in2399);
  const names = labels(in2399);
  assert.equal(names[0], 'Data', 'mentioned in the scene comes first, alive or not');
  assert.ok(names.includes('Jean-Luc Picard') && names.includes('Agnes Jurati'));
  assert.ok(names.includes('Dahj Asha'), 'Dahj died in 2399-03: in a scene dated only 2399 she may be alive');
  assert.ok(!labels(asked('Then ', { date: { year: 2400 } })).includes('Dahj Asha'), 'in 2400 she is dead');
  assert.ok(!names.includes('USS Enterprise-D'), 'only characters');
  assert.ok(in2399.items.every((i) => !i.preselect));
  assert.ok(!labels(asked('Then ', { date: { year: 2350 } })).includes('Agnes Jurati'), 'not born before 2360');
  assert.equal(typing('Then '), undefined, 'nothing typed, not asked: nothing');
});

test('ranking: the canonical name before a name that merely shares its word', () => {
  const base = canonBase([['lore', `${CANON}
- name: Picard's resignation
  kind: event
  date: 2385
- name: Seven of Nine
  aliases: [Seven]
  born: 2348
- name: Beverly Crusher
  aliases: [Beverly, Bev]
  born: 2324
`]]);
  const local = new CompletionIndex(base);
  const pic = local.complete('Pic', { date: { year: 2399 } }).map((m) => m.candidate.text);
  assert.ok(pic.indexOf("Picard's resignation") > pic.indexOf('Jean-Luc Picard'), pic.join(', '));
  assert.ok(pic.indexOf("Picard's resignation") > pic.indexOf('Picard'), pic.join(', '));
  assert.equal(local.complete('Picard\'s r')[0].candidate.text, "Picard's resignation", 'typed far enough, the event itself comes first');
  const sev = local.complete('Sev').map((m) => m.candidate.text);
  assert.ok(sev.includes('Seven of Nine'));
  assert.ok(!sev.some((name) => name.startsWith('Bev')), `Sev offers ${sev.join(', ')}`);
  assert.match(local.complete('Bevrly')[0].candidate.text, /^Beverly/, 'a longer slip still finds the name');
});
