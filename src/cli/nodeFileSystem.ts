// The engine's file-system seam filled with Node's fs.
// A one-shot CLI reads synchronously: it has nothing else to do meanwhile, and each async read
// would cost a round trip through libuv's thread pool (measured: ~20% of a warm check).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DirectoryEntry, ReadableFileSystem } from '../core/fileSystem';

export const nodeFileSystem: ReadableFileSystem = {
  readFile: async (path) => readFileSync(path),
  async readDirectory(path): Promise<DirectoryEntry[]> {
    return readdirSync(path, { withFileTypes: true }).map((entry) => ({ name: entry.name, isDirectory: entry.isDirectory() }));
  },
  join,
};
