// The lore merge's cheap paths must give what its general ones give: the default id of an ASCII
// name (read without the Unicode regexes), and a base built for one use (no memo kept).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { buildLoreBase, derivationOf } from '../src/core/lore/base';
import { defaultId, foldAccents } from '../src/core/lore/entry';
import { parseLoreFile } from '../src/core/lore/parseFile';

/** SPEC §1 word for word: accents folded, lower-cased, each run of non-alphanumerics one `-`, trimmed. */
const specId = (name: string): string => foldAccents(name).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '');

test('lore ids: an ASCII name gets the id the SPEC rule gives, and so does a name with accents', () => {
  const cases: Record<string, string> = {
    'Jean-Luc Picard': 'jean-luc-picard',
    '  --Data--  ': 'data',
    'USS Enterprise (NCC-1701-D)': 'uss-enterprise-ncc-1701-d',
    'R2-D2': 'r2-d2',
    "O'Brien_the\tElder": 'o-brien-the-elder',
    '!!!': '',
    // The near-misses: not ASCII, so the general rule reads them.
    'Padmé Amidala': 'padme-amidala',
    'O’Brien': 'o-brien',
    'Zoë 東京': 'zoe-東京',
  };
  for (const [name, id] of Object.entries(cases)) assert.equal(defaultId(name), id, name);
  fc.assert(fc.property(fc.string({ unit: 'binary-ascii', maxLength: 24 }), (name) => defaultId(name) === specId(name)), { seed: 13, numRuns: 3000 });
});

const canon = (summary: string): string => `- name: Jean-Luc Picard\n  summary: ${summary}\n- name: Data\n  relations:\n    friend: jean-luc-picard\n`;
// Four more files: a change to one file of five is merged on its own (past a quarter, the whole base is).
const others = ['Worf', 'Troi', 'Riker', 'Crusher'].map((name) => parseLoreFile(`lore/${name}.yaml`, `- name: ${name}\n`));
const layers = (summary: string) => [{ name: 'lore', files: [parseLoreFile('lore/a.yaml', canon(summary)), ...others] }];

test('lore merge: a base built for one use is merged again in full after a change, with the same result', () => {
  const once = buildLoreBase(layers('Captain'), undefined, undefined, false);
  const next = buildLoreBase(layers('Admiral'), once);
  assert.equal(derivationOf(next), undefined, 'nothing was kept to merge only the changed file');
  assert.deepEqual(next, buildLoreBase(layers('Admiral')));
  assert.equal(next.byId.get('jean-luc-picard')!.summary, 'Admiral');
  // The near-miss: a reusable base (the default) is updated where the file changed.
  const kept = buildLoreBase(layers('Captain'));
  const updated = buildLoreBase(layers('Admiral'), kept);
  assert.ok(derivationOf(updated), 'the changed entry was merged on its own');
  assert.deepEqual(updated.entries, next.entries);
  assert.deepEqual(updated.problems, next.problems);
});

test('lore merge: entries with no overrides, relations or descriptive fields share an empty mapping no entry can write into; the others have their own', () => {
  const base = buildLoreBase([
    { name: 'lore', files: [parseLoreFile('lore/a.yaml', '- name: Worf\n- name: Troi\n- name: Data\n  species: Android\n  relations:\n    friend: worf\n- name: Riker\n  rank: Commander\n')] },
    { name: 'au', files: [parseLoreFile('au/a.yaml', '- id: riker\n  rank: Captain\n')] },
  ]);
  const [worf, troi, data, riker] = ['worf', 'troi', 'data', 'riker'].map((id) => base.byId.get(id)!);
  // The plain entries: one empty mapping each, the same one, frozen (a slip that wrote into it would throw, not spread).
  for (const key of ['relations', 'extra', 'overrides'] as const) {
    assert.deepEqual(worf[key], {}, key);
    assert.equal(worf[key], troi[key], `${key}: shared`);
    assert.ok(Object.isFrozen(worf[key]), `${key}: frozen`);
  }
  // The near-misses: an entry with relations, a descriptive field, or a field a later layer overrode has its own, and the shared ones stay empty.
  assert.deepEqual(data.relations, { friend: ['worf'] });
  assert.deepEqual(data.extra, { species: 'Android' });
  assert.deepEqual(riker.extra, { rank: 'Captain' });
  assert.deepEqual(riker.overrides, { rank: 'au (was Commander in lore)' });
  assert.ok(!Object.isFrozen(data.relations) && !Object.isFrozen(data.extra) && !Object.isFrozen(riker.overrides));
  assert.deepEqual([worf.relations, worf.extra, worf.overrides, data.overrides], [{}, {}, {}, {}]);
  // Lists are the entry's own, of their length.
  assert.deepEqual(buildLoreBase([{ name: 'lore', files: [parseLoreFile('lore/b.yaml', '- name: Data\n  aliases: [Mr. Data, Mr. Data, Commander Data]\n')] }]).entries[0].aliases, ['Mr. Data', 'Commander Data']);
});

test('lore merge: locations made when first read are the ones made at once — fields, aliases (skipped, repeated, numbers), dates in the wrong order', () => {
  const text = [
    '- name: Jean-Luc Picard',
    '  aliases: [Picard, " ", Picard, 1701, Locutus]',
    '  born: 2305',
    '  died: 2300',
    '  rank: Captain',
    '  relations:',
    '    friend: data',
    '    enemy: nobody',
    '- name: Data',
    '  aliases:',
    '    - Mr Data',
    '    - Mr Data',
    '  born: 2338',
    '- name: Worf',
    '  aliases: Son of Mogh',
    '',
  ].join('\n');
  // Through the fast reader (its fields make their ranges when asked) and the yaml package (plain fields).
  for (const file of [parseLoreFile('lore/a.yaml', text), JSON.parse(JSON.stringify(parseLoreFile('lore/a.yaml', text)))]) {
    const lazy = buildLoreBase([{ name: 'lore', files: [file] }]);
    // A second layer naming every entry again by id: the merged entries are located at once, field by field.
    const ids = `${lazy.entries.map((e) => `- id: ${e.id}`).join('\n')}\n`;
    const eager = buildLoreBase([{ name: 'lore', files: [file] }, { name: 'au', files: [parseLoreFile('au/a.yaml', ids)] }]);
    assert.equal(lazy.entries.length, 3);
    for (const entry of lazy.entries) {
      const other = eager.byId.get(entry.id)!;
      assert.deepEqual(entry.fieldLocations, other.fieldLocations, entry.id);
      assert.deepEqual(Object.keys(entry.fieldLocations), Object.keys(other.fieldLocations), `${entry.id}: same order`);
      assert.equal(entry.fieldLocations, entry.fieldLocations, 'made once');
      assert.deepEqual(Object.keys(entry), Object.keys(other), `${entry.id}: the same keys in the same order`);
    }
    assert.deepEqual(lazy.problems, eager.problems.filter((p) => p.file !== 'au/a.yaml'));
    assert.ok(lazy.problems.some((p) => p.code === 'lore-date-order'));
    assert.ok(lazy.problems.some((p) => p.code === 'lore-unknown-relation'));
    const picard = lazy.byId.get('jean-luc-picard')!;
    assert.deepEqual(Object.keys(picard.fieldLocations).filter((k) => k.startsWith('aliases.')), ['aliases.0', 'aliases.1', 'aliases.2']);
    assert.deepEqual(picard.fieldLocations['aliases.1'].range, { start: { line: 1, character: 33 }, end: { line: 1, character: 37 } });
    // A copy (as the editor's server makes) reads them; a location set later is kept.
    const copy = { ...picard };
    assert.deepEqual(copy.fieldLocations, picard.fieldLocations);
    picard.fieldLocations = { name: picard.location };
    assert.deepEqual(picard.fieldLocations, { name: picard.location });
  }
});
