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
const MAX_TYPO_KEYS = 400;
const TRAILING_WORD = /[\p{L}\p{N}\p{M}]+(?:['’.-][\p{L}\p{N}\p{M}]*)*$|[\p{L}\p{N}\p{M}]*$/u;

/** Accents folded, lower case, every run of other characters one space: how keys and queries compare. */
export function normaliseName(text: string): string {
  return foldAccents(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/^ /, '');
}

export class CompletionIndex {
  readonly candidates: NameCandidate[] = [];
  /** Every word start of every candidate's normalised text, sorted. */
  private readonly keys: string[];
  private readonly keyCandidate: Int32Array;
  private readonly keyWord: Uint8Array;
  /** 1 where the key starts with another entry's whole name and goes on (see `sharesName`). */
  private readonly keyShared: Uint8Array;
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
  private generation = 0;

  constructor(base: LoreBase) {
    const raw: Array<{ key: string; candidate: number; word: number }> = [];
    const seenText = new Set<string>();
    for (const entry of base.entries) {
      for (const candidate of namesOf(entry)) {
        const { text } = candidate;
        const dedupe = `${entry.id}\0${text}`;
        if (seenText.has(dedupe)) continue;
        seenText.add(dedupe);
        const normal = normaliseName(text).trimEnd();
        if (normal === '') continue;
        const index = this.candidates.length;
        this.candidates.push(candidate);
        let word = 0;
        for (let i = 0; i < normal.length; i++) {
          if (i === 0 || normal[i - 1] === ' ') raw.push({ key: normal.slice(i), candidate: index, word: Math.min(word++, 255) });
        }
      }
    }
    raw.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.word - b.word));
    this.keys = raw.map((r) => r.key);
    this.keyCandidate = Int32Array.from(raw, (r) => r.candidate);
    this.keyWord = Uint8Array.from(raw, (r) => r.word);
    const owners = new Map<string, Entry>();
    for (const { entry, text } of this.candidates) {
      const normal = normaliseName(text).trimEnd();
      const owner = owners.get(normal);
      if (owner === undefined) owners.set(normal, entry);
    }
    this.keyShared = Uint8Array.from(raw, (r) => {
      const entry = this.candidates[r.candidate].entry;
      // Up to four words in: "picard s resignation" begins with "picard", another entry's alias.
      for (let space = r.key.indexOf(' '), words = 0; space > 0 && words < 4; space = r.key.indexOf(' ', space + 1), words++) {
        const owner = owners.get(r.key.slice(0, space));
        if (owner !== undefined && owner !== entry) return 1;
      }
      return 0;
    });
    this.seen = new Int32Array(this.candidates.length);
    this.dates = new Float64Array(this.candidates.length * 6).fill(NaN);
    this.flags = new Uint8Array(this.candidates.length);
    this.candidates.forEach((candidate, c) => {
      const { entry } = candidate;
      const start = entry.born ?? entry.from;
      const end = entry.died ?? entry.until;
      if (start) this.dates.set([start.year, start.month ?? NaN, start.day ?? NaN], c * 6);
      if (end) this.dates.set([end.year, end.month ?? NaN, end.day ?? NaN], c * 6 + 3);
      this.flags[c] = (candidate.spans ? 1 : 0) | (candidate.isAlias ? 2 : 0);
    });
    this.lengths = Uint8Array.from(this.candidates, (candidate) => Math.min(candidate.text.length, 255));
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
    for (let i = first; i < this.keys.length && i < first + 256 && this.keys[i].startsWith(normal); i++) {
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
    const end = Math.min(this.lowerBound(`${q}\uffff`), this.lowerBound(q) + MAX_PREFIX_SCAN);
    for (let i = this.lowerBound(q); i < end; i++) {
      const c = this.keyCandidate[i];
      if (this.seen[c] === generation) continue; // the same name matched at an earlier word (keys sort by word)
      this.seen[c] = generation;
      const wordIndex = this.keyWord[i];
      const match: MatchKind = wordIndex === 0 && this.keys[i].length === exactLength ? 'exact' : 'prefix';
      const sharesName = this.keyShared[i] === 1 && match !== 'exact';
      const rank = rankOf(match, sharesName, dated && this.outsideAt(c, date), wordIndex, (this.flags[c] & 2) === 2) * 256 + this.lengths[c];
      if (best.accepts(rank)) best.offer({ candidate: this.candidates[c], match, distance: 0, wordIndex, sharesName }, rank);
    }
    const found: CompletionMatch[] = best.items().map((m) => ({ ...m, status: lifeStatusAt(m.candidate.entry, date), holds: holds(m.candidate, date) }));

    // 2. Typo-tolerant matches, when the prefix found fewer than asked. Never for three letters
    // or fewer, where one edit is another name altogether (`Sev` is not `Bev`erly).
    if (found.length < limit && q.trimEnd().length >= 4 && options.typos !== false) {
      // Two edits only for a long query that names nothing as typed: with the name found, one is enough.
      const exactFound = found.some((m) => m.match === 'exact');
      const maxDistance = q.length >= 8 && !exactFound ? 2 : 1;
      for (const hit of this.typoKeys(q, maxDistance)) {
        const c = this.keyCandidate[hit.key];
        if (this.seen[c] === generation) continue;
        this.seen[c] = generation;
        const candidate = this.candidates[c];
        found.push({ candidate, match: 'typo', distance: hit.distance, wordIndex: this.keyWord[hit.key], sharesName: this.keyShared[hit.key] === 1, status: lifeStatusAt(candidate.entry, date), holds: holds(candidate, date) });
        if (found.length >= limit * 2) break;
      }
    }
    if (found.length === 0) return [];

    // 3. fuse.js ranks the short list (a tie-breaker after match kind and life status).
    const fuse = new Fuse(found, { keys: ['candidate.text'], includeScore: true, threshold: 1, ignoreLocation: true, shouldSort: false });
    const score = new Map<CompletionMatch, number>();
    for (const result of fuse.search(query.trim())) score.set(result.item, result.score ?? 1);
    found.sort(
      (a, b) =>
        cheapRank(a, dated) - cheapRank(b, dated) ||
        a.distance - b.distance ||
        (score.get(a) ?? 1) - (score.get(b) ?? 1) ||
        a.candidate.text.length - b.candidate.text.length ||
        (a.candidate.text < b.candidate.text ? -1 : a.candidate.text > b.candidate.text ? 1 : 0),
    );
    return found.slice(0, limit);
  }

  private lowerBound(key: string): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.keys[mid] < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Keys with a prefix within `maxDistance` edits of `q` (optimal string alignment: a swap of two
   * neighbouring letters is one edit). Walks the sorted keys as a trie: the keys sharing a prefix
   * are one contiguous range, and the children of a prefix are found by binary search.
   */
  private typoKeys(q: string, maxDistance: number): Array<{ key: number; distance: number }> {
    const n = q.length;
    const keys = this.keys;
    const depthLimit = n + maxDistance;
    const rows: Int32Array[] = [];
    for (let i = 0; i <= depthLimit + 1; i++) rows.push(new Int32Array(n + 1));
    for (let j = 0; j <= n; j++) rows[0][j] = j;
    const chars = new Int32Array(depthLimit + 2);
    const out: Array<{ key: number; distance: number }> = [];

    const walk = (lo: number, hi: number, depth: number): void => {
      let i = lo;
      while (i < hi && keys[i].length <= depth) i++;
      while (i < hi && out.length < MAX_TYPO_KEYS) {
        const c = keys[i].charCodeAt(depth);
        let a = i + 1;
        let b = hi;
        while (a < b) {
          const mid = (a + b) >> 1;
          if (keys[mid].charCodeAt(depth) <= c) a = mid + 1;
          else b = mid;
        }
        const groupEnd = a;
        const previous = rows[depth];
        const row = rows[depth + 1];
        chars[depth + 1] = c;
        row[0] = depth + 1;
        let rowMin = row[0];
        for (let j = 1; j <= n; j++) {
          const qc = q.charCodeAt(j - 1);
          let d = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (qc === c ? 0 : 1));
          if (depth >= 1 && j >= 2 && qc === chars[depth] && q.charCodeAt(j - 2) === c) d = Math.min(d, rows[depth - 1][j - 2] + 1);
          row[j] = d;
          if (d < rowMin) rowMin = d;
        }
        const length = depth + 1;
        if (row[n] <= maxDistance && length >= n) {
          for (let k = i; k < groupEnd && out.length < MAX_TYPO_KEYS; k++) out.push({ key: k, distance: row[n] });
        } else if (rowMin <= maxDistance && length < depthLimit) {
          // A whole short key may be the query with letters too many ("Jurrati" for "Jurati").
          if (row[n] <= maxDistance) {
            for (let k = i; k < groupEnd && keys[k].length === length; k++) out.push({ key: k, distance: row[n] });
          }
          walk(i, groupEnd, depth + 1);
        }
        i = groupEnd;
      }
    };
    walk(0, keys.length, 0);
    out.sort((x, y) => x.distance - y.distance);
    return out;
  }
}

/**
 * Lower is better: match kind first, then a name before one that merely shares its word, then (in
 * a dated scene) alive before not, then name start.
 */
function rankOf(match: MatchKind, sharesName: boolean, outside: boolean, wordIndex: number, isAlias: boolean): number {
  const kind = match === 'exact' ? 0 : match === 'prefix' ? 1 : 2;
  return kind * 16 + (sharesName ? 8 : 0) + (outside ? 4 : 0) + (wordIndex > 0 ? 2 : 0) + (isAlias ? 1 : 0);
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
