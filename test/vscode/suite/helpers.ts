// Shared by the host tests: the extension's API, the fixture workspace, and waiting on a
// condition with a deadline (never a fixed sleep).
import * as vscode from 'vscode';
import type { LorekeeperApi } from '../../../src/vscode/extension';

export const EXTENSION_ID = 'lorekeeper.lorekeeper';

/** The extension, activated, with its lore loaded. */
export async function lorekeeper(): Promise<LorekeeperApi> {
  try {
    await vscode.workspace.fs.stat(workspaceUri('lore', 'characters', 'people.yaml'));
  } catch {
    throw new Error('these tests need the fixture workspace: node scripts/vscode/run.mjs --suite host --workspace test/vscode/fixtures/workspace');
  }
  const extension = vscode.extensions.getExtension<LorekeeperApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  const api = await extension.activate();
  await api.whenIdle();
  return api;
}

export function workspaceUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

/** Polls `probe` until it returns something other than undefined/false, or fails after `timeoutMs`. */
export async function until<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function openFile(...segments: string[]): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(...segments));
  return vscode.window.showTextDocument(document);
}

/** A new unsaved manuscript (untitled documents are always checked). */
let drafts = 0;

/**
 * A new unsaved document with `content`, under a name no earlier draft used: VS Code reuses
 * "Untitled-1" once it is closed, and a provider could then answer for the closed one.
 */
export async function draft(content: string, language = 'markdown'): Promise<vscode.TextEditor> {
  const extension = language === 'markdown' ? 'md' : 'txt';
  const uri = vscode.Uri.from({ scheme: 'untitled', path: `/lorekeeper-draft-${++drafts}-${Date.now()}.${extension}` });
  let document = await vscode.workspace.openTextDocument(uri);
  if (document.languageId !== language) document = await vscode.languages.setTextDocumentLanguage(document, language);
  const editor = await vscode.window.showTextDocument(document);
  await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), content));
  return editor;
}

/** Closes an editor without saving anything. */
export async function discard(document: vscode.TextDocument): Promise<void> {
  if (document.isClosed) return;
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

/** The position of the `occurrence`-th `needle` in the document, `offset` characters into it. */
export function positionOf(document: vscode.TextDocument, needle: string, offset = 0, occurrence = 0): vscode.Position {
  const text = document.getText();
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" (#${occurrence}) not found in ${document.uri.toString()}`);
  }
  return document.positionAt(at + offset);
}

export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** Lorekeeper's diagnostics of a document once `ready` accepts them. */
export function diagnosticsWhen(uri: vscode.Uri, what: string, ready: (codes: string[]) => boolean, timeoutMs?: number): Promise<vscode.Diagnostic[]> {
  return until(
    what,
    () => {
      const found = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Lorekeeper');
      return ready(found.map(codeOf)) ? found : undefined;
    },
    timeoutMs,
  );
}

/** Names offered at a position, in the order offered. */
export async function completions(document: vscode.TextDocument, position: vscode.Position, resolve = 0): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position, undefined, resolve);
  return list.items
    .filter((item) => typeof item.label === 'object' && item.label.description !== undefined)
    .sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
}

/**
 * Names offered when the writer asks (Ctrl+Space runs lorekeeper.suggestNames in manuscripts):
 * near misses, short prefixes and lowercase words are offered only then.
 */
export async function askedCompletions(editor: vscode.TextEditor, position: vscode.Position, resolve = 0): Promise<vscode.CompletionItem[]> {
  await vscode.window.showTextDocument(editor.document);
  editor.selection = new vscode.Selection(position, position);
  await vscode.commands.executeCommand('lorekeeper.suggestNames');
  const items = await completions(editor.document, position, resolve);
  await vscode.commands.executeCommand('hideSuggestWidget');
  return items;
}

export function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

export async function writeFile(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

export async function deleteFile(uri: vscode.Uri): Promise<void> {
  await vscode.workspace.fs.delete(uri, { useTrash: false }).then(undefined, () => undefined);
}
