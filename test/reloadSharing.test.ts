// A reload of a large canon does work in proportion to the change (lore/load.ts, lore/base.ts,
// mentions/nameIndex.ts, persistentMap.ts): what a reloaded base and index share with the earlier
// ones must never show through them, and an editing session must not keep every base it made.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { prepareLore, type PreparedLore } from '../src/core/check';
import { buildLoreBase, derivationOf } from '../src/core/lore/base';
import { loadLore } from '../src/core/lore/load';
import { parseLoreFile, type ParsedLoreFile } from '../src/core/lore/parseFile';
import { MemoryFileSystem } from '../src/core/memoryFileSystem';
import type { NameNode } from '../src/core/mentions/nameIndex';
import { valuesAt } from '../src/core/persistentMap';

const folders = [{ name: 'lore', path: 'lore' }];

/** A canon of `files` files of `perFile` entries, each with a first word of its own; `revision` changes summaries. */
function canonFiles(files: number, perFile: number, revision: (file: number, entry: number) => number): Map<string, Uint8Array> {
  const encoder = new TextEncoder();
  const map = new Map<string, Uint8Array>();
  for (let f = 0; f < files; f++) {
    const lines: string[] = [];
    for (let e = 0; e < perFile; e++) {
      const n = f * perFile + e;
      lines.push(`- name: Name${n} Family${n % 7}`, `  aliases: [Family${n % 7} the ${n % 3 === 0 ? 'Elder' : 'Younger'}]`, `  summary: "Revision ${revision(f, e)}."`);
    }
    map.set(`lore/book-${String(f).padStart(2, '0')}.yaml`, encoder.encode(`${lines.join('\n')}\n`));
  }
  return map;
}

function describeNode(node: NameNode | undefined): unknown {
  if (!node) return undefined;
  return { forms: node.forms.map((f) => [f.entry.id, f.entry.summary, f.text]), next: node.next && [...node.next].map(([k, child]) => [k, describeNode(child)]) };
}

/** Every part of the trie as this index answers it, looked up in the order given. */
function describeRoots(lore: PreparedLore, words: string[]): unknown {
  return words.map((word) => [word, describeNode(lore.index.root(word))]);
}

function mulberry(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('reload: indexes derived one from another share the tries below unchanged first words, and each still answers as if built alone', async () => {
  // 12 files of 20 entries: 240 first words, so an edit of one file owns few slots (shared), and
  // a run of edits owns many (a list of its own is made again): both paths are walked.
  const revisions = new Map<string, number>();
  const revision = (f: number, e: number): number => revisions.get(`${f}.${e}`) ?? 0;
  const cache = new Map<string, ParsedLoreFile>();
  const steps: Array<{ lore: PreparedLore; files: Map<string, Uint8Array> }> = [];
  let files = canonFiles(12, 20, revision);
  steps.push({ lore: prepareLore((await loadLore(new MemoryFileSystem(files), folders, cache)).base), files });
  const words = [...new Set(steps[0].lore.index.firstWords(false))];
  const random = mulberry(13);
  let incremental = 0;
  for (let k = 1; k <= 24; k++) {
    // One entry of one file is revised (k % 5 === 0: every entry of that file).
    const f = Math.floor(random() * 12);
    for (let e = 0; e < 20; e++) if (k % 5 === 0 || e === k % 20) revisions.set(`${f}.${e}`, k);
    files = canonFiles(12, 20, revision);
    const loaded = await loadLore(new MemoryFileSystem(files), folders, cache);
    if (derivationOf(loaded.base)) incremental++;
    steps.push({ lore: prepareLore(loaded.base), files });
    // Lookups in random indexes, old and new, in between: each one builds parts the others may share.
    for (let q = 0; q < 30; q++) steps[Math.floor(random() * steps.length)].lore.index.root(words[Math.floor(random() * words.length)]);
  }
  assert.equal(incremental, 24, 'every reload was merged and indexed from the one before');
  for (const [k, { lore, files: at }] of steps.entries()) {
    const alone = prepareLore((await loadLore(new MemoryFileSystem(at), folders)).base);
    const order = [...words].sort(() => random() - 0.5);
    assert.deepEqual(describeRoots(lore, order), describeRoots(alone, order), `the index of step ${k}`);
  }
});

test('reload: two bases made from the same earlier one (a branch) each get their own tries where they differ', () => {
  const text = (summary: string, second: string): string => `- name: Kara Voss\n  summary: ${summary}\n- name: ${second}\n`;
  // Enough other first words that the two changed ones are few: the parts of the rest are shared.
  const others = Array.from({ length: 40 }, (_, i) => parseLoreFile(`lore/o${String(i).padStart(2, '0')}.yaml`, `- name: Other${i} Person\n`));
  const layers = (file: ParsedLoreFile) => [{ name: 'lore', files: [file, ...others] }];
  const first = buildLoreBase(layers(parseLoreFile('lore/a.yaml', text('First.', 'Data'))));
  const firstLore = prepareLore(first);
  const left = buildLoreBase(layers(parseLoreFile('lore/a.yaml', text('Left.', 'Data'))), first);
  const right = buildLoreBase(layers(parseLoreFile('lore/a.yaml', text('Right.', 'Data'))), first);
  assert.ok(derivationOf(left) && derivationOf(right), 'both were merged from the first');
  const leftLore = prepareLore(left);
  const rightLore = prepareLore(right);
  // The right one builds the shared part of an unchanged word first; each answers its own changed word.
  assert.equal(rightLore.index.root('Other3')!.next!.get(' Person')!.forms[0].entry, right.byId.get('other3-person'));
  assert.equal(leftLore.index.root('Kara')!.next!.get(' Voss')!.forms[0].entry.summary, 'Left.');
  assert.equal(rightLore.index.root('Kara')!.next!.get(' Voss')!.forms[0].entry.summary, 'Right.');
  assert.equal(firstLore.index.root('Kara')!.next!.get(' Voss')!.forms[0].entry.summary, 'First.');
  // The near miss: an unchanged entry is the same object in all three, and so is its part of the trie.
  assert.equal(leftLore.index.root('Other3'), rightLore.index.root('Other3'));
  assert.equal(firstLore.index.root('Other3'), rightLore.index.root('Other3'));
});

test('reload: byId of a reloaded base is a view of its entries that reads as a Map, and is not written out as JSON', () => {
  const canon = (summary: string): string => `- name: Jean-Luc Picard\n  summary: ${summary}\n- name: Data\n- name: Worf\n`;
  const others = ['Troi', 'Riker', 'Crusher', 'Guinan'].map((name) => parseLoreFile(`lore/${name}.yaml`, `- name: ${name}\n`));
  const layers = (summary: string) => [{ name: 'lore', files: [parseLoreFile('lore/a.yaml', canon(summary)), ...others] }];
  const before = buildLoreBase(layers('Captain'));
  const after = buildLoreBase(layers('Admiral'), before);
  assert.ok(derivationOf(after));
  const fresh = buildLoreBase(layers('Admiral'));
  assert.deepEqual([...after.byId], [...fresh.byId]);
  assert.deepEqual([...after.byId.keys()], [...fresh.byId.keys()]);
  assert.deepEqual([...after.byId.values()], [...fresh.byId.values()]);
  assert.equal(after.byId.size, fresh.byId.size);
  assert.equal(after.byId.get('jean-luc-picard')!.summary, 'Admiral');
  assert.equal(before.byId.get('jean-luc-picard')!.summary, 'Captain', 'the earlier base is as it was');
  assert.equal(after.byId.has('data'), true);
  // The near misses: an id no entry has.
  assert.equal(after.byId.get('picard'), undefined);
  assert.equal(after.byId.has('picard'), false);
  const seen: string[] = [];
  after.byId.forEach((entry, id) => seen.push(`${id}=${entry.name}`));
  assert.deepEqual(seen, [...fresh.byId].map(([id, entry]) => `${id}=${entry.name}`));
  const view = valuesAt(new Map([['a', 1], ['b', 0]]), ['zero', 'one']);
  assert.deepEqual([...view], [['a', 'one'], ['b', 'zero']]);
  assert.equal(JSON.stringify({ view }), '{"view":{}}');
});

test('reload: an editing session keeps the newest base and index, not every one it made', async () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const cache = new Map<string, ParsedLoreFile>();
  const collected = new Set<number>();
  const registry = new FinalizationRegistry<number>((k) => collected.add(k));
  let lore: PreparedLore | undefined;
  const count = 8;
  for (let k = 0; k < count; k++) {
    const files = canonFiles(8, 10, (f, e) => (f === k % 8 && e === 0 ? k : 0));
    const loaded = await loadLore(new MemoryFileSystem(files), folders, cache);
    if (k > 0) assert.ok(derivationOf(loaded.base), `reload ${k} was incremental`);
    lore = prepareLore(loaded.base);
    registry.register(loaded.base, k);
    // Once its index is made, a base no longer holds the one it came from.
    assert.equal(derivationOf(loaded.base)?.from, undefined);
    // An editor's reloads come one event after another; the finalizers run in between.
    await new Promise((resolve) => setImmediate(resolve));
  }
  for (let round = 0; round < 5 && collected.size < count - 1; round++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  const kept = Array.from({ length: count }, (_, k) => k).filter((k) => !collected.has(k));
  // The newest base is held (by `lore`, and the parse cache's last base); none before it.
  assert.deepEqual(kept, [count - 1]);
  assert.ok(lore);
});

test('reload: a derivation names the base it came from until the index is made from it', async () => {
  const cache = new Map<string, ParsedLoreFile>();
  const first = await loadLore(new MemoryFileSystem(canonFiles(8, 4, () => 0)), folders, cache);
  prepareLore(first.base);
  const second = await loadLore(new MemoryFileSystem(canonFiles(8, 4, (f, e) => (f === 2 && e === 1 ? 1 : 0))), folders, cache);
  assert.equal(derivationOf(second.base)?.from, first.base);
  const third = await loadLore(new MemoryFileSystem(canonFiles(8, 4, (f, e) => (f === 2 && e === 1 ? 2 : 0))), folders, cache);
  // The second base's index was never made: the third is built from the second all the same, and
  // the second no longer names the first (each base names only the one before it).
  assert.equal(derivationOf(third.base)?.from, second.base);
  assert.equal(derivationOf(second.base), undefined);
  const lore = prepareLore(third.base);
  assert.equal(lore.index.root('Name9')!.next!.get(' Family2')!.forms[0].entry.summary, 'Revision 2.');
  assert.ok(derivationOf(third.base), 'still known as merged incrementally');
  assert.equal(derivationOf(third.base)!.from, undefined);
});

/** Bytes that count how often their place in memory is read (what hashing them does first). */
class CountedBytes extends Uint8Array {
  static reads = 0;
  override get byteOffset(): number {
    CountedBytes.reads++;
    return super.byteOffset;
  }
}

test('reload: a file handed back as the same bytes is not hashed again; the same content in new bytes is, and is still known', async () => {
  const texts = canonFiles(4, 3, () => 0);
  const counted = (map: Map<string, Uint8Array>): Map<string, Uint8Array> => new Map([...map].map(([path, bytes]) => [path, CountedBytes.from(bytes)]));
  const files = counted(texts);
  const cache = new Map<string, ParsedLoreFile>();
  const fs = new MemoryFileSystem(files);
  CountedBytes.reads = 0;
  await loadLore(fs, folders, cache);
  const firstReads = CountedBytes.reads;
  assert.ok(firstReads >= 4, 'every file was hashed on the first load');
  CountedBytes.reads = 0;
  const again = await loadLore(fs, folders, cache);
  assert.equal(CountedBytes.reads, 0, 'no file was hashed again');
  assert.equal(again.parsedCount, 0);
  // The near miss: the same contents read again into new arrays (a disk read) are hashed, and found in the parse cache.
  const reread = counted(texts);
  CountedBytes.reads = 0;
  const fromDisk = await loadLore(new MemoryFileSystem(reread), folders, cache);
  assert.ok(CountedBytes.reads >= 4, 'new arrays are hashed');
  assert.equal(fromDisk.parsedCount, 0, 'and known by their content');
  // A changed file in a new array is parsed again.
  const changed = counted(canonFiles(4, 3, (f) => (f === 1 ? 5 : 0)));
  const edited = await loadLore(new MemoryFileSystem(changed), folders, cache);
  assert.equal(edited.parsedCount, 1);
  assert.equal(edited.base.byId.get('name4-family4')!.summary, 'Revision 5.');
});
