// A fast reader for the plain block YAML that `lorekeeper import` writes (and many writers write by
// hand): a top-level list of entries, each a mapping of one-line scalars (strings, plain integers)
// or flow lists of them, with at most one level of nested list or mapping of one-line scalars. The `yaml` document model costs about 1 µs and 15 KB
// of garbage per byte of such a file, which made a 50,000-entry imported canon take tens of seconds
// and over a gigabyte to load cold. This reader gives exactly what parseLoreFile would (same values,
// same ranges) or `undefined` at the first thing outside that subset — a comment after the first
// entry, a blank line inside an entry, a flow mapping, an anchor, a tag, an escape JSON lacks, a
// float or a signed number, a repeated key… —
// and then the `yaml` package reads the file as before. test/lore.simpleParse.test.ts holds the
// two readers to the same result.
import { computeLineStarts } from '../manuscript';
import type { Range } from '../types';
import type { ParsedLoreFile, RawEntry, RawField } from './parseFile';
import { sharedRange } from './sharedRanges';

/** A plain one-line scalar that YAML's core schema reads as this very string (the importer's own set). */
const PLAIN = /^[\p{L}][\p{L}\p{M}\p{N} .,'’()/&+\-–—]*$/u;
/** A one-line double-quoted scalar with only the escapes JSON has (what JSON.stringify writes): JSON reads it as YAML does. */
const QUOTED = /^"(?:[^"\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|\\["\\/bfnrt]|\\u(?![dD][89a-fA-F])[0-9a-fA-F]{4})*"$/;
// A plain decimal integer that YAML's core schema reads as a number (no sign, no leading zero, exact
// in a double: `0|[1-9][0-9]{0,14}`), and a plain ISO date (`2372-06-01`, `2372-06`: a string in YAML
// 1.2's core schema, which has no timestamps): see numberOrDate.
/** Plain words that YAML reads as null or a boolean, not as a string. */
const NOT_A_STRING = /^(?:null|true|false)$/i;

/** The longest key read here (YAML's limit is 1024 characters; a value then starts before column 1024, see SimpleField). */
const MAX_KEY = 1000;

/** What a scalar reader gives for text outside the subset. */
const NOT_SIMPLE: unique symbol = Symbol('not simple');

/**
 * One pass over the text by character codes, on the line it is at: no copy of a line, no range
 * found by searching the line table, no object but the result's own (a cold check of a large
 * canon spent more here than in the merge).
 */
export function parseSimpleLoreFile(path: string, text: string): ParsedLoreFile | undefined {
  if (text.length === 0 || text.charCodeAt(text.length - 1) !== 10 || text.includes('\r') || text.includes('\t')) return undefined;
  const entries = new SimpleReader(text).entries();
  if (!entries) return undefined;
  const parsed: ParsedLoreFile = { path, entries, problems: [] };
  fastParses.add(parsed);
  return parsed;
}

/** The parses this reader made (not copies of them). */
const fastParses = new WeakSet<ParsedLoreFile>();

/**
 * Whether this reader made the parse: reading the file again costs less than reading the parse
 * back from a cache file (its JSON holds every range; at 50,000 entries ~100 MB, read in about
 * twice the time of parsing the YAML, and with several times the memory), so a disk cache keeps
 * only the parses of the `yaml` document model, which cost ten to twenty times more.
 */
export function madeByFastReader(parsed: ParsedLoreFile): boolean {
  return fastParses.has(parsed);
}

/**
 * A list's items are gathered here, then copied: a list grown by `push` from empty holds room for
 * 16 items, and a canon's lists (aliases, affiliations) have two or three that live as long as the
 * base (a fifth of what the parse kept, and of the collector's copying).
 */
const scratchValues: unknown[] = [];

/** What a file's fields need to make their ranges: where its lines start, and the column of each item of its flow lists. */
interface SimpleSource {
  readonly lineStarts: ArrayLike<number>;
  itemStarts: ArrayLike<number>;
}

/** `line * COLUMNS + column` is one small integer for lines below LINES and columns below COLUMNS (others: a plain field, its ranges made at once). */
const COLUMNS = 1 << 10;
const LINES = 1 << 21;

/**
 * A field the fast reader read: its value, and where it is as two small integers, its ranges made
 * only when asked for (a cold check asks for almost none: the diagnostics of a manuscript never
 * point into the lore). The key is at column 2 of the field's line; `mark` is the column of an
 * inline value (at least 4), or 0 for a nested list or mapping on the lines after it, one line an
 * item (so its value says how many lines). Made eagerly, the ranges of a 10,000-entry canon were
 * a third of its cold load. The same values as a plain field (see toJSON), for every reader of
 * RawField; a cache writes it as plain JSON.
 */
export class SimpleField implements RawField {
  constructor(
    readonly value: unknown,
    private readonly source: SimpleSource,
    private readonly at: number,
    /** The index of its first item in `source.itemStarts` (a flow list), or -1. */
    private readonly items: number,
  ) {}

  get range(): Range {
    return fieldRange(this.value, this.source.lineStarts, (this.at / COLUMNS) | 0, this.at % COLUMNS);
  }

  get keyRange(): Range {
    return keyRangeOf(this.source.lineStarts, (this.at / COLUMNS) | 0, this.at % COLUMNS);
  }

  get itemRanges(): Range[] | undefined {
    return itemRangesOf(this.value, this.source, (this.at / COLUMNS) | 0, this.at % COLUMNS, this.items);
  }

  get entryRanges(): Record<string, Range> | undefined {
    return entryRangesOf(this.value, this.source.lineStarts, (this.at / COLUMNS) | 0, this.at % COLUMNS);
  }

  /** The plain field, as the `yaml` reader gives it (same keys, same order). */
  toJSON(): RawField {
    return plainField(this.value, this.source, (this.at / COLUMNS) | 0, this.at % COLUMNS, this.items);
  }
}

/** The parse with the fast reader's fields as plain fields: what their getters give, as the `yaml` reader gives it (for a comparison of the two). */
export function withPlainFields(parsed: ParsedLoreFile): ParsedLoreFile {
  return {
    ...parsed,
    entries: parsed.entries.map((entry) => {
      const fields: Record<string, RawField> = {};
      for (const key in entry.fields) fields[key] = entry.fields[key] instanceof SimpleField ? (entry.fields[key] as SimpleField).toJSON() : entry.fields[key];
      return { range: entry.range, fields };
    }),
  };
}

function makeField(value: unknown, source: SimpleSource, line: number, mark: number, items: number): RawField {
  return line < LINES && mark < COLUMNS ? new SimpleField(value, source, line * COLUMNS + mark, items) : plainField(value, source, line, mark, items);
}

function plainField(value: unknown, source: SimpleSource, line: number, mark: number, items: number): RawField {
  const { lineStarts } = source;
  const field: RawField = { value, range: fieldRange(value, lineStarts, line, mark), keyRange: keyRangeOf(lineStarts, line, mark) };
  const itemRanges = itemRangesOf(value, source, line, mark, items);
  if (itemRanges) field.itemRanges = itemRanges;
  const entryRanges = entryRangesOf(value, lineStarts, line, mark);
  if (entryRanges) field.entryRanges = entryRanges;
  return field;
}

/** The length of a line (the text ends with a newline: every line has a next one). */
function lineLength(lineStarts: ArrayLike<number>, line: number): number {
  return lineStarts[line + 1] - 1 - lineStarts[line];
}

/** How many lines a nested list or mapping takes: one an item. */
function nestedLines(value: unknown): number {
  return Array.isArray(value) ? value.length : Object.keys(value as object).length;
}

function fieldRange(value: unknown, lineStarts: ArrayLike<number>, line: number, mark: number): Range {
  return mark > 0 ? sharedRange(line, mark, line, lineLength(lineStarts, line)) : sharedRange(line + 1, 4, line + 1 + nestedLines(value), 0);
}

function keyRangeOf(lineStarts: ArrayLike<number>, line: number, mark: number): Range {
  return sharedRange(line, 2, line, mark > 0 ? mark - 2 : lineLength(lineStarts, line) - 1);
}

function itemRangesOf(value: unknown, source: SimpleSource, line: number, mark: number, items: number): Range[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const { lineStarts, itemStarts } = source;
  const ranges = new Array<Range>(value.length);
  if (mark > 0) {
    // `[a, b]`: an item ends two columns before the next one starts, the last before the bracket.
    const close = lineLength(lineStarts, line) - 1;
    for (let i = 0; i < value.length; i++) ranges[i] = sharedRange(line, itemStarts[items + i], line, i + 1 < value.length ? itemStarts[items + i + 1] - 2 : close);
  } else {
    for (let i = 0; i < value.length; i++) ranges[i] = sharedRange(line + 1 + i, 6, line + 1 + i, lineLength(lineStarts, line + 1 + i));
  }
  return ranges;
}

function entryRangesOf(value: unknown, lineStarts: ArrayLike<number>, line: number, mark: number): Record<string, Range> | undefined {
  if (mark > 0 || value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const ranges: Record<string, Range> = {};
  const keys = Object.keys(value);
  // `    key: value`, one line each, in the order written.
  for (let i = 0; i < keys.length; i++) ranges[keys[i]] = sharedRange(line + 1 + i, 6 + keys[i].length, line + 1 + i, lineLength(lineStarts, line + 1 + i));
  return ranges;
}

/** The reader's state: one class, so that its few hot methods are the same functions for every file. */
class SimpleReader {
  private readonly lineStarts: number[];
  /** The text ends with a newline: the last line start is its end. */
  private readonly lines: number;
  // The line being read: its index, its first offset, and the offset of its newline.
  private i = 0;
  private ls = 0;
  private le = 0;
  // The pair just read by `pair`: its key, and where its value starts (-1: none).
  private key = '';
  private valueStart = -1;
  /** The column of each flow list item read so far (see SimpleField). */
  private readonly itemStarts: number[] = [];
  /** The fields' source: the item columns are gathered in `itemStarts` while reading (a plain field, made at once, reads them there). */
  private readonly source: SimpleSource;

  constructor(private readonly text: string) {
    this.lineStarts = computeLineStarts(text);
    this.lines = this.lineStarts.length - 1;
    this.source = { lineStarts: new Int32Array(this.lineStarts), itemStarts: this.itemStarts };
    this.goTo(0);
  }

  private goTo(line: number): void {
    this.i = line;
    this.ls = this.lineStarts[line];
    this.le = line < this.lines ? this.lineStarts[line + 1] - 1 : this.ls;
  }

  /** From an offset on line `line` to the start of the current line. */
  private toHere(line: number, start: number): Range {
    return sharedRange(line, start - this.lineStarts[line], this.i, 0);
  }

  private startsWith(prefix: string): boolean {
    return this.text.startsWith(prefix, this.ls);
  }

  /**
   * The text from `start` to `end` (on the current line) as one scalar, or NOT_SIMPLE. The usual
   * scalars (ASCII words, quoted text with no escape, integers, ISO dates) are told by their
   * character codes, in the loop that reads them; the regexes decide only the rest (a letter past
   * ASCII, an escape), with the same answer.
   */
  private scalar(start: number, end: number): unknown {
    if (start >= end) return NOT_SIMPLE;
    const text = this.text;
    const c = text.charCodeAt(start);
    if (c === 34 /* " */) return quoted(text, start, end);
    // A digit starts no plain word (PLAIN needs a letter first): an integer, an ISO date, or nothing read here.
    if (c >= 48 && c <= 57) return numberOrDate(text, start, end);
    if (text.charCodeAt(end - 1) === 32) return NOT_SIMPLE;
    const plain = plainAscii(text, start, end);
    if (plain === NOT_PLAIN) return NOT_SIMPLE;
    const rest = text.slice(start, end);
    if (plain === PAST_ASCII && !PLAIN.test(rest)) return NOT_SIMPLE;
    return (rest.length === 4 || rest.length === 5) && NOT_A_STRING.test(rest) ? NOT_SIMPLE : rest;
  }

  /** `key: value` or `key:` from `start` to the line's end; false when it is neither. */
  private pair(start: number): boolean {
    const { text, le } = this;
    const first = text.charCodeAt(start);
    if (!((first >= 65 && first <= 90) || (first >= 97 && first <= 122))) return false;
    let colon = start + 1;
    while (colon < le && isKeyChar(text.charCodeAt(colon))) colon++;
    // YAML reads no implicit key longer than 1024 characters (the file is an error there): left to it.
    if (colon === le || text.charCodeAt(colon) !== 58 /* : */ || colon - start > MAX_KEY) return false;
    let key = knownKey(text, start, colon);
    if (key === undefined) {
      key = text.slice(start, colon);
      if ((key.length === 4 || key.length === 5) && NOT_A_STRING.test(key)) return false;
      rememberKey(key);
    }
    this.key = key;
    if (colon === le - 1) {
      this.valueStart = -1;
      return true;
    }
    if (text.charCodeAt(colon + 1) !== 32) return false;
    this.valueStart = colon + 2;
    return true;
  }

  /** `[a, b]` from `start` to the line's end into `values` (and each item's column into itemStarts): false unless a flow list of scalars with no comma inside them. */
  private flowList(start: number, values: unknown[]): boolean {
    const text = this.text;
    const end = this.le - 1; // the closing bracket
    if (this.le - start < 3 || text.charCodeAt(end) !== 93 /* ] */) return false;
    let from = start + 1;
    for (let k = from; ; k++) {
      if (k < end && text.charCodeAt(k) !== 44 /* , */) continue;
      if (k < end && text.charCodeAt(k + 1) !== 32) return false; // a comma inside an item
      const value = this.scalar(from, k);
      if (value === NOT_SIMPLE) return false;
      values.push(value);
      this.itemStarts.push(from - this.ls);
      if (k === end) return true;
      from = k + 2;
      k++;
    }
  }

  /** The value of the field whose key `pair` just read (the line after it is current after), or undefined outside the subset. */
  private field(): RawField | undefined {
    const { text, valueStart, source } = this;
    const line = this.i;
    if (valueStart >= 0 && text.charCodeAt(valueStart) === 91 /* [ */) {
      const values = scratchValues;
      values.length = 0;
      const items = this.itemStarts.length;
      if (!this.flowList(valueStart, values)) return undefined;
      this.goTo(this.i + 1);
      return makeField(values.slice(), source, line, valueStart - this.lineStarts[line], items);
    }
    if (valueStart >= 0) {
      const value = this.scalar(valueStart, this.le);
      if (value === NOT_SIMPLE) return undefined;
      this.goTo(this.i + 1);
      return makeField(value, source, line, valueStart - this.lineStarts[line], -1);
    }
    // `key:` with a nested list (`    - item`) or mapping (`    key: value`) under it.
    this.goTo(this.i + 1);
    if (this.i === this.lines || !this.startsWith('    ')) return undefined;
    let field: RawField;
    if (this.startsWith('    - ')) {
      const values = scratchValues;
      values.length = 0;
      while (this.i < this.lines && this.startsWith('    - ')) {
        const value = this.scalar(this.ls + 6, this.le);
        if (value === NOT_SIMPLE) return undefined;
        values.push(value);
        this.goTo(this.i + 1);
      }
      field = makeField(values.slice(), source, line, 0, -1);
    } else {
      // One key a line (a repeated key is outside the subset): the ranges of the values follow from the keys (see entryRangesOf).
      const value: Record<string, unknown> = {};
      while (this.i < this.lines && this.startsWith('    ') && text.charCodeAt(this.ls + 4) !== 32) {
        if (!this.pair(this.ls + 4) || this.valueStart < 0 || text.charCodeAt(this.valueStart) === 91 || Object.prototype.hasOwnProperty.call(value, this.key)) return undefined;
        const inner = this.scalar(this.valueStart, this.le);
        if (inner === NOT_SIMPLE) return undefined;
        Object.defineProperty(value, this.key, { value: inner, enumerable: true, writable: true, configurable: true });
        this.goTo(this.i + 1);
      }
      field = makeField(value, source, line, 0, -1);
    }
    // Anything indented deeper than this level (a third level, a continued scalar) is not read here.
    return this.i < this.lines && this.startsWith('    ') ? undefined : field;
  }

  entries(): RawEntry[] | undefined {
    const { text, lines } = this;
    // Comments and blank lines before the first entry only (where they cannot change a range).
    while (this.i < lines && (this.ls === this.le || text.charCodeAt(this.ls) === 35 /* # */)) this.goTo(this.i + 1);
    if (this.i === lines) return undefined;
    const entries: RawEntry[] = [];
    while (this.i < lines) {
      if (!this.startsWith('- ') || !this.pair(this.ls + 2) || this.valueStart < 0 || text.charCodeAt(this.valueStart) === 91 /* [ */) return undefined;
      const entryLine = this.i;
      const entryStart = this.ls + 2;
      const fields: Record<string, RawField> = {};
      const head = this.field();
      if (!head) return undefined;
      fields[this.key] = head;
      while (this.i < lines) {
        if (!this.startsWith('  ') || text.charCodeAt(this.ls + 2) === 32) break;
        if (!this.pair(this.ls + 2) || Object.prototype.hasOwnProperty.call(fields, this.key)) return undefined;
        const key = this.key;
        const field = this.field();
        if (!field) return undefined;
        fields[key] = field;
      }
      entries.push({ range: this.toHere(entryLine, entryStart), fields });
      // Blank lines between entries (and at the end) belong to no entry.
      while (this.i < lines && this.ls === this.le) this.goTo(this.i + 1);
      if (this.i < lines && !this.startsWith('- ')) return undefined;
    }
    this.source.itemStarts = new Int32Array(this.itemStarts);
    return entries;
  }
}

/**
 * The keys read so far (a canon writes the same few on every entry), each made once: a field's key
 * is then neither copied out of the text nor hashed again where it names the field. At most
 * KNOWN_KEYS of them (the first ones read), looked up by length and first letter.
 */
const KNOWN_KEYS = 64;
const knownKeys: string[] = [];

function knownKey(text: string, start: number, end: number): string | undefined {
  const length = end - start;
  const first = text.charCodeAt(start);
  for (let k = 0; k < knownKeys.length; k++) {
    const key = knownKeys[k];
    if (key.length === length && key.charCodeAt(0) === first && text.startsWith(key, start)) return key;
  }
  return undefined;
}

/** A key that passed the checks of `pair` (never one YAML reads as null or a boolean). */
function rememberKey(key: string): void {
  if (knownKeys.length < KNOWN_KEYS) knownKeys.push(key);
}

/** A letter, a digit, `_` or `-`: what follows a key's first letter (a key is never `<<`, nor a YAML null or boolean). */
function isKeyChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45;
}

/** What plainAscii finds: a plain word of ASCII, no plain word, or a character past ASCII (the regex decides). */
const IS_PLAIN = 0;
const NOT_PLAIN = 1;
const PAST_ASCII = 2;

/** Whether the text is a PLAIN scalar, by character codes while it is ASCII (where PLAIN's classes are letters and digits). */
function plainAscii(text: string, start: number, end: number): number {
  const first = text.charCodeAt(start);
  if (first >= 128) return PAST_ASCII;
  if (!((first >= 65 && first <= 90) || (first >= 97 && first <= 122))) return NOT_PLAIN;
  for (let k = start + 1; k < end; k++) {
    const c = text.charCodeAt(k);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 32) continue;
    if (c >= 128) return PAST_ASCII;
    if (!PLAIN_ASCII[c]) return NOT_PLAIN;
  }
  return IS_PLAIN;
}

/** The ASCII characters PLAIN allows after the first letter: letters, digits, space and `.,'()/&+-`. */
const PLAIN_ASCII: boolean[] = Array.from({ length: 128 }, (_, c) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || " .,'()/&+-".includes(String.fromCharCode(c)));

/** A double-quoted scalar: with no backslash, its text between the quotes when QUOTED would match; else as QUOTED and JSON read it. */
function quoted(text: string, start: number, end: number): unknown {
  if (end - start < 2 || text.charCodeAt(end - 1) !== 34) return NOT_SIMPLE;
  for (let k = start + 1; k < end - 1; k++) {
    const c = text.charCodeAt(k);
    if (c >= 0x20 && c < 0x7f && c !== 34 && c !== 92) continue;
    if (c === 92) {
      const rest = text.slice(start, end);
      return QUOTED.test(rest) ? (JSON.parse(rest) as string) : NOT_SIMPLE;
    }
    if (c === 34 || c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029 || c === 0xfeff || c === 0xfffe || c === 0xffff) return NOT_SIMPLE;
  }
  return text.slice(start + 1, end - 1);
}

/** INTEGER as a number, ISO_DATE as its text, by character codes (the text starts with a digit). */
function numberOrDate(text: string, start: number, end: number): unknown {
  let k = start;
  while (k < end && isDigit(text.charCodeAt(k))) k++;
  const digits = k - start;
  if (k === end) return digits <= 15 && (digits === 1 || text.charCodeAt(start) !== 48) ? Number(text.slice(start, end)) : NOT_SIMPLE;
  // `[0-9]{1,4}-[0-9]{2}` and, optionally, `-[0-9]{2}`.
  if (digits > 4 || text.charCodeAt(k) !== 45 || end - k < 3 || !isDigit(text.charCodeAt(k + 1)) || !isDigit(text.charCodeAt(k + 2))) return NOT_SIMPLE;
  if (end - k === 3) return text.slice(start, end);
  if (end - k !== 6 || text.charCodeAt(k + 3) !== 45 || !isDigit(text.charCodeAt(k + 4)) || !isDigit(text.charCodeAt(k + 5))) return NOT_SIMPLE;
  return text.slice(start, end);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
