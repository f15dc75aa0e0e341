// Files held in memory behind the engine's file-system seam: for tests, benchmarks, and any
// host that already has the texts (folders are implied by the paths; `/` separates).
// Tests can also plant what a real disk has: a file that is no regular file, a folder that cannot
// be listed, a file that cannot be read.
import { FileRefusedError, MAX_FILE_BYTES, tooLarge, type DirectoryEntry, type ReadableFileSystem, type ReadOptions } from './fileSystem';

/** A file that is no regular file, as `ls -l` would call it: `named pipe`, `character device`. */
export interface SpecialFile {
  special: string;
}

type Contents = string | Uint8Array | SpecialFile;

export interface MemoryFaults {
  /** Folders whose listing fails with EACCES (their files still show in the parent's listing). */
  unlistable?: Iterable<string>;
  /** Files whose reading fails with EACCES. */
  unreadable?: Iterable<string>;
}

function failure(code: string, path: string): Error {
  return Object.assign(new Error(`${code}: ${path}`), { code });
}

export class MemoryFileSystem implements ReadableFileSystem {
  private readonly unlistable: Set<string>;
  private readonly unreadable: Set<string>;

  /** Read through on every call: edits to the record or map show in the next read. */
  constructor(
    readonly files: Record<string, Contents> | Map<string, Contents> = {},
    faults: MemoryFaults = {},
  ) {
    this.unlistable = new Set(faults.unlistable ?? []);
    this.unreadable = new Set(faults.unreadable ?? []);
  }

  private get(path: string): Contents | undefined {
    return this.files instanceof Map ? this.files.get(path) : Object.prototype.hasOwnProperty.call(this.files, path) ? this.files[path] : undefined;
  }

  private paths(): Iterable<string> {
    return this.files instanceof Map ? this.files.keys() : Object.keys(this.files);
  }

  async readFile(path: string, options?: ReadOptions): Promise<Uint8Array> {
    const content = this.get(path);
    if (content === undefined) throw failure('ENOENT', path);
    if (this.unreadable.has(path)) throw failure('EACCES', path);
    if (typeof content === 'object' && !(content instanceof Uint8Array)) throw new FileRefusedError(`not a regular file (it is a ${content.special})`);
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    const maxBytes = options?.maxBytes ?? MAX_FILE_BYTES;
    if (bytes.length > maxBytes) throw tooLarge(bytes.length, maxBytes);
    return bytes;
  }

  async readDirectory(path: string): Promise<DirectoryEntry[]> {
    const prefix = `${path}/`;
    const names = new Map<string, boolean>();
    for (const file of this.paths()) {
      if (!file.startsWith(prefix)) continue;
      const rest = file.slice(prefix.length);
      const slash = rest.indexOf('/');
      names.set(slash < 0 ? rest : rest.slice(0, slash), slash >= 0);
    }
    if (names.size === 0) throw failure('ENOENT', path);
    if (this.unlistable.has(path)) throw failure('EACCES', path);
    return [...names].map(([name, isDirectory]) => ({ name, isDirectory }));
  }

  join(folder: string, name: string): string {
    return `${folder}/${name}`;
  }
}
