// Quick fixes in lore files, from the engine's findings: a date written as prose normalised
// (`July 31, 1980` → `1980-07-31`), a field name one slip from a known one renamed, a duplicate
// alias removed.
import * as vscode from 'vscode';
import { removeListItemAt } from '../core/features/loreEdits';
import type { Diagnostic } from '../core/types';
import { toRange } from './convert';
import { replaceTextEdit } from './fileEdits';
import type { LoreState, Project } from './project';

export function registerLoreActions(project: Project): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(
    { pattern: '**/*.{yaml,yml}' },
    {
      async provideCodeActions(document, _range, context) {
        if (!project.isLoreFile(document.uri)) return undefined;
        const ours = context.diagnostics.filter((d) => d.source === 'Lorekeeper');
        if (ours.length === 0) return undefined;
        const findingIn = (state: LoreState, diagnostic: vscode.Diagnostic): Diagnostic | undefined => {
          const code = typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
          return state.lore.base.problems.find((p: Diagnostic) => p.code === code && p.file === document.uri.toString() && toRange(p.range).isEqual(diagnostic.range));
        };
        let state = await project.whenIdle();
        // The diagnostics come from the language server, which may have read the file before the
        // extension's own copy of the lore did: read it again once before giving up.
        if (ours.some((d) => !findingIn(state, d))) {
          project.scheduleReload(0);
          state = await project.whenIdle();
        }
        const actions: vscode.CodeAction[] = [];
        for (const diagnostic of ours) {
          const code = typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
          const finding = findingIn(state, diagnostic);
          if (!finding) continue;
          const add = (title: string, edit: vscode.WorkspaceEdit): void => {
            const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
            action.diagnostics = [diagnostic];
            action.edit = edit;
            action.isPreferred = true;
            actions.push(action);
          };
          if (finding.fix !== undefined) {
            const edit = new vscode.WorkspaceEdit();
            edit.replace(document.uri, diagnostic.range, finding.fix);
            const what = code === 'lore-unknown-field' ? `Rename the field to '${finding.fix}'` : code === 'lore-invalid-date' ? `Write the date as ${finding.fix}` : `Change to '${finding.fix}'`;
            add(what, edit);
          }
          if (code === 'lore-duplicate-alias') {
            const before = document.getText();
            const after = removeListItemAt(before, finding.range.start);
            if (after !== undefined) add(`Remove the duplicate alias '${document.getText(diagnostic.range)}'`, replaceTextEdit(document.uri, before, after));
          }
        }
        return actions;
      },
    },
    { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
  );
}
