// The engine's file-system seam filled with Node's fs.
// A one-shot CLI reads synchronously: it has nothing else to do meanwhile, and each async read
// would cost a round trip through libuv's thread pool (measured: ~20% of a warm check).
import { closeSync, constants, fstatSync, openSync, readSync, readdirSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { FileRefusedError, MAX_FILE_BYTES, tooLarge, type DirectoryEntry, type ReadableFileSystem } from '../core/fileSystem';

export const nodeFileSystem: ReadableFileSystem = {
  readFile: async (path, options) => readRegularFile(path, options?.maxBytes ?? MAX_FILE_BYTES),
  async readDirectory(path): Promise<DirectoryEntry[]> {
    return readdirSync(path, { withFileTypes: true }).map((entry) => ({ name: entry.name, isDirectory: entry.isDirectory() }));
  },
  join,
};

/** What `stat` says a path is, for a message, when it is no regular file. */
function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return 'named pipe';
  if (stats.isCharacterDevice()) return 'character device';
  if (stats.isBlockDevice()) return 'block device';
  if (stats.isSocket()) return 'socket';
  if (stats.isDirectory()) return 'folder';
  return 'special file';
}

function refuseUnlessRegular(stats: Stats, maxBytes: number, refuseSize: (bytes: number, maxBytes: number) => Error): void {
  if (!stats.isFile()) throw new FileRefusedError(`not a regular file (it is a ${kindOf(stats)})`);
  if (stats.size > maxBytes) throw refuseSize(stats.size, maxBytes);
}

// Opened without blocking: should the path turn into a named pipe between stat and open, the
// open returns at once and fstat refuses it.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);
const CHUNK = 1024 * 1024;

/** The buffer `readRegularFile` reads into when asked to reuse one (grown as needed, never shrunk). */
let scratch: Buffer | undefined;
const MIN_SCRATCH = 64 * 1024;

function scratchOf(bytes: number): Buffer {
  if (!scratch || scratch.length < bytes) scratch = Buffer.allocUnsafe(Math.max(bytes, MIN_SCRATCH, (scratch?.length ?? 0) * 2));
  return scratch.subarray(0, bytes);
}

/**
 * Reads a regular file (following symbolic links) of at most `maxBytes`: anything else is
 * refused from `stat` before it is opened, and the read stops past `maxBytes` even if the file
 * grows while it is read (`refuseSize` makes the error of a file too large).
 * `reuse`: read into one buffer kept for the purpose, so that a run reading many files (the
 * manuscripts) allocates none for each: the bytes returned are then valid only until the next
 * such read, and must be decoded (or copied) before it.
 */
export function readRegularFile(path: string, maxBytes: number, refuseSize: (bytes: number, maxBytes: number) => Error = tooLarge, reuse = false): Uint8Array {
  refuseUnlessRegular(statSync(path), maxBytes, refuseSize);
  const fd = openSync(path, OPEN_FLAGS);
  try {
    const stats = fstatSync(fd);
    refuseUnlessRegular(stats, maxBytes, refuseSize);
    const chunks: Buffer[] = [];
    let total = 0;
    // One byte more than the stated size, to see whether the file grew.
    let want = Math.min(stats.size, maxBytes) + 1;
    for (;;) {
      const chunk = reuse && chunks.length === 0 ? scratchOf(want) : Buffer.allocUnsafe(want);
      let filled = 0;
      while (filled < want) {
        const read = readSync(fd, chunk, filled, want - filled, null);
        if (read === 0) break;
        filled += read;
      }
      chunks.push(filled === want ? chunk : chunk.subarray(0, filled));
      total += filled;
      if (total > maxBytes) throw refuseSize(total, maxBytes);
      if (filled < want) break;
      want = Math.min(CHUNK, maxBytes + 1 - total);
    }
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}
