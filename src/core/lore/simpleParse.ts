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
  const lineStarts = computeLineStarts(text);
  const lines = lineStarts.length - 1; // the text ends with a newline: the last start is its end
  // The line being read: its index, its first offset, and the offset of its newline.
  let i = 0;
  let ls = 0;
  let le = 0;
  const goTo = (line: number): void => {
    i = line;
    ls = lineStarts[line];
    le = line < lines ? lineStarts[line + 1] - 1 : ls;
  };
  const at = (offset: number): { line: number; character: number } => ({ line: i, character: offset - ls });
  const onLine = (start: number, end: number): Range => ({ start: at(start), end: at(end) });
  /** From an offset on line `line` to the start of the current line. */
  const toHere = (line: number, start: number): Range => ({ start: { line, character: start - lineStarts[line] }, end: { line: i, character: 0 } });
  const startsWith = (prefix: string): boolean => text.startsWith(prefix, ls);

  /** The text from `start` to `end` (on the current line) as one scalar, or NOT_SIMPLE. */
  const scalar = (start: number, end: number): unknown => {
    if (start >= end) return NOT_SIMPLE;
    const c = text.charCodeAt(start);
    const rest = text.slice(start, end);
    if (c === 34 /* " */) return QUOTED.test(rest) ? (rest.includes('\\') ? (JSON.parse(rest) as string) : rest.slice(1, -1)) : NOT_SIMPLE;
    // A digit starts no plain word (PLAIN needs a letter first): an integer, an ISO date, or nothing read here.
    if (c >= 48 && c <= 57) return INTEGER.test(rest) ? Number(rest) : ISO_DATE.test(rest) ? rest : NOT_SIMPLE;
    if (text.charCodeAt(end - 1) === 32 || !PLAIN.test(rest)) return NOT_SIMPLE;
    return (rest.length === 4 || rest.length === 5) && NOT_A_STRING.test(rest) ? NOT_SIMPLE : rest;
  };

  // The pair just read by `pair`: its key, the key's range, and where its value starts (-1: none).
  let key = '';
  let keyRange: Range = onLine(0, 0);
  let valueStart = -1;
  /** `key: value` or `key:` from `start` to the line's end; false when it is neither. */
  const pair = (start: number): boolean => {
    const first = text.charCodeAt(start);
    if (!((first >= 65 && first <= 90) || (first >= 97 && first <= 122))) return false;
    let colon = start + 1;
    while (colon < le && isKeyChar(text.charCodeAt(colon))) colon++;
    if (colon === le || text.charCodeAt(colon) !== 58 /* : */) return false;
    key = text.slice(start, colon);
    if ((key.length === 4 || key.length === 5) && NOT_A_STRING.test(key)) return false;
    keyRange = onLine(start, colon);
    if (colon === le - 1) {
      valueStart = -1;
      return true;
    }
    if (text.charCodeAt(colon + 1) !== 32) return false;
    valueStart = colon + 2;
    return true;
  };
  /** `[a, b]` from `start` to the line's end into `values` and `ranges`: false unless a flow list of scalars with no comma inside them. */
  const flowList = (start: number, values: unknown[], ranges: Range[]): boolean => {
    const end = le - 1; // the closing bracket
    if (le - start < 3 || text.charCodeAt(end) !== 93 /* ] */) return false;
    let from = start + 1;
    for (let k = from; ; k++) {
      if (k < end && text.charCodeAt(k) !== 44 /* , */) continue;
      if (k < end && text.charCodeAt(k + 1) !== 32) return false; // a comma inside an item
      const value = scalar(from, k);
      if (value === NOT_SIMPLE) return false;
      values.push(value);
      ranges.push(onLine(from, k));
      if (k === end) return true;
      from = k + 2;
      k++;
    }
  };

  // Comments and blank lines before the first entry only (where they cannot change a range).
  goTo(0);
  while (i < lines && (ls === le || text.charCodeAt(ls) === 35 /* # */)) goTo(i + 1);
  if (i === lines) return undefined;
  const entries: RawEntry[] = [];
  while (i < lines) {
    if (!startsWith('- ') || !pair(ls + 2) || valueStart < 0 || text.charCodeAt(valueStart) === 91 /* [ */) return undefined;
    const entryLine = i;
    const entryStart = ls + 2;
    const fields: Record<string, RawField> = {};
    const headValue = scalar(valueStart, le);
    if (headValue === NOT_SIMPLE) return undefined;
    fields[key] = { value: headValue, range: onLine(valueStart, le), keyRange };
    goTo(i + 1);
    while (i < lines) {
      if (!startsWith('  ') || text.charCodeAt(ls + 2) === 32) break;
      if (!pair(ls + 2) || Object.prototype.hasOwnProperty.call(fields, key)) return undefined;
      const fieldKey = key;
      const fieldKeyRange = keyRange;
      if (valueStart >= 0 && text.charCodeAt(valueStart) === 91 /* [ */) {
        const values: unknown[] = [];
        const itemRanges: Range[] = [];
        if (!flowList(valueStart, values, itemRanges)) return undefined;
        fields[fieldKey] = { value: values, range: onLine(valueStart, le), keyRange: fieldKeyRange, itemRanges };
        goTo(i + 1);
        continue;
      }
      if (valueStart >= 0) {
        const value = scalar(valueStart, le);
        if (value === NOT_SIMPLE) return undefined;
        fields[fieldKey] = { value, range: onLine(valueStart, le), keyRange: fieldKeyRange };
        goTo(i + 1);
        continue;
      }
      // `key:` with a nested list (`    - item`) or mapping (`    key: value`) under it.
      goTo(i + 1);
      if (i === lines || !startsWith('    ')) return undefined;
      const nestedLine = i;
      const nestedStart = ls + 4;
      if (startsWith('    - ')) {
        const values: unknown[] = [];
        const itemRanges: Range[] = [];
        while (i < lines && startsWith('    - ')) {
          const value = scalar(ls + 6, le);
          if (value === NOT_SIMPLE) return undefined;
          values.push(value);
          itemRanges.push(onLine(ls + 6, le));
          goTo(i + 1);
        }
        fields[fieldKey] = { value: values, range: toHere(nestedLine, nestedStart), keyRange: fieldKeyRange, itemRanges };
      } else {
        const value: Record<string, unknown> = {};
        const entryRanges: Record<string, Range> = {};
        while (i < lines && startsWith('    ') && text.charCodeAt(ls + 4) !== 32) {
          if (!pair(ls + 4) || valueStart < 0 || text.charCodeAt(valueStart) === 91 || Object.prototype.hasOwnProperty.call(value, key)) return undefined;
          const inner = scalar(valueStart, le);
          if (inner === NOT_SIMPLE) return undefined;
          Object.defineProperty(value, key, { value: inner, enumerable: true, writable: true, configurable: true });
          entryRanges[key] = onLine(valueStart, le);
          goTo(i + 1);
        }
        fields[fieldKey] = { value, range: toHere(nestedLine, nestedStart), keyRange: fieldKeyRange, entryRanges };
      }
      // Anything indented deeper than this level (a third level, a continued scalar) is not read here.
      if (i < lines && startsWith('    ')) return undefined;
    }
    entries.push({ range: toHere(entryLine, entryStart), fields });
    // Blank lines between entries (and at the end) belong to no entry.
    while (i < lines && ls === le) goTo(i + 1);
    if (i < lines && !startsWith('- ')) return undefined;
  }
  return { path, entries, problems: [] };
}

/** A letter, a digit, `_` or `-`: what follows a key's first letter (a key is never `<<`, nor a YAML null or boolean). */
function isKeyChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45;
}
