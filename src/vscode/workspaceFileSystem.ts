// The engine's file-system seam filled with vscode.workspace.fs (so it works on any file system
// VS Code can open, vscode.dev included). Paths are URI strings. An open lore file with unsaved
// changes is read from its editor, so lore problems follow the writer's typing.
import * as vscode from 'vscode';
import { FileRefusedError, MAX_FILE_BYTES, tooLarge, type DirectoryEntry, type ReadableFileSystem, type ReadOptions } from '../core/fileSystem';

const encoder = new TextEncoder();

export const workspaceFileSystem: ReadableFileSystem = {
  async readFile(path: string, options?: ReadOptions): Promise<Uint8Array> {
    const maxBytes = options?.maxBytes ?? MAX_FILE_BYTES;
    const open = vscode.workspace.textDocuments.find((d) => d.isDirty && d.uri.toString() === path);
    if (open) {
      const bytes = encoder.encode(open.getText());
      if (bytes.length > maxBytes) throw tooLarge(bytes.length, maxBytes);
      return bytes;
    }
    const uri = vscode.Uri.parse(path);
    // Stat first: a named pipe or a device (FileType.Unknown) is never read, nor a file over the limit.
    const stat = await vscode.workspace.fs.stat(uri);
    if ((stat.type & vscode.FileType.File) === 0) {
      throw new FileRefusedError(`not a regular file (it is a ${(stat.type & vscode.FileType.Directory) !== 0 ? 'folder' : 'special file'})`);
    }
    if (stat.size > maxBytes) throw tooLarge(stat.size, maxBytes);
    const bytes = await vscode.workspace.fs.readFile(uri);
    // The API cannot stop a read part-way: a file that grew past the limit is refused afterwards.
    if (bytes.length > maxBytes) throw tooLarge(bytes.length, maxBytes);
    return bytes;
  },
  async readDirectory(path: string): Promise<DirectoryEntry[]> {
    const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.parse(path));
    // A link to a folder is not walked into, as in the CLI: a link loop cannot make a walk endless.
    return entries.map(([name, type]) => ({ name, isDirectory: (type & vscode.FileType.Directory) !== 0 && (type & vscode.FileType.SymbolicLink) === 0 }));
  },
  join(folder: string, name: string): string {
    return vscode.Uri.joinPath(vscode.Uri.parse(folder), name).toString();
  },
};
