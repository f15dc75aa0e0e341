// The engine reads files only through this interface: the CLI fills it with Node's fs,
// the extension with vscode.workspace.fs (which is what lets it run in vscode.dev too).

export interface DirectoryEntry {
  name: string;
  isDirectory: boolean;
}

export interface ReadableFileSystem {
  /** Rejects when the file does not exist or cannot be read. */
  readFile(path: string): Promise<Uint8Array>;
  /** Rejects when the folder does not exist. */
  readDirectory(path: string): Promise<DirectoryEntry[]>;
  /** Joins a folder path (as this file system writes paths) with a child name. */
  join(folder: string, name: string): string;
}

/** Bytes as text, or the reason they are not text a writer would have written. */
export type DecodedText = { ok: true; text: string } | { ok: false; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes UTF-8 (with or without BOM); refuses binary and non-UTF-8 files with a reason. */
export function decodeText(bytes: Uint8Array, maxBytes = 20 * 1024 * 1024): DecodedText {
  if (bytes.length > maxBytes) {
    return { ok: false, reason: `file is ${(bytes.length / 1048576).toFixed(1)} MB, over the ${Math.round(maxBytes / 1048576)} MB limit` };
  }
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
