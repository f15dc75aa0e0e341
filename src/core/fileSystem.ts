// The engine reads files only through this interface: the CLI fills it with Node's fs,
// the extension with vscode.workspace.fs (which is what lets it run in vscode.dev too).

export interface DirectoryEntry {
  name: string;
  isDirectory: boolean;
}

export interface ReadOptions {
  /** Refuse a file larger than this, before reading it (default `MAX_FILE_BYTES`). */
  maxBytes?: number;
}

/** The most a lore file or manuscript may hold: 20 MB (20 × 1024 × 1024 bytes). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

export interface ReadableFileSystem {
  /**
   * Reads a regular file. Rejects when it does not exist or cannot be read, and with a
   * `FileRefusedError` when it is no regular file (a named pipe, a device, a socket: never opened
   * for reading, so never a hang) or is larger than `maxBytes` — known from its size before
   * reading, and the read stops there even if the file grows meanwhile.
   */
  readFile(path: string, options?: ReadOptions): Promise<Uint8Array>;
  /** Rejects when the folder does not exist (see `isNotFound`) or cannot be listed. */
  readDirectory(path: string): Promise<DirectoryEntry[]>;
  /** Joins a folder path (as this file system writes paths) with a child name. */
  join(folder: string, name: string): string;
}

/** A file Lorekeeper will not read; the message says why, for the writer ("is a named pipe"). */
export class FileRefusedError extends Error {}

export function tooLarge(bytes: number, maxBytes: number): FileRefusedError {
  return new FileRefusedError(`file is ${(bytes / 1048576).toFixed(1)} MB, over the ${Math.round(maxBytes / 1048576)} MB limit`);
}

/** Whether a file-system error means "there is nothing at this path" (Node, VS Code, memory). */
export function isNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === 'ENOENT' || code === 'FileNotFound' || code === 'ENOTDIR';
}

/** A file-system error as one short line for a message: the system's code where it has one. */
export function describeError(error: unknown): string {
  if (error instanceof FileRefusedError) return error.message;
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && code.length > 0) return code;
  return String((error as Error | undefined)?.message ?? error).split('\n')[0];
}

/** Bytes as text, or the reason they are not text a writer would have written. */
export type DecodedText = { ok: true; text: string } | { ok: false; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes UTF-8 (with or without BOM); refuses binary and non-UTF-8 files with a reason. */
export function decodeText(bytes: Uint8Array, maxBytes = MAX_FILE_BYTES): DecodedText {
  if (bytes.length > maxBytes) return { ok: false, reason: tooLarge(bytes.length, maxBytes).message };
  const probe = Math.min(bytes.length, 8192);
  for (let i = 0; i < probe; i++) {
    if (bytes[i] === 0) return { ok: false, reason: 'file looks binary (it contains NUL bytes)' };
  }
  try {
    let text = utf8.decode(bytes);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { ok: true, text };
  } catch {
    return { ok: false, reason: 'file is not valid UTF-8 (save it as UTF-8)' };
  }
}
