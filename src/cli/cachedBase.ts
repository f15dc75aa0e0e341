// The merged base as the lore cache keeps it on disk (format 10), laid out for a warm start that
// reads it at the speed of the disk. One file, three parts:
//   1. a header line of JSON: format, build and key (checked before anything else is read: another
//      base's file costs no parse), the files and field lists the locations refer to, the key lists
//      and numbers of the body, the sizes, and a digest of the rest of the header, part 2 and the
//      first two runs of part 3;
//   2. the body's strings, each once, one after the other, in Latin-1 (or UTF-16 if a character
//      needs it), so that they are read without decoding UTF-8 and cut from one text;
//   3. 32-bit integers (starting at a multiple of 4 in the file, so that they are read in place):
//      the strings' lengths; the body — the base without its entries' locations — packed as
//      packedJson.ts packs it; each entry's field list (an index into the header's `shapes`); then
//      the locations — for each entry `[file, line, character, end line - line, end character]`,
//      then one such group per field of its list, lines relative to the entry's.
// The digest stands for the checks of every entry's fields that a file of JSON would need: a file
// this build wrote for these lore files (the key holds their hashes), undamaged, is a base that was
// checked when it was built. The locations are checked as they are made absolute.
// An entry's `location` and `fieldLocations` (the card, go to definition, the timeline; never the
// checks of a manuscript) are made from the integers when first read.
import { createHash } from 'node:crypto';
import * as nodeBuffer from 'node:buffer';
import { endianness } from 'node:os';
import type { LoreBase } from '../core/lore/base';
import type { Entry, Location } from '../core/lore/entry';
import { isBaseHeader } from './cacheShape';
import { packJson, packStrings, unpackJson, unpackStrings } from './packedJson';

export const BASE_FORMAT = 10;

/** An entry as the body stores it. */
export type PackedEntry = Omit<Entry, 'location' | 'fieldLocations'>;

export interface BaseHeader {
  format: number;
  build: string;
  key: string;
  endian: string;
  files: string[];
  shapes: string[][];
  /** The key lists and the numbers (other than small integers) of the packed body. */
  objects: string[][];
  numbers: number[];
  /** The strings' text: its length in bytes, and whether two bytes a character (UTF-16). */
  text: number;
  wide: boolean;
  /** How many strings (and lengths). */
  strings: number;
  /** How many words the packed body takes. */
  words: number;
  entries: number;
  /** How many integers of locations follow the entries' field lists. */
  locations: number;
  /** SHA-1 of the rest of the header, the strings, their lengths and the body's words (see baseDigest). */
  digest: string;
}

export type BaseBody = Omit<LoreBase, 'entries' | 'byId'> & { entries: PackedEntry[] };

const NEWLINE = 10;
const SPACE = ' ';

/** The file's bytes, in parts (written one after the other). */
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
  const packed = new Array<PackedEntry>(entryCount);
  for (let i = 0; i < entryCount; i++) {
    const entry = base.entries[i];
    const { location, fieldLocations, ...rest } = entry;
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
    packed[i] = rest;
  }
  const { byId: _byId, entries: _entries, ...rest } = base;
  const body = packJson({ ...rest, entries: packed });
  const strings = packStrings(body.strings);
  const lengthsAndWords = new Int32Array(strings.lengths.length + body.words.length);
  lengthsAndWords.set(strings.lengths);
  lengthsAndWords.set(body.words, strings.lengths.length);
  const words = new Uint8Array(lengthsAndWords.buffer);
  const described: Omit<BaseHeader, 'digest'> = {
    format: BASE_FORMAT,
    build,
    key,
    endian: endianness(),
    files,
    shapes,
    objects: body.objects,
    numbers: body.numbers,
    text: strings.bytes.length,
    wide: strings.wide,
    strings: strings.lengths.length,
    words: body.words.length,
    entries: entryCount,
    locations: locationCount,
  };
  const line = ascii(JSON.stringify({ ...described, digest: baseDigest(described, strings.bytes, words) }));
  // Spaces after the header's JSON (allowed there) so that the integers start at a multiple of 4.
  const pad = (4 - ((line.length + 1 + strings.bytes.length) % 4)) % 4;
  return [line, ascii(`${SPACE.repeat(pad)}\n`), strings.bytes, words, new Uint8Array(ints.buffer, ints.byteOffset, ints.byteLength)];
}

/** JSON text as ASCII bytes: every other character escaped as JSON escapes it (`\u00e9`). */
function ascii(json: string): Uint8Array {
  // eslint-disable-next-line no-control-regex
  const text = /[^\x00-\x7f]/.test(json) ? json.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
  return Buffer.from(text, 'latin1');
}

/**
 * The base in `bytes` if they are a whole base file of this format, build and key, undamaged (its
 * digest), every part of the right size and the locations fitting the entries; else undefined (a file
 * damaged, cut short, edited, or another's): nothing is trusted that would fail later. The bytes are
 * the call's own (the locations are made absolute in them). `translate` gives the files of the
 * entries' locations as the caller names them.
 */
export function decodeBase(bytes: Uint8Array, build: string, key: string, translate?: (path: string) => string): LoreBase | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const newline = buffer.indexOf(NEWLINE);
  if (newline < 0) return undefined;
  const header = parseAscii(buffer, 0, newline);
  if (!isBaseHeader(header) || header.format !== BASE_FORMAT || header.build !== build || header.key !== key || header.endian !== endianness()) return undefined;
  const textEnd = newline + 1 + header.text;
  const packedCount = header.strings + header.words;
  const intCount = packedCount + header.entries + header.locations;
  if (!Number.isSafeInteger(textEnd) || textEnd % 4 !== 0 || buffer.length - textEnd !== 4 * intCount) return undefined;
  const textBytes = buffer.subarray(newline + 1, textEnd);
  const intBytes = buffer.subarray(textEnd);
  const { digest, ...described } = header;
  if (baseDigest(described, textBytes, intBytes.subarray(0, 4 * packedCount)) !== digest) return undefined;
  // In place where the bytes are aligned for Int32Array (a file read whole is), else a copy.
  let ints: Int32Array;
  if (intBytes.byteOffset % 4 === 0) ints = new Int32Array(intBytes.buffer, intBytes.byteOffset, intCount);
  else {
    ints = new Int32Array(intCount);
    new Uint8Array(ints.buffer).set(intBytes);
  }
  const strings = unpackStrings(textBytes, header.wide, ints.subarray(0, header.strings));
  if (!strings) return undefined;
  const body = unpackJson({ strings, objects: header.objects, numbers: header.numbers, words: ints.subarray(header.strings, packedCount) });
  if (!isBody(body) || body.entries.length !== header.entries) return undefined;
  // The locations' files in the caller's terms (the server's URIs): a few hundred strings, not a location each.
  if (translate) header.files = header.files.map(translate);
  return unpack(header, body, ints.subarray(packedCount));
}

/** SHA-1 of the header's other members (as JSON: the same text again from what was parsed), the strings' text, their lengths and the packed body, in hex. */
export function baseDigest(described: Omit<BaseHeader, 'digest'>, text: Uint8Array, lengthsAndWords: Uint8Array): string {
  return createHash('sha1').update(JSON.stringify(described)).update(text).update(lengthsAndWords).digest('hex');
}

/** What unpacking relies on (the digest stands for the rest). */
function isBody(value: unknown): value is BaseBody {
  if (typeof value !== 'object' || value === null) return false;
  const entries = (value as { entries?: unknown }).entries;
  if (!Array.isArray(entries)) return false;
  for (let i = 0; i < entries.length; i++) if (typeof entries[i] !== 'object' || entries[i] === null || typeof entries[i].id !== 'string') return false;
  return true;
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
  // Which entry of this base an unpacked entry is, until its locations are made.
  const slots = new Map<Entry, number>();
  // `location` and `fieldLocations` are made on first read (the checks of a manuscript read
  // neither: 50,000 entries' locations are 200,000 objects), then are ordinary properties. One
  // getter of each for every entry of the base, so that the entries keep one shape.
  const settle = (entry: Entry, name: 'location' | 'fieldLocations', value: unknown): void => {
    Object.defineProperty(entry, name, { value, writable: true, enumerable: true, configurable: true });
    const other = name === 'location' ? 'fieldLocations' : 'location';
    if (Object.getOwnPropertyDescriptor(entry, other)?.get === undefined) slots.delete(entry);
  };
  const lazy = <T>(name: 'location' | 'fieldLocations', make: (i: number) => T): PropertyDescriptor => ({
    get(this: Entry): T {
      const value = make(slots.get(this)!);
      settle(this, name, value);
      return value;
    },
    set(this: Entry, value: T): void {
      settle(this, name, value);
    },
    enumerable: true,
    configurable: true,
  });
  const entryLocation = lazy('location', (i) => location(starts[i]));
  const fieldLocations = lazy('fieldLocations', (i) => {
    const names = shapes[ints[i]];
    const value: Record<string, Location> = {};
    for (let k = 0; k < names.length; k++) value[names[k]] = location(starts[i] + 5 + 5 * k);
    return value;
  });
  // In place: the objects are this run's own, fresh from the packed body, so no entry is copied.
  const entries = body.entries as Entry[];
  const byId = new Map<string, Entry>();
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    slots.set(entry, i);
    Object.defineProperty(entry, 'location', entryLocation);
    Object.defineProperty(entry, 'fieldLocations', fieldLocations);
    byId.set(entry.id, entry);
  }
  return { ...body, entries, byId };
}
