// A warm start for the CLI, as ESLint's and cspell's `--cache`: parsed lore files, and the merged
// base they make, kept on disk keyed by path and content hash — an unchanged file is never
// parsed twice, a changed one never served stale — and by the build that wrote them, so that a
// newer Lorekeeper never serves an older one's results. A file of any other shape is ignored.
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { LoreBase } from '../core/lore/base';
import type { Entry, Location } from '../core/lore/entry';
import { contentHash, type LoreParseCache } from '../core/lore/load';
import type { ParsedLoreFile } from '../core/lore/parseFile';
import { isPackedBase, isParsedLoreFile } from './cacheShape';
import { readRegularFile } from './nodeFileSystem';

const FORMAT = 8;
const MAX_CACHE_BYTES = 1024 * 1024 * 1024;

declare const __LOREKEEPER_BUILD__: string | undefined;

/** Which build wrote a cache: esbuild injects a hash of the sources, the lock file and the version. */
export const BUILD_ID: string = typeof __LOREKEEPER_BUILD__ === 'string' ? __LOREKEEPER_BUILD__ : 'unbundled';

/**
 * The merged base as stored. Locations are the bulk of a base (an entry has one per field), so
 * they are not objects in the JSON but one flat list of integers: for each entry, its location
 * `[file, line, character, end line - line, end character]`, then one such group per field in the
 * order of its field list (`shapes[fields[i]]`: most entries share a handful), lines relative to
 * the entry's. A warm start reads the entries without their field locations, and makes those of
 * an entry when they are first read.
 */
type PackedEntry = Omit<Entry, 'location' | 'fieldLocations'>;
interface PackedBase {
  format: number;
  build: string;
  key: string;
  files: string[];
  shapes: string[][];
  /** Each entry's field list, as an index into `shapes`. */
  fields: number[];
  locations: number[];
  base: Omit<LoreBase, 'entries' | 'byId'> & { entries: PackedEntry[] };
}

export class DiskLoreCache implements LoreParseCache {
  private stored: Map<string, ParsedLoreFile> | undefined;
  private readonly used = new Map<string, ParsedLoreFile>();
  private filesChanged = false;
  private newBase: { key: string; base: LoreBase } | undefined;

  constructor(
    readonly file: string,
    private readonly build: string = BUILD_ID,
  ) {}

  private get storedFiles(): Map<string, ParsedLoreFile> {
    // Read lazily: on a warm start the merged base alone is enough.
    if (!this.stored) {
      this.stored = new Map();
      const data = readJson(this.file);
      if (isObject(data) && data.format === FORMAT && data.build === this.build && isObject(data.files)) {
        const files = Object.entries(data.files);
        // All or nothing: one entry of the wrong shape and the whole file is distrusted.
        if (files.every(([, parsed]) => isParsedLoreFile(parsed))) for (const [key, parsed] of files) this.stored.set(key, parsed as ParsedLoreFile);
      }
    }
    return this.stored;
  }

  get(key: string): ParsedLoreFile | undefined {
    const hit = this.storedFiles.get(key);
    if (hit) this.used.set(key, hit);
    return hit;
  }

  set(key: string, parsed: ParsedLoreFile): void {
    this.used.set(key, parsed);
    this.filesChanged = true;
  }

  getBase(key: string): LoreBase | undefined {
    this.baseKey = key;
    const packed = readJson(this.baseFile);
    if (!isObject(packed) || packed.format !== FORMAT || packed.build !== this.build || packed.key !== key || !isPackedBase(packed)) return undefined;
    return unpack(packed as unknown as PackedBase);
  }

  setBase(key: string, base: LoreBase): void {
    this.baseKey = key;
    this.newBase = { key, base };
  }

  /** The key of the merged base this run asked for or built (undefined: none, e.g. a lore folder missing). */
  private baseKey: string | undefined;

  /**
   * What was kept beside this run's merged base under `name` (an index built from it, as plain data:
   * v8-serialised), or undefined: none yet, another base's, another build's, or unreadable. The
   * caller checks its shape: a cache folder is writable by more than Lorekeeper.
   */
  getDerived(name: string, baseKey = this.baseKey): unknown {
    if (baseKey === undefined) return undefined;
    try {
      const data = deserialize(readRegularFile(this.derivedFile(name), MAX_CACHE_BYTES)) as unknown;
      if (!isObject(data) || data.format !== FORMAT || data.build !== this.build || data.key !== baseKey) return undefined;
      return data.value;
    } catch {
      return undefined;
    }
  }

  /** Keeps `value` (plain data) beside this run's merged base, written at once; never fails the check. */
  setDerived(name: string, value: unknown, baseKey = this.baseKey): void {
    if (baseKey === undefined) return;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      atomicWrite(this.derivedFile(name), serialize({ format: FORMAT, build: this.build, key: baseKey, value }));
    } catch {
      // A read-only folder only costs the next run its warm start.
    }
  }

  private derivedFile(name: string): string {
    return this.file.replace(/\.json$/, `.${name}.bin`);
  }

  private get baseFile(): string {
    return this.file.replace(/\.json$/, '.base.json');
  }

  /** Writes what this run learnt (files no longer present drop out); never fails the check. */
  save(): void {
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      if (this.filesChanged || (this.stored && this.used.size !== this.stored.size)) {
        atomicWrite(this.file, JSON.stringify({ format: FORMAT, build: this.build, files: Object.fromEntries(this.used) }));
      }
      if (this.newBase) atomicWrite(this.baseFile, JSON.stringify(pack(this.newBase.key, this.newBase.base, this.build)));
    } catch {
      // A read-only folder only costs the next run its warm start.
    }
  }
}

function pack(key: string, base: LoreBase, build: string): PackedBase {
  const files: string[] = [];
  const fileIndex = new Map<string, number>();
  const shapes: string[][] = [];
  const shapeIndex = new Map<string, number>();
  const fields: number[] = [];
  const locations: number[] = [];
  const packLocation = (l: Location, lineBase: number): void => {
    let i = fileIndex.get(l.file);
    if (i === undefined) {
      i = files.push(l.file) - 1;
      fileIndex.set(l.file, i);
    }
    const { start, end } = l.range;
    locations.push(i, start.line - lineBase, start.character, end.line - start.line, end.character);
  };
  const entries = base.entries.map((entry): PackedEntry => {
    const { location, fieldLocations, ...rest } = entry;
    const names = Object.keys(fieldLocations);
    const shapeKey = names.join('\0');
    let shape = shapeIndex.get(shapeKey);
    if (shape === undefined) {
      shape = shapes.push(names) - 1;
      shapeIndex.set(shapeKey, shape);
    }
    fields.push(shape);
    packLocation(location, 0);
    for (const name of names) packLocation(fieldLocations[name], location.range.start.line);
    return rest;
  });
  const { byId: _byId, entries: _entries, ...rest } = base;
  return { format: FORMAT, build, key, files, shapes, fields, locations, base: { ...rest, entries } };
}

const MAX_POSITION = 0x7fffffff;

/**
 * The packed locations as absolute numbers, and where each entry's begin; undefined when they do
 * not fit the entries (a damaged file), so that nothing is trusted that would fail later.
 */
function absoluteLocations(packed: PackedBase): { numbers: Int32Array; starts: Int32Array } | undefined {
  const { locations, shapes, fields, files } = packed;
  const entryCount = packed.base.entries.length;
  if (!Array.isArray(locations) || !Array.isArray(fields) || fields.length !== entryCount) return undefined;
  const numbers = new Int32Array(locations.length);
  const starts = new Int32Array(entryCount);
  let at = 0;
  const take = (lineBase: number): boolean => {
    if (at + 5 > locations.length) return false;
    const file = locations[at];
    const delta = locations[at + 1];
    const character = locations[at + 2];
    const lines = locations[at + 3];
    const endCharacter = locations[at + 4];
    if (!Number.isSafeInteger(file) || !Number.isSafeInteger(delta) || !Number.isSafeInteger(character) || !Number.isSafeInteger(lines) || !Number.isSafeInteger(endCharacter)) return false;
    const line = lineBase + delta;
    const endLine = line + lines;
    if (file < 0 || file >= files.length || line < 0 || character < 0 || lines < 0 || endCharacter < 0 || endLine > MAX_POSITION || character > MAX_POSITION || endCharacter > MAX_POSITION) return false;
    numbers[at] = file;
    numbers[at + 1] = line;
    numbers[at + 2] = character;
    numbers[at + 3] = endLine;
    numbers[at + 4] = endCharacter;
    at += 5;
    return true;
  };
  for (let i = 0; i < entryCount; i++) {
    const shape = shapes[fields[i]];
    if (!Number.isSafeInteger(fields[i]) || shape === undefined) return undefined;
    starts[i] = at;
    if (!take(0)) return undefined;
    const line = numbers[at - 4];
    for (let k = 0; k < shape.length; k++) if (!take(line)) return undefined;
  }
  return at === locations.length ? { numbers, starts } : undefined;
}

/** Which entry of its base an unpacked entry is (a property no copy or JSON of the entry carries). */
const SLOT = Symbol('lorekeeper.packedEntry');

function unpack(packed: PackedBase): LoreBase | undefined {
  const absolute = absoluteLocations(packed);
  if (!absolute) return undefined;
  const { numbers, starts } = absolute;
  const { files, shapes, fields } = packed;
  const location = (at: number): Location => ({
    file: files[numbers[at]],
    range: { start: { line: numbers[at + 1], character: numbers[at + 2] }, end: { line: numbers[at + 3], character: numbers[at + 4] } },
  });
  // `fieldLocations` is made on first read (the card, go to definition, the timeline; the checks
  // of a manuscript never read it), then is an ordinary property. One getter for every entry of
  // the base, so that the entries keep one shape.
  const settle = (entry: Entry, value: Record<string, Location>): void => {
    Object.defineProperty(entry, 'fieldLocations', { value, writable: true, enumerable: true, configurable: true });
  };
  const fieldLocations = {
    get(this: Entry & { [SLOT]: number }): Record<string, Location> {
      const i = this[SLOT];
      const names = shapes[fields[i]];
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
  const entries = packed.base.entries as unknown as Entry[];
  const byId = new Map<string, Entry>();
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    entry.location = location(starts[i]);
    Object.defineProperty(entry, SLOT, { value: i });
    Object.defineProperty(entry, 'fieldLocations', fieldLocations);
    byId.set(entry.id, entry);
  }
  return { ...packed.base, entries, byId };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readJson(file: string): unknown {
  try {
    // A regular file only, and bounded: a cache folder is writable by more than Lorekeeper.
    return JSON.parse(new TextDecoder().decode(readRegularFile(file, MAX_CACHE_BYTES))) as unknown;
  } catch {
    return undefined; // no cache yet, or an unreadable one: start cold
  }
}

function atomicWrite(file: string, content: string | Uint8Array): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, file);
}

/** node_modules/.cache/lorekeeper where the project has node_modules, else the user's cache folder. */
export function defaultCacheFile(cwd: string, loreFolders: string[]): string {
  const key = contentHash(loreFolders.map((f) => resolve(cwd, f)).join('\0'));
  if (existsSync(join(cwd, 'node_modules'))) return join(cwd, 'node_modules', '.cache', 'lorekeeper', `lore-${key}.json`);
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'lorekeeper', `lore-${key}.json`);
}
