// textDocument/completion: canon names in manuscripts (the engine filters and ranks, alive at the
// scene's date first), entry ids where a lore file expects a `relations` target. Lists are marked
// incomplete and every item filters on the typed text, so clients keep the engine's order and
// ask again as the writer types. The card comes with completionItem/resolve.
import type { CompletionItem, CompletionList, CompletionParams, Position } from 'vscode-languageserver';
import { CompletionItemKind, CompletionTriggerKind, MarkupKind } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { lifeNote, periodNote } from '../core/features/completion';
import { suggestNames } from '../core/features/nameSuggestions';
import { sceneCast } from '../core/features/sceneCast';
import { relationTargetAt } from '../core/features/relationIds';
import { parseStoryDate } from '../core/dates';
import type { Entry } from '../core/lore/entry';
import { offsetAt, sceneAt } from '../core/manuscript';
import { cardMarkdown } from './cards';
import { loreFieldCompletion } from './loreFields';
import { normaliseUri } from './uris';
import type { Workspace } from './workspace';

const KINDS: Record<string, CompletionItemKind> = {
  character: CompletionItemKind.Variable,
  species: CompletionItemKind.Class,
  place: CompletionItemKind.Module,
  ship: CompletionItemKind.Struct,
  organization: CompletionItemKind.Folder,
  event: CompletionItemKind.Event,
  item: CompletionItemKind.Constant,
  concept: CompletionItemKind.Keyword,
};

/** What completionItem/resolve needs to build the card. */
interface ItemData {
  folder: string;
  id: string;
  /** The scene's date as the lore writes it, and its mode. */
  date?: string;
  mode?: string;
}

/**
 * Whether the writer asked for this completion (Ctrl+Space) rather than the editor offering names
 * as they type. LSP's `triggerKind: Invoked` cannot say: VS Code sends it for both. A client that
 * knows (the VS Code extension) says so with `lorekeeper/completionRequest` just before the request;
 * for the others, `Invoked` is taken as asked for and everything else as typing.
 */
export function isExplicit(workspace: Workspace, params: CompletionParams): boolean {
  const told = workspace.completionRequests.get(normaliseUri(params.textDocument.uri));
  if (told && told.line === params.position.line && told.character === params.position.character) return told.explicit;
  return params.context?.triggerKind === CompletionTriggerKind.Invoked;
}

export async function complete(workspace: Workspace, params: CompletionParams): Promise<CompletionList | null> {
  const document = workspace.openDocument(params.textDocument.uri);
  const project = workspace.projectFor(params.textDocument.uri);
  if (!document || !project) return null;
  if (project.isLoreFile(document.uri)) return (await completeRelation(workspace, document, params)) ?? loreFieldCompletion(document, params.position);
  const explicit = isExplicit(workspace, params);
  const toldByClient = workspace.completionRequests.has(normaliseUri(params.textDocument.uri));
  const state = await project.ready();
  if (!state.active || !state.settings.completionEnabled || !project.isManuscript(document, state.settings)) return null;
  if (!explicit && !state.settings.completionAsYouType) return null;
  const checked = project.check(document, state);
  const { manuscript } = checked;
  const position = params.position;
  const offset = offsetAt(manuscript.lineStarts, position);
  // Front matter, comments, code: not prose, no names to complete.
  if (offset > 0 && manuscript.prose[offset - 1] !== manuscript.text[offset - 1]) return null;
  const index = project.completion(state);
  const lineStart = manuscript.lineStarts[position.line] ?? 0;
  const lineText = lineAt(manuscript.text, lineStart);
  const lineBefore = lineText.slice(0, position.character);
  const scene = sceneAt(manuscript, offset);
  const calendar = state.lore.base.calendar;
  // Ctrl+Space with nothing typed: the scene's cast first.
  const cast = explicit && /\s$|^$/.test(lineBefore) ? sceneCast(manuscript, checked.scan, offset, calendar) : undefined;
  const suggestions = suggestNames(index, { lineBefore, explicit, date: scene.date, sceneEntryIds: cast?.members.map((m) => m.entry.id), limit: 50 });
  if (!suggestions) {
    // Nothing for this word yet: VS Code asks an incomplete list again only when it held an item,
    // so its client gets one that no typed word matches (a capital may follow: `P` → `Pic`).
    return toldByClient && /[\p{L}\p{N}]$/u.test(lineBefore) ? askAgainList(position, lineBefore) : null;
  }
  const wordAfter = /^[\p{L}\p{N}\p{M}'’.-]*/u.exec(lineText.slice(position.character))![0];
  const start = { line: position.line, character: suggestions.start };
  const inserting = { start, end: position };
  const replacing = { start, end: { line: position.line, character: position.character + wordAfter.length } };
  const items = suggestions.items.map(({ match, preselect }, rank): CompletionItem => {
    const { entry, text, isAlias } = match.candidate;
    // The dead and the unborn, and a title or name that does not hold then, say why they come later.
    const note = [lifeNote(entry, match.status, calendar), periodNote(match.candidate, scene.date, calendar)].filter(Boolean).join(' · ') || undefined;
    const data: ItemData = { folder: project.root, id: entry.id, date: scene.dateText, mode: scene.mode };
    return {
      label: text,
      labelDetails: { detail: note ? ` ${note}` : undefined, description: isAlias ? `${entry.name} · ${entry.kind}` : entry.kind },
      kind: KINDS[entry.kind] ?? CompletionItemKind.Text,
      detail: note ? `${entry.name} (${note})` : entry.name,
      filterText: suggestions.typed,
      sortText: String(rank).padStart(4, '0'),
      preselect,
      textEdit: workspace.support.insertReplace ? { newText: text, insert: inserting, replace: replacing } : { newText: text, range: inserting },
      data,
    };
  });
  return { isIncomplete: true, items };
}

/** One item that no typed word matches, so never shown: the list stays incomplete and is asked again. */
function askAgainList(position: Position, lineBefore: string): CompletionList {
  const word = /[\p{L}\p{N}\p{M}'’.-]*$/u.exec(lineBefore)![0].length;
  const range = { start: { line: position.line, character: position.character - word }, end: position };
  return { isIncomplete: true, items: [{ label: '\u200b', filterText: '\u200b', sortText: '\uffff', textEdit: { range, newText: '' } }] };
}

export async function resolveCompletion(workspace: Workspace, item: CompletionItem): Promise<CompletionItem> {
  const data = item.data as Partial<ItemData> | undefined;
  if (!data || typeof data.id !== 'string' || typeof data.folder !== 'string') return item;
  const project = workspace.folders.find((p) => p.root === data.folder);
  const state = project?.current;
  const entry = state?.lore.base.byId.get(data.id);
  if (!project || !state || !entry) return item;
  const parsed = data.date !== undefined ? parseStoryDate(data.date, state.lore.base.calendar) : undefined;
  const value = cardMarkdown(project, state, entry, workspace.support, { date: parsed?.ok ? parsed.date : undefined, mode: data.mode });
  return { ...item, documentation: workspace.support.markdown ? { kind: MarkupKind.Markdown, value } : value };
}

async function completeRelation(workspace: Workspace, document: TextDocument, params: CompletionParams): Promise<CompletionList | null> {
  const project = workspace.projectFor(document.uri)!;
  const target = relationTargetAt(document.getText(), document.offsetAt(params.position));
  if (!target) return null;
  const state = await project.ready();
  const prefix = target.prefix.toLowerCase();
  const picked = new Map<string, Entry>();
  // Ids that start with what was typed, then entries whose names do ("pic" → jean-luc-picard).
  for (const entry of state.lore.base.entries) {
    if (picked.size >= 200) break;
    if (entry.id.startsWith(prefix)) picked.set(entry.id, entry);
  }
  if (prefix.length > 0) {
    for (const match of project.completion(state).complete(prefix.replace(/-/g, ' '), { limit: 100 })) picked.set(match.candidate.entry.id, match.candidate.entry);
  }
  const range = { start: document.positionAt(target.start), end: params.position };
  const items = [...picked.values()].map(
    (entry, rank): CompletionItem => ({
      label: entry.id,
      labelDetails: { description: `${entry.name} · ${entry.kind}` },
      detail: `${entry.name} · ${entry.kind}`,
      kind: CompletionItemKind.Reference,
      filterText: target.prefix,
      sortText: String(rank).padStart(4, '0'),
      textEdit: { range, newText: entry.id },
    }),
  );
  return { isIncomplete: true, items };
}

function lineAt(text: string, start: number): string {
  const end = text.indexOf('\n', start);
  return text.slice(start, end === -1 ? text.length : end).replace(/\r$/, '');
}
