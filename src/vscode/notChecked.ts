// A hint on Markdown and text files that Lorekeeper does not check and a writer may expect it to:
// a chapter saved inside the lore folder. (`lorekeeper: off` notes are silent on purpose.)
import * as vscode from 'vscode';
import { notCheckedReason } from '../core/features/manuscriptFiles';
import type { Project } from './project';

export function registerNotCheckedHints(project: Project): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('lorekeeper-files');
  const update = (document: vscode.TextDocument): void => {
    const state = project.current;
    const path = project.relativePath(document.uri);
    const reason = state?.active && path !== undefined && ['markdown', 'plaintext'].includes(document.languageId) ? notCheckedReason(path, state.settings) : undefined;
    if (!reason) {
      collection.delete(document.uri);
      return;
    }
    const diagnostic = new vscode.Diagnostic(new vscode.Range(0, 0, 0, Math.min(document.lineAt(0).text.length, 80)), reason, vscode.DiagnosticSeverity.Information);
    diagnostic.source = 'Lorekeeper';
    diagnostic.code = 'not-checked';
    collection.set(document.uri, [diagnostic]);
  };
  return vscode.Disposable.from(
    collection,
    vscode.workspace.onDidOpenTextDocument(update),
    vscode.workspace.onDidCloseTextDocument((d) => collection.delete(d.uri)),
    project.onDidChangeLore(() => vscode.workspace.textDocuments.forEach(update)),
  );
}
