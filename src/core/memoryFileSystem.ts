// Files held in memory behind the engine's file-system seam: for tests, benchmarks, and any
// host that already has the texts (folders are implied by the paths; `/` separates).
import type { DirectoryEntry, ReadableFileSystem } from './fileSystem';

type Contents = string | Uint8Array;

export class MemoryFileSystem implements ReadableFileSystem {
  /** Read through on every call: edits to the record or map show in the next read. */
  constructor(readonly files: Record<string, Contents> | Map<string, Contents> = {}) {}

  private get(path: string): Contents | undefined {
    return this.files instanceof Map ? this.files.get(path) : this.files[path];
  }

  private paths(): Iterable<string> {
    return this.files instanceof Map ? this.files.keys() : Object.keys(this.files);
  }

  async readFile(path: string): Promise<Uint8Array> {
    const content = this.get(path);
    if (content === undefined) throw new Error(`ENOENT: ${path}`);
    return typeof content === 'string' ? new TextEncoder().encode(content) : content;
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
    if (names.size === 0) throw new Error(`ENOENT: ${path}`);
    return [...names].map(([name, isDirectory]) => ({ name, isDirectory }));
  }

  join(folder: string, name: string): string {
    return `${folder}/${name}`;
  }
}
