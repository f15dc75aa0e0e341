// The completion index after a lore reload is built from the previous one, reusing the entries
// that did not change (features/completion.ts): on random edits, it must be exactly the index a
// full build gives, table for table and answer for answer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { CompletionIndex } from '../../src/core/features/completion';
import { loadLore } from '../../src/core/lore/load';
import type { ParsedLoreFile } from '../../src/core/lore/parseFile';
import { MemoryFileSystem } from '../../src/core/memoryFileSystem';
import { params } from './budget';

// Names that share words and prefixes, so that `sharesName` and owners change as entries come and go.
const NAMES = ['Picard', 'Jean-Luc Picard', 'Picard Senior', 'Data', 'Data Prime', 'Lore', 'Kara Voss', 'Voss', 'Élise Marchand', 'Marchand', 'the Battle of Wolf', 'Wolf', 'Riker', 'Will Riker', 'Deanna Troi', 'Troi', 'Seven of Nine', 'Seven', 'Ro Laren', 'Laren'];
const ALIASES = ['Number One', 'Picard', 'Jean-Luc', 'The Captain', 'Imzadi', 'Voss', 'Data'];

interface Spec {
  name: string;
  aliases: string[];
  born?: string;
  died?: string;
  ranks?: string[];
  kind?: string;
  serial: number;
}

const spec: fc.Arbitrary<Spec> = fc.record(
  {
    name: fc.constantFrom(...NAMES),
    aliases: fc.uniqueArray(fc.constantFrom(...ALIASES), { maxLength: 2 }),
    born: fc.constantFrom('2330', '2340-05', '2361-02-03'),
    died: fc.constantFrom('2379', '2401-12'),
    ranks: fc.array(fc.constantFrom('Captain', 'Admiral', 'Commander'), { minLength: 1, maxLength: 2 }),
    kind: fc.constantFrom('character', 'place', 'ship'),
    serial: fc.nat(1_000_000),
  },
  { requiredKeys: ['name', 'aliases', 'serial'] },
);

function entryText(e: Spec, at: string): string {
  // A unique id, so that the same name in two entries is two entries (a duplicate id would merge them).
  const lines = [`- name: ${e.name}`, `  id: e-${at}-${e.serial}`];
  if (e.kind) lines.push(`  kind: ${e.kind}`);
  if (e.aliases.length > 0) lines.push(`  aliases: [${e.aliases.join(', ')}]`);
  if (e.born) lines.push(`  born: ${e.born}`);
  if (e.died) lines.push(`  died: ${e.died}`);
  if (e.ranks) lines.push('  rank:', ...e.ranks.map((r, i) => `    - { value: ${r}, from: ${2300 + 10 * i} }`));
  return lines.join('\n');
}

type Edit = { file: number; entry: number; kind: 'name' | 'alias' | 'born' | 'rank' | 'remove' | 'add' | 'move'; value: Spec };
const edit: fc.Arbitrary<Edit> = fc.record({
  file: fc.nat(3),
  entry: fc.nat(4),
  kind: fc.constantFrom('name', 'alias', 'born', 'rank', 'remove', 'add', 'add', 'move'),
  value: spec,
});

function applyEdit(files: Spec[][], e: Edit): void {
  const list = files[e.file % files.length];
  if (e.kind === 'add' || list.length === 0) {
    list.splice(e.entry % (list.length + 1), 0, e.value);
    return;
  }
  const i = e.entry % list.length;
  if (e.kind === 'remove') list.splice(i, 1);
  else if (e.kind === 'move') files[(e.file + 1) % files.length].push(...list.splice(i, 1));
  else {
    const target = { ...list[i] };
    if (e.kind === 'name') target.name = e.value.name;
    if (e.kind === 'alias') target.aliases = e.value.aliases;
    if (e.kind === 'born') target.born = e.value.born;
    if (e.kind === 'rank') target.ranks = e.value.ranks;
    list[i] = target;
  }
}

function fileSystem(files: Spec[][]): MemoryFileSystem {
  const encoder = new TextEncoder();
  const map = new Map<string, Uint8Array>();
  // Ids carry the entry's place in its file, so an edit keeps an id and a move makes another.
  files.forEach((list, f) => map.set(`lore/book-${f}.yaml`, encoder.encode(`${list.map((e, i) => entryText(e, `${f}-${i}`)).join('\n\n')}\n`)));
  return new MemoryFileSystem(map);
}

const folders = [{ name: 'lore', path: 'lore' }];
const QUERIES = ['P', 'Pic', 'picard', 'Jean', 'Data', 'Dat', 'Captain', 'Captain Pic', 'Admiral Data', 'Voss', 'Kara', 'Elise', 'Marchand', 'the Battle', 'Wolf', 'Seven', 'Troi', 'Imzadi', 'Number', 'Picrad', 'Marchnad', 'Rikker', 'Lren'];

function tables(index: CompletionIndex): unknown {
  const t = (index as unknown as { tables: Record<string, unknown> }).tables;
  const { reused: _reused, entries, candidates, ...rest } = t as { reused: number; entries: Array<{ id: string }>; candidates: Array<{ entry: { id: string }; text: string; isAlias: boolean; spans?: unknown }> } & Record<string, unknown>;
  return {
    entries: entries.map((e) => e.id),
    candidates: candidates.map((c) => [c.entry.id, c.text, c.isAlias, JSON.stringify(c.spans)]),
    ...Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v])),
  };
}

function answers(index: CompletionIndex): unknown {
  return QUERIES.flatMap((q) =>
    [undefined, 2335, 2390].map((year) =>
      index.complete(q, year === undefined ? {} : { date: { year } }).map((m) => [m.candidate.entry.id, m.candidate.text, m.match, m.distance, m.wordIndex, m.sharesName, m.status.state, m.holds]),
    ),
  );
}

test('completion reload: after random lore edits, the index built from the previous one is a full build’s', async () => {
  let rebuilt = 0;
  let incremental = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(fc.array(spec, { maxLength: 5 }), { minLength: 3, maxLength: 3 }), fc.array(edit, { minLength: 1, maxLength: 6 }), async (initial, edits) => {
      const files = initial.map((list) => [...list]);
      const cache = new Map<string, ParsedLoreFile>();
      let index = new CompletionIndex((await loadLore(fileSystem(files), folders, cache)).base);
      for (const e of edits) {
        applyEdit(files, e);
        const fs = fileSystem(files);
        const base = (await loadLore(fs, folders, cache)).base;
        const next = new CompletionIndex(base, index);
        const full = new CompletionIndex(base);
        rebuilt++;
        if (next.reused > 0) incremental++;
        assert.equal(full.reused, 0);
        assert.deepEqual(tables(next), tables(full));
        assert.deepEqual(answers(next), answers(full));
        index = next;
      }
    }),
    params(40),
  );
  // The reuse path is the one exercised: a property where every index was built in full would prove nothing.
  assert.ok(incremental > rebuilt / 2, `${incremental} of ${rebuilt} indexes reused entries`);
});

test('completion reload: one changed entry of many is indexed alone; the earlier index answers as before', async () => {
  const files: Spec[][] = [Array.from({ length: 300 }, (_, i) => ({ name: `${NAMES[i % NAMES.length]} ${i}`, aliases: [], serial: i })), [{ name: 'Picard', aliases: ['Jean-Luc'], serial: 1 }]];
  const cache = new Map<string, ParsedLoreFile>();
  const before = new CompletionIndex((await loadLore(fileSystem(files), folders, cache)).base);
  const answered = answers(before);
  files[1][0] = { name: 'Picard', aliases: ['Locutus'], serial: 1 };
  const base = (await loadLore(fileSystem(files), folders, cache)).base;
  const after = new CompletionIndex(base, before);
  assert.equal(after.reused, 300);
  assert.equal(after.complete('Locutus')[0].candidate.text, 'Locutus');
  assert.equal(before.complete('Locutus').length, 0, 'the earlier index is left as it was');
  assert.deepEqual(answers(before), answered);
  assert.deepEqual(tables(after), tables(new CompletionIndex(base)));
  // The near miss: a base where most entries changed is indexed in full (as quick, and no riskier).
  const renamed = files.map((list) => list.map((e) => ({ ...e, born: '2350' })));
  const all = new CompletionIndex((await loadLore(fileSystem(renamed), folders, cache)).base, after);
  assert.equal(all.reused, 0);
});
