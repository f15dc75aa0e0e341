// The client's half of lorekeeper/fs: the server asks for files it cannot read itself (in a web
// worker, or in a virtual workspace), and they are read with vscode.workspace.fs.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { toBase64 } from '../server/clientFileSystem';
import { ReadDirectoryRequest, ReadFileRequest } from '../server/protocol';

export function serveWorkspaceFiles(client: BaseLanguageClient): void {
  client.onRequest(ReadFileRequest, async ({ uri }) => {
    try {
      return { base64: toBase64(await vscode.workspace.fs.readFile(vscode.Uri.parse(uri))) };
    } catch (error) {
      return { error: (error as Error).message };
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
