// A name index restored from its snapshot reads its trie from the snapshot's nodes as lookups reach
// them (mentions/nameIndexSnapshot.ts: FlatNode), and makes each form when first read: whatever
// order the lookups come in — a few keys, then many under one node, misses among them — it
// answers as the index built from scratch, and so do the indexes reloads derive from it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deserialize, serialize } from 'node:v8';
import { checkManuscript, prepareLore, type PreparedLore } from '../src/core/check';
import { derivationOf } from '../src/core/lore/base';
import { loadLore } from '../src/core/lore/load';
import type { ParsedLoreFile } from '../src/core/lore/parseFile';
import { MemoryFileSystem } from '../src/core/memoryFileSystem';
import type { NameNode } from '../src/core/mentions/nameIndex';

const folders = [{ name: 'lore', path: 'lore' }];
// More captains than a node gathers at once (32), so that single lookups are matched one by one first.
const SURNAMES = ['Voss', 'Picard', 'Riker', 'Troi', 'Crusher', 'Worf', 'Data', 'Yar', 'Ro', 'Guinan', 'Barclay', 'Ogawa', ...Array.from({ length: 30 }, (_, k) => `Quill${k}`)];

/** Forty-two captains (one first word heading more forms than a node matches one by one), ships, and a revision in the summaries. */
function files(revision: number): Map<string, Uint8Array> {
  const people: string[] = [];
  const ships: string[] = [];
  SURNAMES.forEach((surname, k) => {
    people.push(`- name: Kara ${surname}`, `  id: kara-${k}`, `  aliases: ["Captain ${surname}", "${surname}"]`, `  summary: "Revision ${k === 3 ? revision : 0}."`);
    ships.push(`- name: "SS ${surname} Star"`, `  id: ship-${k}`, '  kind: ship');
  });
  const others = ['- name: J.L. Tam', '  id: tam', '- name: Élise Brunet-Laval', '  id: elise'];
  const encoded = (lines: string[]): Uint8Array => new TextEncoder().encode(`${lines.join('\n')}\n`);
  // The people in a file of their own among several: a revision re-merges that file alone (a reload derived from the base before).
  const fillers = Array.from({ length: 6 }, (_, k): [string, Uint8Array] => [`lore/d-filler-${k}.yaml`, encoded([`- name: Filler${k} Person`, `  id: filler-${k}`])]);
  return new Map([['lore/a-people.yaml', encoded(people)], ['lore/b-ships.yaml', encoded(ships)], ['lore/c-others.yaml', encoded(others)], ...fillers]);
}

function describe(node: NameNode | undefined): unknown {
  return node && node.forms.map((f) => [f.entry.id, f.entry.summary, f.text, f.words.join('|'), f.trailing]);
}

/** Walks `path` (first word, then keys) with single lookups, as the scanner does, describing each node met. */
function walk(lore: PreparedLore, path: string[]): unknown {
  const out: unknown[] = [];
  let node = lore.index.root(path[0]);
  out.push(describe(node), node?.next !== undefined);
  for (const key of path.slice(1)) {
    node = node?.next?.get(key);
    out.push(describe(node), node?.next !== undefined);
  }
  return out;
}

const PATHS = [
  ['Captain', '-Voss'], ['Captain', ' Voss'], ['Captain', ' Nobody'], ['Captain', ' voss'], ['Captain', ' Picard'],
  ...SURNAMES.slice(0, 12).map((s) => ['Captain', ` ${s}`]), ['Captain', ' Worf'], ['Captain', ' Nobody'], ['Captain', ' Quill29'],
  ['SS', ' Voss', ' Star'], ['SS', ' Voss', ' Moon'], ['SS', ' Troi'], ['Kara', ' Troi'], ['Kara'], ['Voss'], ['J', '.L'], ['Elise', ' Brunet', '-Laval'], ['Nobody'],
];

async function restoredPair(revision: number): Promise<{ built: PreparedLore; restored: PreparedLore; cache: Map<string, ParsedLoreFile> }> {
  const cache = new Map<string, ParsedLoreFile>();
  const base = (await loadLore(new MemoryFileSystem(files(revision)), folders, cache)).base;
  const built = prepareLore(base);
  const restored = prepareLore(base, deserialize(serialize(built.index.toSnapshot())));
  assert.equal(restored.index.restored, true);
  return { built, restored, cache };
}

test('restored name index: single lookups, fewer and more than a node matches one by one, misses among them, answer as the built index', async () => {
  const { built, restored } = await restoredPair(0);
  for (const path of PATHS) assert.deepEqual(walk(restored, path), walk(built, path), path.join(''));
  // After the walks (the Captain node has gathered its children): the whole trie as the built one's, in its order.
  const whole = (lore: PreparedLore, word: string): unknown => {
    const all = (node: NameNode | undefined): unknown => node && [describe(node), node.next && [...node.next].map(([k, child]) => [k, all(child)])];
    return all(lore.index.root(word));
  };
  for (const word of ['Captain', 'SS', 'Kara', 'Elise', 'J']) assert.deepEqual(whole(restored, word), whole(built, word), word);
  const chapter = 'Captain Voss met Kara Troi aboard the SS Worf Star. Captain Nobody and J.L. Tam waved; Élise Brunet-Laval left. Captain Ogawa, Captain Yar.\n';
  assert.deepEqual(checkManuscript(restored, 'ch.md', chapter).diagnostics, checkManuscript(built, 'ch.md', chapter).diagnostics);
});

test('restored name index: a reload derived from it answers with the new entries, and the restored one keeps the old', async () => {
  const { restored, cache } = await restoredPair(0);
  // Some lookups before the reload: their nodes are the restored index's, shared where nothing changed.
  walk(restored, ['Captain', ' Troi']);
  walk(restored, ['SS', ' Voss', ' Star']);
  const next = (await loadLore(new MemoryFileSystem(files(7)), folders, cache)).base;
  assert.ok(derivationOf(next), 'merged from the restored base');
  const derived = prepareLore(next);
  const alone = prepareLore((await loadLore(new MemoryFileSystem(files(7)), folders)).base);
  for (const path of PATHS) assert.deepEqual(walk(derived, path), walk(alone, path), path.join(''));
  assert.deepEqual(walk(restored, ['Captain', ' Troi']), walk((await restoredPair(0)).built, ['Captain', ' Troi']), 'the restored index as it was');
  assert.equal(derived.index.root('Kara')!.next!.get(' Troi')!.forms[0].entry.summary, 'Revision 7.');
  assert.equal(restored.index.root('Kara')!.next!.get(' Troi')!.forms[0].entry.summary, 'Revision 0.');
  // The same first words: the reload shares the restored index's first-word filter, which is the one a build from scratch makes.
  assert.equal(derived.index.firstWordBits(), restored.index.firstWordBits());
  assert.deepEqual(alone.index.firstWordBits(), derived.index.firstWordBits());
});
