// A warm start for the CLI, as ESLint's and cspell's `--cache`: the merged base of the lore files,
// and the parses of those the `yaml` document model read (the fast reader's are quicker to make
// again), kept on disk keyed by path and content hash — an unchanged lore is never parsed again, a
// changed file never served stale — and by the build that wrote them, so that a newer Lorekeeper
// never serves an older one's results. A file of any other shape is ignored.
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { dirname, join, resolve } from 'node:path';
import type { LoreBase } from '../core/lore/base';
import { contentHash, type LoreParseCache } from '../core/lore/load';
import type { ParsedLoreFile } from '../core/lore/parseFile';
import { madeByFastReader } from '../core/lore/simpleParse';
import { cacheFolder } from './cacheFolder';
import { BASE_FORMAT, decodeBase, encodeBase } from './cachedBase';
import { isParsedLoreFile } from './cacheShape';
import { readRegularFile } from './nodeFileSystem';

/** One number for every file of the cache: a new layout of any of them makes all of another format a miss. */
const FORMAT = BASE_FORMAT;
const MAX_CACHE_BYTES = 1024 * 1024 * 1024;

declare const __LOREKEEPER_BUILD__: string | undefined;

/** Which build wrote a cache: esbuild injects a hash of the sources, the lock file and the version. */
export const BUILD_ID: string = typeof __LOREKEEPER_BUILD__ === 'string' ? __LOREKEEPER_BUILD__ : 'unbundled';

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
      // Another build's or format's file is known from its first bytes: never parsed whole (at 50,000
      // entries a file of parses is ~100 MB of JSON, several times that as objects).
      const data = readJson(this.file, this.parsesHeader);
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
    // A parse of the fast reader is made again faster than it is read back: not kept (see madeByFastReader).
    if (madeByFastReader(parsed)) return;
    this.used.set(key, parsed);
    this.filesChanged = true;
  }

  /** The merged base kept under `key`; `translate`, if given, names the files of its entries' locations. */
  getBase(key: string, translate?: (path: string) => string): LoreBase | undefined {
    this.baseKey = key;
    let bytes: Uint8Array;
    try {
      bytes = readRegularFile(this.baseFile, MAX_CACHE_BYTES);
    } catch {
      return undefined; // no cache yet, or an unreadable one: start cold
    }
    return decodeBase(bytes, this.build, key, translate);
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
      atomicWrite(this.derivedFile(name), [serialize({ format: FORMAT, build: this.build, key: baseKey, value })]);
    } catch {
      // A read-only folder only costs the next run its warm start.
    }
  }

  /** How the file of parses starts: its format and build, before anything else. */
  private get parsesHeader(): string {
    return `{"format":${FORMAT},"build":${JSON.stringify(this.build)},`;
  }

  /** The parse cache's JSON, one file's parse at a time (at 50,000 entries the whole is ~100 MB). */
  private *parsesText(): Generator<string> {
    yield `${this.parsesHeader}"files":{`;
    let first = true;
    for (const [key, parsed] of this.used) {
      yield `${first ? '' : ','}${JSON.stringify(key)}:${JSON.stringify(parsed)}`;
      first = false;
    }
    yield '}}';
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
      if (this.filesChanged || (this.stored && this.used.size !== this.stored.size)) atomicWrite(this.file, this.parsesText());
      if (this.newBase) atomicWrite(this.baseFile, encodeBase(this.newBase.key, this.newBase.base, this.build));
    } catch {
      // A read-only folder only costs the next run its warm start.
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The file's JSON when it starts with `prefix` (ASCII), else undefined. */
function readJson(file: string, prefix: string): unknown {
  try {
    // A regular file only, and bounded: a cache folder is writable by more than Lorekeeper.
    const bytes = readRegularFile(file, MAX_CACHE_BYTES);
    if (bytes.length < prefix.length || Buffer.from(bytes.buffer, bytes.byteOffset, prefix.length).toString('latin1') !== prefix) return undefined;
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    return undefined; // no cache yet, or an unreadable one: start cold
  }
}

/**
 * Writes the parts one after the other to a temporary file, then renames it over `file`: a reader
 * sees the old file or the new one, never half of one. A part may be made only when it is written
 * (a generator), so that the whole content is never one string in memory.
 */
function atomicWrite(file: string, parts: Iterable<string | Uint8Array>): void {
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w');
  try {
    for (const part of parts) {
      const bytes = typeof part === 'string' ? Buffer.from(part) : part;
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
    }
  } catch (error) {
    closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(temporary, file);
}

/** The cache file of these lore folders, in the project's cache folder (see cacheFolder). */
export function defaultCacheFile(cwd: string, loreFolders: string[]): string {
  const key = contentHash(loreFolders.map((f) => resolve(cwd, f)).join('\0'));
  return join(cacheFolder(cwd), `lore-${key}.json`);
}
