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
import { computeLineStarts, positionAt } from '../manuscript';
import type { Range } from '../types';
import type { ParsedLoreFile, RawEntry, RawField } from './parseFile';

/** A key: a word starting with a letter (never `<<`, never a YAML null or boolean). */
const KEY = /^[A-Za-z][A-Za-z0-9_-]*$/;
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

interface Scalar {
  value: unknown;
  start: number;
  end: number;
}

export function parseSimpleLoreFile(path: string, text: string): ParsedLoreFile | undefined {
  if (text.length === 0 || text.charCodeAt(text.length - 1) !== 10 || text.includes('\r') || text.includes('\t')) return undefined;
  const lineStarts = computeLineStarts(text);
  const lines = lineStarts.length - 1; // the text ends with a newline: the last start is its end
  const lineAt = (i: number): string => text.slice(lineStarts[i], lineStarts[i + 1] - 1);
  const rangeOf = (start: number, end: number): Range => ({ start: positionAt(lineStarts, start), end: positionAt(lineStarts, end) });

  /** `rest` (at `offset` in the text) as one scalar, or undefined. */
  const scalar = (rest: string, offset: number): Scalar | undefined => {
    if (rest.charCodeAt(0) === 34 /* " */) return QUOTED.test(rest) ? { value: rest.includes('\\') ? (JSON.parse(rest) as string) : rest.slice(1, -1), start: offset, end: offset + rest.length } : undefined;
    if (INTEGER.test(rest)) return { value: Number(rest), start: offset, end: offset + rest.length };
    if (ISO_DATE.test(rest)) return { value: rest, start: offset, end: offset + rest.length };
    return PLAIN.test(rest) && !NOT_A_STRING.test(rest) && rest.charCodeAt(rest.length - 1) !== 32 ? { value: rest, start: offset, end: offset + rest.length } : undefined;
  };
  /** `[a, b]` (at `offset`): a one-line flow list of scalars with no comma inside them, or undefined. */
  const flowList = (rest: string, offset: number): Scalar[] | undefined => {
    if (rest.length < 3 || rest.charCodeAt(rest.length - 1) !== 93 /* ] */) return undefined;
    const items: Scalar[] = [];
    let at = 1;
    for (const piece of rest.slice(1, -1).split(', ')) {
      const item = piece.includes(',') ? undefined : scalar(piece, offset + at);
      if (!item) return undefined;
      items.push(item);
      at += piece.length + 2;
    }
    return items;
  };
  /** `key: value` or `key:` at `offset`; undefined when it is neither. */
  const pair = (body: string, offset: number): { key: string; keyRange: Range; value?: Scalar; list?: Scalar[]; listStart?: number; listEnd?: number } | undefined => {
    const colon = body.indexOf(':');
    if (colon <= 0) return undefined;
    const key = body.slice(0, colon);
    if (!KEY.test(key) || NOT_A_STRING.test(key)) return undefined;
    const keyRange = rangeOf(offset, offset + colon);
    if (colon === body.length - 1) return { key, keyRange };
    if (body.charCodeAt(colon + 1) !== 32) return undefined;
    if (body.charCodeAt(colon + 2) === 91 /* [ */) {
      const list = flowList(body.slice(colon + 2), offset + colon + 2);
      return list ? { key, keyRange, list, listStart: offset + colon + 2, listEnd: offset + body.length } : undefined;
    }
    const value = scalar(body.slice(colon + 2), offset + colon + 2);
    return value ? { key, keyRange, value } : undefined;
  };

  let i = 0;
  // Comments and blank lines before the first entry only (where they cannot change a range).
  while (i < lines) {
    const line = lineAt(i);
    if (line.length === 0 || line.charCodeAt(0) === 35 /* # */) i++;
    else break;
  }
  if (i === lines) return undefined;
  const entries: RawEntry[] = [];
  while (i < lines) {
    const first = lineAt(i);
    if (!first.startsWith('- ')) return undefined;
    const head = pair(first.slice(2), lineStarts[i] + 2);
    if (!head?.value) return undefined;
    const entryStart = lineStarts[i] + 2;
    const fields: Record<string, RawField> = {};
    const seen = new Set<string>();
    const addScalarField = (key: string, keyRange: Range, value: Scalar): boolean => {
      if (seen.has(key)) return false;
      seen.add(key);
      fields[key] = { value: value.value, range: rangeOf(value.start, value.end), keyRange };
      return true;
    };
    const addListField = (key: string, keyRange: Range, items: Scalar[], start: number, end: number): boolean => {
      if (seen.has(key)) return false;
      seen.add(key);
      fields[key] = { value: items.map((item) => item.value), range: rangeOf(start, end), keyRange, itemRanges: items.map((item) => rangeOf(item.start, item.end)) };
      return true;
    };
    addScalarField(head.key, head.keyRange, head.value);
    i++;
    while (i < lines) {
      const line = lineAt(i);
      if (!line.startsWith('  ') || line.charCodeAt(2) === 32) break;
      const field = pair(line.slice(2), lineStarts[i] + 2);
      if (!field) return undefined;
      i++;
      if (field.value) {
        if (!addScalarField(field.key, field.keyRange, field.value)) return undefined;
        continue;
      }
      if (field.list) {
        if (!addListField(field.key, field.keyRange, field.list, field.listStart!, field.listEnd!)) return undefined;
        continue;
      }
      // `key:` with a nested list (`    - item`) or mapping (`    key: value`) under it.
      if (seen.has(field.key) || i === lines || !lineAt(i).startsWith('    ')) return undefined;
      seen.add(field.key);
      const nestedStart = lineStarts[i] + 4;
      if (lineAt(i).startsWith('    - ')) {
        const items: Scalar[] = [];
        while (i < lines && lineAt(i).startsWith('    - ')) {
          const item = scalar(lineAt(i).slice(6), lineStarts[i] + 6);
          if (!item) return undefined;
          items.push(item);
          i++;
        }
        fields[field.key] = { value: items.map((item) => item.value), range: rangeOf(nestedStart, lineStarts[i]), keyRange: field.keyRange, itemRanges: items.map((item) => rangeOf(item.start, item.end)) };
      } else {
        const value: Record<string, unknown> = {};
        const entryRanges: Record<string, Range> = {};
        while (i < lines && lineAt(i).startsWith('    ') && lineAt(i).charCodeAt(4) !== 32) {
          const inner = pair(lineAt(i).slice(4), lineStarts[i] + 4);
          if (!inner?.value || Object.prototype.hasOwnProperty.call(value, inner.key)) return undefined;
          Object.defineProperty(value, inner.key, { value: inner.value.value, enumerable: true, writable: true, configurable: true });
          entryRanges[inner.key] = rangeOf(inner.value.start, inner.value.end);
          i++;
        }
        fields[field.key] = { value, range: rangeOf(nestedStart, lineStarts[i]), keyRange: field.keyRange, entryRanges };
      }
      // Anything indented deeper than this level (a third level, a continued scalar) is not read here.
      if (i < lines && lineAt(i).startsWith('    ')) return undefined;
    }
    entries.push({ range: rangeOf(entryStart, lineStarts[i]), fields });
    // Blank lines between entries (and at the end) belong to no entry.
    while (i < lines && lineAt(i).length === 0) i++;
    if (i < lines && !lineAt(i).startsWith('- ')) return undefined;
  }
  return { path, entries, problems: [] };
}
