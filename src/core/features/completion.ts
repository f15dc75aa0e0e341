// Completion of canon names, fast enough for every keystroke over a canon of tens of thousands
// of names. Three steps:
//   1. a prefix index: every word start of every name and alias (so "Luc" finds "Jean-Luc
//      Picard"), sorted, searched by binary search;
//   2. when the prefix finds little, a typo-tolerant walk of the same sorted keys as if they were
//      a trie, keeping the prefixes within one edit (two for long queries) of the query;
//   3. fuse.js ranks only the short list that survives, never the whole canon.
// Ranked: the whole name typed first, then prefix matches, then typo matches; within each, those
// alive (or in existence) at the scene's date first.
import Fuse from 'fuse.js';
import { dateInWords, type Calendar, type StoryDate } from '../dates';
import type { LoreBase } from '../lore/base';
import { foldAccents, isBeing, type Entry } from '../lore/entry';
import { formatSpan, holdsAt, TITLE_FIELDS, titleOf, type Span } from '../lore/periods';
import { lifeStatusAt, type LifeStatus } from './lifeStatus';

/** A name or alias that can be inserted. */
export interface NameCandidate {
  entry: Entry;
  text: string;
  isAlias: boolean;
  /** A timed alias or a titled form (`Captain Picard`) holds only in these spans. */
  spans?: Span[];
}

export type MatchKind = 'exact' | 'prefix' | 'typo';

export interface CompletionMatch {
  candidate: NameCandidate;
  match: MatchKind;
  /** Edits between the query and the name's prefix (0 for exact and prefix matches). */
  distance: number;
  /** Which word of the name the query matched from (0: the name's start). */
  wordIndex: number;
  /**
   * The words matched begin another entry's whole name, and the name goes on ("Picard's
   * resignation" for `Pic`): it merely shares a word, so the entry that owns the word comes first.
   */
  sharesName: boolean;
  status: LifeStatus;
  /** Whether the form holds at the date (always, for a name that is not timed, or in an undated scene). */
  holds: boolean;
}

export interface CompleteOptions {
  /** The scene's date: those alive then come first. */
  date?: StoryDate;
  /** At most this many matches (default 50). */
  limit?: number;
  /** Offer names a letter or two off what was typed (default true). */
  typos?: boolean;
}

/** The text being completed at the cursor: where it starts in the line, and what it is. */
export interface CompletionQuery {
  start: number;
  text: string;
}

/** Keys a prefix match reads at most: a letter or two of a 150,000-name canon matches tens of thousands. */
const MAX_PREFIX_SCAN = 6_000;
/** What being outside its existence at the scene's date adds to a rank (see rankOf). */
const OUTSIDE_RANK = 4 * 256;
/** Keys the near-miss step reads at most, and ranges of keys it gathers at most. */
const MAX_TYPO_SCAN = 6_000;
const MAX_TYPO_GROUPS = 2_000;
const TRAILING_WORD = /[\p{L}\p{N}\p{M}]+(?:['’.-][\p{L}\p{N}\p{M}]*)*$|[\p{L}\p{N}\p{M}]*$/u;

/** Accents folded, lower case, every run of other characters one space: how keys and queries compare. */
export function normaliseName(text: string): string {
  return foldAccents(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/^ /, '');
}

/** What an index is made of, kept so that the next lore's index can reuse what did not change. */
interface Tables {
  /** How many entries were taken from the previous index (0: built in full). */
  reused: number;
  /** The base's entries, and where each one's candidates begin (one more: the end). */
  entries: readonly Entry[];
  entryFirst: Int32Array;
  candidates: NameCandidate[];
  /** The sorted keys, read in place from the candidates' normalised texts. */
  keys: SortedKeys;
  keyCandidate: Int32Array;
  keyWord: Uint8Array;
  keyShared: Uint8Array;
  /** See CompletionIndex's fields of the same names. */
  keyLength: Uint16Array;
  keyCommon: Uint8Array;
  keyBound: Uint16Array;
  dates: Float64Array;
  flags: Uint8Array;
  lengths: Uint8Array;
}

/** A candidate's normalised text, and the keys it gives: its word starts. */
interface Form {
  candidate: NameCandidate;
  normal: string;
}

/**
 * An entry's forms. Not kept per entry: a reload takes the unchanged entries' candidates and
 * normalised texts from the previous index's tables, so only the changed entries get here (a
 * cache per entry object held 50,000 weak entries and their arrays for the garbage collector to trace).
 */
function formsOf(entry: Entry): Form[] {
  const forms: Form[] = [];
  const texts = new Set<string>();
  for (const candidate of namesOf(entry)) {
    if (texts.has(candidate.text)) continue;
    texts.add(candidate.text);
    const normal = normaliseName(candidate.text).trimEnd();
    if (normal !== '') forms.push({ candidate, normal });
  }
  return forms;
}

interface RawKey {
  key: string;
  candidate: number;
  word: number;
  /** Where the key begins in the candidate's normalised text. */
  start: number;
}

/** Ends each normalised text in SortedKeys.text: below every character a normalised text or a query holds. */
const END = 0;

/**
 * The sorted keys of an index: each the part of a candidate's normalised text from a word start
 * on. Not a string per key (a large canon has hundreds of thousands of keys, each one more object
 * for the garbage collector to trace): every candidate's text in one string, in candidate order,
 * each ended by END, and per key where it begins in it. Compared and read as the key strings
 * would be, by UTF-16 code units.
 */
class SortedKeys {
  constructor(
    /** Every candidate's normalised text followed by END, in candidate order. */
    readonly text: string,
    /** Where each candidate's text begins in `text` (one more: the end). */
    readonly normalStart: Int32Array,
    readonly candidate: Int32Array,
    /** Where each key begins in `text`. */
    readonly at: Int32Array,
  ) {}

  get length(): number {
    return this.candidate.length;
  }

  /** Candidate c's normalised text (a new string). */
  normal(c: number): string {
    return this.text.slice(this.normalStart[c], this.normalStart[c + 1] - 1);
  }

  /** Key k's code unit at `offset`, END past its end (where the key string would give NaN). */
  charAt(k: number, offset: number): number {
    return this.text.charCodeAt(this.at[k] + offset);
  }

  /** The text of key k (a new string: for the few keys a reload looks at again). */
  keyText(k: number): string {
    return this.text.slice(this.at[k], this.text.indexOf('\0', this.at[k]));
  }

  /** Key k against a string (one without END), as `<` orders strings: negative, 0 or positive. */
  compare(k: number, query: string): number {
    const text = this.text;
    let at = this.at[k];
    for (let i = 0; i < query.length; i++, at++) {
      // A key that ends first sorts first: END is below every character of the query.
      const d = text.charCodeAt(at) - query.charCodeAt(i);
      if (d !== 0) return d;
    }
    return text.charCodeAt(at) === END ? 0 : 1;
  }

  startsWith(k: number, query: string): boolean {
    const text = this.text;
    const at = this.at[k];
    for (let i = 0; i < query.length; i++) if (text.charCodeAt(at + i) !== query.charCodeAt(i)) return false;
    return true;
  }

  /** How many code units keys a and b share at their start (at most 255). */
  common(a: number, b: number): number {
    const text = this.text;
    const sa = this.at[a];
    const sb = this.at[b];
    let common = 0;
    while (common < 255) {
      const c = text.charCodeAt(sa + common);
      if (c === END || c !== text.charCodeAt(sb + common)) break;
      common++;
    }
    return common;
  }

  /** The first key not before `query`. */
  lowerBound(query: string): number {
    let lo = 0;
    let hi = this.candidate.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.compare(mid, query) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Keys in index order: by text, then word, then candidate (the base's order). */
function compareKeys(a: RawKey, b: RawKey): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : a.word - b.word || a.candidate - b.candidate;
}

function pushKeys(raw: RawKey[], normal: string, candidate: number): void {
  let word = 0;
  for (let i = 0; i < normal.length; i++) {
    if (i === 0 || normal[i - 1] === ' ') raw.push({ key: normal.slice(i), candidate, word: Math.min(word++, 255), start: i });
  }
}

/** Whether the key begins (up to four words in) with the whole name of an entry other than its own. */
function sharesNameOf(key: string, entry: Entry, ownerOf: (normal: string) => Entry | undefined): 0 | 1 {
  // "picard s resignation" begins with "picard", another entry's alias.
  for (let space = key.indexOf(' '), words = 0; space > 0 && words < 4; space = key.indexOf(' ', space + 1), words++) {
    const owner = ownerOf(key.slice(0, space));
    if (owner !== undefined && owner !== entry) return 1;
  }
  return 0;
}

/** What ranking reads of a candidate, written at `c` (see CompletionIndex.dates). */
function writeCandidate(t: Pick<Tables, 'dates' | 'flags' | 'lengths'>, c: number, candidate: NameCandidate): void {
  const { entry } = candidate;
  const start = entry.born ?? entry.from;
  const end = entry.died ?? entry.until;
  if (start) t.dates.set([start.year, start.month ?? NaN, start.day ?? NaN], c * 6);
  if (end) t.dates.set([end.year, end.month ?? NaN, end.day ?? NaN], c * 6 + 3);
  t.flags[c] = (candidate.spans ? 1 : 0) | (candidate.isAlias ? 2 : 0);
  t.lengths[c] = Math.min(candidate.text.length, 255);
}

function candidateArrays(count: number): Pick<Tables, 'dates' | 'flags' | 'lengths'> {
  return { dates: new Float64Array(count * 6).fill(NaN), flags: new Uint8Array(count), lengths: new Uint8Array(count) };
}

function fullTables(base: LoreBase): Tables {
  const entries = base.entries;
  const entryFirst = new Int32Array(entries.length + 1);
  const candidates: NameCandidate[] = [];
  const normals: string[] = [];
  const raw: RawKey[] = [];
  const owners = new Map<string, Entry>();
  entries.forEach((entry, e) => {
    entryFirst[e] = candidates.length;
    for (const { candidate, normal } of formsOf(entry)) {
      pushKeys(raw, normal, candidates.length);
      candidates.push(candidate);
      normals.push(normal);
      if (!owners.has(normal)) owners.set(normal, entry);
    }
  });
  entryFirst[entries.length] = candidates.length;
  raw.sort(compareKeys);
  const ownerOf = (normal: string): Entry | undefined => owners.get(normal);
  const arrays = candidateArrays(candidates.length);
  candidates.forEach((candidate, c) => writeCandidate(arrays, c, candidate));
  const keyShared = Uint8Array.from(raw, (r) => sharesNameOf(r.key, candidates[r.candidate].entry, ownerOf));
  const keyCandidate = Int32Array.from(raw, (r) => r.candidate);
  const normalStart = new Int32Array(candidates.length + 1);
  for (let c = 0; c < candidates.length; c++) normalStart[c + 1] = normalStart[c] + normals[c].length + 1;
  const text = normals.length === 0 ? '' : `${normals.join('\0')}\0`;
  return {
    reused: 0, entries, entryFirst, candidates, ...arrays,
    keys: new SortedKeys(text, normalStart, keyCandidate, Int32Array.from(raw, (r) => normalStart[r.candidate] + r.start)),
    keyCandidate,
    keyWord: Uint8Array.from(raw, (r) => r.word),
    keyShared,
    keyLength: Uint16Array.from(raw, (r) => Math.min(r.key.length, 65_535)),
    keyCommon: Uint8Array.from(raw, (r, k) => (k > 0 ? commonPrefix(raw[k - 1].key, r.key) : 0)),
    keyBound: Uint16Array.from(raw, (r, k) => boundOf(keyShared[k], r.word, arrays.flags, arrays.lengths, r.candidate)),
  };
}

/**
 * The tables of `base` from those of an earlier base: the entries both have (the same objects, in
 * the same order) keep their keys, which are renumbered and merged with the changed entries'
 * keys, sorted; only keys that begin with a name that came or went have `sharesName` computed
 * again. Exactly what `fullTables(base)` gives (test/fuzz/completionReload.fuzz.test.ts); undefined
 * when so much changed that a full build is as quick.
 */
/** How far on in the earlier entries a kept entry is looked for (a few changed files' worth). */
const LOOK_AHEAD = 4_096;

function updatedTables(previous: Tables, base: LoreBase): Tables | undefined {
  const entries = base.entries;
  // The entries kept: the same object, in the earlier order (an increasing run). Both lists are
  // walked together; an entry not next in the earlier list is looked for a little further on
  // (the entries of a changed file were removed before it), else taken as new.
  const olds = previous.entries;
  const keptFrom = new Int32Array(entries.length).fill(-1);
  let next = 0;
  let kept = 0;
  entries.forEach((entry, e) => {
    let at = next;
    const end = Math.min(olds.length, next + LOOK_AHEAD);
    while (at < end && olds[at] !== entry) at++;
    if (at === end) return;
    keptFrom[e] = at;
    next = at + 1;
    kept++;
  });
  const changed = entries.length - kept + (previous.entries.length - kept);
  if (changed > Math.max(64, entries.length / 8)) return undefined;

  const entryFirst = new Int32Array(entries.length + 1);
  const candidates: NameCandidate[] = [];
  // The new text: runs of the earlier one (the kept entries' texts, in order), and the new texts.
  const old = previous.keys;
  const pieces: string[] = [];
  let runFrom = 0;
  let runTo = 0;
  const flush = (): void => {
    if (runTo > runFrom) pieces.push(old.text.slice(runFrom, runTo));
    runFrom = runTo = 0;
  };
  let normalStarts = new Int32Array(1 + previous.candidates.length + 64);
  let textLength = 0;
  const startNext = (length: number): void => {
    if (candidates.length + 1 >= normalStarts.length) {
      const grown = new Int32Array(normalStarts.length * 2);
      grown.set(normalStarts);
      normalStarts = grown;
    }
    textLength += length;
    normalStarts[candidates.length + 1] = textLength;
  };
  const renumbered = new Int32Array(previous.candidates.length).fill(-1);
  const added: RawKey[] = [];
  const namesChanged = new Set<string>();
  entries.forEach((entry, e) => {
    entryFirst[e] = candidates.length;
    const at = keptFrom[e];
    if (at >= 0) {
      const from = old.normalStart[previous.entryFirst[at]];
      const to = old.normalStart[previous.entryFirst[at + 1]];
      if (from !== runTo) {
        flush();
        runFrom = from;
      }
      runTo = to;
      for (let c = previous.entryFirst[at]; c < previous.entryFirst[at + 1]; c++) {
        renumbered[c] = candidates.length;
        startNext(old.normalStart[c + 1] - old.normalStart[c]);
        candidates.push(previous.candidates[c]);
      }
      return;
    }
    flush();
    for (const { candidate, normal } of formsOf(entry)) {
      pushKeys(added, normal, candidates.length);
      pieces.push(normal, '\0');
      startNext(normal.length + 1);
      candidates.push(candidate);
      namesChanged.add(normal);
    }
  });
  entryFirst[entries.length] = candidates.length;
  flush();
  const text = pieces.join('');
  const starts = normalStarts.slice(0, candidates.length + 1);
  // The names of the entries gone (their candidates not renumbered), as the earlier index had them.
  for (let e = 0; e < previous.entries.length; e++) {
    const first = previous.entryFirst[e];
    const end = previous.entryFirst[e + 1];
    if (first < end && renumbered[first] === -1) for (let c = first; c < end; c++) namesChanged.add(old.normal(c));
  }
  added.sort(compareKeys);

  // Where each added key goes among the old ones (the old keep their order once renumbered): by
  // binary search on text and word, then past the old keys of the same text and word before it.
  const oldCount = previous.keyCandidate.length;
  const insertAt = new Int32Array(added.length);
  for (let a = 0, from = 0; a < added.length; a++) {
    const { key, word, candidate } = added[a];
    let lo = from;
    let hi = oldCount;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const order = old.compare(mid, key);
      if (order < 0 || (order === 0 && previous.keyWord[mid] < word)) lo = mid + 1;
      else hi = mid;
    }
    while (lo < oldCount && previous.keyWord[lo] === word && old.compare(lo, key) === 0 && renumbered[previous.keyCandidate[lo]] < candidate) lo++;
    insertAt[a] = from = lo;
  }

  // The merge: kept keys copy what they had, but for `keyCommon` where the key before changed.
  let total = added.length;
  for (let k = 0; k < oldCount; k++) if (renumbered[previous.keyCandidate[k]] >= 0) total++;
  const keyCandidate = new Int32Array(total);
  const keyAt = new Int32Array(total);
  const table = new SortedKeys(text, starts, keyCandidate, keyAt);
  const keyWord = new Uint8Array(total);
  const keyShared = new Uint8Array(total);
  const keyLength = new Uint16Array(total);
  const keyCommon = new Uint8Array(total);
  const keyBound = new Uint16Array(total);
  const fresh = new Uint8Array(total);
  let k = 0;
  let o = 0;
  let lastOld = -2;
  for (let a = 0; a <= added.length; a++) {
    for (const stop = a < added.length ? insertAt[a] : oldCount; o < stop; o++) {
      const c = renumbered[previous.keyCandidate[o]];
      if (c < 0) continue;
      keyCandidate[k] = c;
      keyAt[k] = old.at[o] - old.normalStart[previous.keyCandidate[o]] + starts[c];
      keyWord[k] = previous.keyWord[o];
      keyShared[k] = previous.keyShared[o];
      keyLength[k] = previous.keyLength[o];
      keyBound[k] = previous.keyBound[o];
      keyCommon[k] = lastOld === o - 1 ? previous.keyCommon[o] : k > 0 ? table.common(k - 1, k) : 0;
      lastOld = o;
      k++;
    }
    if (a === added.length) break;
    const r = added[a];
    keyCandidate[k] = r.candidate;
    keyAt[k] = starts[r.candidate] + r.start;
    keyWord[k] = r.word;
    keyLength[k] = Math.min(r.key.length, 65_535);
    keyCommon[k] = k > 0 ? table.common(k - 1, k) : 0;
    fresh[k++] = 1;
    lastOld = -2;
  }

  const arrays = candidateArrays(candidates.length);
  for (let c = 0; c < previous.candidates.length; c++) {
    const to = renumbered[c];
    if (to < 0) continue;
    for (let d = 0; d < 6; d++) arrays.dates[to * 6 + d] = previous.dates[c * 6 + d];
    arrays.flags[to] = previous.flags[c];
    arrays.lengths[to] = previous.lengths[c];
  }
  entries.forEach((_, e) => {
    if (keptFrom[e] >= 0) return;
    for (let c = entryFirst[e]; c < entryFirst[e + 1]; c++) writeCandidate(arrays, c, candidates[c]);
  });

  // A name's owner is its first candidate in order: the first key equal to it at word 0.
  const lowerBound = (key: string): number => table.lowerBound(key);
  const ownerOf = (normal: string): Entry | undefined => {
    const i = lowerBound(normal);
    return i < total && keyWord[i] === 0 && table.compare(i, normal) === 0 ? candidates[keyCandidate[i]].entry : undefined;
  };
  const again = (i: number): void => {
    keyShared[i] = sharesNameOf(table.keyText(i), candidates[keyCandidate[i]].entry, ownerOf);
    keyBound[i] = boundOf(keyShared[i], keyWord[i], arrays.flags, arrays.lengths, keyCandidate[i]);
  };
  for (let i = 0; i < total; i++) if (fresh[i] === 1) again(i);
  for (const normal of namesChanged) {
    // The keys that begin with that name and go on (a space sorts just before "!").
    for (let i = lowerBound(`${normal} `), end = lowerBound(`${normal}!`); i < end; i++) again(i);
  }
  return { reused: kept, entries, entryFirst, candidates, keys: table, keyCandidate, keyWord, keyShared, keyLength, keyCommon, keyBound, ...arrays };
}

/** How many characters two keys share at their start (at most 255). */
function commonPrefix(a: string, b: string): number {
  const most = Math.min(a.length, b.length, 255);
  let common = 0;
  while (common < most && a.charCodeAt(common) === b.charCodeAt(common)) common++;
  return common;
}

/** `keyBound` of a key (see CompletionIndex.keyBound). */
function boundOf(shared: number, word: number, flags: Uint8Array, lengths: Uint8Array, c: number): number {
  return rankOf('prefix', shared === 1, false, word, (flags[c] & 2) === 2) * 256 + lengths[c];
}

export class CompletionIndex {
  readonly candidates: NameCandidate[];
  /** Every word start of every candidate's normalised text, sorted. */
  private readonly keys: SortedKeys;
  private readonly keyCandidate: Int32Array;
  private readonly keyWord: Uint8Array;
  /** 1 where the key starts with another entry's whole name and goes on (see `sharesName`). */
  private readonly keyShared: Uint8Array;
  /**
   * Per key, what ranking reads without the scene's date, in key order (read in a row, where the
   * per-candidate arrays are read at random): the key's length, and the rank of a prefix match
   * alive at the date (`rankOf('prefix', …) * 256 + length`), a bound below its true rank.
   */
  private readonly keyLength: Uint16Array;
  private readonly keyBound: Uint16Array;
  /** Per key, how many characters it shares with the key before (at most 255): where the trie walk's groups end. */
  private readonly keyCommon: Uint8Array;
  /** Per-query scratch: the generation in which a candidate was last seen. */
  private readonly seen: Int32Array;
  /**
   * Per candidate, what ranking a prefix match reads, in flat arrays (the entries have many
   * shapes, and reading their fields for thousands of keys a keystroke is what cost the time):
   * the entry's start and end (`born`/`from`, `died`/`until`: year, month, day; NaN where not
   * written, the year NaN when there is none), whether the form is timed, an alias, its length.
   */
  private readonly dates: Float64Array;
  private readonly flags: Uint8Array;
  private readonly lengths: Uint8Array;
  private readonly tables: Tables;
  private generation = 0;
  /** How many entries this index took as they were from the previous lore's (0: built in full). */
  readonly reused: number;

  /**
   * With `previous` (the index of an earlier version of the lore), only the entries that changed
   * are indexed again: the result is the same as without, in a fraction of the time.
   */
  constructor(base: LoreBase, previous?: CompletionIndex) {
    const t = (previous && updatedTables(previous.tables, base)) ?? fullTables(base);
    this.tables = t;
    this.reused = t.reused;
    ({ candidates: this.candidates, keys: this.keys, keyCandidate: this.keyCandidate, keyWord: this.keyWord, keyShared: this.keyShared, dates: this.dates, flags: this.flags, lengths: this.lengths } = t);
    ({ keyLength: this.keyLength, keyCommon: this.keyCommon, keyBound: this.keyBound } = t);
    this.seen = new Int32Array(t.candidates.length);
  }

  /** `isOutside(candidate.entry, date) || !holds(candidate, date)`, from the flat arrays. */
  private outsideAt(c: number, date: StoryDate): boolean {
    const d = this.dates;
    const at = c * 6;
    if (d[at + 3] === d[at + 3] && compareParts(date.year, date.month, date.day, d[at + 3], d[at + 4], d[at + 5]) > 0) return true;
    if (d[at] === d[at] && compareParts(date.year, date.month, date.day, d[at], d[at + 1], d[at + 2]) < 0) return true;
    return (this.flags[c] & 1) === 1 && !holds(this.candidates[c], date);
  }

  get size(): number {
    return this.candidates.length;
  }

  /**
   * The query at the end of `lineBefore` (the line's text up to the cursor): the word being typed,
   * extended back over up to three earlier words when together they begin a name
   * ("Jean-Luc P", "the attack on M").
   */
  queryAt(lineBefore: string): CompletionQuery {
    const match = TRAILING_WORD.exec(lineBefore)!;
    let start = match.index;
    let from = match.index;
    for (let words = 0; words < 3; words++) {
      const previous = /([\p{L}\p{N}\p{M}]+(?:['’.-][\p{L}\p{N}\p{M}]*)*)[ \t]$/u.exec(lineBefore.slice(0, from));
      if (!previous) break;
      from = previous.index;
      if (this.hasNameStartingWith(normaliseName(lineBefore.slice(from)))) start = from;
    }
    return { start, text: lineBefore.slice(start) };
  }

  /** Whether some name or alias (from its first word) starts with the normalised text. */
  private hasNameStartingWith(normal: string): boolean {
    const first = this.lowerBound(normal);
    for (let i = first; i < this.keys.length && i < first + 256 && this.keys.startsWith(i, normal); i++) {
      if (this.keyWord[i] === 0) return true;
    }
    return false;
  }

  complete(query: string, options: CompleteOptions = {}): CompletionMatch[] {
    const limit = options.limit ?? 50;
    const q = normaliseName(query);
    if (q.trim() === '') return [];
    const generation = ++this.generation;
    const date = options.date;
    const dated = date !== undefined;

    // 1. Prefix matches: keep the best `limit` by the cheap order, without sorting them all.
    const best = new TopList<Omit<CompletionMatch, 'status' | 'holds'>>(limit);
    const exactLength = q.trimEnd().length;
    let wholeFound = false;
    const end = Math.min(this.lowerBound(`${q}\uffff`), this.lowerBound(q) + MAX_PREFIX_SCAN);
    for (let i = this.lowerBound(q); i < end; i++) {
      const c = this.keyCandidate[i];
      if (this.seen[c] === generation) continue; // the same name matched at an earlier word (keys sort by word)
      this.seen[c] = generation;
      const wordIndex = this.keyWord[i];
      const whole = this.keyLength[i] === exactLength;
      if (whole) wholeFound = true;
      const exact = wordIndex === 0 && whole;
      // A prefix match that would not enter even alive at the date is passed over unread.
      if (!exact && !best.accepts(this.keyBound[i])) continue;
      const match: MatchKind = exact ? 'exact' : 'prefix';
      const sharesName = this.keyShared[i] === 1 && !exact;
      const rank = rankOf(match, sharesName, dated && this.outsideAt(c, date), wordIndex, (this.flags[c] & 2) === 2) * 256 + this.lengths[c];
      if (best.accepts(rank)) best.offer({ candidate: this.candidates[c], match, distance: 0, wordIndex, sharesName }, rank);
    }
    const found: CompletionMatch[] = best.items().map((m) => ({ ...m, status: lifeStatusAt(m.candidate.entry, date), holds: holds(m.candidate, date) }));

    // 2. Typo-tolerant matches, when the prefix found fewer than asked. Never for three letters
    // or fewer, where one edit is another name altogether (`Sev` is not `Bev`erly).
    const typoOrder = new Map<CompletionMatch, number>();
    if (found.length < limit && q.trimEnd().length >= 4 && options.typos !== false) {
      // Two edits only for a long query that names nothing as typed (not even past a first word:
      // "Treaty of Sheshalath" names the Treaty of Sheshalath): with the name found, one is enough.
      const maxDistance = q.length >= 8 && !wholeFound ? 2 : 1;
      // The groups of keys within reach, fewest edits first; within as many edits, those that keep
      // the first letter typed (it is the one least often wrong), then those where what was typed
      // is a whole word ("Lfzhou": Lezhou the Younger before Lezhoucai). Read in that order, a
      // name is kept at its best group, and at most MAX_TYPO_SCAN keys are read.
      // One edit first; two only when one finds nothing (the walk within two edits costs several
      // times the walk within one, and one edit is the usual slip).
      const near = new TopList<{ key: number; order: number }>(limit * 2 - found.length);
      for (let distance = 1; distance <= maxDistance && near.empty; distance++) this.scanTypos(this.typoGroups(q, distance), near, generation, date);
      for (const { key, order } of near.items()) {
        const candidate = this.candidates[this.keyCandidate[key]];
        const distance = order >> 2;
        const match: CompletionMatch = { candidate, match: 'typo', distance, wordIndex: this.keyWord[key], sharesName: this.keyShared[key] === 1, status: lifeStatusAt(candidate.entry, date), holds: holds(candidate, date) };
        typoOrder.set(match, order);
        found.push(match);
      }
    }
    if (found.length === 0) return [];

    // 3. fuse.js ranks the short list (a tie-breaker after match kind and life status).
    const fuse = new Fuse(found, { keys: ['candidate.text'], includeScore: true, threshold: 1, ignoreLocation: true, shouldSort: false });
    const score = new Map<CompletionMatch, number>();
    for (const result of fuse.search(query.trim())) score.set(result.item, result.score ?? 1);
    // Near misses: fewer edits, then a whole word typed, before the other considerations.
    found.sort(
      (a, b) =>
        kindOf(a.match) - kindOf(b.match) ||
        (typoOrder.get(a) ?? 0) - (typoOrder.get(b) ?? 0) ||
        cheapRank(a, dated) - cheapRank(b, dated) ||
        (score.get(a) ?? 1) - (score.get(b) ?? 1) ||
        a.candidate.text.length - b.candidate.text.length ||
        (a.candidate.text < b.candidate.text ? -1 : a.candidate.text > b.candidate.text ? 1 : 0),
    );
    return found.slice(0, limit);
  }

  /** Offers the keys of the near-miss groups to `near`, reading at most MAX_TYPO_SCAN keys. */
  private scanTypos(parts: TypoGroup[], near: TopList<{ key: number; order: number }>, generation: number, date: StoryDate | undefined): void {
    const dated = date !== undefined;
    let scanned = 0;
    for (const part of parts) {
      const order = part.distance * 4 + (part.firstLetter ? 0 : 2) + (part.wholeWord ? 0 : 1);
      // The parts come in order: once the best of this one cannot enter, nothing after can.
      const base = (order * 64 + rankOf('typo', false, false, 0, false)) * 256;
      if (!near.accepts(base)) break;
      const typoOver = base - rankOf('prefix', false, false, 0, false) * 256;
      for (let k = part.lo; k < part.hi && scanned < MAX_TYPO_SCAN; k++, scanned++) {
        const c = this.keyCandidate[k];
        if (this.seen[c] === generation) continue;
        this.seen[c] = generation;
        // keyBound is this rank less the part's order and the date's.
        const bound = typoOver + this.keyBound[k];
        if (!near.accepts(bound)) continue;
        const rank = bound + (dated && this.outsideAt(c, date) ? OUTSIDE_RANK : 0);
        if (near.accepts(rank)) near.offer({ key: k, order }, rank);
      }
      if (scanned >= MAX_TYPO_SCAN) break;
    }
  }

  private lowerBound(key: string): number {
    return this.keys.lowerBound(key);
  }

  /**
   * The keys whose prefix is within `maxDistance` edits of `q` (optimal string alignment: a swap
   * of two neighbouring letters is one edit), as ranges of the sorted keys, fewest edits first;
   * within as many edits, the first letter as typed first, then whole words, then key order. A prefix may be as short as the
   * query less `maxDistance` letters ("Mastte" for Master). Walks the sorted keys as a trie (the
   * keys sharing a prefix are one contiguous range, its children found by binary search), and
   * computes only the band of each row within `maxDistance` of the diagonal: a cell further
   * off is further than that, so a long query costs no more per letter than a short one.
   */
  private typoGroups(q: string, maxDistance: number): TypoGroup[] {
    const n = q.length;
    const k = maxDistance;
    const far = k + 1;
    const keys = this.keys;
    const depthLimit = n + k;
    const rows: Int32Array[] = [];
    for (let i = 0; i <= depthLimit + 1; i++) rows.push(new Int32Array(n + 2).fill(far));
    for (let j = 0; j <= n; j++) rows[0][j] = Math.min(j, far);
    const chars = new Int32Array(depthLimit + 2);
    const byOrder: TypoGroup[][] = [];
    const first = q.charCodeAt(0);
    let firstLetter = false;
    let groups = 0;

    const accept = (lo: number, hi: number, length: number, distance: number): void => {
      // The keys that end there, or where a word ends there, come first in the range (a space
      // sorts before every letter): those are the whole-word part.
      let a = lo;
      let b = hi;
      while (a < b) {
        const mid = (a + b) >> 1;
        // The key's end or a space.
        const after = keys.charAt(mid, length);
        if (after === END || after === 32) a = mid + 1;
        else b = mid;
      }
      const order = distance * 4 + (firstLetter ? 0 : 2);
      if (a > lo) (byOrder[order] ??= []).push({ lo, hi: a, distance, firstLetter, wholeWord: true });
      if (hi > a) (byOrder[order + 1] ??= []).push({ lo: a, hi, distance, firstLetter, wholeWord: false });
      groups++;
    };

    const keyLength = this.keyLength;
    const common = this.keyCommon;
    const walk = (lo: number, hi: number, depth: number): void => {
      let i = lo;
      while (i < hi && keyLength[i] <= depth) i++;
      const length = depth + 1;
      const from = Math.max(1, length - k);
      const to = Math.min(n, length + k);
      const previous = rows[depth];
      const row = rows[length];
      while (i < hi && groups < MAX_TYPO_GROUPS) {
        const c = keys.charAt(i, depth);
        // The group's end: a few keys on, read from keyCommon in a row (no string read); past
        // that, by galloping then binary search over the keys (they share this node's prefix).
        let a = i + 1;
        const near = Math.min(hi, i + 16);
        while (a < near && common[a] > depth) a++;
        if (a === near && a < hi && common[a] > depth) {
          let step = 16;
          while (a + step < hi && keys.charAt(a + step, depth) === c) {
            a += step;
            step *= 2;
          }
          let b = Math.min(hi, a + step);
          a++;
          while (a < b) {
            const mid = (a + b) >> 1;
            if (keys.charAt(mid, depth) <= c) a = mid + 1;
            else b = mid;
          }
        }
        const groupEnd = a;
        chars[length] = c;
        if (depth === 0) firstLetter = c === first;
        row[0] = Math.min(length, far);
        row[from - 1] = from === 1 ? row[0] : far;
        let rowMin = from === 1 ? row[0] : far;
        for (let j = from; j <= to; j++) {
          const qc = q.charCodeAt(j - 1);
          let d = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (qc === c ? 0 : 1));
          if (depth >= 1 && j >= 2 && qc === chars[depth] && q.charCodeAt(j - 2) === c) d = Math.min(d, rows[depth - 1][j - 2] + 1);
          if (d > far) d = far;
          row[j] = d;
          if (d < rowMin) rowMin = d;
        }
        if (to + 1 <= n) row[to + 1] = far;
        const distance = to === n ? row[n] : far;
        if (distance <= k && length >= n - k) accept(i, groupEnd, length, distance);
        else if (rowMin <= k && length < depthLimit) walk(i, groupEnd, length);
        i = groupEnd;
      }
    };
    walk(0, keys.length, 0);
    return byOrder.flatMap((list) => list ?? []);
  }
}

interface TypoGroup {
  lo: number;
  hi: number;
  distance: number;
  /** The keys begin with the letter typed first. */
  firstLetter: boolean;
  /** What was typed is a whole word of these keys (up to the edits). */
  wholeWord: boolean;
}

/**
 * Lower is better: match kind first, then a name before one that merely shares its word, then (in
 * a dated scene) alive before not, then name start.
 */
function rankOf(match: MatchKind, sharesName: boolean, outside: boolean, wordIndex: number, isAlias: boolean): number {
  const kind = match === 'exact' ? 0 : match === 'prefix' ? 1 : 2;
  return kind * 16 + (sharesName ? 8 : 0) + (outside ? 4 : 0) + (wordIndex > 0 ? 2 : 0) + (isAlias ? 1 : 0);
}

function kindOf(match: MatchKind): number {
  return match === 'exact' ? 0 : match === 'prefix' ? 1 : 2;
}

function cheapRank(m: CompletionMatch, dated: boolean): number {
  const outside = dated && ((m.status.state !== 'alive' && m.status.state !== 'unknown') || !m.holds);
  return rankOf(m.match, m.sharesName, outside, m.wordIndex, m.candidate.isAlias);
}

/** `compareDates` over a date and another's parts (NaN for a month or day not written). */
function compareParts(year: number, month: number | undefined, day: number | undefined, y: number, m: number, d: number): number {
  if (year !== y) return year - y;
  if (month === undefined || m !== m) return 0;
  if (month !== m) return month - m;
  if (day === undefined || d !== d) return 0;
  return day - d;
}

/** The best `size` items offered, by rank then arrival; O(log size) per offer once full. */
class TopList<T> {
  private readonly heap: Array<{ item: T; rank: number; order: number }> = [];
  private order = 0;
  constructor(private readonly size: number) {}

  get empty(): boolean {
    return this.heap.length === 0;
  }

  /** Whether an item of this rank would enter (ties go to the earlier one). */
  accepts(rank: number): boolean {
    return this.heap.length < this.size || rank < this.heap[0].rank;
  }

  offer(item: T, rank: number): void {
    const node = { item, rank, order: this.order++ };
    const heap = this.heap;
    const worse = (x: typeof node, y: typeof node): boolean => x.rank > y.rank || (x.rank === y.rank && x.order > y.order);
    if (heap.length < this.size) {
      heap.push(node);
      let i = heap.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!worse(heap[i], heap[parent])) break;
        [heap[i], heap[parent]] = [heap[parent], heap[i]];
        i = parent;
      }
      return;
    }
    if (!worse(heap[0], node)) return;
    heap[0] = node;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let top = i;
      if (l < heap.length && worse(heap[l], heap[top])) top = l;
      if (r < heap.length && worse(heap[r], heap[top])) top = r;
      if (top === i) break;
      [heap[i], heap[top]] = [heap[top], heap[i]];
      i = top;
    }
  }

  items(): T[] {
    return this.heap.map((n) => n.item);
  }
}

/**
 * The short note shown after a name: "† 2379" for the dead, "born 2381" for the unborn, "until
 * 2371" / "from 2381" for things outside their existence; nothing for the living.
 */
export function lifeNote(entry: Entry, status: LifeStatus, calendar: Calendar): string | undefined {
  const being = isBeing(entry);
  if (status.state === 'ended') {
    const end = entry.died ?? entry.until;
    return end ? `${being ? '†' : 'until'} ${dateInWords(end, calendar)}` : undefined;
  }
  if (status.state === 'not-yet') {
    const start = entry.born ?? entry.from;
    return start ? `${being && entry.born ? 'born' : 'from'} ${dateInWords(start, calendar)}` : undefined;
  }
  return undefined;
}

/**
 * What can be inserted for an entry: its name, its aliases (a timed one with its spans) and, for
 * an entry with `rank`/`title` periods, each title before each of its names (`Admiral Picard`).
 */
function namesOf(entry: Entry): NameCandidate[] {
  const out: NameCandidate[] = [{ entry, text: entry.name, isAlias: false }];
  for (const alias of entry.aliases) {
    const spans = entry.aliasSpans?.[alias];
    out.push({ entry, text: alias, isAlias: true, ...(spans ? { spans } : {}) });
  }
  if (!entry.periods) return out;
  const titles = new Map<string, Span[]>();
  for (const field of TITLE_FIELDS) {
    for (const period of entry.periods[field] ?? []) {
      const title = titleOf(period.value);
      if (title !== '') titles.set(title, [...(titles.get(title) ?? []), period]);
    }
  }
  const names = out.filter((c) => !c.spans && ![...titles.keys()].some((t) => c.text.startsWith(`${t} `)));
  for (const [title, spans] of titles) {
    for (const name of names) {
      const text = `${title} ${name.text}`;
      const existing = out.find((c) => c.text === text);
      if (existing) existing.spans = spans;
      else out.push({ entry, text, isAlias: true, spans });
    }
  }
  return out;
}

/** Whether a timed alias or titled form holds at the date (a form that is not timed always does). */
function holds(candidate: NameCandidate, date: StoryDate | undefined): boolean {
  return !date || !candidate.spans || candidate.spans.some((s) => holdsAt(s, date));
}

/** "Captain 2333–2381" / "2366-06–2367": the period of a form that does not hold at the date (or of any timed form, undated). */
export function periodNote(candidate: NameCandidate, date: StoryDate | undefined, calendar: Calendar): string | undefined {
  if (!candidate.spans || (date && holds(candidate, date))) return undefined;
  const spans = candidate.spans.map((s) => formatSpan(s, calendar)).filter(Boolean).join(', ');
  return spans === '' ? undefined : spans;
}
