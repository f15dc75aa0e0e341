// The engine's file-system seam over `file:` URIs, with Node's fs (the server names every file by
// its URI, as the client does).
import { promises as fs } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readRegularFile } from '../../cli/nodeFileSystem';
import { MAX_FILE_BYTES, type DirectoryEntry, type ReadableFileSystem } from '../../core/fileSystem';
import { joinUri } from '../uris';

function pathOf(uri: string): string {
  if (!uri.startsWith('file:')) throw new Error(`not a file URI: ${uri}`);
  return fileURLToPath(uri);
}

export const nodeUriFileSystem: ReadableFileSystem = {
  // Only a regular file within the limit is read: a named pipe or a device is refused from its stat.
  readFile: async (uri, options) => readRegularFile(pathOf(uri), options?.maxBytes ?? MAX_FILE_BYTES),
  async readDirectory(uri): Promise<DirectoryEntry[]> {
    const entries = await fs.readdir(pathOf(uri), { withFileTypes: true });
    return entries.map((entry) => ({ name: entry.name, isDirectory: entry.isDirectory() }));
  },
  join: joinUri,
};
