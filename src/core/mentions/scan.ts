// One pass over a manuscript's prose: every mention of a canon name (longest match first), and the
// capitalised words that are no name (for the unknown-name check).
import { mixHash, rollingHash } from '../hash';
import { foldAccents, type Entry } from '../lore/entry';
import type { Manuscript } from '../manuscript';
import { classifyMention, isHomograph, opensSentence, type MentionContext } from './classify';
import { findDialogueSpans, isSpanStart } from './quotation';
import { normaliseSeparator, type NameForm, type NameIndex, type NameNode, type TitleNode } from './nameIndex';

export interface Mention {
  entry: Entry;
  form: NameForm;
  /** Offsets of the name in the text (without a possessive `'s`). */
  start: number;
  end: number;
  possessive: boolean;
  inDialogue: boolean;
  /** The entity is there and acts in the scene, rather than being talked or thought about. */
  presence: boolean;
}

export interface CapitalisedWord {
  start: number;
  end: number;
}

export interface ScanResult {
  mentions: Mention[];
  /** Capitalised words that are no part of a mention. */
  unknownCapitalised: CapitalisedWord[];
}

/**
 * Scan results of a document's paragraphs, keyed by their text, for re-checking as the writer
 * types: only a changed paragraph is scanned again. Exact, because neither dialogue nor the
 * presence rules reach across a blank line. Keeps only the paragraphs of the latest scan.
 */
export class ScanCache {
  private blocks = new Map<string, CachedBlock>();
  private index: NameIndex | undefined;
  /** Paragraphs scanned (not reused) by the latest scan, for tests and measurements. */
  scannedBlocks = 0;
  /** Paragraphs whose mentions were shifted to a new offset (not reused as they were), for tests. */
  shiftedBlocks = 0;

  /** @internal */
  take(index: NameIndex): { previous: Map<string, CachedBlock>; next: Map<string, CachedBlock> } {
    if (this.index !== index) {
      this.index = index;
      this.blocks = new Map();
    }
    const previous = this.blocks;
    this.blocks = new Map();
    return { previous, next: this.blocks };
  }
}

/**
 * A paragraph's scan (offsets within the paragraph), and its mentions and words at the offset where
 * the paragraph was last seen: a paragraph an edit did not move reuses them without a copy (nothing
 * downstream changes a mention), so an edit allocates for the paragraphs it changed or moved only.
 */
interface CachedBlock {
  scan: ScanResult;
  at: number;
  placed: ScanResult;
}

export function scanMentions(m: Manuscript, index: NameIndex, cache?: ScanCache): ScanResult {
  if (!cache) return scanText(m.prose, m.headings, index);
  const { previous, next } = cache.take(index);
  cache.scannedBlocks = 0;
  cache.shiftedBlocks = 0;
  const placed: ScanResult[] = [];
  const prose = m.prose;
  let start = 0;
  let h = 0;
  for (;;) {
    const gap = blankLineFrom(prose, start);
    const end = gap < 0 ? prose.length : gap;
    if (end > start) {
      const key = prose.slice(start, end);
      let block = next.get(key) ?? previous.get(key);
      if (!block) {
        while (h < m.headings.length && m.headings[h][1] <= start) h++;
        const headings: Array<[number, number]> = [];
        for (let k = h; k < m.headings.length && m.headings[k][0] < end; k++) headings.push([m.headings[k][0] - start, m.headings[k][1] - start]);
        const scan = scanText(key, headings, index);
        block = { scan, at: start, placed: placeAt(scan, start) };
        cache.scannedBlocks++;
      } else if (block.at !== start && (block.scan.mentions.length > 0 || block.scan.unknownCapitalised.length > 0)) {
        block = { scan: block.scan, at: start, placed: placeAt(block.scan, start) };
        cache.shiftedBlocks++;
      }
      next.set(key, block);
      if (block.placed.mentions.length > 0 || block.placed.unknownCapitalised.length > 0) placed.push(block.placed);
    }
    if (gap < 0) break;
    start = blankLineEnd(prose, gap);
  }
  // Joined once, at their final length: no array grows and is copied as an edit's results are gathered.
  const mentions = ([] as Mention[]).concat(...placed.map((p) => p.mentions));
  const unknownCapitalised = ([] as CapitalisedWord[]).concat(...placed.map((p) => p.unknownCapitalised));
  return { mentions, unknownCapitalised };
}

/** Where the next blank line (a line break, spaces, tabs or carriage returns, a line break) at or after `from` starts, or -1. No match object. */
function blankLineFrom(prose: string, from: number): number {
  for (let i = prose.indexOf('\n', from); i >= 0; i = prose.indexOf('\n', i + 1)) {
    let j = i + 1;
    while (j < prose.length && isBlankFill(prose.charCodeAt(j))) j++;
    if (prose.charCodeAt(j) === 10) return i;
  }
  return -1;
}

/** The end of the blank line that starts at `at` (found by blankLineFrom). */
function blankLineEnd(prose: string, at: number): number {
  let j = at + 1;
  while (isBlankFill(prose.charCodeAt(j))) j++;
  return j + 1;
}

function isBlankFill(c: number): boolean {
  return c === 32 || c === 9 || c === 13;
}

/** A paragraph's scan with its offsets moved to where the paragraph starts in the prose. */
function placeAt(scan: ScanResult, at: number): ScanResult {
  if (at === 0) return scan;
  const mentions: Mention[] = [];
  for (const m of scan.mentions) {
    mentions.push({ entry: m.entry, form: m.form, start: m.start + at, end: m.end + at, possessive: m.possessive, inDialogue: m.inDialogue, presence: m.presence });
  }
  const unknownCapitalised: CapitalisedWord[] = [];
  for (const w of scan.unknownCapitalised) unknownCapitalised.push({ start: w.start + at, end: w.end + at });
  return { mentions, unknownCapitalised };
}

const NUMBER_WORDS = new Set('one two three four five six seven eight nine ten eleven twelve twenty hundred thousand'.split(' '));
const UNITS = new Set(
  'years days hours minutes seconds weeks months decades centuries times more of others people men women ships lives miles kilometers light-years'.split(' '),
);
const POSSESSIVE = /^['’]s(?![\p{L}\p{N}])|^['’](?![\p{L}\p{N}])/u;

/**
 * `Picard's`, `Picard’s`, `Troi'` (a name ending in s): an apostrophe right after the name. Most
 * names have none, and then neither a substring nor the pattern is made (once per mention).
 */
function isPossessiveAt(prose: string, end: number, form: NameForm): boolean {
  const mark = prose.charCodeAt(end);
  if (mark !== 39 && mark !== 0x2019) return false;
  const next = prose.charCodeAt(end + 1);
  const then = prose.charCodeAt(end + 2);
  // What follows the mark read by char code when it is ASCII or the end of the text (NaN), as the
  // pattern reads it: `'s` not followed by a letter or digit, or a mark not followed by one.
  const possessive = (next < 128 || next !== next) && (then < 128 || then !== then) ? (next === 115 && !isAsciiWordCode(then)) || !isAsciiWordCode(next) : POSSESSIVE.test(prose.slice(end, end + 3));
  if (!possessive) return false;
  if (next === 115 || next === 83) return true;
  const last = form.words[form.words.length - 1];
  const c = last.charCodeAt(last.length - 1);
  return c === 115 || c === 83;
}

/** A text's words (shared from one text to the next: see sharedTokens). */
interface Tokens {
  /** Where each word starts and ends. */
  starts: Int32Array;
  ends: Int32Array;
  count: number;
  /** Words that start a name or a title (looked up), in order. */
  nameStarts: number[];
  /** Each of those words as the name trie is keyed (accents folded). */
  nameKeys: string[];
  /** Capitalised words that start none, in order. */
  capitalised: number[];
  /**
   * Words to look up, in order, once every word is read: a plain ASCII word the first-word filter
   * let through as its index, a word beyond ASCII as -1 - its index.
   */
  candidates: number[];
  /** Capitalised words that a look-up found to start no name (in order), merged into `capitalised` after. */
  looked: number[];
  /** A spare list that `capitalised` and `looked` are merged into (then it and `capitalised` swap). */
  merged: number[];
  /** Whether every word is plain ASCII: no word needs its accents folded. */
  plainWords: boolean;
}

/** What a word that may start a name turned out to be. */
const OTHER = 0;
const NAME_START = 1;
const CAPITALISED = 2;

/**
 * Tokenises once, setting aside the words the first-word filter lets through, then looks them up;
 * only words that start a name are kept aside.
 * The character loop makes no call for a character it has met before (a table says what each code
 * unit is), and everything rarer than a plain word is done by small functions of its own, so that
 * the optimised loop meets no branch it has not seen (each would throw it back to the interpreter).
 */
function tokenise(prose: string, index: NameIndex): Tokens {
  const words = wordBuffers(prose.length);
  const filter = firstWordFilter(index);
  // One set of lists, emptied for each text: a fresh empty array would change its kind of elements
  // at its first push, and send the optimised loop back to the interpreter.
  const tokens = sharedTokens;
  tokens.starts = words.starts;
  tokens.ends = words.ends;
  tokens.nameStarts.length = 0;
  tokens.nameKeys.length = 0;
  tokens.capitalised.length = 0;
  tokens.candidates.length = 0;
  tokens.looked.length = 0;
  tokens.plainWords = true;
  if (!primed) primeReadWords(index, filter.mask);
  const count = readWords(codeUnits(prose), prose.length, words.starts, words.ends, WORD_UNITS, filter.bits, filter.mask, tokens.capitalised, tokens.candidates, prose);
  lookUpCandidates(prose, words.starts, words.ends, tokens, index);
  // The rules read one word past the last (`starts[count]`): 0 there, as in a fresh buffer.
  words.starts[count] = 0;
  words.ends[count] = 0;
  tokens.count = count;
  return tokens;
}

/**
 * The loop of tokenise, given everything it reads as arguments: it starts on no property load,
 * whose feedback the first call (run before V8 keeps any) would lack when it is optimised. It
 * calls nothing of the name index (the look-ups come after, see lookUpCandidates): the optimised
 * loop stays small, and depends on no shape of the index's objects, whose change as the index
 * makes its parts on first use would throw the loop back to the interpreter.
 */
function readWords(codes: Uint16Array, length: number, starts: Int32Array, ends: Int32Array, units: Uint8Array, bits: Uint32Array, mask: number, capitalised: number[], candidates: number[], prose: string): number {
  let count = 0;
  // The words of WORD (runs of letters, digits and marks), read by code unit from `codes` (the
  // text's code units, see codeUnits): no match object per word, and no string access per character.
  // A plain ASCII word is hashed as it is read, and one whose hash the first-word filter lacks
  // starts no name: most words of prose cost neither a substring nor a Map lookup.
  for (let at = 0; at < length; ) {
    let c = codes[at];
    let unit = units[c];
    if (unit === 0) unit = learnUnit(c);
    if (unit === 2 || (unit === 3 && pairWidth(prose, at) === 0)) {
      at++;
      continue;
    }
    const wordStart = at;
    let hash = 0;
    let plain = true;
    for (;;) {
      // Every step runs for every character (the hash of a word that is not plain goes unused), so
      // that the optimised loop has seen each of them: a first accented letter costs no deopt.
      hash = (Math.imul(hash, 31) + c) | 0;
      if (c >= 128) plain = false;
      at += unit - (unit >> 1); // 1 for a code unit, 2 for a surrogate pair (unit 3)
      if (at >= length) break;
      c = codes[at];
      unit = units[c];
      if (unit === 0) unit = learnUnit(c);
      if (unit === 2 || (unit === 3 && pairWidth(prose, at) === 0)) break;
    }
    starts[count] = wordStart;
    ends[count] = at;
    if (plain) {
      const bit = mixHash(hash) & mask;
      if ((bits[bit >>> 5] & (1 << (bit & 31))) === 0) {
        const code = codes[wordStart];
        if (code >= 65 && code <= 90) capitalised.push(count);
      } else candidates.push(count);
    } else candidates.push(-1 - count);
    count++;
  }
  return count;
}

let primed = false;

/**
 * Runs the loop a few times over a short sample that takes each of its branches (a word the
 * filter lets through and one it stops, capitalised, accented, beyond the BMP, a code unit still
 * to learn, one-byte and two-byte strings), into scratch lists: when V8 optimises the loop on the
 * first chapter, every call in it has been seen, and no rare one throws it back to the interpreter
 * (each such deopt cost a recompile of ~30-60 ms, spent meanwhile at the interpreter's speed).
 */
function primeReadWords(index: NameIndex, mask: number): void {
  primed = true;
  // Accented words that start with an ASCII letter, capitalised or not ("Château", "café"), take
  // their own branch of lookUpUnusual: without them the first one in prose cost a deopt and a recompile.
  const samples = ['Abc abc, AB a1 Ab', 'Éa éa Ab ab \u{1d400}b b\u{1d400} a\u{1f600} \u{1f600}a \u30a2 AB', 'ab Ab', 'Aé aé Aé aé ABÉ'];
  const units = new Uint8Array(WORD_UNITS.length);
  const through = new Uint32Array((mask >>> 5) + 1).fill(0xffffffff);
  const stopped = new Uint32Array((mask >>> 5) + 1);
  const starts = new Int32Array(64);
  const ends = new Int32Array(64);
  for (let round = 0; round < 12; round++) {
    for (const sample of samples) {
      const scratch: Tokens = { starts, ends, count: 0, nameStarts: [], nameKeys: [], capitalised: [], candidates: [], looked: [], merged: [], plainWords: true };
      const table = round % 3 === 0 ? units.fill(0) : WORD_UNITS;
      readWords(codeUnits(sample), sample.length, starts, ends, table, round % 2 === 0 ? through : stopped, mask, scratch.capitalised, scratch.candidates, sample);
      lookUpCandidates(sample, starts, ends, scratch, index);
    }
  }
}

/**
 * The look-ups of the words readWords set aside, in order; then the capitalised words they found
 * to start no name merged into the others (both lists are in order: merged, not sorted).
 */
function lookUpCandidates(prose: string, starts: Int32Array, ends: Int32Array, tokens: Tokens, index: NameIndex): void {
  const candidates = tokens.candidates;
  for (let n = 0; n < candidates.length; n++) {
    const k = candidates[n];
    if (k >= 0) lookUpPlain(prose, starts[k], ends[k], k, index, tokens);
    else lookUpUnusual(prose, starts[-1 - k], ends[-1 - k], -1 - k, index, tokens);
  }
  const looked = tokens.looked;
  if (looked.length === 0) return;
  const capitalised = tokens.capitalised;
  const merged = tokens.merged;
  merged.length = 0;
  for (let a = 0, b = 0; a < capitalised.length || b < looked.length; ) {
    merged.push(b >= looked.length || (a < capitalised.length && capitalised[a] < looked[b]) ? capitalised[a++] : looked[b++]);
  }
  tokens.merged = capitalised;
  tokens.capitalised = merged;
}

/** A plain ASCII word that the first-word filter let through: looked up as written. */
function lookUpPlain(prose: string, start: number, end: number, i: number, index: NameIndex, tokens: Tokens): void {
  const text = prose.slice(start, end);
  const code = text.charCodeAt(0);
  const found = code >= 65 && code <= 90 ? lookUpCapitalised(text, index) : index.root(text) || index.titleRoot(text) ? NAME_START : OTHER;
  record(found, text, i, tokens);
}

/** A word with a letter beyond ASCII: its accents folded before the look-up, as the index keys it. */
function lookUpUnusual(prose: string, start: number, end: number, i: number, index: NameIndex, tokens: Tokens): void {
  tokens.plainWords = false;
  const text = prose.slice(start, end);
  const code = text.charCodeAt(0);
  const key = foldAccents(text);
  let found: number;
  if (code > 127) {
    const upper = text[0] !== text[0].toLowerCase();
    found = index.root(key) || (isAllCaps(key) && index.upperRoot(key)) || index.titleRoot(key) ? NAME_START : upper ? CAPITALISED : OTHER;
  } else if (code >= 65 && code <= 90) found = lookUpCapitalised(key, index);
  else found = index.root(text) || index.titleRoot(text) ? NAME_START : OTHER;
  record(found, key, i, tokens);
}

function lookUpCapitalised(key: string, index: NameIndex): number {
  return index.root(key) || (isAllCaps(key) && index.upperRoot(key)) || index.titleRoot(key) ? NAME_START : CAPITALISED;
}

function record(found: number, key: string, i: number, tokens: Tokens): void {
  if (found === NAME_START) {
    tokens.nameStarts.push(i);
    tokens.nameKeys.push(key);
  } else if (found === CAPITALISED) tokens.looked.push(i);
}

/** The tokens of the latest text: valid until the next one is tokenised (scanText reads them at once). */
const sharedTokens: Tokens = { starts: new Int32Array(0), ends: new Int32Array(0), count: 0, nameStarts: [], nameKeys: [], capitalised: [], candidates: [], looked: [], merged: [], plainWords: true };

/** Texts up to this many words share one pair of offset buffers; a longer one gets its own. */
const SHARED_WORDS = 1 << 20;
let sharedWords = { starts: new Int32Array(4096), ends: new Int32Array(4096) };

/** Offset buffers with room for every word of a text of this length (a word and a gap take two code units), and one more. */
function wordBuffers(length: number): { starts: Int32Array; ends: Int32Array } {
  const need = (length >> 1) + 2;
  if (need <= sharedWords.starts.length) return sharedWords;
  const size = Math.max(need, sharedWords.starts.length * 2);
  const buffers = { starts: new Int32Array(size), ends: new Int32Array(size) };
  if (size <= SHARED_WORDS) sharedWords = buffers;
  return buffers;
}

/** A Node Buffer's native UTF-16 copy of a string, where the runtime has one (not in a web worker). */
interface NativeBytes {
  write(text: string, offset: number, encoding: 'utf16le'): number;
}
type BufferFrom = (buffer: ArrayBufferLike) => NativeBytes;
const bufferFrom: BufferFrom | undefined = (() => {
  const runtime = (globalThis as { Buffer?: { from?: BufferFrom } }).Buffer;
  // UTF-16LE bytes are the code units only on a little-endian machine.
  const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  return littleEndian && typeof runtime?.from === 'function' ? runtime.from.bind(runtime) : undefined;
})();

/** Texts up to this many code units share one code-unit buffer; a longer one gets its own. */
const SHARED_UNITS = 1 << 20;
let sharedUnits = { codes: new Uint16Array(0), bytes: undefined as NativeBytes | undefined };

/**
 * The text's code units in a typed array (valid until the next call): the tokeniser's loop reads
 * them as plain array elements, where `charCodeAt` would check the string's representation (flat
 * or not, one or two bytes a unit) at every character. Node copies a string in one native call.
 */
function codeUnits(text: string): Uint16Array {
  let units = sharedUnits;
  if (units.codes.length < text.length) {
    const size = Math.max(text.length, Math.min(SHARED_UNITS, units.codes.length * 2), 4096);
    const codes = new Uint16Array(size);
    units = { codes, bytes: bufferFrom?.(codes.buffer) };
    if (size <= SHARED_UNITS) sharedUnits = units;
  }
  return fillCodeUnits(text, units.codes, units.bytes);
}

/** Copies the text's code units into `codes` (natively through `bytes`, a Buffer over them, when there is one); exported for tests. */
export function fillCodeUnits(text: string, codes: Uint16Array, bytes: NativeBytes | null | undefined = codes.length >= text.length ? bufferFrom?.(codes.buffer) : undefined): Uint16Array {
  if (bytes) bytes.write(text, 0, 'utf16le');
  else for (let i = 0; i < text.length; i++) codes[i] = text.charCodeAt(i);
  return codes;
}

/** Scans one text (a whole manuscript's prose, or one paragraph of it). */
function scanText(prose: string, headings: Array<[number, number]>, index: NameIndex): ScanResult {
  const { starts, ends, count, nameStarts, nameKeys, capitalised, plainWords } = tokenise(prose, index);
  const word = (i: number): string => {
    const raw = prose.slice(starts[i], ends[i]);
    return plainWords ? raw : foldAccents(raw);
  };

  const dialogue = findDialogueSpans(prose);
  const mentions: Mention[] = [];
  /** Name starts that began no mention and are capitalised: unknown words too (in order). */
  const unmatched: number[] = [];
  let covered = -1; // the last word inside a mention
  // Where each entry was last named unambiguously, and where the current paragraph starts.
  const named = new Map<Entry, number>();
  let paragraphStart = 0;
  let nextBlank = blankLineFrom(prose, 0);
  const context: MentionContext = { prose, dialogue, headings, starts, ends, count, firstWord: 0, lastWord: 0, established: false };
  for (let n = 0; n < nameStarts.length; n++) {
    const i = nameStarts[n];
    if (i <= covered) continue;
    const first = nameKeys[n];
    let matched = longestMatch(index.root(first), i);
    if (!matched && isAllCaps(first)) matched = longestMatch(index.upperRoot(first), i);
    if (matched && isCountedQuantity(matched.form, matched.last)) matched = undefined;
    // A title before a name (`Captain Picard`, SPEC §1): the longest match wins, as for names.
    const titled = index.hasTitles ? longestTitled(i, first) : undefined;
    if (titled && (!matched || titled.last > matched.last)) matched = titled;
    if (!matched) {
      if (first.charCodeAt(0) < 128 ? first.charCodeAt(0) >= 65 && first.charCodeAt(0) <= 90 : first[0] !== first[0].toLowerCase()) unmatched.push(i);
      continue;
    }
    const start = starts[i];
    const end = ends[matched.last] + matched.form.trailing.length;
    const possessive = isPossessiveAt(prose, end, matched.form);
    while (nextBlank >= 0 && nextBlank < start) {
      paragraphStart = blankLineEnd(prose, nextBlank);
      nextBlank = blankLineFrom(prose, paragraphStart);
    }
    const entry = matched.form.entry;
    const mention: Mention = { entry, form: matched.form, start, end, possessive, inDialogue: false, presence: false };
    const established = (named.get(entry) ?? -1) >= paragraphStart;
    // One context for every mention of the text, its word span and verdict set for each (the rules keep none of it).
    context.firstWord = i;
    context.lastWord = matched.last;
    context.established = established;
    classifyMention(mention, context);
    if (!isAmbiguous(matched.form, start)) named.set(entry, start);
    mentions.push(mention);
    covered = matched.last;
  }
  // Capitalised words that a mention covers are no unknown names. Both lists are in order: merged, not sorted.
  const unknownCapitalised: CapitalisedWord[] = [];
  let k = 0;
  for (let a = 0, b = 0; a < capitalised.length || b < unmatched.length; ) {
    const i = b >= unmatched.length || (a < capitalised.length && capitalised[a] < unmatched[b]) ? capitalised[a++] : unmatched[b++];
    while (k < mentions.length && mentions[k].end <= starts[i]) k++;
    if (k < mentions.length && mentions[k].start <= starts[i]) continue;
    // 'Olmes, ’Enry: a dialect spelling with an elided letter, not a misspelled name.
    if (isElided(starts[i])) continue;
    unknownCapitalised.push({ start: starts[i], end: ends[i] });
  }
  return { mentions, unknownCapitalised };

  function isElided(at: number): boolean {
    const mark = prose.charCodeAt(at - 1);
    if (mark !== 39 && mark !== 0x2019) return false;
    if (at >= 2 && /[\p{L}\p{N}]/u.test(prose[at - 2])) return false;
    return !isSpanStart(dialogue, at - 1);
  }

  /** A sentence-initial one-word name that is also an English word does not yet say who is meant. */
  function isAmbiguous(form: NameForm, start: number): boolean {
    // The scan of the characters before is cheaper than the dictionary, and rules out most mentions.
    return opensSentence(prose, start) && isHomograph({ form });
  }

  /** "Seven years later" is a number, not Seven of Nine: a one-word number name before a unit. */
  function isCountedQuantity(form: NameForm, last: number): boolean {
    if (form.words.length !== 1 || !NUMBER_WORDS.has(form.words[0].toLowerCase()) || last + 1 >= count) return false;
    if (!/^\s+$/.test(prose.slice(ends[last], starts[last + 1]))) return false;
    return UNITS.has(prose.slice(starts[last + 1], ends[last + 1]).toLowerCase());
  }

  /** Walks the name trie from word i; the deepest node with a form (and its trailing dot) wins. */
  function longestMatch(root: NameNode | undefined, i: number): { form: NameForm; last: number } | undefined {
    if (!root) return undefined;
    let best = pick(root, i);
    let node: NameNode | undefined = root;
    for (let k = i + 1; k < count && node.next; k++) {
      node = node.next.get(normaliseSeparator(prose.slice(ends[k - 1], starts[k])) + word(k));
      if (!node) break;
      best = pick(node, k) ?? best;
    }
    return best;
  }

  /** A title from word i (the title trie), then a name of an entry that holds that title. */
  function longestTitled(i: number, first: string): { form: NameForm; last: number } | undefined {
    let node: TitleNode | undefined = index.titleRoot(first);
    let best: { form: NameForm; last: number } | undefined;
    for (let k = i; node && k + 1 < count; k++) {
      if (node.title !== undefined && /^ +$/.test(prose.slice(ends[k], starts[k + 1]))) {
        const name = longestMatch(index.root(word(k + 1)), k + 1);
        const form = name && index.titledForm(name.form, node.title);
        if (form && (!best || name.last > best.last)) best = { form, last: name.last };
      }
      node = node.next?.get(normaliseSeparator(prose.slice(ends[k], starts[k + 1])) + word(k + 1));
    }
    return best;
  }

  function pick(node: NameNode, last: number): { form: NameForm; last: number } | undefined {
    for (const form of node.forms) {
      if (!form.trailing || prose.startsWith(form.trailing, ends[last])) return { form, last };
    }
    return undefined;
  }
}

/**
 * A bit set over the hashes of every first word the index can match (names, titles, ALL CAPS
 * names): a word whose bit is clear starts no name. It has no false negatives, so a word whose bit
 * is set is looked up as before. Built once per index (which never changes).
 */
class FirstWordFilter {
  /** Read directly by the tokeniser's loop (as `has` does). */
  readonly bits: Uint32Array;
  readonly mask: number;

  constructor(index: NameIndex) {
    // Kept in a restored index's snapshot, else made from the index's first words (once for the indexes a reload derives).
    this.bits = index.firstWordBits();
    this.mask = this.bits.length * 32 - 1;
  }

  /** Whether a word of this hash (31-multiplier rolling hash of its char codes) may start a name. */
  has(hash: number): boolean {
    const bit = mixHash(hash) & this.mask;
    return (this.bits[bit >>> 5] & (1 << (bit & 31))) !== 0;
  }
}

const filters = new WeakMap<NameIndex, FirstWordFilter>();

function firstWordFilter(index: NameIndex): FirstWordFilter {
  let filter = filters.get(index);
  if (!filter) filters.set(index, (filter = new FirstWordFilter(index)));
  return filter;
}

/** Whether the first-word filter lets `word` (plain ASCII) through to the lookups: for tests. */
export function mayStartName(index: NameIndex, word: string): boolean {
  return firstWordFilter(index).has(rollingHash(word));
}

function isAsciiWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;

/**
 * What each UTF-16 code unit is to WORD: 1 a word character, 2 none, 3 a high surrogate (the pair
 * decides), 0 not yet known (learnt when first met: classifying all 65,536 up front costs more
 * than a whole chapter).
 */
const WORD_UNITS = new Uint8Array(65536);
for (let c = 0; c < 128; c++) WORD_UNITS[c] = isAsciiWordCode(c) ? 1 : 2;
WORD_UNITS.fill(3, 0xd800, 0xdc00);

function learnUnit(c: number): number {
  return (WORD_UNITS[c] = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2);
}

// Accented Latin letters and typographic punctuation, known from the start: the tokeniser, once
// optimised, then seldom meets a code unit it must stop to learn (a first call there costs a deopt).
for (let c = 0x80; c < 0x250; c++) learnUnit(c);
for (let c = 0x2000; c < 0x2070; c++) learnUnit(c);

/** The width of the surrogate pair at `at` when it is a word character (a letter beyond the BMP), else 0. */
function pairWidth(text: string, at: number): number {
  const d = text.charCodeAt(at + 1);
  return d >= 0xdc00 && d <= 0xdfff && WORD_CHAR.test(text.slice(at, at + 2)) ? 2 : 0;
}

/** The width (1, or 2 for a surrogate pair) of the word character at `at`, or 0 when there is none there (exported for tests). */
export function wordCharWidth(text: string, at: number): number {
  if (at < 0 || at >= text.length) return 0;
  const c = text.charCodeAt(at);
  let unit = WORD_UNITS[c];
  if (unit === 0) unit = learnUnit(c);
  return unit === 1 ? 1 : unit === 3 ? pairWidth(text, at) : 0;
}

function isAllCaps(word: string): boolean {
  if (word.length < 2) return false;
  const a = word.charCodeAt(0);
  const b = word.charCodeAt(1);
  // Cheap rejection first: most words have a lower-case second letter.
  if (b >= 97 && b <= 122) return false;
  if (a >= 97 && a <= 122) return false;
  return word === word.toUpperCase() && word !== word.toLowerCase();
}
