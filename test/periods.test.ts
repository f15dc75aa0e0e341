import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatHistory, periodsAt, titleOf } from '../src/core/lore/periods';
import { loreFrom } from './helpers';

const at = (text: string, d: { range: { start: { line: number; character: number } } }): string => {
  const line = text.split('\n')[d.range.start.line];
  return line.slice(d.range.start.character);
};

test('periods: any descriptive field may be a list of periods, read in date order, each ending where the next begins', async () => {
  const { base } = await loreFrom({
    'lore/picard.yaml': `name: Jean-Luc Picard
rank:
  - { value: Admiral (retired), from: 2385 }
  - { value: Captain, from: 2333 }
  - { value: Admiral, from: 2381 }
affiliation:
  - { value: Starfleet, until: 2385 }
  - { value: Château Picard, from: 2386, source: "PIC: Remembrance" }
occupation: Vintner
crew: [{ name: Riker, post: first officer }]
`,
  });
  assert.deepEqual(base.problems, []);
  const picard = base.byId.get('jean-luc-picard')!;
  assert.deepEqual(picard.periods!.rank, [
    { value: 'Captain', from: { year: 2333 }, until: { year: 2381 } },
    { value: 'Admiral', from: { year: 2381 }, until: { year: 2385 } },
    { value: 'Admiral (retired)', from: { year: 2385 } },
  ]);
  assert.equal(picard.periods!.affiliation[1].source, 'PIC: Remembrance');
  assert.equal(picard.periods!.occupation, undefined, 'a plain value is no period');
  assert.equal(picard.periods!.crew, undefined, 'a list of other mappings is no period list');
  assert.deepEqual(periodsAt(picard.periods!.rank, { year: 2381 }).map((p) => p.value), ['Captain', 'Admiral']); // the coarser precision
  assert.deepEqual(periodsAt(picard.periods!.rank, { year: 2399 }).map((p) => p.value), ['Admiral (retired)']);
  assert.deepEqual(periodsAt(picard.periods!.affiliation, { year: 2385, month: 6 }).map((p) => p.value), ['Starfleet']);
  assert.equal(formatHistory(picard.periods!.rank, base.calendar), 'Captain 2333–2381, Admiral 2381–2385, Admiral (retired) from 2385');
  assert.equal(titleOf('Admiral (retired)'), 'Admiral');
  assert.equal(titleOf('Lieutenant Commander'), 'Lieutenant Commander');
});

test('periods: timed aliases are aliases at every date, with when they hold', async () => {
  const { base } = await loreFrom({
    'lore/settings.yaml': 'calendar:\n  eras:\n    - { name: BBY, before: true }\n    - { name: ABY }\n',
    'lore/anakin.yaml': `name: Anakin Skywalker
aliases:
  - Anakin
  - { name: Darth Vader, from: 19 BBY }
  - { name: Vader, from: 19-05 BBY, until: 4 ABY }
`,
  });
  assert.deepEqual(base.problems, []);
  const anakin = base.byId.get('anakin-skywalker')!;
  assert.deepEqual(anakin.aliases, ['Anakin', 'Darth Vader', 'Vader']);
  assert.deepEqual(anakin.aliasSpans, { 'Darth Vader': [{ from: { year: -19 } }], Vader: [{ from: { year: -19, month: 5 }, until: { year: 4 } }] });
});

test('periods: the lore checks cover the new shapes, each at the offending node', async () => {
  const text = `name: Jean-Luc Picard
aliases:
  - Picard
  - { name: Locutus, from: 2367, until: 2366 }
  - { name: Borg Picard, from: stardate 43989 }
  - { from: 2366 }
rank:
  - { value: Captain, from: 2333, until: 2390 }
  - { value: Admiral, from: 2381 }
  - { from: 2385 }
  - Vintner
  - { value: Ensign, from: 2327, until: 2320 }
title:
  - { value: Arbiter of Succession }
  - { value: Locutus }
`;
  const { base } = await loreFrom({ 'lore/picard.yaml': text });
  const found = base.problems.map((p) => `${p.code} ${p.range.start.line + 1}:${at(text, p).slice(0, 24)}`);
  assert.deepEqual(found.sort(), [
    'lore-date-order 4:2366 }',
    'lore-date-order 12:2320 }',
    'lore-invalid-date 5:stardate 43989 }',
    'lore-period-overlap 9:2381 }',
    'lore-period-overlap 15:{ value: Locutus }',
    'lore-wrong-type 10:{ from: 2385 }',
    'lore-wrong-type 11:Vintner',
    'lore-wrong-type 6:{ from: 2366 }',
  ].sort());
  const messages = base.problems.map((p) => p.message).join('\n');
  assert.match(messages, /`rank` of Jean-Luc Picard: Admiral begins in 2381, while Captain still holds \(until 2390\)\./);
  assert.match(messages, /A period of `rank` of Jean-Luc Picard has no `value`/);
  assert.match(messages, /A timed alias of Jean-Luc Picard needs a `name`/);
  assert.match(messages, /`from` of alias "Borg Picard" of Jean-Luc Picard: "stardate 43989" is not a date/);
  // The good parts still load.
  const picard = base.byId.get('jean-luc-picard')!;
  assert.deepEqual(picard.aliases, ['Picard', 'Locutus', 'Borg Picard']);
  assert.deepEqual(picard.periods!.rank.map((p) => p.value), ['Ensign', 'Captain', 'Admiral']);
});

test('periods: a lore without periods loads exactly as before', async () => {
  const { base } = await loreFrom({ 'lore/a.yaml': 'name: Data\naliases: [Mr. Data]\nrank: Lieutenant Commander\naffiliation: [Starfleet, Enterprise]\n' });
  const data = base.byId.get('data')!;
  assert.equal(data.periods, undefined);
  assert.equal(data.aliasSpans, undefined);
  assert.deepEqual(data.extra, { rank: 'Lieutenant Commander', affiliation: ['Starfleet', 'Enterprise'] });
});
