// The name index as compact plain data, kept in a lore cache beside the merged base it was built
// from: typed arrays over one table of strings, entries by their place in the base. A restored
// index answers from these arrays in place: its word tables are looked up as they are (hash
// tables kept in the snapshot), and a form is made when first asked for; the trie's parts are
// built on lookup, as for an index built from scratch.
import { mixHash, rollingHash } from '../hash';
import type { Entry } from '../lore/entry';
import type { LoreBase } from '../lore/base';
import { FormList, spaces, titleRootsOf, type FirstPlaces, type IndexParts, type NameForm, type NameNode, type WordSlots } from './nameIndex';

/** 2: the word tables' hash tables (`firstTable`, `upperTable`, `knownTable`) kept too. */
const SNAPSHOT_VERSION = 2;

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
  };
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
  /** The trie below a first word, read from the snapshot as lookups reach it (see PlacedNode). */
  const root = (slot: number, list: FormList): NameNode => new PlacedNode({ strings, words: s.words, separators: s.separators, wordStarts, list }, firsts.places.subarray(firsts.starts[slot], firsts.starts[slot + 1]), 0);
  const spellings = new Map<string, string>();
  for (let k = 0; k < s.spellings.length; k += 2) spellings.set(strings[s.spellings[k]], strings[s.spellings[k + 1]]);
  return {
    firsts,
    root,
    upperFirsts: { slots: new WordTable(strings, s.upperKeys, s.upperTable), starts: s.upperStarts, places: s.upperPlaces },
    forms,
    knownWords: new KnownWords(new WordTable(strings, s.knownWords, s.knownTable), s.knownEntries, entries),
    spellings,
    titleRoots: titleRootsOf(base),
    starts,
  };
}

/** What the nodes of a restored index's trie read: the snapshot's words and separators, and the index's forms. */
interface PlacedTrie {
  strings: readonly string[];
  words: Int32Array;
  separators: Int32Array;
  wordStarts: Int32Array;
  list: FormList;
}

/**
 * Past this many keys looked up at a node, its children are all gathered at once (a later key
 * costs one Map lookup): a match costs one pass over the node's forms, a gathering a few. A node
 * of few forms is gathered on its first lookup.
 */
const LOOKUPS_BEFORE_GATHERING = 4;
const GATHERED_AT_ONCE = 32;

/**
 * A node of a restored index's trie: the places of the forms below it, whose first `depth + 1`
 * words are its path. Nothing is built ahead: a key looked up is matched against the next
 * separator and word of those forms (integers and string comparisons, nothing made), and the forms
 * that end here are made when first read. A first word heads 2,000 forms in a large canon
 * (`Captain …`) while a text names a few of them. It is its own `next` (a Map of its children).
 */
class PlacedNode implements NameNode, ReadonlyMap<string, NameNode> {
  private made: NameForm[] | undefined;
  /** Children looked up so far (null: no child under that key), or all of them once gathered. */
  private children: Map<string, PlacedNode | null> | undefined;
  private gathered = false;
  private lookups = 0;
  private branches: boolean | undefined;

  constructor(
    private readonly trie: PlacedTrie,
    private readonly places: ArrayLike<number>,
    private readonly depth: number,
  ) {}

  /** How many words form `at` has. */
  private wordCount(at: number): number {
    return this.trie.wordStarts[at + 1] - this.trie.wordStarts[at];
  }

  /** The key of form `at` below this node (its next separator, then its next word). */
  private keyOf(at: number): string {
    const { trie } = this;
    const start = trie.wordStarts[at];
    return trie.strings[trie.separators[start - at + this.depth]] + trie.strings[trie.words[start + this.depth + 1]];
  }

  /** Whether `key` is that key, without making it. */
  private isKeyOf(at: number, key: string): boolean {
    const { trie } = this;
    const start = trie.wordStarts[at];
    const separator = trie.strings[trie.separators[start - at + this.depth]];
    const word = trie.strings[trie.words[start + this.depth + 1]];
    return key.length === separator.length + word.length && key.startsWith(separator) && key.endsWith(word);
  }

  get forms(): NameForm[] {
    if (this.made) return this.made;
    const made: NameForm[] = [];
    const { places, depth } = this;
    for (let k = 0; k < places.length; k++) if (this.wordCount(places[k]) === depth + 1) made.push(this.trie.list.at(places[k]));
    return (this.made = made);
  }

  /** The node itself until its children are gathered, then their Map (a plain lookup from then on). */
  get next(): ReadonlyMap<string, NameNode> | undefined {
    if (this.gathered) return this.children as Map<string, PlacedNode>;
    if (this.branches === undefined) {
      this.branches = false;
      for (let k = 0; k < this.places.length; k++) if (this.wordCount(this.places[k]) > this.depth + 1) this.branches = true;
    }
    return this.branches ? this : undefined;
  }

  get(key: string): NameNode | undefined {
    if (this.gathered || this.places.length <= GATHERED_AT_ONCE || ++this.lookups > LOOKUPS_BEFORE_GATHERING) return this.gather().get(key) ?? undefined;
    const children = (this.children ??= new Map());
    const known = children.get(key);
    if (known !== undefined) return known ?? undefined;
    let below: number[] | undefined;
    const { places, depth } = this;
    for (let k = 0; k < places.length; k++) {
      const at = places[k];
      if (this.wordCount(at) > depth + 1 && this.isKeyOf(at, key)) (below ??= []).push(at);
    }
    const child = below ? new PlacedNode(this.trie, below, depth + 1) : null;
    children.set(key, child);
    return child ?? undefined;
  }

  /** Every child, by key in the order a trie built form by form has them (each key's first form); no null among them. */
  private gather(): Map<string, PlacedNode | null> {
    if (this.gathered) return this.children!;
    const known = this.children ?? new Map<string, PlacedNode | null>();
    const below = new Map<string, number[]>();
    const { places, depth } = this;
    for (let k = 0; k < places.length; k++) {
      const at = places[k];
      if (this.wordCount(at) <= depth + 1) continue;
      const key = this.keyOf(at);
      const list = below.get(key);
      if (list) list.push(at);
      else below.set(key, [at]);
    }
    const children = new Map<string, PlacedNode | null>();
    for (const [key, list] of below) children.set(key, known.get(key) ?? new PlacedNode(this.trie, list, depth + 1));
    this.children = children;
    this.gathered = true;
    return children;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  get size(): number {
    return this.gather().size;
  }

  keys(): MapIterator<string> {
    return this.gather().keys();
  }

  *values(): MapIterator<NameNode> {
    for (const node of this.gather().values()) yield node!;
  }

  *entries(): MapIterator<[string, NameNode]> {
    for (const [key, node] of this.gather()) yield [key, node!];
  }

  [Symbol.iterator](): MapIterator<[string, NameNode]> {
    return this.entries();
  }

  forEach(callback: (value: NameNode, key: string, map: ReadonlyMap<string, NameNode>) => void, thisArg?: unknown): void {
    for (const [key, node] of this.gather()) callback.call(thisArg, node!, key, this);
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

/** The hash a word table files a word under: the rolling hash of its char codes, mixed. */
export function wordHash(word: string): number {
  return mixHash(rollingHash(word));
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
  'starts', 'texts', 'wordStarts', 'words', 'separators', 'trailing', 'titleForms', 'titleFields', 'titleTexts', 'titleWords', 'titleNames',
  'firstKeys', 'firstStarts', 'firstPlaces', 'upperKeys', 'upperStarts', 'upperPlaces', 'firstTable', 'upperTable', 'knownWords', 'knownEntries', 'knownTable', 'spellings',
] as const;

/** Whether a value is a snapshot of this base's index whose every link stays inside its arrays. */
function fits(v: unknown, base: LoreBase): v is NameIndexSnapshot {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Partial<NameIndexSnapshot>;
  const { entries } = base;
  if (s.version !== SNAPSHOT_VERSION || s.entries !== entries.length || !Array.isArray(s.strings)) return false;
  if (!INT_ARRAYS.every((name) => s[name] instanceof Int32Array)) return false;
  const strings = s.strings;
  for (let k = 0; k < strings.length; k++) if (typeof strings[k] !== 'string') return false;
  const x = s as NameIndexSnapshot;
  const formCount = x.texts.length;
  const within = (a: Int32Array, min: number, end: number): boolean => {
    for (let k = 0; k < a.length; k++) if (a[k] < min || a[k] >= end) return false;
    return true;
  };
  /** Offsets from 0 to `end`, rising (strictly when `strict`). */
  const offsets = (a: Int32Array, length: number, end: number, strict: boolean): boolean => {
    if (a.length !== length || a[0] !== 0 || a[length - 1] !== end) return false;
    for (let k = 1; k < length; k++) if (a[k] < a[k - 1] || (strict && a[k] === a[k - 1])) return false;
    return true;
  };
  if (!offsets(x.starts, entries.length + 1, formCount, false) || !offsets(x.wordStarts, formCount + 1, x.words.length, true)) return false;
  if (x.separators.length !== x.words.length - formCount || x.trailing.length !== formCount) return false;
  const count = strings.length;
  if (!within(x.separators, 0, count) || !within(x.trailing, 0, count)) return false;
  // Every word a string of the table, and none empty, in one pass.
  for (let k = 0; k < x.words.length; k++) {
    const word = x.words[k];
    if (word < 0 || word >= count || strings[word] === '') return false;
  }
  const titles = x.titleForms.length;
  if (![x.titleFields, x.titleTexts, x.titleWords, x.titleNames].every((a) => a.length === titles)) return false;
  if (!within(x.titleForms, 0, formCount) || !within(x.titleFields, 0, count) || !within(x.titleTexts, 0, count) || !within(x.titleNames, 0, count)) return false;
  for (let t = 0; t < titles; t++) {
    const at = x.titleForms[t];
    if (x.titleWords[t] < 1 || x.titleWords[t] >= x.wordStarts[at + 1] - x.wordStarts[at]) return false;
  }
  /** A hash table of `keys` slots: a power of two longer than them, with as many places filled (so a probe always ends). */
  const table = (t: Int32Array, keys: number): boolean => {
    if (t.length <= keys || (t.length & (t.length - 1)) !== 0 || !within(t, 0, keys + 1)) return false;
    let filled = 0;
    for (let k = 0; k < t.length; k++) if (t[k] !== 0) filled++;
    return filled === keys;
  };
  const firsts = (keys: Int32Array, starts: Int32Array, places: Int32Array, t: Int32Array): boolean =>
    within(keys, 0, count) && offsets(starts, keys.length + 1, places.length, true) && within(places, 0, formCount) && table(t, keys.length);
  if (!firsts(x.firstKeys, x.firstStarts, x.firstPlaces, x.firstTable) || !firsts(x.upperKeys, x.upperStarts, x.upperPlaces, x.upperTable)) return false;
  if (x.knownEntries.length !== x.knownWords.length || !within(x.knownWords, 0, count) || !within(x.knownEntries, 0, entries.length) || !table(x.knownTable, x.knownWords.length)) return false;
  if (x.spellings.length % 2 !== 0 || !within(x.spellings, 0, count)) return false;
  return x.names === namesHash(base, x);
}
