// The engine's file-system seam over `file:` URIs, with Node's fs (the server names every file by
// its URI, as the client does).
import { promises as fs } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DirectoryEntry, ReadableFileSystem } from '../../core/fileSystem';
import { joinUri } from '../uris';

function pathOf(uri: string): string {
  if (!uri.startsWith('file:')) throw new Error(`not a file URI: ${uri}`);
  return fileURLToPath(uri);
}

export const nodeUriFileSystem: ReadableFileSystem = {
  readFile: async (uri) => fs.readFile(pathOf(uri)),
  async readDirectory(uri): Promise<DirectoryEntry[]> {
    const entries = await fs.readdir(pathOf(uri), { withFileTypes: true });
    return entries.map((entry) => ({ name: entry.name, isDirectory: entry.isDirectory() }));
  },
  join: joinUri,
};
