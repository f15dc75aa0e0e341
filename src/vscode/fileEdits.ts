// Reading a workspace file's current text (its open editor's, else the disk's), for commands that
// create or extend files; and a URI's path relative to a folder, to name it to the writer.
import * as vscode from 'vscode';
import { decodeText } from '../core/fileSystem';

/** The file's text, undefined when it does not exist, null when it is no UTF-8 text. */
export async function currentText(uri: vscode.Uri): Promise<string | undefined | null> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    const decoded = decodeText(await vscode.workspace.fs.readFile(uri));
    return decoded.ok ? decoded.text : null;
  } catch {
    return undefined;
  }
}

/** The path relative to `root` (with `/`), or undefined outside it. */
export function relativePath(root: vscode.Uri, uri: vscode.Uri): string | undefined {
  const base = root.path.endsWith('/') ? root.path : `${root.path}/`;
  if (uri.scheme !== root.scheme || uri.authority !== root.authority || !uri.path.startsWith(base)) return undefined;
  return uri.path.slice(base.length);
}
