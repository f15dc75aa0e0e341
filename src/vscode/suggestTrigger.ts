// VS Code tells a completion provider nothing about who asked: Ctrl+Space and suggestions shown as
// the writer types both arrive as `Invoke`. The engine must know (a near miss or a lowercase word
// is fine when asked for, a hazard while typing), so in manuscripts Ctrl+Space runs this command,
// which notes the request and then opens the suggestions as usual.
import * as vscode from 'vscode';

export const SUGGEST_NAMES = 'lorekeeper.suggestNames';

let asked: { uri: string; line: number; at: number } | undefined;

export function registerSuggestTrigger(): vscode.Disposable {
  return vscode.commands.registerCommand(SUGGEST_NAMES, async () => {
    const editor = vscode.window.activeTextEditor;
    if (editor) asked = { uri: editor.document.uri.toString(), line: editor.selection.active.line, at: Date.now() };
    await vscode.commands.executeCommand('editor.action.triggerSuggest');
  });
}

/**
 * Whether this completion request comes from the writer asking: just after the command, or as the
 * list they asked for is refined while they keep typing on the same line.
 */
export function isExplicitRequest(document: vscode.TextDocument, position: vscode.Position, kind: vscode.CompletionTriggerKind): boolean {
  if (!asked || asked.uri !== document.uri.toString() || asked.line !== position.line) return false;
  if (kind === vscode.CompletionTriggerKind.TriggerForIncompleteCompletions) return true;
  const fresh = Date.now() - asked.at < 1000;
  if (!fresh) asked = undefined;
  return fresh;
}

/**
 * "Nothing yet, ask me again": VS Code asks an incomplete list again only for a provider that
 * gave it at least one item, so an empty list for `P` would leave `Pic`, typed fast, with no
 * suggestions. This list holds one item that no typed word matches, so it is never shown.
 */
export function askAgainList(position: vscode.Position, lineBefore: string): vscode.CompletionList {
  const item = new vscode.CompletionItem('\u200b');
  item.filterText = '\u200b';
  item.insertText = '';
  // VS Code filters an item by the text its range covers: the word typed, which never matches.
  const word = /[\p{L}\p{N}\p{M}'’.-]*$/u.exec(lineBefore)![0].length;
  item.range = new vscode.Range(position.translate(0, -word), position);
  item.sortText = '\uffff';
  return new vscode.CompletionList([item], true);
}
