// The engine's file-system seam over the client: each read is a lorekeeper/fs request that the
// client answers from its own file system (vscode.workspace.fs: disk, vscode.dev's GitHub
// repositories, anything VS Code can open).
import type { Connection } from 'vscode-languageserver';
import { FileRefusedError, type DirectoryEntry, type ReadableFileSystem, type ReadOptions } from '../core/fileSystem';
import { ReadDirectoryRequest, ReadFileRequest } from './protocol';
import { joinUri } from './uris';

export function clientFileSystem(connection: Connection): ReadableFileSystem {
  return {
    async readFile(uri: string, options?: ReadOptions): Promise<Uint8Array> {
      const answer = await connection.sendRequest(ReadFileRequest, { uri, maxBytes: options?.maxBytes });
      if ('error' in answer) throw answer.refused ? new FileRefusedError(answer.error) : new Error(answer.error);
      return fromBase64(answer.base64);
    },
    async readDirectory(uri: string): Promise<DirectoryEntry[]> {
      const answer = await connection.sendRequest(ReadDirectoryRequest, { uri });
      if ('error' in answer) throw new Error(answer.error);
      return answer.entries;
    },
    join: joinUri,
  };
}

/** `file:` URIs from one file system, every other scheme from another. */
export function routedFileSystem(files: ReadableFileSystem, others: ReadableFileSystem): ReadableFileSystem {
  const pick = (uri: string): ReadableFileSystem => (uri.startsWith('file:') ? files : others);
  return {
    readFile: (uri, options) => pick(uri).readFile(uri, options),
    readDirectory: (uri) => pick(uri).readDirectory(uri),
    join: joinUri,
  };
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // In chunks of 32 KiB: few enough arguments for any engine's stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000) as unknown as number[]);
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
