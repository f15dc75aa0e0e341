// Lore YAML files without any YAML extension: completion of the fields and kinds an entry may have,
// and a hover on a field (what it means) or a date (what it means in this base's calendar).
import { CompletionItemKind, MarkupKind, type CompletionList, type Hover, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { loreFieldCompletions, loreFieldHover } from '../core/features/loreFields';
import type { Project } from './project';
import type { Workspace } from './workspace';

function lineOf(document: TextDocument, line: number): string {
  return document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
}

export function loreFieldCompletion(document: TextDocument, position: Position): CompletionList | null {
  const items = loreFieldCompletions(lineOf(document, position.line).slice(0, position.character));
  if (!items) return null;
  return {
    isIncomplete: false,
    items: items.map((field, rank) => ({
      label: field.label,
      labelDetails: { description: field.kind === 'field' ? 'Lorekeeper field' : 'Lorekeeper kind' },
      kind: field.kind === 'field' ? CompletionItemKind.Field : CompletionItemKind.EnumMember,
      documentation: { kind: MarkupKind.Markdown, value: field.detail },
      sortText: String(rank).padStart(3, '0'),
      textEdit: { range: { start: { line: position.line, character: field.start }, end: position }, newText: field.insertText },
    })),
  };
}

export async function loreFieldHoverAt(workspace: Workspace, project: Project, document: TextDocument, position: Position): Promise<Hover | null> {
  const state = await project.ready();
  const found = loreFieldHover(lineOf(document, position.line), position.character, state.lore.base.calendar);
  if (!found) return null;
  return {
    contents: workspace.support.markdown ? { kind: MarkupKind.Markdown, value: found.markdown } : { kind: MarkupKind.PlainText, value: found.markdown },
    range: { start: { line: position.line, character: found.start }, end: { line: position.line, character: found.end } },
  };
}
