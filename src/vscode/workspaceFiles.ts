// The client's half of lorekeeper/fs: the server asks for files it cannot read itself (in a web
// worker, or in a virtual workspace), and they are read with vscode.workspace.fs.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { toBase64 } from '../server/clientFileSystem';
import { FileRefusedError } from '../core/fileSystem';
import { ReadDirectoryRequest, ReadFileRequest } from '../server/protocol';
import { workspaceFileSystem } from './workspaceFileSystem';

export function serveWorkspaceFiles(client: BaseLanguageClient): void {
  client.onRequest(ReadFileRequest, async ({ uri, maxBytes }) => {
    try {
      // Stat first: a named pipe, a device or a file over the limit is refused, never read.
      return { base64: toBase64(await workspaceFileSystem.readFile(uri, { maxBytes })) };
    } catch (error) {
      return { error: (error as Error).message, refused: error instanceof FileRefusedError };
    }
  });
  client.onRequest(ReadDirectoryRequest, async ({ uri }) => {
    try {
      const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.parse(uri));
      return { entries: entries.map(([name, type]) => ({ name, isDirectory: (type & vscode.FileType.Directory) !== 0 })) };
    } catch (error) {
      return { error: (error as Error).message };
    }
  });
}
