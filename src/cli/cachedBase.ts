// The merged base as the lore cache keeps it on disk (format 9), laid out for a warm start that
// reads it at the speed of the disk. One file, three parts:
//   1. a header line of JSON: format, build and key (checked before anything else is read: another
//      base's file costs no parse), the files and field lists the locations refer to, the sizes;
//   2. the body, JSON of the base without its entries' locations, in ASCII only (every other
//      character escaped), so that it is read as bytes, without decoding UTF-8. (Leaving out the
//      empty `relations`, `extra` and `overrides` and the layer makes the text 10% shorter but the
//      read slower: adding four properties to 50,000 parsed objects costs more than parsing them.);
//   3. 32-bit integers: each entry's field list (an index into the header's `shapes`), then the
//      locations — for each entry `[file, line, character, end line - line, end character]`, then one
//      such group per field of its list, lines relative to the entry's.
// An entry's `fieldLocations` (the card, go to definition, the timeline; never the checks of a
// manuscript) is made from the integers when it is first read.
import * as nodeBuffer from 'node:buffer';
import { endianness } from 'node:os';
import type { LoreBase } from '../core/lore/base';
import type { Entry, Location } from '../core/lore/entry';
import { isBaseBody, isBaseHeader } from './cacheShape';

export const BASE_FORMAT = 9;

/** An entry as the body stores it. */
export type PackedEntry = Omit<Entry, 'location' | 'fieldLocations'>;

export interface BaseHeader {
  format: number;
  build: string;
  key: string;
  endian: string;
  files: string[];
  shapes: string[][];
  /** The body's length in bytes. */
  body: number;
  entries: number;
  /** How many integers of locations follow the entries' field lists. */
  locations: number;
}

export type BaseBody = Omit<LoreBase, 'entries' | 'byId'> & { entries: PackedEntry[] };

const NEWLINE = 10;
const ENTRIES_PER_CHUNK = 2000;

/** The file's bytes, in parts (written one after the other: no copy of the whole is ever made). */
export function encodeBase(key: string, base: LoreBase, build: string): Uint8Array[] {
  const files: string[] = [];
  const fileIndex = new Map<string, number>();
  const shapes: string[][] = [];
  const shapeIndex = new Map<string, number>();
  const entryCount = base.entries.length;
  let locationCount = 0;
  for (const entry of base.entries) locationCount += 5 * (1 + Object.keys(entry.fieldLocations).length);
  const ints = new Int32Array(entryCount + locationCount);
  let at = entryCount;
  const packLocation = (l: Location, lineBase: number): void => {
    let i = fileIndex.get(l.file);
    if (i === undefined) {
      i = files.push(l.file) - 1;
      fileIndex.set(l.file, i);
    }
    const { start, end } = l.range;
    ints[at] = i;
    ints[at + 1] = start.line - lineBase;
    ints[at + 2] = start.character;
    ints[at + 3] = end.line - start.line;
    ints[at + 4] = end.character;
    at += 5;
  };
  const body: Uint8Array[] = [];
  const { byId: _byId, entries: _entries, ...rest } = base;
  const head = JSON.stringify({ ...rest, entries: [] });
  body.push(ascii(head.slice(0, -2))); // up to the entries' opening bracket
  for (let from = 0; from < entryCount; from += ENTRIES_PER_CHUNK) {
    const chunk: PackedEntry[] = [];
    for (let i = from; i < Math.min(entryCount, from + ENTRIES_PER_CHUNK); i++) {
      const entry = base.entries[i];
      const { location, fieldLocations, ...packed } = entry;
      const names = Object.keys(fieldLocations);
      const shapeKey = names.join('\0');
      let shape = shapeIndex.get(shapeKey);
      if (shape === undefined) {
        shape = shapes.push(names) - 1;
        shapeIndex.set(shapeKey, shape);
      }
      ints[i] = shape;
      packLocation(location, 0);
      for (const name of names) packLocation(fieldLocations[name], location.range.start.line);
      chunk.push(packed);
    }
    const text = JSON.stringify(chunk);
    body.push(ascii(from === 0 ? text.slice(1, -1) : `,${text.slice(1, -1)}`));
  }
  body.push(ascii(']}'));
  const header: BaseHeader = {
    format: BASE_FORMAT,
    build,
    key,
    endian: endianness(),
    files,
    shapes,
    body: body.reduce((sum, part) => sum + part.length, 0),
    entries: entryCount,
    locations: locationCount,
  };
  return [ascii(`${JSON.stringify(header)}\n`), ...body, new Uint8Array(ints.buffer, ints.byteOffset, ints.byteLength)];
}

/** JSON text as ASCII bytes: every other character escaped as JSON escapes it (`\u00e9`). */
function ascii(json: string): Uint8Array {
  // eslint-disable-next-line no-control-regex
  const text = /[^\x00-\x7f]/.test(json) ? json.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
  return Buffer.from(text, 'latin1');
}

/**
 * The base in `bytes` if they are a whole base file of this format, build and key, every part of the
 * right shape and the locations fitting the entries; else undefined (a file damaged, cut short,
 * edited, or another's): nothing is trusted that would fail later. `translate` gives the files of
 * the entries' locations as the caller names them.
 */
export function decodeBase(bytes: Uint8Array, build: string, key: string, translate?: (path: string) => string): LoreBase | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const newline = buffer.indexOf(NEWLINE);
  if (newline < 0) return undefined;
  const header = parseAscii(buffer, 0, newline);
  if (!isBaseHeader(header) || header.format !== BASE_FORMAT || header.build !== build || header.key !== key || header.endian !== endianness()) return undefined;
  const bodyEnd = newline + 1 + header.body;
  const intCount = header.entries + header.locations;
  if (!Number.isSafeInteger(bodyEnd) || buffer.length - bodyEnd !== 4 * intCount) return undefined;
  const body = parseAscii(buffer, newline + 1, bodyEnd);
  if (!isBaseBody(body) || body.entries.length !== header.entries) return undefined;
  // A copy, aligned for Int32Array (the body is of any length).
  const ints = new Int32Array(intCount);
  new Uint8Array(ints.buffer).set(buffer.subarray(bodyEnd));
  // The locations' files in the caller's terms (the server's URIs): a few hundred strings, not a location each.
  if (translate) header.files = header.files.map(translate);
  return unpack(header, body, ints);
}

function parseAscii(buffer: Buffer, start: number, end: number): unknown {
  const part = buffer.subarray(start, end);
  // Written in ASCII: any other byte is damage (read as Latin-1 it would be another text).
  if (!isAscii(part)) return undefined;
  try {
    return JSON.parse(part.toString('latin1')) as unknown;
  } catch {
    return undefined;
  }
}

/** Node's own (simdutf) where it has one (20 and later), else a loop. */
const isAscii: (bytes: Uint8Array) => boolean =
  typeof nodeBuffer.isAscii === 'function'
    ? (bytes) => nodeBuffer.isAscii(bytes)
    : (bytes) => {
        for (let i = 0; i < bytes.length; i++) if (bytes[i] > 0x7f) return false;
        return true;
      };

const MAX_POSITION = 0x7fffffff;

/**
 * The locations made absolute (in place), and where each entry's begin; undefined when they do not
 * fit the entries. One flat loop: it reads every integer of the file.
 */
function absoluteLocations(header: BaseHeader, ints: Int32Array): Int32Array | undefined {
  const fileCount = header.files.length;
  const shapeCount = header.shapes.length;
  const sizes = Int32Array.from(header.shapes, (shape) => shape.length);
  const entryCount = header.entries;
  const starts = new Int32Array(entryCount);
  const length = ints.length;
  let at = entryCount;
  for (let i = 0; i < entryCount; i++) {
    const shape = ints[i];
    if (shape < 0 || shape >= shapeCount) return undefined;
    const end = at + 5 * (1 + sizes[shape]);
    if (end > length) return undefined;
    starts[i] = at;
    // The entry's own location, then its fields', whose lines are relative to the entry's.
    let lineBase = 0;
    for (; at < end; at += 5) {
      const line = lineBase + ints[at + 1];
      const endLine = line + ints[at + 3];
      if (ints[at] < 0 || ints[at] >= fileCount || line < 0 || ints[at + 2] < 0 || ints[at + 3] < 0 || ints[at + 4] < 0 || endLine > MAX_POSITION) return undefined;
      ints[at + 1] = line;
      ints[at + 3] = endLine;
      if (at === starts[i]) lineBase = line;
    }
  }
  return at === length ? starts : undefined;
}

function unpack(header: BaseHeader, body: BaseBody, ints: Int32Array): LoreBase | undefined {
  const starts = absoluteLocations(header, ints);
  if (!starts) return undefined;
  const { files, shapes } = header;
  const location = (at: number): Location => ({
    file: files[ints[at]],
    range: { start: { line: ints[at + 1], character: ints[at + 2] }, end: { line: ints[at + 3], character: ints[at + 4] } },
  });
  // Which entry of this base an unpacked entry is, until its field locations are made.
  const slots = new Map<Entry, number>();
  // `fieldLocations` is made on first read, then is an ordinary property. One getter for every
  // entry of the base, so that the entries keep one shape.
  const settle = (entry: Entry, value: Record<string, Location>): void => {
    slots.delete(entry);
    Object.defineProperty(entry, 'fieldLocations', { value, writable: true, enumerable: true, configurable: true });
  };
  const fieldLocations = {
    get(this: Entry): Record<string, Location> {
      const i = slots.get(this)!;
      const names = shapes[ints[i]];
      const value: Record<string, Location> = {};
      for (let k = 0; k < names.length; k++) value[names[k]] = location(starts[i] + 5 + 5 * k);
      settle(this, value);
      return value;
    },
    set(this: Entry, value: Record<string, Location>): void {
      settle(this, value);
    },
    enumerable: true,
    configurable: true,
  };
  // In place: the objects are this run's own, fresh from JSON.parse, so no entry is copied.
  const entries = body.entries as Entry[];
  const byId = new Map<string, Entry>();
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    entry.location = location(starts[i]);
    slots.set(entry, i);
    Object.defineProperty(entry, 'fieldLocations', fieldLocations);
    byId.set(entry.id, entry);
  }
  return { ...body, entries, byId };
}
