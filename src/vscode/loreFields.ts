// Field completion and hover in lore YAML files (no YAML extension needed): the engine says which
// fields and kinds exist and what a date means in this base's calendar.
import * as vscode from 'vscode';
import { loreFieldCompletions, loreFieldHover } from '../core/features/loreFields';
import { relationTargetAt } from '../core/features/relationIds';
import type { Project } from './project';

const LORE_FILES: vscode.DocumentSelector = { pattern: '**/*.{yaml,yml}' };

export function registerLoreFields(project: Project): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.languages.registerCompletionItemProvider(LORE_FILES, {
      provideCompletionItems(document, position) {
        if (!project.isLoreFile(document.uri) || relationTargetAt(document.getText(), document.offsetAt(position))) return undefined;
        const lineBefore = document.lineAt(position.line).text.slice(0, position.character);
        const items = loreFieldCompletions(lineBefore);
        if (!items) return undefined;
        return items.map((field, rank) => {
          const item = new vscode.CompletionItem({ label: field.label, description: field.kind === 'field' ? 'Lorekeeper field' : 'Lorekeeper kind' }, field.kind === 'field' ? vscode.CompletionItemKind.Field : vscode.CompletionItemKind.EnumMember);
          item.insertText = field.insertText;
          item.documentation = new vscode.MarkdownString(field.detail);
          item.range = new vscode.Range(position.line, field.start, position.line, position.character);
          item.sortText = String(rank).padStart(3, '0');
          return item;
        });
      },
    }),
    vscode.languages.registerHoverProvider(LORE_FILES, {
      async provideHover(document, position) {
        if (!project.isLoreFile(document.uri)) return undefined;
        const state = await project.ready();
        const hover = loreFieldHover(document.lineAt(position.line).text, position.character, state.lore.base.calendar);
        if (!hover) return undefined;
        return new vscode.Hover(new vscode.MarkdownString(hover.markdown), new vscode.Range(position.line, hover.start, position.line, hover.end));
      },
    }),
  );
}
