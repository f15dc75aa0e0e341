// The ALL CAPS trie of the name index is built one first word at a time, on lookup: each part must
// be the one a whole upper-case trie built form by form would have, and no other part is built.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NameForm, NameNode } from '../src/core/mentions/nameIndex';
import { CANON, prepared } from './helpers';

const files: Record<string, string> = {
  ...CANON,
  'lore/extra.yaml': `
- name: picard maneuver
  kind: event
  date: 2355
- name: Picard Family Vineyard
  kind: place
- name: Jean-Luc's Ready Room
  kind: place
`,
};

/** What a reader of a node sees: its forms in order and its next words, in order. */
function describe(node: NameNode | undefined): unknown {
  if (!node) return undefined;
  return { forms: node.forms.map((f) => f.text), next: node.next && [...node.next].map(([k, child]) => [k, describe(child)]) };
}

/** The whole upper-case trie, built form by form in the order of the index's forms. */
function wholeUpperTrie(forms: NameForm[]): Map<string, NameNode> {
  const roots = new Map<string, NameNode>();
  for (const form of forms) {
    const first = form.words[0].toUpperCase();
    let node = roots.get(first);
    if (!node) roots.set(first, (node = { forms: [] }));
    for (let k = 1; k < form.words.length; k++) {
      const key = form.separators[k - 1] + form.words[k].toUpperCase();
      const next = (node.next ??= new Map()) as Map<string, NameNode>;
      let child = next.get(key);
      if (!child) next.set(key, (child = { forms: [] }));
      node = child;
    }
    if (!node.forms.includes(form)) (node.forms as NameForm[]).push(form);
  }
  return roots;
}

test('name index: each ALL CAPS first word gets the part of the whole upper-case trie, built on its lookup only', async () => {
  const { index } = await prepared(files);
  const built = (index as unknown as { upperRoots: Map<string, NameNode> }).upperRoots;
  assert.equal(built.size, 0, 'nothing is built before a lookup');
  const whole = wholeUpperTrie(index.forms);
  // `picard maneuver` and `Picard` share the part of `PICARD`, in the order of the forms.
  const picard = index.upperRoot('PICARD');
  assert.deepEqual(describe(picard), describe(whole.get('PICARD')));
  assert.ok(picard?.next?.has(' MANEUVER') && picard.next.has(' FAMILY'), 'lower-case and capitalised names meet under one upper-case word');
  assert.deepEqual([...built.keys()], ['PICARD'], 'only the word looked up is built');
  assert.equal(index.upperRoot('PICARD'), picard, 'a second lookup takes the part built');
  for (const first of whole.keys()) assert.deepEqual(describe(index.upperRoot(first)), describe(whole.get(first)), first);
  assert.deepEqual(new Set(index.firstWords(true)), new Set([...index.firstWords(false), ...whole.keys()]), 'firstWords lists every ALL CAPS key');
});

test('name index: the near-misses — a word that starts no name, and the same word not in capitals', async () => {
  const { index } = await prepared(files);
  const built = (index as unknown as { upperRoots: Map<string, NameNode> }).upperRoots;
  assert.equal(index.upperRoot('WINDOW'), undefined);
  assert.equal(index.upperRoot('MANEUVER'), undefined, 'a later word of a name starts none');
  assert.equal(index.upperRoot('Picard'), undefined, 'the ALL CAPS trie has only upper-case keys');
  assert.equal(built.size, 0, 'a miss builds nothing');
});
