// More quick fixes on a story's warnings, beside those of codeActions.ts: open the lore entry
// (for when the lore is wrong), add the word as an alias of the entry it is close to, ignore the
// word in this workspace (`words:` in lorekeeper.yaml). The edits are computed in the engine.
import * as vscode from 'vscode';
import type { Diagnostic } from '../core/types';
import { addIgnoredWord } from '../core/features/ignoreWord';
import { addAlias } from '../core/features/loreEdits';
import { OPEN_ENTRY } from './cards';
import { fromPosition } from './convert';
import { currentText, replaceTextEdit } from './fileEdits';
import type { Project } from './project';

export function registerStoryActions(project: Project, selector: vscode.DocumentSelector): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(
    selector,
    {
      async provideCodeActions(document, _range, context) {
        const state = await project.ready();
        if (!state.active || !project.isManuscript(document, state.settings)) return undefined;
        const actions: vscode.CodeAction[] = [];
        for (const diagnostic of context.diagnostics) {
          if (diagnostic.source !== 'Lorekeeper') continue;
          const finding = findingFor(project.check(document, state).diagnostics, diagnostic);
          const entry = finding?.entity ? state.lore.base.byId.get(finding.entity) : undefined;
          if (!finding) continue;
          if (entry) {
            const open = new vscode.CodeAction(`Open the lore entry of ${entry.name}`, vscode.CodeActionKind.QuickFix);
            open.diagnostics = [diagnostic];
            open.command = { title: open.title, command: OPEN_ENTRY, arguments: [entry.id] };
            actions.push(open);
          }
          if (finding.code !== 'unknown-name') continue;
          const word = document.getText(diagnostic.range);
          if (entry) {
            const file = vscode.Uri.parse(entry.location.file);
            const before = await currentText(file);
            const after = typeof before === 'string' ? addAlias(before, entry, word) : undefined;
            if (after !== undefined && typeof before === 'string') {
              const action = new vscode.CodeAction(`Add '${word}' as an alias of ${entry.name}`, vscode.CodeActionKind.QuickFix);
              action.diagnostics = [diagnostic];
              action.edit = replaceTextEdit(file, before, after);
              actions.push(action);
            }
          }
          const config = state.settings.configFile ?? vscode.Uri.joinPath(project.root, 'lorekeeper.yaml');
          const before = await currentText(config);
          if (before === null) continue;
          const after = addIgnoredWord(before, word);
          if (after === undefined) continue;
          const ignore = new vscode.CodeAction(`Ignore '${word}' in this workspace (lorekeeper.yaml)`, vscode.CodeActionKind.QuickFix);
          ignore.diagnostics = [diagnostic];
          ignore.edit = replaceTextEdit(config, before, after);
          // The file is saved so that the CLI and every open manuscript agree at once.
          ignore.command = { title: 'Save lorekeeper.yaml', command: 'lorekeeper.saveFile', arguments: [config.toString()] };
          actions.push(ignore);
        }
        return actions;
      },
    },
    { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
  );
}

/** Saves a file a quick fix edited (it may not be open in an editor). */
export function registerSaveFile(): vscode.Disposable {
  return vscode.commands.registerCommand('lorekeeper.saveFile', async (uri: string) => {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    await document.save();
  });
}

/** The engine's finding behind a diagnostic the server published: same code and range. */
function findingFor(findings: Diagnostic[], diagnostic: vscode.Diagnostic): Diagnostic | undefined {
  const code = typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
  const start = fromPosition(diagnostic.range.start);
  const end = fromPosition(diagnostic.range.end);
  const same = findings.filter(
    (f) => f.code === code && f.range.start.line === start.line && f.range.start.character === start.character && f.range.end.line === end.line && f.range.end.character === end.character,
  );
  return same.find((f) => f.message === diagnostic.message) ?? same[0];
}
