import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entryCard } from '../../src/core/features/card';
import { AU, CANON, canonBase } from './lore';
import { loreFrom } from '../helpers';

const base = canonBase();
const entry = (id: string) => base.byId.get(id)!;

test('card of a dead character in a scene after the death: dead, and for how long', () => {
  const card = entryCard(entry('data'), base, { scene: { date: { year: 2399 } } });
  assert.match(card, /^### Data/);
  assert.match(card, /\*character\* · Android/);
  assert.match(card, /\*\*In 2399:\*\* dead — died in 2379, 20 years before this scene\./);
  assert.match(card, /\*\*Died:\*\* 2379 \(Killed destroying the Scimitar\), aged 40 or 41 · 20 years before this scene/);
  assert.match(card, /\*Source:\* Star Trek Nemesis/);
});

test('card of the same character in a scene of his life: alive, with his age then', () => {
  const card = entryCard(entry('data'), base, { scene: { date: { year: 2370 } } });
  assert.match(card, /\*\*In 2370:\*\* 31 or 32 years old\./);
  assert.match(card, /\*\*Born:\*\* 2338 · 31 or 32 in 2370/);
  assert.match(card, /\*\*Died:\*\* 2379 .* · 9 years after this scene/);
  assert.doesNotMatch(card, /dead —/);
});

test('card with full dates gives one age; before the birth, says how long until it', () => {
  const later = entryCard(entry('jean-luc-picard'), base, { scene: { date: { year: 2399, month: 9, day: 1 } } });
  assert.match(later, /\*\*In 2399:\*\* 94 years old\./);
  assert.match(later, /\*\*Born:\*\* 13 July 2305 · 94 in 2399/);
  const earlier = entryCard(entry('jean-luc-picard'), base, { scene: { date: { year: 2300 } } });
  assert.match(earlier, /\*\*In 2300:\*\* not yet born — born on 13 July 2305, 5 years after this scene\./);
});

test('card shows descriptive fields, relations as links, the portrait and the definition link', () => {
  const card = entryCard(entry('jean-luc-picard'), base, {
    links: {
      entry: (id) => `command:open?${id}`,
      image: (path) => `file:///${path}`,
      definition: (e) => ({ href: `file:///${e.location.file}`, label: 'Open in lore/canon.yaml' }),
    },
  });
  assert.match(card, /\*human\*|\*character\* · Human · Starfleet/);
  assert.match(card, /Also: \*Picard\*, \*Jean-Luc\*, \*Locutus\*/);
  assert.match(card, /\*\*Actor:\*\* Patrick Stewart/);
  assert.match(card, /\*\*Relations:\*\* friend \[Data\]\(command:open\?data\), \[Agnes Jurati\]\(command:open\?agnes-jurati\)/);
  assert.match(card, /!\[Jean-Luc Picard\]\(file:\/\/\/lore\/portraits\/picard\.png\)/);
  assert.match(card, /\[Open in lore\/canon\.yaml\]\(file:\/\/\/lore\/canon\.yaml\)/);
  assert.doesNotMatch(card, /\*\*In /, 'an undated scene has no status line');
});

test('card of a ship outside its existence, and of an event', () => {
  assert.match(entryCard(entry('uss-enterprise-d'), base, { scene: { date: { year: 2399 } } }), /no longer exists — ended in 2371, 28 years before this scene/);
  assert.match(entryCard(entry('uss-enterprise-d'), base, { scene: { date: { year: 2360 } } }), /does not exist yet — from 2363, 3 years after this scene/);
  assert.match(entryCard(entry('attack-on-mars'), base, { scene: { date: { year: 2399 } } }), /\*\*In 2399:\*\* 14 years ago\./);
});

test('card says where the story changed canon', () => {
  const layered = canonBase([['lore', CANON], ['au', AU]]);
  const card = entryCard(layered.byId.get('data')!, layered, { scene: { date: { year: 2399 } } });
  assert.match(card, /\*\*Changed in this story:\*\* `died` removed by the au layer \(was 2379 in lore\)\./);
  assert.doesNotMatch(card, /dead —/);
});

test('card escapes Markdown in lore text', () => {
  const odd = canonBase([['lore', 'name: "Q*bert [the] <one>"\nsummary: "a_b"']]);
  const card = entryCard(odd.entries[0], odd);
  assert.match(card, /### Q\\\*bert \\\[the\\\] \\<one\\>/);
  assert.match(card, /a\\_b/);
});

test('card of an entry with periods: each timed field at the scene’s date with its history, and each timed alias’s period', async () => {
  const { base: timed } = await loreFrom({
    'lore/picard.yaml': `name: Jean-Luc Picard
aliases:
  - Picard
  - { name: Locutus, from: 2366-06, until: 2367 }
rank:
  - { value: Captain, from: 2333 }
  - { value: Admiral, from: 2381 }
  - { value: Admiral (retired), from: 2385 }
affiliation:
  - { value: Starfleet, until: 2385 }
  - { value: Château Picard, from: 2386 }
species: Human
`,
  });
  const picard = timed.byId.get('jean-luc-picard')!;
  const in2399 = entryCard(picard, timed, { scene: { date: { year: 2399 } } });
  assert.match(in2399, /\*\*Rank in 2399:\*\* Admiral \(retired\) — Captain 2333–2381, Admiral 2381–2385/);
  assert.match(in2399, /\*\*Affiliation in 2399:\*\* Château Picard — Starfleet until 2385/);
  assert.match(in2399, /Also: \*Picard\*, \*Locutus\* \(June 2366 – 2367\)/);
  assert.match(in2399, /\*character\* · Human\n/, 'a timed affiliation is not in the headline');
  assert.doesNotMatch(in2399, /value:/, 'periods are never shown as raw mappings');
  // At a boundary (the coarser precision) both values hold.
  assert.match(entryCard(picard, timed, { scene: { date: { year: 2381 } } }), /\*\*Rank in 2381:\*\* Captain, Admiral — Admiral \(retired\) from 2385/);
  // Before the first period, nothing holds yet; undated, the whole history.
  assert.match(entryCard(picard, timed, { scene: { date: { year: 2320 } } }), /\*\*Rank in 2320:\*\* none — Captain 2333–2381/);
  assert.match(entryCard(picard, timed), /\*\*Rank:\*\* Captain 2333–2381, Admiral 2381–2385, Admiral \(retired\) from 2385/);
});
