// The engine's file-system seam filled with Node's fs.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { DirectoryEntry, ReadableFileSystem } from '../core/fileSystem';

export const nodeFileSystem: ReadableFileSystem = {
  readFile: (path) => fs.readFile(path),
  async readDirectory(path): Promise<DirectoryEntry[]> {
    const entries = await fs.readdir(path, { withFileTypes: true });
    return entries.map((entry) => ({ name: entry.name, isDirectory: entry.isDirectory() }));
  },
  join,
};
