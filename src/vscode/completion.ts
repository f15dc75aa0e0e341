// Completion of canon names in manuscripts. The engine filters and ranks (alive at the scene's
// date first); VS Code is told the list is incomplete and given the typed text as every item's
// filter text, so that it keeps the engine's order and asks again as the writer types.
import * as vscode from 'vscode';
import { lifeNote, periodNote, type CompletionMatch } from '../core/features/completion';
import { suggestNames } from '../core/features/nameSuggestions';
import { sceneCast } from '../core/features/sceneCast';
import type { StoryDate } from '../core/dates';
import { offsetAt, sceneAt } from '../core/manuscript';
import { cardMarkdown } from './cards';
import { fromPosition } from './convert';
import type { Project } from './project';
import { askAgainList, isExplicitRequest } from './suggestTrigger';

class NameItem extends vscode.CompletionItem {
  constructor(
    label: vscode.CompletionItemLabel,
    readonly entryId: string,
    readonly scene: { date?: StoryDate; mode?: string },
  ) {
    super(label);
  }
}

const KINDS: Record<string, vscode.CompletionItemKind> = {
  character: vscode.CompletionItemKind.User,
  species: vscode.CompletionItemKind.Class,
  place: vscode.CompletionItemKind.Module,
  ship: vscode.CompletionItemKind.Struct,
  organization: vscode.CompletionItemKind.Folder,
  event: vscode.CompletionItemKind.Event,
  item: vscode.CompletionItemKind.Constant,
  concept: vscode.CompletionItemKind.Keyword,
};

export function registerNameCompletion(project: Project, selector: vscode.DocumentSelector): vscode.Disposable {
  return vscode.languages.registerCompletionItemProvider(selector, {
    async provideCompletionItems(document, position, token, context) {
      const explicit = isExplicitRequest(document, position, context.triggerKind);
      const state = await project.ready();
      if (token.isCancellationRequested || !state.active || !state.settings.completionEnabled) return undefined;
      if (!project.isManuscript(document, state.settings)) return undefined;
      const manuscript = project.manuscript(document, state);
      const offset = offsetAt(manuscript.lineStarts, fromPosition(position));
      // Front matter, comments, code: not prose, no names to complete.
      if (offset > 0 && manuscript.prose[offset - 1] !== manuscript.text[offset - 1]) return undefined;
      if (!explicit && !state.settings.completionAsYouType) return undefined;
      const index = project.completion(state);
      const lineBefore = document.lineAt(position.line).text.slice(0, position.character);
      const scene = sceneAt(manuscript, offset);
      const cast = explicit && /\s$|^$/.test(lineBefore) ? sceneCast(manuscript, project.check(document, state).scan, offset, state.lore.base.calendar) : undefined;
      const suggestions = suggestNames(index, { lineBefore, explicit, date: scene.date, sceneEntryIds: cast?.members.map((m) => m.entry.id), limit: 50 });
      // Nothing for this word: VS Code asks again at the next keystroke (a capital may follow).
      if (!suggestions) return /[\p{L}\p{N}]$/u.test(lineBefore) ? askAgainList(position, lineBefore) : undefined;
      const query = { start: suggestions.start, text: suggestions.typed };
      const matches = suggestions.items.map((item) => item.match);
      const start = new vscode.Position(position.line, query.start);
      const wordAfter = /^[\p{L}\p{N}\p{M}'’.-]*/u.exec(document.lineAt(position.line).text.slice(position.character))![0];
      const range = { inserting: new vscode.Range(start, position), replacing: new vscode.Range(start, position.translate(0, wordAfter.length)) };
      const items = matches.map((match, rank) => toItem(match, rank, query.text, range, state.lore.base.calendar, scene, suggestions.items[rank].preselect));
      return new vscode.CompletionList(items, true);
    },
    resolveCompletionItem(item) {
      const state = project.current;
      if (!(item instanceof NameItem) || !state) return item;
      const entry = state.lore.base.byId.get(item.entryId);
      if (entry) item.documentation = cardMarkdown(project, state, entry, item.scene);
      return item;
    },
  });
}

function toItem(
  match: CompletionMatch,
  rank: number,
  typed: string,
  range: { inserting: vscode.Range; replacing: vscode.Range },
  calendar: Parameters<typeof lifeNote>[2],
  scene: { date?: StoryDate; mode?: string },
  preselect: boolean,
): NameItem {
  const { entry, text, isAlias } = match.candidate;
  // The dead and the unborn, and a title or name that does not hold then, say why they come later.
  const note = [lifeNote(entry, match.status, calendar), periodNote(match.candidate, scene.date, calendar)].filter(Boolean).join(' · ') || undefined;
  const label: vscode.CompletionItemLabel = {
    label: text,
    detail: note ? ` ${note}` : undefined,
    description: isAlias ? `${entry.name} · ${entry.kind}` : entry.kind,
  };
  const item = new NameItem(label, entry.id, { date: scene.date, mode: scene.mode });
  item.kind = KINDS[entry.kind] ?? vscode.CompletionItemKind.Text;
  item.insertText = text;
  item.filterText = typed;
  item.sortText = String(rank).padStart(4, '0');
  item.range = range;
  item.preselect = preselect;
  item.detail = note ? `${entry.name} (${note})` : entry.name;
  return item;
}
