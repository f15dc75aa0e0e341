// A reload after lore files change merges and indexes only what changed (lore/base.ts,
// mentions/nameIndex.ts): on random edits, the result must be exactly a full rebuild's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { checkManuscript, prepareLore, type PreparedLore } from '../../src/core/check';
import { derivationOf, type LoreBase } from '../../src/core/lore/base';
import { loadLore } from '../../src/core/lore/load';
import type { ParsedLoreFile } from '../../src/core/lore/parseFile';
import { MemoryFileSystem } from '../../src/core/memoryFileSystem';
import type { NameNode } from '../../src/core/mentions/nameIndex';
import { params } from './budget';

const NAMES = ['Kara Voss', 'Jean-Luc Picard', 'Padmé Amidala', 'Data', 'Soji Asha', 'the Battle of Wolf', 'Worf', 'Élise Marchand', 'Riker', 'Deanna Troi', 'Beverly Crusher', 'Wesley', 'Tasha Yar', 'Guinan', 'Q', 'Lore', 'Ro Laren', 'Miles O\'Brien', 'Keiko', 'Lwaxana Troi', 'Hugh', 'Elnor', 'Raffi Musiker', 'Cristóbal Rios', 'Agnes Jurati', 'Seven of Nine', 'Narek', 'Oh', 'Bruce Maddox', 'Dahj'];
const RANKS = ['Captain', 'Commander', 'Lieutenant Commander', 'Admiral'];

interface Spec {
  name: string;
  id?: string;
  aliases: string[];
  born?: string;
  died?: string;
  summary: string;
  relation?: string;
  ranks?: string[];
  broken?: boolean;
}

function entryText(e: Spec): string {
  const lines = [`- name: ${e.name}`];
  if (e.id !== undefined) lines.push(`  id: ${e.id}`);
  if (e.aliases.length > 0) lines.push(`  aliases: [${e.aliases.join(', ')}]`);
  if (e.born) lines.push(`  born: ${e.born}`);
  if (e.died) lines.push(`  died: ${e.died}`);
  if (e.relation) lines.push('  relations:', `    sibling: ${e.relation}`);
  if (e.ranks) lines.push('  rank:', ...e.ranks.map((r, i) => `    - { value: ${r}, from: ${2300 + 10 * i} }`));
  lines.push(`  summary: "${e.summary}"`);
  if (e.broken) lines.push('  species: [unclosed');
  return lines.join('\n');
}

const spec: fc.Arbitrary<Spec> = fc.record(
  {
    name: fc.constantFrom(...NAMES),
    id: fc.constantFrom('kara', 'data', 'x-1', 'x-2'),
    aliases: fc.array(fc.constantFrom('Voss', 'Number One', 'Jean-Luc', 'Padmé', 'The Captain', 'Imzadi'), { maxLength: 2 }),
    born: fc.constantFrom('2330', '2340-05', '2361', 'soon'),
    died: fc.constantFrom('2379', '2320', '2401-12-01'),
    summary: fc.constantFrom('A friend.', 'An officer of the fleet.', 'Revised.'),
    relation: fc.constantFrom('data', 'kara', 'nobody', 'x-1'),
    ranks: fc.array(fc.constantFrom(...RANKS), { minLength: 1, maxLength: 2 }),
    broken: fc.constant(true),
    rare: fc.nat(7),
  },
  { requiredKeys: ['name', 'aliases', 'summary', 'rare'] },
).map(({ rare, ...e }) => ({
  ...e,
  aliases: [...new Set(e.aliases)],
  // An id of its own, and a file that is not valid YAML, now and then: most edits are of plain entries.
  id: rare === 0 ? e.id : undefined,
  broken: rare === 1 ? e.broken : undefined,
}));

/** Two layers of three files; each file a few entries. */
const world = fc.tuple(fc.array(fc.array(spec, { maxLength: 3 }), { minLength: 3, maxLength: 3 }), fc.array(fc.array(spec, { maxLength: 2 }), { minLength: 3, maxLength: 3 }));

type Edit = { file: number; entry: number; kind: 'summary' | 'born' | 'name' | 'alias' | 'remove' | 'add' | 'break' | 'rank' | 'relation'; value: Spec };
const edit: fc.Arbitrary<Edit> = fc.record({
  file: fc.nat(5),
  entry: fc.nat(3),
  kind: fc.constantFrom('summary', 'summary', 'summary', 'born', 'born', 'name', 'alias', 'remove', 'add', 'break', 'rank', 'rank', 'relation', 'relation'),
  value: spec,
});

function applyEdit(files: Spec[][], e: Edit): void {
  const list = files[e.file % files.length];
  if (e.kind === 'add' || list.length === 0) {
    list.push(e.value);
    return;
  }
  const i = e.entry % list.length;
  const target = { ...list[i] };
  if (e.kind === 'remove') list.splice(i, 1);
  else {
    if (e.kind === 'summary') target.summary = `${target.summary} Again.`;
    if (e.kind === 'born') target.born = e.value.born ?? '2350';
    if (e.kind === 'name') target.name = e.value.name;
    if (e.kind === 'alias') target.aliases = [...new Set([...target.aliases, ...e.value.aliases, 'Imzadi'])];
    if (e.kind === 'break') target.broken = !target.broken;
    if (e.kind === 'rank') target.ranks = e.value.ranks;
    if (e.kind === 'relation') target.relation = e.value.relation;
    list[i] = target;
  }
}

function fileSystem(files: Spec[][]): MemoryFileSystem {
  const encoder = new TextEncoder();
  const map = new Map<string, Uint8Array>();
  files.forEach((list, f) => {
    const folder = f < 3 ? 'lore' : 'au';
    map.set(`${folder}/book-${f % 3}.yaml`, encoder.encode(`${list.map(entryText).join('\n\n')}\n`));
  });
  return new MemoryFileSystem(map);
}

const folders = [{ name: 'lore', path: 'lore' }, { name: 'au', path: 'au' }];

/** Everything a reader of the base sees, entries by id (the objects themselves may be reused). */
function describeBase(base: LoreBase): unknown {
  return JSON.parse(JSON.stringify({ ...base, byId: [...base.byId.keys()], entries: base.entries, problems: base.problems }));
}

function describeNode(node: NameNode | undefined): unknown {
  if (!node) return undefined;
  return { forms: node.forms.map((f) => [f.entry.id, f.text, f.spans, f.title]), next: node.next && [...node.next].map(([k, child]) => [k, describeNode(child)]) };
}

function describeIndex(lore: PreparedLore, upper: boolean): unknown {
  const index = lore.index as unknown as { titleRoots: Map<string, unknown>; upperRoots?: Map<string, NameNode> };
  if (upper) for (const form of lore.index.forms) lore.index.upperRoot(form.words[0].toUpperCase());
  return {
    forms: lore.index.forms.map((f) => [f.entry.id, f.text, f.words, f.separators, f.spans, f.title]),
    knownWords: [...lore.index.knownWords].map(([w, e]) => [w, e.id]),
    spellings: [...lore.index.spellings],
    // Every part of the trie, each built on its lookup.
    roots: [...new Set(lore.index.firstWords(false))].map((k) => [k, describeNode(lore.index.root(k))]),
    upper: upper ? [...index.upperRoots!].map(([k, n]) => [k, describeNode(n)]) : undefined,
    titles: JSON.parse(JSON.stringify([...index.titleRoots], (_, v: unknown) => (v instanceof Map ? [...v] : v))),
  };
}

const CHAPTER = '# DATA AND KARA VOSS\n\nIn 2375, Captain Picard met Kara Voss and Data. Padme and Elise Marchand spoke of Voss.\n\nJean-Luc nodded; Worf and Riker and Deanna Troi did not. Admiral Picard and Commander Data left.\n';

test('reload: after random edits of lore files, the base and the name index are those of a full rebuild', async () => {
  let reloads = 0;
  let incrementalReloads = 0;
  await fc.assert(
    fc.asyncProperty(world, fc.array(edit, { minLength: 1, maxLength: 6 }), fc.boolean(), async ([lore, au], edits, upper) => {
      const files = [...lore, ...au].map((list) => [...list]);
      const cache = new Map<string, ParsedLoreFile>();
      let prepared = prepareLore((await loadLore(fileSystem(files), folders, cache)).base);
      for (const e of edits) {
        applyEdit(files, e);
        const fs = fileSystem(files);
        const incremental = await loadLore(fs, folders, cache);
        if (derivationOf(incremental.base)) incrementalReloads++;
        reloads++;
        if (upper) prepared.index.upperRoot('KARA');
        const next = prepareLore(incremental.base);
        const full = prepareLore((await loadLore(fs, folders)).base);
        assert.deepEqual(describeBase(incremental.base), describeBase(full.base));
        assert.deepEqual(describeIndex(next, upper), describeIndex(full, upper));
        assert.deepEqual(checkManuscript(next, 'ch.md', CHAPTER).diagnostics, checkManuscript(full, 'ch.md', CHAPTER).diagnostics);
        prepared = next;
      }
    }),
    params(60),
  );
  // Both paths are exercised: a property that only ever merged everything again would prove nothing.
  assert.ok(incrementalReloads > reloads / 5, `${incrementalReloads} of ${reloads} reloads were incremental`);
  assert.ok(incrementalReloads < reloads, 'some edits need the whole base merged again');
});

test('reload: a summary edit is merged and indexed incrementally, and the earlier base and index are left as they were', async () => {
  const files: Spec[][] = [
    [{ name: 'Kara Voss', aliases: ['Voss'], born: '2330', summary: 'A friend.', relation: 'data' }, { name: 'Data', aliases: [], summary: 'An android.' }],
    [{ name: 'Worf', aliases: [], summary: 'A Klingon.', ranks: ['Commander'] }],
    [],
    [],
    [],
    [],
  ];
  const cache = new Map<string, ParsedLoreFile>();
  const first = await loadLore(fileSystem(files), folders, cache);
  const before = prepareLore(first.base);
  const snapshot = { base: describeBase(first.base), index: describeIndex(before, false) };
  files[0][0] = { ...files[0][0], summary: 'A friend, revised.' };
  const second = await loadLore(fileSystem(files), folders, cache);
  assert.equal(second.parsedCount, 1);
  const derivation = derivationOf(second.base);
  assert.ok(derivation, 'merged incrementally');
  assert.equal(derivation.from, first.base);
  assert.deepEqual(derivation.replaced.map((r) => r.entry.id), ['kara-voss', 'data']);
  assert.equal(second.base.byId.get('kara-voss')!.summary, 'A friend, revised.');
  const after = prepareLore(second.base);
  assert.equal(after.index.root('Kara')!.next!.get(' Voss')!.forms[0].entry, second.base.byId.get('kara-voss'));
  assert.equal(after.index.knownWords.get('Voss'), second.base.byId.get('kara-voss'));
  // The earlier lore is unchanged: a check still running on it sees what it saw.
  assert.deepEqual({ base: describeBase(first.base), index: describeIndex(before, false) }, snapshot);
  assert.equal(before.index.root('Kara')!.next!.get(' Voss')!.forms[0].entry, first.base.byId.get('kara-voss'));

  // The near miss: a rename reaches other entries' shared names, and the whole base is merged again.
  files[1][0] = { ...files[1][0], name: 'Data' };
  const third = await loadLore(fileSystem(files), folders, cache);
  assert.equal(derivationOf(third.base), undefined);
  assert.ok(third.base.problems.some((p) => p.code === 'lore-duplicate-id' || p.code === 'lore-duplicate-alias'));
});

test('reload: the sample year of a large base (past the first 2000 dates) is the median the rule gives, fully and after an edit', async () => {
  // Reference: every entry's years until 2000 are gathered, then each entry's first date.
  const reference = (files: number[][][]): number => {
    const years: number[] = [];
    for (const file of files) {
      for (const entry of file) {
        for (const y of entry) {
          years.push(y);
          if (years.length >= 2000) break;
        }
      }
    }
    years.sort((a, b) => a - b);
    return Math.round(years[years.length >> 1] / 10) * 10;
  };
  const rng = fc.sample(fc.integer({ min: 1900, max: 2600 }), { seed: 7, numRuns: 20_000 });
  let k = 0;
  const files: number[][][] = Array.from({ length: 8 }, (_, f) => Array.from({ length: 300 }, () => (f < 3 ? [rng[k++], rng[k++], rng[k++]] : [rng[k++] + 300 * (f % 2), rng[k++]])));
  const text = (file: number[][], f: number): string =>
    file.map((years, e) => [`- name: Person ${f} ${e}`, ...years.map((y, i) => `  ${['born', 'died', 'date'][i]}: ${y}`)].join('\n')).join('\n\n');
  const encoder = new TextEncoder();
  const map = new Map(files.map((file, f) => [`lore/f${f}.yaml`, encoder.encode(text(file, f))]));
  const cache = new Map<string, ParsedLoreFile>();
  const lore = [{ name: 'lore', path: 'lore' }];
  const first = await loadLore(new MemoryFileSystem(map), lore, cache);
  assert.equal(first.base.calendar.sampleYear, reference(files));
  // An edit past the first 2000 dates moves the median: the base is merged again, with the new median.
  files[6] = files[6].map(([born, died]) => [born - 600, died - 600]);
  map.set('lore/f6.yaml', encoder.encode(text(files[6], 6)));
  const second = await loadLore(new MemoryFileSystem(map), lore, cache);
  assert.equal(second.base.calendar.sampleYear, reference(files));
  assert.notEqual(second.base.calendar.sampleYear, first.base.calendar.sampleYear, 'the edit moved the median');
});
