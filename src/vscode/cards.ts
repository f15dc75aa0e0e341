// Opening a lore entry where it is defined, its name selected (the hover cards' and the Lore
// view's links run this command with the entry's id).
import * as vscode from 'vscode';
import { EntryCardRequest, OPEN_ENTRY_COMMAND } from '../server/protocol';
import type { LoreClient } from './client';

export const OPEN_ENTRY = OPEN_ENTRY_COMMAND;

export async function openEntry(lore: LoreClient, id: string): Promise<void> {
  const found = await lore.request(EntryCardRequest, { uri: vscode.window.activeTextEditor?.document.uri.toString(), id });
  const location = found?.location;
  if (!location) {
    void vscode.window.showWarningMessage(`Lorekeeper: no lore entry has the id "${id}".`);
    return;
  }
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(location.uri));
  const { start, end } = location.range;
  const selection = new vscode.Range(start.line, start.character, start.line === end.line ? end.line : start.line, start.line === end.line ? end.character : start.character);
  await vscode.window.showTextDocument(document, { selection, preview: true });
}
