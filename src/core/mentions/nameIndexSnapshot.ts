// The name index as compact plain data, kept in a lore cache beside the merged base it was built
// from: typed arrays over one table of strings, entries by their place in the base. A restored
// index answers from these arrays in place: its word tables are looked up as they are (hash
// tables kept in the snapshot), and a form is made when first asked for; the trie's parts are
// built on lookup, as for an index built from scratch.
import { mixHash, rollingHash, wordHash } from '../hash';
import type { Entry } from '../lore/entry';
import type { LoreBase } from '../lore/base';
import { builtRoot, firstWordBits, FormList, spaces, titledEntries, titleRootsOf, type FirstPlaces, type IndexParts, type NameForm, type NameNode, type WordSlots } from './nameIndex';

/**
 * 2: the word tables' hash tables (`firstTable`, `upperTable`, `knownTable`) kept too.
 * 3: the trie itself (`childFirsts` … `childTable`) and the scanner's first-word filter (`firstBits`).
 * 4: the places of the entries with titles (`titled`), so that a warm start reads no other entry's periods.
 */
const SNAPSHOT_VERSION = 4;

/** A NameIndex as plain data (structured-clone friendly: numbers, strings and typed arrays). */
export interface NameIndexSnapshot {
  version: number;
  /** How many entries the base had, and a hash of their ids', names' and aliases' lengths and first letters: a snapshot fits that base only. */
  entries: number;
  names: number;
  /** Every string below is a place in this table. */
  strings: string[];
  /** Where each entry's forms begin, then the end (entries + 1). */
  starts: Int32Array;
  /** By form: -1 for the entry's name, else the alias's place in the entry's `aliases`. */
  texts: Int32Array;
  /** By form, where its words begin in `words`, then the end (forms + 1). */
  wordStarts: Int32Array;
  words: Int32Array;
  /** The separators of form f begin at `wordStarts[f] - f` (one fewer than its words). */
  separators: Int32Array;
  trailing: Int32Array;
  /** The titled forms (`Emperor Palpatine` as an alias): the form, and its title's field, text, word count and name. */
  titleForms: Int32Array;
  titleFields: Int32Array;
  titleTexts: Int32Array;
  titleWords: Int32Array;
  titleNames: Int32Array;
  /** The first words of the trie and of the ALL CAPS trie, and their forms' places (see FirstPlaces). */
  firstKeys: Int32Array;
  firstStarts: Int32Array;
  firstPlaces: Int32Array;
  upperKeys: Int32Array;
  upperStarts: Int32Array;
  upperPlaces: Int32Array;
  /** The hash tables of those first words (see WordTable): slot + 1 at each word's place, else 0. */
  firstTable: Int32Array;
  upperTable: Int32Array;
  /** `knownWords` in its order: the word, and the place of its entry in the base; and their hash table. */
  knownWords: Int32Array;
  knownEntries: Int32Array;
  knownTable: Int32Array;
  /** `spellings` in its order, as pairs (folded, as written). */
  spellings: Int32Array;
  /**
   * The trie below the first words, node by node (see FlatNode): node s < firstKeys.length is the
   * part below the first word in slot s, and the children of node n are the `childCounts[n]` nodes
   * from `childFirsts[n]` on (numbered as made, so a child is always past its parent), in the order
   * a trie built form by form has them.
   */
  childFirsts: Int32Array;
  childCounts: Int32Array;
  /** By node past the first words: the separator and the word of its key (`separator + word`). */
  nodeSeparators: Int32Array;
  nodeWords: Int32Array;
  /** The places of the forms ending at node n: `formCounts[n]` of `nodeForms` from `formFirsts[n]` on. */
  formFirsts: Int32Array;
  formCounts: Int32Array;
  nodeForms: Int32Array;
  /** Open addressing by the hash of (parent, key): child + 1 at each child's place, else 0. */
  childTable: Int32Array;
  /** The scanner's first-word filter: a bit set over every first word of the tries (see wordBits). */
  firstBits: Uint32Array;
  /**
   * The places of the entries with `rank`/`title` periods, rising: the title trie is made from
   * them alone (a loop over a large canon's every entry costs a warm start tens of milliseconds).
   */
  titled: Int32Array;
}

/** The snapshot of an index's parts (`upperFirsts` made). */
export function snapshotOf(parts: IndexParts, base: LoreBase): NameIndexSnapshot {
  const strings: string[] = [];
  const ids = new Map<string, number>();
  const id = (text: string): number => {
    let at = ids.get(text);
    if (at === undefined) {
      at = strings.length;
      strings.push(text);
      ids.set(text, at);
    }
    return at;
  };
  const forms = parts.forms.all();
  const texts = new Int32Array(forms.length);
  const wordStarts = new Int32Array(forms.length + 1);
  const trailing = new Int32Array(forms.length);
  const words: number[] = [];
  const separators: number[] = [];
  const titles: Array<[number, NameForm]> = [];
  forms.forEach((form, at) => {
    texts[at] = form.isAlias ? form.entry.aliases.indexOf(form.text) : -1;
    wordStarts[at] = words.length;
    for (const word of form.words) words.push(id(word));
    for (const separator of form.separators) separators.push(id(separator));
    trailing[at] = id(form.trailing);
    if (form.title) titles.push([at, form]);
  });
  wordStarts[forms.length] = words.length;
  const places = (firsts: FirstPlaces): Int32Array => Int32Array.from(firsts.slots.keys(), id);
  const firstKeys = places(parts.firsts);
  const entryPlaces = new Map<Entry, number>();
  base.entries.forEach((entry, at) => entryPlaces.set(entry, at));
  const known = [...parts.knownWords];
  const upper = parts.upperFirsts!;
  const upperKeys = places(upper);
  const knownWords = Int32Array.from(known, ([word]) => id(word));
  const trie = flatTrieOf(parts, id);
  return {
    version: SNAPSHOT_VERSION,
    entries: base.entries.length,
    names: namesHash(base)!,
    strings,
    starts: parts.starts,
    texts,
    wordStarts,
    words: Int32Array.from(words),
    separators: Int32Array.from(separators),
    trailing,
    titleForms: Int32Array.from(titles, ([at]) => at),
    titleFields: Int32Array.from(titles, ([, f]) => id(f.title!.field)),
    titleTexts: Int32Array.from(titles, ([, f]) => id(f.title!.text)),
    titleWords: Int32Array.from(titles, ([, f]) => f.title!.words),
    titleNames: Int32Array.from(titles, ([, f]) => id(f.title!.name)),
    firstKeys,
    firstStarts: parts.firsts.starts,
    firstPlaces: parts.firsts.places,
    upperKeys,
    upperStarts: upper.starts,
    upperPlaces: upper.places,
    firstTable: tableOf(strings, firstKeys),
    upperTable: tableOf(strings, upperKeys),
    knownWords,
    knownEntries: Int32Array.from(known, ([, entry]) => entryPlaces.get(entry)!),
    knownTable: tableOf(strings, knownWords),
    spellings: Int32Array.from([...parts.spellings].flat(), id),
    ...trie,
    firstBits: parts.firstBits ?? firstWordBits(parts),
    titled: Int32Array.from(titledEntries(base)),
  };
}

type FlatArrays = Pick<NameIndexSnapshot, 'childFirsts' | 'childCounts' | 'nodeSeparators' | 'nodeWords' | 'formFirsts' | 'formCounts' | 'nodeForms' | 'childTable'>;

/**
 * The whole trie below the first words as flat arrays (see NameIndexSnapshot.childFirsts): each
 * first word's part built as an index built from scratch builds it, numbered breadth first and
 * flattened before the next is built (a large canon's whole trie is never held at once).
 */
function flatTrieOf(parts: IndexParts, id: (text: string) => number): FlatArrays {
  const slots = parts.firsts.slots.size;
  const childFirsts = new Array<number>(slots).fill(0);
  const childCounts = new Array<number>(slots).fill(0);
  const formFirsts = new Array<number>(slots).fill(0);
  const formCounts = new Array<number>(slots).fill(0);
  const nodeSeparators: number[] = [];
  const nodeWords: number[] = [];
  const nodeForms: number[] = [];
  const keyHashes: number[] = [];
  const places = new Map<NameForm, number>();
  const all = parts.forms.all();
  for (let at = 0; at < all.length; at++) places.set(all[at], at);
  let nodes = slots;
  for (let slot = 0; slot < slots; slot++) {
    // The nodes below this first word, each with its number (children get the next free ones, together).
    const queue: Array<[NameNode, number]> = [[builtRoot(parts.firsts, slot, parts.forms, false), slot]];
    for (let q = 0; q < queue.length; q++) {
      const [node, n] = queue[q];
      const children = node.next ? [...node.next] : [];
      childFirsts[n] = children.length > 0 ? nodes : 0;
      childCounts[n] = children.length;
      formFirsts[n] = nodeForms.length;
      formCounts[n] = node.forms.length;
      for (const form of node.forms) nodeForms.push(places.get(form)!);
      for (const [key, child] of children) {
        // Every key is a separator, then a word (see `insert`): the word is the longest run of word characters at its end.
        const word = /[\p{L}\p{N}\p{M}]+$/u.exec(key)![0];
        nodeSeparators.push(id(key.slice(0, key.length - word.length)));
        nodeWords.push(id(word));
        keyHashes.push(childHash(n, rollingHash(key)));
        // Numbered in the order made, past every node so far: the arrays by node grow in that order.
        childFirsts.push(0);
        childCounts.push(0);
        formFirsts.push(0);
        formCounts.push(0);
        queue.push([child, nodes++]);
      }
    }
  }
  let size = 16;
  while (size < keyHashes.length * 2 + 1) size *= 2;
  const childTable = new Int32Array(size);
  const mask = size - 1;
  for (let k = 0; k < keyHashes.length; k++) {
    let at = keyHashes[k] & mask;
    while (childTable[at] !== 0) at = (at + 1) & mask;
    childTable[at] = slots + k + 1;
  }
  return {
    childFirsts: Int32Array.from(childFirsts),
    childCounts: Int32Array.from(childCounts),
    nodeSeparators: Int32Array.from(nodeSeparators),
    nodeWords: Int32Array.from(nodeWords),
    formFirsts: Int32Array.from(formFirsts),
    formCounts: Int32Array.from(formCounts),
    nodeForms: Int32Array.from(nodeForms),
    childTable,
  };
}

/** Where a child of node `parent` under a key of this rolling hash is filed in `childTable`. */
function childHash(parent: number, keyHash: number): number {
  return mixHash(Math.imul(parent + 1, 0x9e3779b1) ^ keyHash);
}

/**
 * The parts a snapshot holds, for `base` — or undefined when it does not fit (another version,
 * another number of entries or other ids, names or aliases, arrays of the wrong type or size, links out of range),
 * so that a damaged cache can only cost the time of building the index again. Nothing is copied
 * out of the snapshot: its word tables answer lookups in place, and each form is made from it
 * when first asked for (a chapter reaches a small share of a large canon's 150,000 forms).
 */
export function partsFromSnapshot(base: LoreBase, value: unknown): IndexParts | undefined {
  if (!fits(value, base)) return undefined;
  const s = value;
  const { strings, texts, wordStarts, trailing, starts } = s;
  const { entries } = base;
  const titleOf = new Map<number, number>();
  for (let t = 0; t < s.titleForms.length; t++) titleOf.set(s.titleForms[t], t);
  const make = (at: number): NameForm => {
    const entry = entries[entryOfForm(starts, at)];
    const alias = texts[at];
    const start = wordStarts[at];
    const count = wordStarts[at + 1] - start;
    const words = new Array<string>(count);
    for (let k = 0; k < count; k++) words[k] = strings[s.words[start + k]];
    const from = start - at;
    let plain = true;
    for (let k = 0; k < count - 1; k++) if (strings[s.separators[from + k]] !== ' ') plain = false;
    let separators: string[];
    if (plain) separators = spaces(count - 1);
    else {
      separators = new Array<string>(count - 1);
      for (let k = 0; k < count - 1; k++) separators[k] = strings[s.separators[from + k]];
    }
    const text = alias < 0 ? entry.name : entry.aliases[alias];
    const form: NameForm = { entry, text, words, separators, trailing: strings[trailing[at]], isAlias: alias >= 0 };
    const spans = alias >= 0 ? entry.aliasSpans?.[text] : undefined;
    if (spans) form.spans = spans;
    const t = titleOf.get(at);
    if (t !== undefined) form.title = { field: strings[s.titleFields[t]], text: strings[s.titleTexts[t]], words: s.titleWords[t], name: strings[s.titleNames[t]] };
    return form;
  };
  const forms = FormList.lazy(texts.length, make);
  const firsts: FirstPlaces = { slots: new WordTable(strings, s.firstKeys, s.firstTable), starts: s.firstStarts, places: s.firstPlaces };
  /** The trie below a first word, read from the snapshot's nodes as lookups reach them (see FlatNode): one view of them per list of forms. */
  const views = new WeakMap<FormList, FlatView>();
  const root = (slot: number, list: FormList): NameNode => {
    let view = views.get(list);
    if (!view) views.set(list, (view = new FlatView(s, list)));
    return new FlatNode(view, slot);
  };
  const spellings = new Map<string, string>();
  for (let k = 0; k < s.spellings.length; k += 2) spellings.set(strings[s.spellings[k]], strings[s.spellings[k + 1]]);
  return {
    firsts,
    root,
    upperFirsts: { slots: new WordTable(strings, s.upperKeys, s.upperTable), starts: s.upperStarts, places: s.upperPlaces },
    forms,
    knownWords: new KnownWords(new WordTable(strings, s.knownWords, s.knownTable), s.knownEntries, entries),
    spellings,
    titleRoots: titleRootsOf(base, s.titled),
    starts,
    firstBits: s.firstBits,
  };
}

/** What the nodes of a restored index's trie read: the snapshot, and the list their forms are taken from. */
class FlatView {
  /** How many first words (nodes 0 … slots - 1); the nodes past them have keys. */
  readonly slots: number;

  constructor(
    readonly s: NameIndexSnapshot,
    readonly list: FormList,
  ) {
    this.slots = s.firstKeys.length;
  }

  /** The child of node `parent` under `key`, or -1: one probe of the table, confirmed against the child's key. */
  child(parent: number, key: string): number {
    const { childTable: table, childFirsts, childCounts, nodeSeparators, nodeWords, strings } = this.s;
    const first = childFirsts[parent];
    const end = first + childCounts[parent];
    if (first === end) return -1;
    const slots = this.slots;
    const mask = table.length - 1;
    for (let at = childHash(parent, rollingHash(key)) & mask; ; at = (at + 1) & mask) {
      const entry = table[at];
      if (entry === 0) return -1;
      const child = entry - 1;
      if (child < first || child >= end) continue;
      const separator = strings[nodeSeparators[child - slots]];
      const word = strings[nodeWords[child - slots]];
      if (key.length === separator.length + word.length && key.startsWith(separator) && key.endsWith(word)) return child;
    }
  }

  /** The key of a node past the first words. */
  keyOf(n: number): string {
    const { s, slots } = this;
    return s.strings[s.nodeSeparators[n - slots]] + s.strings[s.nodeWords[n - slots]];
  }
}

const NO_FORMS: NameForm[] = [];

/**
 * A node of a restored index's trie, read from the snapshot's arrays: its forms are made when
 * first read, a child is found with one probe of the snapshot's table. Nothing is gathered or
 * matched form by form, so reaching a node costs the same whatever the canon's size. It is its
 * own `next` (a Map of its children), in the order a trie built form by form has them.
 */
class FlatNode implements NameNode, ReadonlyMap<string, NameNode> {
  private made: NameForm[] | undefined;
  /** The children made so far, by their place among this node's. */
  private children: Array<FlatNode | undefined> | undefined;

  constructor(
    private readonly view: FlatView,
    private readonly n: number,
  ) {}

  get forms(): NameForm[] {
    if (this.made) return this.made;
    const { formFirsts, formCounts, nodeForms } = this.view.s;
    const from = formFirsts[this.n];
    const to = from + formCounts[this.n];
    if (from === to) return (this.made = NO_FORMS);
    const made = new Array<NameForm>(to - from);
    for (let k = from; k < to; k++) made[k - from] = this.view.list.at(nodeForms[k]);
    return (this.made = made);
  }

  get next(): ReadonlyMap<string, NameNode> | undefined {
    return this.view.s.childCounts[this.n] > 0 ? this : undefined;
  }

  get(key: string): NameNode | undefined {
    const child = this.view.child(this.n, key);
    return child < 0 ? undefined : this.child(child);
  }

  /** The node of a child (its number in the snapshot), made once. */
  private child(n: number): FlatNode {
    const first = this.view.s.childFirsts[this.n];
    const children = (this.children ??= new Array<FlatNode | undefined>(this.size));
    return (children[n - first] ??= new FlatNode(this.view, n));
  }

  has(key: string): boolean {
    return this.view.child(this.n, key) >= 0;
  }

  get size(): number {
    return this.view.s.childCounts[this.n];
  }

  *keys(): MapIterator<string> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): MapIterator<NameNode> {
    for (const [, node] of this.entries()) yield node;
  }

  *entries(): MapIterator<[string, NameNode]> {
    const first = this.view.s.childFirsts[this.n];
    for (let child = first; child < first + this.size; child++) yield [this.view.keyOf(child), this.child(child)];
  }

  [Symbol.iterator](): MapIterator<[string, NameNode]> {
    return this.entries();
  }

  forEach(callback: (value: NameNode, key: string, map: ReadonlyMap<string, NameNode>) => void, thisArg?: unknown): void {
    for (const [key, node] of this.entries()) callback.call(thisArg, node, key, this);
  }
}

/** The place of the entry whose forms hold form `at`: the last e with starts[e] <= at (entries without forms skipped). */
function entryOfForm(starts: Int32Array, at: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (high - low > 1) {
    const middle = (low + high) >>> 1;
    if (starts[middle] <= at) low = middle;
    else high = middle;
  }
  return low;
}

/** An open-addressing table of the words `keys` names (slot + 1 at each word's place, 0 empty): more than twice as long as the words. */
function tableOf(strings: readonly string[], keys: Int32Array): Int32Array {
  let size = 16;
  while (size < keys.length * 2 + 1) size *= 2;
  const table = new Int32Array(size);
  const mask = size - 1;
  for (let slot = 0; slot < keys.length; slot++) {
    let at = wordHash(strings[keys[slot]]) & mask;
    while (table[at] !== 0) at = (at + 1) & mask;
    table[at] = slot + 1;
  }
  return table;
}

/**
 * Words by slot, looked up through a table kept in the snapshot: what a Map of them answers,
 * without a Map entry made per word on a warm start.
 */
export class WordTable implements WordSlots {
  constructor(
    private readonly strings: readonly string[],
    private readonly keyIds: Int32Array,
    private readonly table: Int32Array,
  ) {}

  get size(): number {
    return this.keyIds.length;
  }

  get(word: string): number | undefined {
    const { table, strings, keyIds } = this;
    const mask = table.length - 1;
    for (let at = wordHash(word) & mask; ; at = (at + 1) & mask) {
      const slot = table[at];
      if (slot === 0) return undefined;
      if (strings[keyIds[slot - 1]] === word) return slot - 1;
    }
  }

  has(word: string): boolean {
    return this.get(word) !== undefined;
  }

  /** The word in a slot. */
  word(slot: number): string {
    return this.strings[this.keyIds[slot]];
  }

  *keys(): IterableIterator<string> {
    for (let slot = 0; slot < this.keyIds.length; slot++) yield this.strings[this.keyIds[slot]];
  }
}

/** `knownWords` of a restored index: each word's entry by the word's slot, in the order the built index made them. */
class KnownWords implements ReadonlyMap<string, Entry> {
  constructor(
    private readonly words: WordTable,
    private readonly entryPlaces: Int32Array,
    private readonly byPlace: readonly Entry[],
  ) {}

  get size(): number {
    return this.words.size;
  }

  get(word: string): Entry | undefined {
    const slot = this.words.get(word);
    return slot === undefined ? undefined : this.byPlace[this.entryPlaces[slot]];
  }

  has(word: string): boolean {
    return this.words.get(word) !== undefined;
  }

  keys(): MapIterator<string> {
    return this.words.keys() as MapIterator<string>;
  }

  *values(): MapIterator<Entry> {
    for (let slot = 0; slot < this.entryPlaces.length; slot++) yield this.byPlace[this.entryPlaces[slot]];
  }

  *entries(): MapIterator<[string, Entry]> {
    for (let slot = 0; slot < this.entryPlaces.length; slot++) yield [this.words.word(slot), this.byPlace[this.entryPlaces[slot]]];
  }

  [Symbol.iterator](): MapIterator<[string, Entry]> {
    return this.entries();
  }

  forEach(callback: (value: Entry, key: string, map: ReadonlyMap<string, Entry>) => void, thisArg?: unknown): void {
    for (let slot = 0; slot < this.entryPlaces.length; slot++) callback.call(thisArg, this.byPlace[this.entryPlaces[slot]], this.words.word(slot), this);
  }
}

/**
 * A hash of the length and first letter of each entry's id, name and aliases, in order (FNV-1a):
 * it visits every entry but reads no whole text, as the cache's key already covers the lore's.
 * Given a snapshot's forms (`starts`, `texts`), it checks in the same pass that each form's alias
 * is one its entry has, and gives undefined when one is not.
 */
function namesHash(base: LoreBase, forms?: { starts: Int32Array; texts: Int32Array }): number | undefined {
  let hash = 0x811c9dc5;
  const { entries } = base;
  for (let e = 0; e < entries.length; e++) {
    const { id, name, aliases } = entries[e];
    if (forms) for (let at = forms.starts[e]; at < forms.starts[e + 1]; at++) if (forms.texts[at] < -1 || forms.texts[at] >= aliases.length) return undefined;
    hash = Math.imul(hash ^ textMark(id), 0x01000193);
    hash = Math.imul(hash ^ textMark(name), 0x01000193);
    for (let k = 0; k < aliases.length; k++) hash = Math.imul(hash ^ textMark(aliases[k]), 0x01000193);
    hash = Math.imul(hash ^ 0xffff, 0x01000193);
  }
  return hash | 0;
}

/** A text's length and first character, as one number. */
function textMark(text: string): number {
  return (text.length << 16) | (text.length > 0 ? text.charCodeAt(0) : 0);
}

const INT_ARRAYS = [
  'childFirsts', 'childCounts', 'nodeSeparators', 'nodeWords', 'formFirsts', 'formCounts', 'nodeForms', 'childTable',
  'starts', 'texts', 'wordStarts', 'words', 'separators', 'trailing', 'titleForms', 'titleFields', 'titleTexts', 'titleWords', 'titleNames',
  'firstKeys', 'firstStarts', 'firstPlaces', 'upperKeys', 'upperStarts', 'upperPlaces', 'firstTable', 'upperTable', 'knownWords', 'knownEntries', 'knownTable', 'spellings', 'titled',
] as const;

/**
 * Whether the snapshot's trie has a node per first word, then children numbered past their
 * parents (so no walk comes back to a node), keys and forms inside their tables, and a child
 * table that names every child once.
 */
function fitsTrie(x: NameIndexSnapshot, formCount: number, count: number): boolean {
  const slots = x.firstKeys.length;
  const nodes = x.childFirsts.length;
  if (nodes < slots || [x.childCounts, x.formFirsts, x.formCounts].some((a) => a.length !== nodes)) return false;
  if (!runsFit(x.childFirsts, x.childCounts, nodes, true) || !runsFit(x.formFirsts, x.formCounts, x.nodeForms.length, false)) return false;
  if (x.nodeSeparators.length !== nodes - slots || x.nodeWords.length !== nodes - slots) return false;
  return wordsFit(x.nodeWords, x.strings) && within(x.nodeSeparators, 0, count) && within(x.nodeForms, 0, formCount) && tableFits(x.childTable, slots, nodes - slots);
}

/** A bit set as wordBits makes one: a power of two of words, at least 2,048. */
function fitsBits(bits: unknown): boolean {
  return bits instanceof Uint32Array && bits.length >= 2048 && (bits.length & (bits.length - 1)) === 0;
}

// The checks below are small functions of their own, each run over many arrays: V8 optimises
// each once, where one loop per array in one long function ran mostly unoptimised (a warm start
// runs them once), each loop compiled on its own and the next one leaving that code again.

/** Whether every value of `a` is at least `min` and below `end`. */
export function within(a: Int32Array, min: number, end: number): boolean {
  for (let k = 0; k < a.length; k++) if (a[k] < min || a[k] >= end) return false;
  return true;
}

/** Whether every value of a list is a string. */
export function allStrings(a: unknown): a is string[] {
  if (!Array.isArray(a)) return false;
  for (let k = 0; k < a.length; k++) if (typeof a[k] !== 'string') return false;
  return true;
}

/** Offsets from 0 to `end`, `length` of them, rising (strictly when `strict`). */
function offsets(a: Int32Array, length: number, end: number, strict: boolean): boolean {
  if (a.length !== length || a[0] !== 0 || a[length - 1] !== end) return false;
  const step = strict ? 1 : 0;
  for (let k = 1; k < length; k++) if (a[k] - a[k - 1] < step) return false;
  return true;
}

/** Places below `end`, each past the one before. */
function rising(a: Int32Array, end: number): boolean {
  let last = -1;
  for (let k = 0; k < a.length; k++) {
    if (a[k] <= last || a[k] >= end) return false;
    last = a[k];
  }
  return true;
}

/** Places in the string table, none of an empty string (words). */
function wordsFit(words: Int32Array, strings: readonly string[]): boolean {
  const count = strings.length;
  for (let k = 0; k < words.length; k++) {
    const word = words[k];
    if (word < 0 || word >= count || strings[word] === '') return false;
  }
  return true;
}

/**
 * Runs `firsts[n]` … `firsts[n] + counts[n]` inside `end`; when `past`, a run of node n's children
 * begins past n (so no walk comes back to a node).
 */
function runsFit(firsts: Int32Array, counts: Int32Array, end: number, past: boolean): boolean {
  for (let n = 0; n < firsts.length; n++) {
    const first = firsts[n];
    const count = counts[n];
    if (count < 0) return false;
    if (past ? count > 0 && (first <= n || first + count > end) : first < 0 || first + count > end) return false;
  }
  return true;
}

/**
 * An open-addressing table of `keys` values `low + 1` … `low + keys` (0: empty): a power of two
 * longer than them, each value once, so a probe always ends and every key is found.
 */
function tableFits(t: Int32Array, low: number, keys: number): boolean {
  if (t.length <= keys || (t.length & (t.length - 1)) !== 0) return false;
  const seen = new Uint8Array(keys + 1);
  let filled = 0;
  for (let k = 0; k < t.length; k++) {
    if (t[k] === 0) continue;
    const value = t[k] - low;
    if (value < 1 || value > keys || seen[value] === 1) return false;
    seen[value] = 1;
    filled++;
  }
  return filled === keys;
}

/** Whether a value is a snapshot of this base's index whose every link stays inside its arrays. */
function fits(v: unknown, base: LoreBase): v is NameIndexSnapshot {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Partial<NameIndexSnapshot>;
  const { entries } = base;
  if (s.version !== SNAPSHOT_VERSION || s.entries !== entries.length || !allStrings(s.strings)) return false;
  if (!INT_ARRAYS.every((name) => s[name] instanceof Int32Array)) return false;
  const x = s as NameIndexSnapshot;
  const strings = x.strings;
  const formCount = x.texts.length;
  if (!offsets(x.starts, entries.length + 1, formCount, false) || !offsets(x.wordStarts, formCount + 1, x.words.length, true)) return false;
  if (x.separators.length !== x.words.length - formCount || x.trailing.length !== formCount) return false;
  const count = strings.length;
  if (!within(x.separators, 0, count) || !within(x.trailing, 0, count) || !wordsFit(x.words, strings)) return false;
  const titles = x.titleForms.length;
  if (![x.titleFields, x.titleTexts, x.titleWords, x.titleNames].every((a) => a.length === titles)) return false;
  if (!within(x.titleForms, 0, formCount) || !within(x.titleFields, 0, count) || !within(x.titleTexts, 0, count) || !within(x.titleNames, 0, count)) return false;
  for (let t = 0; t < titles; t++) {
    const at = x.titleForms[t];
    if (x.titleWords[t] < 1 || x.titleWords[t] >= x.wordStarts[at + 1] - x.wordStarts[at]) return false;
  }
  const firsts = (keys: Int32Array, starts: Int32Array, places: Int32Array, t: Int32Array): boolean =>
    within(keys, 0, count) && offsets(starts, keys.length + 1, places.length, true) && within(places, 0, formCount) && tableFits(t, 0, keys.length);
  if (!firsts(x.firstKeys, x.firstStarts, x.firstPlaces, x.firstTable) || !firsts(x.upperKeys, x.upperStarts, x.upperPlaces, x.upperTable)) return false;
  if (x.knownEntries.length !== x.knownWords.length || !within(x.knownWords, 0, count) || !within(x.knownEntries, 0, entries.length) || !tableFits(x.knownTable, 0, x.knownWords.length)) return false;
  if (x.spellings.length % 2 !== 0 || !within(x.spellings, 0, count) || !rising(x.titled, entries.length)) return false;
  if (!fitsTrie(x, formCount, count) || !fitsBits(x.firstBits)) return false;
  return x.names === namesHash(base, x);
}
