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
/** A plain decimal integer that YAML's core schema reads as a number (no sign, no leading zero, exact in a double). */
const INTEGER = /^(?:0|[1-9][0-9]{0,14})$/;
/** A plain ISO date (`2372-06-01`, `2372-06`): a string in YAML 1.2's core schema (it has no timestamps). */
const ISO_DATE = /^[0-9]{1,4}-[0-9]{2}(?:-[0-9]{2})?$/;
/** Plain words that YAML reads as null or a boolean, not as a string. */
const NOT_A_STRING = /^(?:null|true|false)$/i;

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
  return entries && { path, entries, problems: [] };
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
  // The pair just read by `pair`: its key, the key's range, and where its value starts (-1: none).
  private key = '';
  private keyRange: Range | undefined;
  private valueStart = -1;

  constructor(private readonly text: string) {
    this.lineStarts = computeLineStarts(text);
    this.lines = this.lineStarts.length - 1;
    this.goTo(0);
  }

  private goTo(line: number): void {
    this.i = line;
    this.ls = this.lineStarts[line];
    this.le = line < this.lines ? this.lineStarts[line + 1] - 1 : this.ls;
  }

  private onLine(start: number, end: number): Range {
    return sharedRange(this.i, start - this.ls, this.i, end - this.ls);
  }

  /** From an offset on line `line` to the start of the current line. */
  private toHere(line: number, start: number): Range {
    return sharedRange(line, start - this.lineStarts[line], this.i, 0);
  }

  private startsWith(prefix: string): boolean {
    return this.text.startsWith(prefix, this.ls);
  }

  /** The text from `start` to `end` (on the current line) as one scalar, or NOT_SIMPLE. */
  private scalar(start: number, end: number): unknown {
    if (start >= end) return NOT_SIMPLE;
    const text = this.text;
    const c = text.charCodeAt(start);
    const rest = text.slice(start, end);
    if (c === 34 /* " */) return QUOTED.test(rest) ? (rest.includes('\\') ? (JSON.parse(rest) as string) : rest.slice(1, -1)) : NOT_SIMPLE;
    // A digit starts no plain word (PLAIN needs a letter first): an integer, an ISO date, or nothing read here.
    if (c >= 48 && c <= 57) return INTEGER.test(rest) ? Number(rest) : ISO_DATE.test(rest) ? rest : NOT_SIMPLE;
    if (text.charCodeAt(end - 1) === 32 || !PLAIN.test(rest)) return NOT_SIMPLE;
    return (rest.length === 4 || rest.length === 5) && NOT_A_STRING.test(rest) ? NOT_SIMPLE : rest;
  }

  /** `key: value` or `key:` from `start` to the line's end; false when it is neither. */
  private pair(start: number): boolean {
    const { text, le } = this;
    const first = text.charCodeAt(start);
    if (!((first >= 65 && first <= 90) || (first >= 97 && first <= 122))) return false;
    let colon = start + 1;
    while (colon < le && isKeyChar(text.charCodeAt(colon))) colon++;
    if (colon === le || text.charCodeAt(colon) !== 58 /* : */) return false;
    let key = knownKey(text, start, colon);
    if (key === undefined) {
      key = text.slice(start, colon);
      if ((key.length === 4 || key.length === 5) && NOT_A_STRING.test(key)) return false;
      rememberKey(key);
    }
    this.key = key;
    this.keyRange = this.onLine(start, colon);
    if (colon === le - 1) {
      this.valueStart = -1;
      return true;
    }
    if (text.charCodeAt(colon + 1) !== 32) return false;
    this.valueStart = colon + 2;
    return true;
  }

  /** `[a, b]` from `start` to the line's end into `values` and `ranges`: false unless a flow list of scalars with no comma inside them. */
  private flowList(start: number, values: unknown[], ranges: Range[]): boolean {
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
      ranges.push(this.onLine(from, k));
      if (k === end) return true;
      from = k + 2;
      k++;
    }
  }

  /** The value of the field whose key `pair` just read (the line after it is current after), or undefined outside the subset. */
  private field(): RawField | undefined {
    const { text, valueStart } = this;
    const keyRange = this.keyRange!;
    if (valueStart >= 0 && text.charCodeAt(valueStart) === 91 /* [ */) {
      const values: unknown[] = [];
      const itemRanges: Range[] = [];
      if (!this.flowList(valueStart, values, itemRanges)) return undefined;
      const range = this.onLine(valueStart, this.le);
      this.goTo(this.i + 1);
      return { value: values, range, keyRange, itemRanges };
    }
    if (valueStart >= 0) {
      const value = this.scalar(valueStart, this.le);
      if (value === NOT_SIMPLE) return undefined;
      const range = this.onLine(valueStart, this.le);
      this.goTo(this.i + 1);
      return { value, range, keyRange };
    }
    // `key:` with a nested list (`    - item`) or mapping (`    key: value`) under it.
    this.goTo(this.i + 1);
    if (this.i === this.lines || !this.startsWith('    ')) return undefined;
    const nestedLine = this.i;
    const nestedStart = this.ls + 4;
    let field: RawField;
    if (this.startsWith('    - ')) {
      const values: unknown[] = [];
      const itemRanges: Range[] = [];
      while (this.i < this.lines && this.startsWith('    - ')) {
        const value = this.scalar(this.ls + 6, this.le);
        if (value === NOT_SIMPLE) return undefined;
        values.push(value);
        itemRanges.push(this.onLine(this.ls + 6, this.le));
        this.goTo(this.i + 1);
      }
      field = { value: values, range: this.toHere(nestedLine, nestedStart), keyRange, itemRanges };
    } else {
      const value: Record<string, unknown> = {};
      const entryRanges: Record<string, Range> = {};
      while (this.i < this.lines && this.startsWith('    ') && text.charCodeAt(this.ls + 4) !== 32) {
        if (!this.pair(this.ls + 4) || this.valueStart < 0 || text.charCodeAt(this.valueStart) === 91 || Object.prototype.hasOwnProperty.call(value, this.key)) return undefined;
        const inner = this.scalar(this.valueStart, this.le);
        if (inner === NOT_SIMPLE) return undefined;
        Object.defineProperty(value, this.key, { value: inner, enumerable: true, writable: true, configurable: true });
        entryRanges[this.key] = this.onLine(this.valueStart, this.le);
        this.goTo(this.i + 1);
      }
      field = { value, range: this.toHere(nestedLine, nestedStart), keyRange, entryRanges };
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
