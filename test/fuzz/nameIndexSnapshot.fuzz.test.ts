// The name index kept in a lore cache (NameIndex.toSnapshot) and restored on a warm start must be
// the index built from scratch: on random canons, every lookup gives the same answer — and a
// snapshot that does not fit the base (another base, damaged, cut short) is refused, never used.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deserialize, serialize } from 'node:v8';
import fc from 'fast-check';
import { checkManuscript, prepareLore } from '../../src/core/check';
import { loadLore } from '../../src/core/lore/load';
import { MemoryFileSystem } from '../../src/core/memoryFileSystem';
import type { NameForm, NameIndex, NameNode, TitleNode } from '../../src/core/mentions/nameIndex';
import { params } from './budget';

const WORDS = ['Kara', 'Voss', 'Jean-Luc', 'Picard', 'Padmé', 'Amidala', 'Data', 'the', 'Battle', 'of', 'Wolf', 'Élise', "O'Brien", 'J.L.', 'mars', 'attack', 'Ro', 'Laren', 'Seven', 'Nine', 'USS', 'Enterprise', 'Cristóbal', 'Ríos', 'an', 'Q', 'Æon', 'straße'];
const SEPARATORS = [' ', ' ', ' ', '-', "'", ' - ', '  '];
const RANKS = ['Captain', 'Commander', 'Lieutenant Commander', 'Admiral', 'Emperor'];

const nameText = fc.array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS)), { minLength: 1, maxLength: 4 }).map((parts) => parts.map(([w, s], i) => (i === 0 ? w : s + w)).join(''));

interface Spec {
  name: string;
  aliases: string[];
  timed: string[];
  ranks: string[];
  titledAlias: boolean;
}

const spec: fc.Arbitrary<Spec> = fc.record({
  name: nameText,
  aliases: fc.array(nameText, { maxLength: 3 }),
  timed: fc.array(nameText, { maxLength: 1 }),
  ranks: fc.array(fc.constantFrom(...RANKS), { maxLength: 2 }),
  titledAlias: fc.boolean(),
});

const quote = (text: string): string => JSON.stringify(text);

function loreText(specs: Spec[]): string {
  return specs
    .map((e, i) => {
      const aliases = [...new Set([...e.aliases, ...(e.titledAlias && e.ranks.length > 0 ? [`${e.ranks[0]} ${e.name}`] : [])])].map(quote);
      const lines = [`- name: ${quote(e.name)}`, `  id: e${i}`, '  kind: character'];
      const timed = e.timed.map((t) => `{ name: ${quote(t)}, from: 2360, until: 2370 }`);
      if (aliases.length + timed.length > 0) lines.push(`  aliases: [${[...aliases, ...timed].join(', ')}]`);
      if (e.ranks.length > 0) lines.push('  rank:', ...e.ranks.map((r, k) => `    - { value: ${r}, from: ${2350 + 10 * k} }`));
      return lines.join('\n');
    })
    .join('\n\n');
}

async function baseOf(specs: Spec[]) {
  const fs = new MemoryFileSystem({ 'lore/a.yaml': `${loreText(specs)}\n` });
  return (await loadLore(fs, [{ name: 'lore', path: 'lore' }])).base;
}

function describeForm(f: NameForm | undefined): unknown {
  return f && { entry: f.entry.id, text: f.text, words: f.words, separators: f.separators, trailing: f.trailing, isAlias: f.isAlias, spans: f.spans, title: f.title };
}

function describeNode(node: NameNode | undefined): unknown {
  if (!node) return undefined;
  return { forms: node.forms.map(describeForm), next: node.next && [...node.next].map(([k, child]) => [k, describeNode(child)]) };
}

function describeTitle(node: TitleNode | undefined): unknown {
  return node && { title: node.title, next: node.next && [...node.next].map(([k, child]) => [k, describeTitle(child)]) };
}

/** Everything a reader of the index can ask, for every key it has and a few it has not. */
function describeIndex(index: NameIndex): unknown {
  const keys = [...new Set([...index.firstWords(true), 'Nobody', 'KARA', 'Mars', 'mars', 'Captain', 'CAPTAIN'])];
  return {
    forms: index.forms.map(describeForm),
    knownWords: [...index.knownWords].map(([w, e]) => [w, e.id]),
    spellings: [...index.spellings],
    hasTitles: index.hasTitles,
    firstWords: [[...index.firstWords(false)], [...index.firstWords(true)]],
    roots: keys.map((k) => [k, describeNode(index.root(k)), describeNode(index.upperRoot(k)), describeTitle(index.titleRoot(k))]),
    titled: index.forms.flatMap((f) => RANKS.map((r) => describeForm(index.titledForm(f, r)))),
  };
}

const CHAPTER = '# KARA VOSS AND THE BATTLE OF WOLF\n\nIn 2365, Captain Picard met Kara Voss. Admiral Jean-Luc Picard and Padme spoke of the Battle of Wolf.\n\nMars was quiet; Elise and Cristobal Rios and Commander Data left. Voss said "Ro Laren" twice.\n';

test('name index snapshot: restored from its snapshot (through v8 serialisation), the index answers every lookup as the built one', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(spec, { maxLength: 8 }), async (specs) => {
      const base = await baseOf(specs);
      const built = prepareLore(base);
      assert.equal(built.index.restored, false);
      // Through the cache's own serialisation: typed arrays and strings survive it as they are.
      const snapshot = deserialize(serialize(built.index.toSnapshot())) as unknown;
      const restored = prepareLore(base, snapshot);
      assert.equal(restored.index.restored, true, 'the snapshot fits its own base');
      assert.deepEqual(describeIndex(restored.index), describeIndex(built.index));
      assert.deepEqual(checkManuscript(restored, 'ch.md', CHAPTER).diagnostics, checkManuscript(built, 'ch.md', CHAPTER).diagnostics);
      // And a restored index snapshots as the built one does.
      assert.deepEqual(deserialize(serialize(restored.index.toSnapshot())), snapshot);
    }),
    params(40),
  );
});

test('name index snapshot: one that does not fit the base — another canon, other ids, damaged, cut short — is refused and the index built', async () => {
  const specs: Spec[] = [
    { name: 'Kara Voss', aliases: ['Voss'], timed: [], ranks: ['Captain'], titledAlias: true },
    { name: 'Jean-Luc Picard', aliases: ['Picard'], timed: ['Locutus'], ranks: [], titledAlias: false },
  ];
  const base = await baseOf(specs);
  const built = prepareLore(base);
  const snapshot = built.index.toSnapshot();
  assert.equal(prepareLore(base, snapshot).index.restored, true, 'the near miss: its own base takes it');
  const expected = describeIndex(built.index);
  const refused = (value: unknown, why: string): void => {
    const index = prepareLore(base, value).index;
    assert.equal(index.restored, false, why);
    assert.deepEqual(describeIndex(index), expected, `${why}: built as before`);
  };
  // The same number of entries and the same ids, other names: another base.
  const other = await baseOf(specs.map((s) => ({ ...s })).reverse());
  assert.deepEqual(other.entries.map((e) => e.id), base.entries.map((e) => e.id));
  assert.equal(prepareLore(other, snapshot).index.restored, false, 'the same ids with other names');
  const renamed = await baseOf(specs);
  (renamed.entries[1] as { id: string }).id = 'someone-else-entirely';
  assert.equal(prepareLore(renamed, snapshot).index.restored, false, 'the same names with another id');
  assert.equal(prepareLore(await baseOf([...specs, specs[0]]), snapshot).index.restored, false, 'another entry count');
  refused(undefined, 'nothing kept');
  refused('garbage', 'a string');
  refused(null, 'null');
  refused({ ...snapshot, version: 99 }, 'another version');
  refused({ ...snapshot, words: snapshot.words.subarray(1) }, 'cut short');
  refused({ ...snapshot, words: Int32Array.from(snapshot.words, (w) => w + 1000) }, 'words out of the string table');
  refused({ ...snapshot, firstPlaces: Int32Array.from(snapshot.firstPlaces, () => 999) }, 'places past the forms');
  refused({ ...snapshot, texts: Int32Array.from(snapshot.texts, () => 7) }, 'an alias the entry does not have');
  refused({ ...snapshot, strings: snapshot.strings.map(() => '') }, 'empty words');
  refused({ ...snapshot, knownEntries: [...snapshot.knownEntries] }, 'a plain array for a typed one');
  refused({ ...snapshot, titleWords: Int32Array.from(snapshot.titleWords, () => 40) }, 'a title longer than its form');
  // Version 2's arrays: the word tables' hash tables.
  refused({ ...snapshot, version: 1 }, 'the layout before the hash tables (an older cache)');
  refused({ ...snapshot, separators: Int32Array.from(snapshot.separators, () => 1e6) }, 'separators out of the string table');
  refused({ ...snapshot, firstTable: new Int32Array(snapshot.firstTable.length).fill(1) }, 'a hash table with no empty place (a lookup would never end)');
  refused({ ...snapshot, knownTable: snapshot.knownTable.subarray(0, 3) }, 'a hash table whose length is no power of two');
  refused({ ...snapshot, upperTable: Int32Array.from(snapshot.upperTable, (v) => (v === 0 ? 0 : 999)) }, 'a hash table naming slots past its words');
  refused({ ...snapshot, knownTable: new Int32Array(snapshot.knownTable.length) }, 'a hash table with fewer words than the slots');
  refused({ ...snapshot, knownTable: Int32Array.from(snapshot.knownTable, (v) => (v === 0 ? 0 : 1)) }, 'a hash table naming one slot many times');
  // Version 3's arrays: the trie node by node, and the first-word filter.
  refused({ ...snapshot, version: 2 }, 'the layout before the trie was kept (an older cache)');
  assert.ok(snapshot.childFirsts.length > snapshot.firstKeys.length, 'the canon has names of several words');
  const parent = snapshot.childCounts.findIndex((children) => children > 0);
  const back = Int32Array.from(snapshot.childFirsts);
  back[parent] = parent;
  refused({ ...snapshot, childFirsts: back }, 'a node its own child (a walk that comes back)');
  refused({ ...snapshot, childCounts: Int32Array.from(snapshot.childCounts, (c, n) => (n === parent ? 1e6 : c)) }, 'children past the nodes');
  refused({ ...snapshot, childFirsts: snapshot.childFirsts.subarray(1) }, 'nodes cut short');
  refused({ ...snapshot, formCounts: Int32Array.from(snapshot.formCounts, () => 1e6) }, 'node forms past the list');
  refused({ ...snapshot, nodeWords: Int32Array.from(snapshot.nodeWords, () => 1e6) }, 'node keys out of the string table');
  refused({ ...snapshot, nodeForms: Int32Array.from(snapshot.nodeForms, () => 999) }, 'node forms past the forms');
  refused({ ...snapshot, childTable: Int32Array.from(snapshot.childTable, (v) => (v === 0 ? 0 : snapshot.childFirsts.length)) }, 'a child table naming one child many times');
  refused({ ...snapshot, childTable: new Int32Array(snapshot.childTable.length).fill(snapshot.firstKeys.length + 1) }, 'a child table with no empty place');
  refused({ ...snapshot, firstBits: new Uint32Array(100) }, 'a filter of the wrong size');
  refused({ ...snapshot, firstBits: Int32Array.from(snapshot.firstBits) }, 'a filter of the wrong type');
  // Version 4: the places of the entries with titles.
  refused({ ...snapshot, version: 3 }, 'the layout before the titled entries were kept (an older cache)');
  assert.deepEqual([...snapshot.titled], [0], 'the entry with a rank, and only it');
  refused({ ...snapshot, titled: Int32Array.of(0, 0) }, 'a titled entry named twice');
  refused({ ...snapshot, titled: Int32Array.of(5) }, 'a titled entry past the entries');
  refused({ ...snapshot, titled: [0] }, 'titled entries in a plain array');
});
