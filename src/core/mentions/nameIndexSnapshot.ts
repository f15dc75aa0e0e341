// The name index as compact plain data, kept in a lore cache beside the merged base it was built
// from: typed arrays over one table of strings, entries by their place in the base. Restoring it
// makes the forms and the word maps again without splitting a single name; the trie's parts are
// built on lookup, as for an index built from scratch.
import type { Entry } from '../lore/entry';
import type { LoreBase } from '../lore/base';
import { spaces, titleRootsOf, type FirstPlaces, type IndexParts, type NameForm } from './nameIndex';

const SNAPSHOT_VERSION = 1;

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
  /** `knownWords` in its order: the word, and the place of its entry in the base. */
  knownWords: Int32Array;
  knownEntries: Int32Array;
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
  const { forms } = parts;
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
  const entryPlaces = new Map<Entry, number>();
  base.entries.forEach((entry, at) => entryPlaces.set(entry, at));
  const known = [...parts.knownWords];
  const upper = parts.upperFirsts!;
  return {
    version: SNAPSHOT_VERSION,
    entries: base.entries.length,
    names: namesHash(base),
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
    firstKeys: places(parts.firsts),
    firstStarts: parts.firsts.starts,
    firstPlaces: parts.firsts.places,
    upperKeys: places(upper),
    upperStarts: upper.starts,
    upperPlaces: upper.places,
    knownWords: Int32Array.from(known, ([word]) => id(word)),
    knownEntries: Int32Array.from(known, ([, entry]) => entryPlaces.get(entry)!),
    spellings: Int32Array.from([...parts.spellings].flat(), id),
  };
}

/**
 * The parts a snapshot holds, for `base` — or undefined when it does not fit (another version,
 * another number of entries or other ids, names or aliases, arrays of the wrong type or size, links out of range),
 * so that a damaged cache can only cost the time of building the index again.
 */
export function partsFromSnapshot(base: LoreBase, value: unknown): IndexParts | undefined {
  if (!fits(value, base)) return undefined;
  const s = value;
  const { strings, texts, wordStarts, trailing } = s;
  const { entries } = base;
  const forms: NameForm[] = new Array<NameForm>(texts.length);
  for (let e = 0; e < entries.length; e++) {
    const entry = entries[e];
    for (let at = s.starts[e]; at < s.starts[e + 1]; at++) {
      const alias = texts[at];
      const start = wordStarts[at];
      const count = wordStarts[at + 1] - start;
      const words = new Array<string>(count);
      let plain = true;
      for (let k = 0; k < count; k++) words[k] = strings[s.words[start + k]];
      const from = start - at;
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
      forms[at] = form;
    }
  }
  for (let t = 0; t < s.titleForms.length; t++) {
    forms[s.titleForms[t]].title = { field: strings[s.titleFields[t]], text: strings[s.titleTexts[t]], words: s.titleWords[t], name: strings[s.titleNames[t]] };
  }
  const knownWords = new Map<string, Entry>();
  for (let k = 0; k < s.knownWords.length; k++) knownWords.set(strings[s.knownWords[k]], entries[s.knownEntries[k]]);
  const spellings = new Map<string, string>();
  for (let k = 0; k < s.spellings.length; k += 2) spellings.set(strings[s.spellings[k]], strings[s.spellings[k + 1]]);
  const firstPlaces = (keys: Int32Array, starts: Int32Array, places: Int32Array): FirstPlaces => {
    const slots = new Map<string, number>();
    for (let k = 0; k < keys.length; k++) slots.set(strings[keys[k]], k);
    return { slots, starts, places };
  };
  return {
    firsts: firstPlaces(s.firstKeys, s.firstStarts, s.firstPlaces),
    upperFirsts: firstPlaces(s.upperKeys, s.upperStarts, s.upperPlaces),
    forms,
    knownWords,
    spellings,
    titleRoots: titleRootsOf(base),
    starts: s.starts,
  };
}

/**
 * A hash of the length and first letter of each entry's id, name and aliases, in order (FNV-1a):
 * it visits every entry but reads no whole text, as the cache's key already covers the lore's.
 */
function namesHash(base: LoreBase): number {
  let hash = 0x811c9dc5;
  const { entries } = base;
  for (let e = 0; e < entries.length; e++) {
    const { id, name, aliases } = entries[e];
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
  'firstKeys', 'firstStarts', 'firstPlaces', 'upperKeys', 'upperStarts', 'upperPlaces', 'knownWords', 'knownEntries', 'spellings',
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
  if (!within(x.words, 0, count) || !within(x.separators, 0, count) || !within(x.trailing, 0, count)) return false;
  for (let k = 0; k < x.words.length; k++) if (strings[x.words[k]] === '') return false;
  for (let e = 0; e < entries.length; e++) {
    const aliases = entries[e].aliases.length;
    for (let at = x.starts[e]; at < x.starts[e + 1]; at++) if (x.texts[at] < -1 || x.texts[at] >= aliases) return false;
  }
  const titles = x.titleForms.length;
  if (![x.titleFields, x.titleTexts, x.titleWords, x.titleNames].every((a) => a.length === titles)) return false;
  if (!within(x.titleForms, 0, formCount) || !within(x.titleFields, 0, count) || !within(x.titleTexts, 0, count) || !within(x.titleNames, 0, count)) return false;
  for (let t = 0; t < titles; t++) {
    const at = x.titleForms[t];
    if (x.titleWords[t] < 1 || x.titleWords[t] >= x.wordStarts[at + 1] - x.wordStarts[at]) return false;
  }
  const firsts = (keys: Int32Array, starts: Int32Array, places: Int32Array): boolean =>
    within(keys, 0, count) && offsets(starts, keys.length + 1, places.length, true) && within(places, 0, formCount);
  if (!firsts(x.firstKeys, x.firstStarts, x.firstPlaces) || !firsts(x.upperKeys, x.upperStarts, x.upperPlaces)) return false;
  if (x.knownEntries.length !== x.knownWords.length || !within(x.knownWords, 0, count) || !within(x.knownEntries, 0, entries.length)) return false;
  if (x.spellings.length % 2 !== 0 || !within(x.spellings, 0, count)) return false;
  return x.names === namesHash(base);
}
