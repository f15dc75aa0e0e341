// A warm start for the CLI, as ESLint's and cspell's `--cache`: parsed lore files, and the merged
// base they make, kept on disk keyed by path and content hash — an unchanged file is never
// parsed twice, a changed one never served stale — and by the build that wrote them, so that a
// newer Lorekeeper never serves an older one's results. A file of any other shape is ignored.
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { LoreBase } from '../core/lore/base';
import type { Entry, Location } from '../core/lore/entry';
import { contentHash, type LoreParseCache } from '../core/lore/load';
import type { ParsedLoreFile } from '../core/lore/parseFile';
import { isPackedBase, isParsedLoreFile } from './cacheShape';
import { readRegularFile } from './nodeFileSystem';

const FORMAT = 7;
const MAX_CACHE_BYTES = 1024 * 1024 * 1024;

declare const __LOREKEEPER_BUILD__: string | undefined;

/** Which build wrote a cache: esbuild injects a hash of the sources, the lock file and the version. */
export const BUILD_ID: string = typeof __LOREKEEPER_BUILD__ === 'string' ? __LOREKEEPER_BUILD__ : 'unbundled';

/** A location as [file index, line, character, end line, end character]: a fifth of the JSON. */
type PackedLocation = [number, number, number, number, number];
type PackedEntry = Omit<Entry, 'location' | 'fieldLocations'> & { location: PackedLocation; fieldLocations: Record<string, PackedLocation> };
interface PackedBase {
  format: number;
  build: string;
  key: string;
  files: string[];
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
    const packed = readJson(this.baseFile);
    if (!isObject(packed) || packed.format !== FORMAT || packed.build !== this.build || packed.key !== key || !isPackedBase(packed)) return undefined;
    return unpack(packed as unknown as PackedBase);
  }

  setBase(key: string, base: LoreBase): void {
    this.newBase = { key, base };
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
  const index = new Map<string, number>();
  const packLocation = (l: Location): PackedLocation => {
    let i = index.get(l.file);
    if (i === undefined) {
      i = files.push(l.file) - 1;
      index.set(l.file, i);
    }
    return [i, l.range.start.line, l.range.start.character, l.range.end.line, l.range.end.character];
  };
  const entries = base.entries.map((entry) => ({
    ...entry,
    location: packLocation(entry.location),
    fieldLocations: Object.fromEntries(Object.entries(entry.fieldLocations).map(([field, l]) => [field, packLocation(l)])),
  }));
  const { byId: _byId, entries: _entries, ...rest } = base;
  return { format: FORMAT, build, key, files, base: { ...rest, entries } };
}

function unpack(packed: PackedBase): LoreBase {
  const location = ([i, line, character, endLine, endCharacter]: PackedLocation): Location => ({
    file: packed.files[i],
    range: { start: { line, character }, end: { line: endLine, character: endCharacter } },
  });
  // In place: the objects are this run's own, fresh from JSON.parse, so no entry is copied.
  const entries = packed.base.entries as unknown as Entry[];
  const byId = new Map<string, Entry>();
  for (const packedEntry of packed.base.entries) {
    const entry = packedEntry as unknown as Entry;
    const fieldLocations = packedEntry.fieldLocations as unknown as Record<string, Location>;
    for (const field in packedEntry.fieldLocations) fieldLocations[field] = location(packedEntry.fieldLocations[field]);
    entry.location = location(packedEntry.location);
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

function atomicWrite(file: string, content: string): void {
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
