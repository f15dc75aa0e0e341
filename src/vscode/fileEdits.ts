// Reading a workspace file's current text (its open editor's, else the disk's) and turning a
// whole-text change into the smallest WorkspaceEdit, for quick fixes that edit other files.
import * as vscode from 'vscode';
import { minimalEdit } from '../core/features/addEntry';
import { decodeText } from '../core/fileSystem';
import { computeLineStarts, positionAt } from '../core/manuscript';
import { toPosition } from './convert';

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

/** The edit that turns `before` (undefined: no file yet) into `after`. */
export function replaceTextEdit(uri: vscode.Uri, before: string | undefined, after: string, edit = new vscode.WorkspaceEdit()): vscode.WorkspaceEdit {
  if (before === undefined) {
    edit.createFile(uri, { ignoreIfExists: true });
    edit.insert(uri, new vscode.Position(0, 0), after);
    return edit;
  }
  const change = minimalEdit(before, after);
  const lineStarts = computeLineStarts(before);
  edit.replace(uri, new vscode.Range(toPosition(positionAt(lineStarts, change.start)), toPosition(positionAt(lineStarts, change.end))), change.newText);
  return edit;
}
