// The engine's file-system seam filled with vscode.workspace.fs (so it works on any file system
// VS Code can open, vscode.dev included). Paths are URI strings. An open lore file with unsaved
// changes is read from its editor, so lore problems follow the writer's typing.
import * as vscode from 'vscode';
import type { DirectoryEntry, ReadableFileSystem } from '../core/fileSystem';

const encoder = new TextEncoder();

export const workspaceFileSystem: ReadableFileSystem = {
  async readFile(path: string): Promise<Uint8Array> {
    const open = vscode.workspace.textDocuments.find((d) => d.isDirty && d.uri.toString() === path);
    if (open) return encoder.encode(open.getText());
    return vscode.workspace.fs.readFile(vscode.Uri.parse(path));
  },
  async readDirectory(path: string): Promise<DirectoryEntry[]> {
    const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.parse(path));
    return entries.map(([name, type]) => ({ name, isDirectory: (type & vscode.FileType.Directory) !== 0 }));
  },
  join(folder: string, name: string): string {
    return vscode.Uri.joinPath(vscode.Uri.parse(folder), name).toString();
  },
};
