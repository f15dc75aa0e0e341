// unknown-name: a capitalised word that is no canon name but is one or two letters away from one
// ("Jurrati" → "Jurati"), or the same letters in another case or without a space ("Mccoy" →
// "McCoy", "Laforge" → "La Forge"). Ordinary English words and plurals of names are left alone.
import { rollingHash } from '../hash';
import type { NameForm, NameIndex } from '../mentions/nameIndex';
// The snapshot checks the name index's snapshot runs just before: already optimised when this one runs.
import { allStrings, within } from '../mentions/nameIndexSnapshot';
import type { Diagnostic } from '../types';
import { foldAccents } from '../lore/entry';
import { finding, type CheckContext } from './context';
import { isEnglishName, isEnglishWord } from './english';

/** How a canon word may be used alone in prose, which decides how far a typo of it may stray. */
interface Target {
  /** The word as the lore writes it (folded), or a whole name with its spaces (`La Forge`). */
  spelling: string;
  /**
   * `name`: a name or alias of one word, or the last word (a surname) of a longer one — prose uses
   * it alone. `part`: another word of a longer name (`Maria` of `Maria Picard`, where `Maria` is no
   * alias): many are real words or other people's names, so only a long one with one slip counts.
   */
  role: 'name' | 'part';
  /** Whether the word is ordinary English: worked out when the target is first a candidate. */
  english?: boolean;
}

/** Typos are looked for only in words at most this much longer than the longest canon word. */
const MAX_EDITS = 2;

/**
 * Canon words near which a typo is looked for, indexed by themselves and their one-letter
 * deletions. The index holds no strings: each key is a 32-bit hash (Horner, multiplier 31) in
 * typed arrays, chained by bucket, so building it costs no substring and no Map entry per
 * deletion. A hash match is confirmed against the target's letters, so the candidates are exactly
 * the targets whose word or one-letter deletion equals the key. Exported for tests.
 */
export class NearNames {
  /** Each target's spelling and role (1: `name`, 0: `part`), by ordinal: the order targets were first met (an ordinal breaks ties). */
  private readonly spellings: readonly string[];
  private readonly roles: Uint8Array;
  /** Each target, by ordinal: made when first a candidate, in an index restored from a snapshot. */
  private readonly targets: Array<Target | undefined>;
  /** Each target's lower-cased spelling, by ordinal (made when first needed, in a restored index). */
  private readonly lowers: Array<string | undefined>;
  /** Names of several words in ASCII, by the hash of their lower-cased letters joined (chained by bucket): their places in the index's forms. */
  private readonly joinedOrders: Int32Array;
  private readonly joinedHashes: Int32Array;
  private readonly joinedNext: Int32Array;
  private readonly joinedHeads: Int32Array;
  private readonly joinedTargets = new Map<NameForm, Target>();
  /** The other names of several words, by their lower-cased letters joined (the first name wins). */
  private readonly joinedOthers = new Map<string, { form: NameForm; order: number }>();
  private readonly verdicts = new Map<string, Target | null>();
  private longest = 0;
  /** Key hashes (a target's word or one of its deletions), the target's ordinal, the next key of the bucket. */
  private readonly keyHashes: Int32Array;
  private readonly keyTargets: Int32Array;
  private readonly keyNext: Int32Array;
  private readonly heads: Int32Array;

  constructor(
    private readonly index: NameIndex,
    snapshot?: NearNamesSnapshot,
  ) {
    if (snapshot) {
      // Restored (see fromSnapshot): the arrays as they were built, used in place; targets and forms made when reached.
      this.spellings = snapshot.spellings;
      this.roles = snapshot.roles;
      this.targets = new Array<Target | undefined>(snapshot.spellings.length).fill(undefined);
      this.lowers = new Array<string | undefined>(snapshot.spellings.length).fill(undefined);
      this.longest = snapshot.longest;
      for (let k = 0; k < snapshot.otherJoined.length; k++) this.joinedOthers.set(snapshot.otherJoined[k], { form: index.form(snapshot.otherOrders[k]), order: snapshot.otherOrders[k] });
      ({ joinedOrders: this.joinedOrders, joinedHashes: this.joinedHashes, joinedNext: this.joinedNext, joinedHeads: this.joinedHeads } = snapshot);
      ({ keyHashes: this.keyHashes, keyTargets: this.keyTargets, keyNext: this.keyNext, heads: this.heads } = snapshot);
      return;
    }
    // In steps of their own, each compiled early: a cold start runs each loop once.
    const gathered: Gathered = { ordinals: new Map(), spellings: [], roles: [] };
    const joined: Joined = { orders: [], hashes: [], others: this.joinedOthers };
    for (let order = 0; order < index.formCount; order++) gatherTargets(index.form(order), order, gathered, joined);
    const joinedHashes = joined.hashes;
    this.joinedOrders = Int32Array.from(joined.orders);
    this.joinedHeads = new Int32Array(Math.max(1024, 2 ** Math.ceil(Math.log2(joinedHashes.length + 1)))).fill(-1);
    this.joinedHashes = Int32Array.from(joinedHashes);
    this.joinedNext = new Int32Array(joinedHashes.length);
    for (let k = 0; k < joinedHashes.length; k++) {
      const bucket = joinedHashes[k] & (this.joinedHeads.length - 1);
      this.joinedNext[k] = this.joinedHeads[bucket];
      this.joinedHeads[bucket] = k;
    }
    // Targets are made when first a candidate, as in a restored index: most never are.
    this.spellings = gathered.spellings;
    this.roles = Uint8Array.from(gathered.roles);
    this.targets = new Array<Target | undefined>(this.spellings.length).fill(undefined);
    const lowers: string[] = (this.lowers = []);
    let keys = 0;
    for (const spelling of this.spellings) {
      const key = spelling.toLowerCase();
      if (key.length > this.longest) this.longest = key.length;
      lowers.push(key);
      keys += key.length + 1;
    }
    ({ keyHashes: this.keyHashes, keyTargets: this.keyTargets, keyNext: this.keyNext, heads: this.heads } = keyIndexOf(lowers, this.longest, keys));
  }

  private targetOf(ordinal: number): Target {
    return (this.targets[ordinal] ??= { spelling: this.spellings[ordinal], role: this.roles[ordinal] === 1 ? 'name' : 'part' });
  }

  private lowerOf(ordinal: number): string {
    return (this.lowers[ordinal] ??= this.spellings[ordinal].toLowerCase());
  }

  /**
   * The index as plain arrays, to be kept beside the cached lore base it was built from (the CLI's
   * lore cache): a warm start then restores it instead of hashing every canon word again.
   */
  toSnapshot(forms: number): NearNamesSnapshot {
    const otherJoined = [...this.joinedOthers.keys()];
    return {
      version: SNAPSHOT_VERSION,
      forms,
      spellings: [...this.spellings],
      roles: this.roles,
      longest: this.longest,
      joinedOrders: this.joinedOrders,
      joinedHashes: this.joinedHashes,
      joinedNext: this.joinedNext,
      joinedHeads: this.joinedHeads,
      otherJoined,
      otherOrders: Int32Array.from(otherJoined, (k) => this.joinedOthers.get(k)!.order),
      keyHashes: this.keyHashes,
      keyTargets: this.keyTargets,
      keyNext: this.keyNext,
      heads: this.heads,
    };
  }

  /**
   * The index a snapshot holds, for `index` — or undefined when the snapshot does not fit it (another
   * version, another number of name forms, arrays of the wrong type or size, out-of-range links),
   * so that a damaged cache can only cost the time of building the index again.
   */
  static fromSnapshot(index: NameIndex, value: unknown): NearNames | undefined {
    if (!isNearNamesSnapshot(value) || value.forms !== index.formCount) return undefined;
    return new NearNames(index, value);
  }

  /** The ordinals of the targets whose word, or a one-letter deletion of it, is `key`, in ascending order. */
  private targetsOf(key: string): number[] {
    const hash = rollingHash(key);
    const found: number[] = [];
    for (let e = this.heads[hash & (this.heads.length - 1)]; e >= 0; e = this.keyNext[e]) {
      if (this.keyHashes[e] !== hash) continue;
      const ordinal = this.keyTargets[e];
      if (found.includes(ordinal)) continue;
      const lower = this.lowerOf(ordinal);
      if (lower === key || isOneDeletion(lower, key)) found.push(ordinal);
    }
    return found.sort((a, b) => a - b);
  }

  /**
   * The target of the same letters as `lower`, case and spacing aside: a name of several words
   * first (the first in the lore), then a canon word.
   */
  private sameLetters(lower: string): Target | undefined {
    let first: NameForm | undefined;
    let firstOrder = Infinity;
    if (lower.length >= 4) {
      const hash = rollingHash(lower);
      for (let k = this.joinedHeads[hash & (this.joinedHeads.length - 1)]; k >= 0; k = this.joinedNext[k]) {
        const order = this.joinedOrders[k];
        if (this.joinedHashes[k] !== hash || order >= firstOrder) continue;
        const form = this.index.form(order);
        if (form.words.join('').toLowerCase() === lower) {
          first = form;
          firstOrder = order;
        }
      }
    }
    const other = this.joinedOthers.get(lower);
    if (other && other.order < firstOrder) first = other.form;
    if (first) {
      let target = this.joinedTargets.get(first);
      if (!target) {
        const { words, separators } = first;
        target = { spelling: words.map((w, k) => (k === 0 ? w : separators[k - 1] + w)).join(''), role: 'name', english: false };
        this.joinedTargets.set(first, target);
      }
      return target;
    }
    // The first canon word of these letters (a hash chain holds each target's whole word too).
    for (const ordinal of this.targetsOf(lower)) if (this.lowerOf(ordinal) === lower) return this.targetOf(ordinal);
    return undefined;
  }

  /** The canon spelling of a misspelled word (accents folded, case as written), or null. */
  nearest(word: string): Target | null {
    let verdict = this.verdicts.get(word);
    if (verdict !== undefined) return verdict;
    verdict = this.find(word);
    this.verdicts.set(word, verdict);
    return verdict;
  }

  private find(word: string): Target | null {
    const lower = word.toLowerCase();
    // No canon word is within two edits of a much longer word: the cost stays linear in its length.
    if (lower.length > this.longest + MAX_EDITS) return null;
    const same = this.sameLetters(lower);
    if (same) return same.spelling !== word ? same : null;
    const keys = new Set<string>([lower, ...deletions(lower)]);
    if (lower.length >= 8) for (const d of deletions(lower)) for (const dd of deletions(d)) keys.add(dd);
    let best: Target | null = null;
    let bestDistance = Infinity;
    for (const key of keys) {
      for (const ordinal of this.targetsOf(key)) {
        const target = this.targetOf(ordinal);
        const canon = this.lowerOf(ordinal);
        const limit = target.role === 'part' ? (canon.length >= 7 ? 1 : 0) : canon.length >= 7 ? 2 : 1;
        if (limit === 0) continue;
        // A canon word that is also ordinary English ("Lily", "Violet") is a typo target only for
        // a doubled letter ("Lilly"): any other neighbour of it is likely a word of its own.
        if ((target.english ??= isEnglishWord(canon)) && !isDoubledLetter(lower, canon)) continue;
        const distance = editDistance(lower, canon, limit);
        if (distance > 0 && distance <= limit && distance < bestDistance) {
          bestDistance = distance;
          best = target;
        }
      }
    }
    return best;
  }
}

/** Names of several words whose letters joined may be written as one word (see NearNames). */
interface Joined {
  orders: number[];
  hashes: number[];
  others: Map<string, { form: NameForm; order: number }>;
}

/** Typo targets by ordinal (the order first met), and each one's ordinal by its spelling. */
interface Gathered {
  ordinals: Map<string, number>;
  spellings: string[];
  /** 1: `name`, 0: `part` (see Target.role). */
  roles: number[];
}

/** A form's words as typo targets, and the form itself when its words may be written joined. */
function gatherTargets(form: NameForm, order: number, gathered: Gathered, joined: Joined): void {
  const words = form.words;
  let capitalised = true;
  for (let k = 0; k < words.length; k++) {
    const word = words[k];
    if (!isCapitalisedWord(word)) {
      capitalised = false;
      continue;
    }
    if (word.length < 4) continue;
    const role = k === words.length - 1 ? 1 : 0;
    const ordinal = gathered.ordinals.get(word);
    if (ordinal === undefined) {
      gathered.ordinals.set(word, gathered.spellings.length);
      gathered.spellings.push(word);
      gathered.roles.push(role);
    } else if (role === 1) gathered.roles[ordinal] = 1;
  }
  // "La Forge" written "Laforge": a name whose words join into one. Only its hash is kept
  // (the joined spelling is made when a word of prose has that hash); a name with letters
  // outside ASCII, whose lower case may depend on the whole word, is kept as a string.
  if (words.length > 1 && capitalised && joinable(form.separators)) {
    const hash = joinedLowerHash(words);
    if (hash !== undefined) {
      joined.orders.push(order);
      joined.hashes.push(hash);
    } else {
      const spelling = words.join('');
      if (spelling.length >= 4 && !joined.others.has(spelling.toLowerCase())) joined.others.set(spelling.toLowerCase(), { form, order });
    }
  }
}

/** Whether words with these separators between them may be written as one (`La Forge`, `O'Brien`, `Jean-Luc`). */
function joinable(separators: readonly string[]): boolean {
  for (let k = 0; k < separators.length; k++) {
    const s = separators[k];
    if (s !== ' ' && s !== '-' && s !== "'") return false;
  }
  return true;
}

/** The hash chains of every target's word and one-letter deletions (`keys` in all), by ordinal. */
function keyIndexOf(lowers: readonly string[], longest: number, keys: number): { keyHashes: Int32Array; keyTargets: Int32Array; keyNext: Int32Array; heads: Int32Array } {
  let buckets = 1024;
  while (buckets < keys) buckets *= 2;
  const heads = new Int32Array(buckets).fill(-1);
  const keyHashes = new Int32Array(keys);
  const keyTargets = new Int32Array(keys);
  const keyNext = new Int32Array(keys);
  const mask = buckets - 1;
  let count = 0;
  const prefixes = new Int32Array(longest + 1);
  for (let ordinal = 0; ordinal < lowers.length; ordinal++) {
    const key = lowers[ordinal];
    const n = key.length;
    for (let i = 0; i < n; i++) prefixes[i + 1] = (Math.imul(prefixes[i], 31) + key.charCodeAt(i)) | 0;
    // The word itself, then the deletion of letter i: the prefix before it, shifted past the suffix after it, plus that suffix.
    let hash = prefixes[n];
    let suffix = 0;
    let power = 1;
    for (let i = n; i >= 0; i--) {
      if (i < n) {
        hash = (Math.imul(prefixes[i], power) + suffix) | 0;
        suffix = (suffix + Math.imul(key.charCodeAt(i), power)) | 0;
        power = Math.imul(power, 31);
      }
      const bucket = hash & mask;
      keyHashes[count] = hash;
      keyTargets[count] = ordinal;
      keyNext[count] = heads[bucket];
      heads[bucket] = count++;
    }
  }
  return { keyHashes, keyTargets, keyNext, heads };
}

/** The hash of a name's words joined and lower-cased, when they are ASCII (else undefined). */
function joinedLowerHash(words: readonly string[]): number | undefined {
  let hash = 0;
  for (const word of words) {
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i);
      if (c >= 128) return undefined;
      hash = (Math.imul(hash, 31) + (c >= 65 && c <= 90 ? c + 32 : c)) | 0;
    }
  }
  return hash;
}

/** Whether deleting one letter of `longer` gives `shorter`. */
function isOneDeletion(longer: string, shorter: string): boolean {
  if (longer.length !== shorter.length + 1) return false;
  let i = 0;
  while (i < shorter.length && longer.charCodeAt(i) === shorter.charCodeAt(i)) i++;
  for (; i < shorter.length; i++) if (longer.charCodeAt(i + 1) !== shorter.charCodeAt(i)) return false;
  return true;
}

const SNAPSHOT_VERSION = 1;

/** NearNames as plain data (structured-clone friendly: strings, numbers and typed arrays). */
export interface NearNamesSnapshot {
  version: number;
  /** How many name forms the index it was built from had (a cheap check that it fits). */
  forms: number;
  spellings: string[];
  /** 1: `name`, 0: `part`, by ordinal. */
  roles: Uint8Array;
  longest: number;
  joinedOrders: Int32Array;
  joinedHashes: Int32Array;
  joinedNext: Int32Array;
  joinedHeads: Int32Array;
  otherJoined: string[];
  otherOrders: Int32Array;
  keyHashes: Int32Array;
  keyTargets: Int32Array;
  keyNext: Int32Array;
  heads: Int32Array;
}

/** Whether a value is a snapshot whose every link stays inside its arrays. */
function isNearNamesSnapshot(v: unknown): v is NearNamesSnapshot {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Partial<NearNamesSnapshot>;
  const ints = (a: unknown): a is Int32Array => a instanceof Int32Array;
  if (s.version !== SNAPSHOT_VERSION || !Number.isInteger(s.forms) || !Number.isInteger(s.longest)) return false;
  if (!allStrings(s.spellings) || !(s.roles instanceof Uint8Array) || s.roles.length !== s.spellings.length) return false;
  if (!allStrings(s.otherJoined) || !ints(s.otherOrders) || s.otherOrders.length !== s.otherJoined.length) return false;
  if (![s.joinedOrders, s.joinedHashes, s.joinedNext, s.joinedHeads, s.keyHashes, s.keyTargets, s.keyNext, s.heads].every(ints)) return false;
  const forms = s.forms!;
  const targets = s.spellings.length;
  const joined = s.joinedHashes!.length;
  const keys = s.keyHashes!.length;
  const power = (n: number): boolean => n > 0 && (n & (n - 1)) === 0;
  return (
    s.joinedOrders!.length === joined && s.joinedNext!.length === joined && power(s.joinedHeads!.length) && s.keyTargets!.length === keys && s.keyNext!.length === keys && power(s.heads!.length) &&
    within(s.joinedOrders!, 0, forms) && within(s.otherOrders!, 0, forms) && within(s.keyTargets!, 0, targets) &&
    within(s.joinedNext!, -1, joined) && within(s.joinedHeads!, -1, joined) && within(s.keyNext!, -1, keys) && within(s.heads!, -1, keys)
  );
}

const nearNamesOf = new WeakMap<NameIndex, NearNames>();

/** The typo index of a name index: the one restored from a snapshot, else built on first use. */
function nearNamesFor(index: NameIndex): NearNames {
  let near = nearNamesOf.get(index);
  if (!near) {
    near = new NearNames(index);
    nearNamesOf.set(index, near);
  }
  return near;
}

/** The name a lore cache keeps the typo index under, beside the merged base it was built from. */
export const NEAR_NAMES_CACHE = 'typos';

/**
 * Gives a name index the typo index a snapshot holds (one kept beside the same base); false, and
 * nothing changed, when the snapshot does not fit it (see NearNames.fromSnapshot).
 */
export function restoreNearNames(index: NameIndex, snapshot: unknown): boolean {
  const near = NearNames.fromSnapshot(index, snapshot);
  if (near) nearNamesOf.set(index, near);
  return near !== undefined;
}

/** A snapshot of the typo index the checks built for this name index, or undefined if they built none. */
export function builtNearNames(index: NameIndex): NearNamesSnapshot | undefined {
  return nearNamesOf.get(index)?.toSnapshot(index.formCount);
}

export function checkUnknownName(c: CheckContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (c.scan.unknownCapitalised.length === 0) return out;
  const near = nearNamesFor(c.index);
  const verdicts = verdictsFor(near);
  const prose = c.manuscript.prose;
  for (const { start, end } of c.scan.unknownCapitalised) {
    // Folding keeps the length, so a short word is passed over before any string is made of it.
    if (end - start < 4) continue;
    const word = prose.slice(start, end);
    let verdict = verdicts.get(word);
    if (verdict === undefined) {
      verdict = suggestionFor(word, c.index, near);
      if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
      verdicts.set(word, verdict);
    }
    if (!verdict) continue;
    out.push(finding(c, 'unknown-name', start, end, `"${word}" is not in the lore. Did you mean "${verdict.spelling}"${verdict.owner}?`, { entity: verdict.entity, fix: verdict.spelling }));
  }
  return out;
}

/** What unknown-name says of a word, wherever it is: the canon spelling it is near, and whose it is. */
interface Suggestion {
  spelling: string;
  /** ` (Entry Name)` when the spelling is not the entry's name, else empty. */
  owner: string;
  entity: string;
}

/** The verdict on each word, by the typo index it was reached with: a word met again costs one look-up. */
const verdictsOf = new WeakMap<NearNames, Map<string, Suggestion | null>>();
/** Past this many distinct words (an editor open for days), the verdicts start again. */
const MAX_VERDICTS = 200_000;

function verdictsFor(near: NearNames): Map<string, Suggestion | null> {
  let verdicts = verdictsOf.get(near);
  if (!verdicts) verdictsOf.set(near, (verdicts = new Map()));
  return verdicts;
}

function suggestionFor(word: string, index: NameIndex, near: NearNames): Suggestion | null {
  const folded = foldAccents(word);
  if (isAllUpper(folded)) return null;
  if (index.knownWords.has(folded) || isPluralOfName(folded, index)) return null;
  const target = near.nearest(folded);
  if (!target) return null;
  if (isEnglishWord(folded.toLowerCase())) return null;
  // A real place or given name one letter from a canon name ("Paris", "Laris") is that place or
  // person when it starts with another letter: a typo seldom changes the first one. "Troy" for
  // "Troi" keeps it, and is still a typo.
  if (folded.charCodeAt(0) !== target.spelling.charCodeAt(0) && isEnglishName(folded)) return null;
  const canonWord = target.spelling.split(/[ '-]/).pop()!;
  const entry = index.knownWords.get(canonWord) ?? index.knownWords.get(target.spelling)!;
  const spelling = respell(target.spelling, index);
  return { spelling, owner: entry.name === spelling ? '' : ` (${entry.name})`, entity: entry.id };
}

/** Whether `word` has no lower-case letter (ALL CAPS); a plain lower-case letter answers without a copy of the word. */
function isAllUpper(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 97 && c <= 122) return false;
  }
  return word === word.toUpperCase();
}

/** The lore's own accents back on a folded spelling: `Cristobal` → `Cristóbal`. */
function respell(folded: string, index: NameIndex): string {
  return folded.replace(/[\p{L}\p{N}]+/gu, (w) => index.spellings.get(w) ?? w);
}

/** "the Picards", "the Rikers'", "Troises" are plurals of a known name, not typos. */
function isPluralOfName(word: string, index: NameIndex): boolean {
  if (word.endsWith('es') && index.knownWords.has(word.slice(0, -2))) return true;
  return word.endsWith('s') && index.knownWords.has(word.slice(0, -1));
}

function isCapitalisedWord(word: string): boolean {
  const c0 = word.charCodeAt(0);
  // A one-letter word has no second letter (reading past the end would slow every later call).
  const c1 = word.length > 1 ? word.charCodeAt(1) : 0;
  if (!(c0 >= 65 && c0 <= 90) && word[0] === word[0].toLowerCase()) return false; // lower-case words of names ("the attack on Mars")
  return !(c1 >= 65 && c1 <= 90 && word === word.toUpperCase()); // ALL CAPS
}

/** Whether `typo` is `canon` with one of its letters written twice ("lilly" for "lily"). */
function isDoubledLetter(typo: string, canon: string): boolean {
  if (typo.length !== canon.length + 1) return false;
  for (let i = 1; i < typo.length; i++) {
    if (typo[i] === typo[i - 1] && typo.slice(0, i) + typo.slice(i + 1) === canon) return true;
  }
  return false;
}

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/**
 * Optimal-string-alignment distance (a swap of two letters is one edit), stopping past `limit`.
 * Only the diagonal band of width 2·limit+1 is computed, so the cost is O(length · limit).
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const over = limit + 1;
  const cols = b.length + 1;
  let prevPrev = new Array<number>(cols).fill(over);
  let prev = new Array<number>(cols).fill(over);
  let row = new Array<number>(cols).fill(over);
  for (let j = 0; j <= Math.min(limit, b.length); j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - limit);
    const to = Math.min(b.length, i + limit);
    row.fill(over, Math.max(0, from - 1), Math.min(cols, to + 2));
    row[0] = i <= limit ? i : over;
    let rowMin = row[0];
    for (let j = from; j <= to; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, prevPrev[j - 2] + 1);
      if (value > over) value = over;
      row[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return over;
    const spare = prevPrev;
    prevPrev = prev;
    prev = row;
    row = spare;
  }
  return Math.min(prev[b.length], over);
}
