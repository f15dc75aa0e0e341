// lorekeeper/loreState, lorekeeper/sceneAt and lorekeeper/entryCard: what a client's own views (a
// status bar, a tree of entries) need to know about the lore, without any canon rule of their own.
import { dateInWords } from '../core/dates';
import { canonWords, DICTIONARY_FORMATS, formatDictionary } from '../core/features/dictionary';
import { endNote } from '../core/features/lifeStatus';
import { offsetAt, sceneAt } from '../core/manuscript';
import { cardMarkdown } from './cards';
import { definitionOf } from './definition';
import type { CanonWordsParams, CanonWordsResult, LoreStateParams, LoreStateResult, SceneAtParams, SceneAtResult } from './protocol';
import type { Workspace } from './workspace';

export async function loreState(workspace: Workspace, params: LoreStateParams | undefined): Promise<LoreStateResult | null> {
  const project = params?.uri ? workspace.projectFor(params.uri) : workspace.folders[0];
  if (!project) return null;
  const state = await project.whenIdle();
  const base = state.lore.base;
  const errors = base.problems.filter((p) => p.severity === 'error');
  return {
    folder: project.root,
    title: base.title,
    active: state.active,
    generation: state.generation,
    entryCount: base.entries.length,
    errors: errors.length,
    errorMessages: errors.slice(0, 5).map((p) => p.message),
    problems: base.problems.length,
    parsedFiles: state.loaded.parsedCount,
    entries: params?.entries ? base.entries.map((e) => ({ id: e.id, name: e.name, kind: e.kind, note: endNote(e, base.calendar) })) : undefined,
  };
}

export async function sceneAtPosition(workspace: Workspace, params: SceneAtParams): Promise<SceneAtResult | null> {
  const document = workspace.openDocument(params.textDocument.uri);
  const project = workspace.projectFor(params.textDocument.uri);
  if (!document || !project) return null;
  const state = await project.ready();
  if (!state.active || !project.isManuscript(document, state.settings)) return null;
  const manuscript = project.manuscript(document, state);
  const scene = sceneAt(manuscript, offsetAt(manuscript.lineStarts, params.position));
  return { date: scene.date ? dateInWords(scene.date, state.lore.base.calendar) : undefined, mode: scene.mode };
}

export async function entryCardOf(workspace: Workspace, params: { uri?: string; id: string }) {
  const project = params.uri ? workspace.projectFor(params.uri) : workspace.folders[0];
  const state = project ? await project.ready() : undefined;
  const entry = state?.lore.base.byId.get(params.id);
  if (!project || !state || !entry) return null;
  return { markdown: cardMarkdown(project, state, entry, workspace.support), location: definitionOf(entry) };
}

export async function canonWordsOf(workspace: Workspace, params: CanonWordsParams | undefined): Promise<CanonWordsResult | null> {
  const project = params?.uri ? workspace.projectFor(params.uri) : workspace.folders[0];
  if (!project) return null;
  const state = await project.whenIdle();
  if (!state.active) return null;
  const format = params?.format && (DICTIONARY_FORMATS as readonly string[]).includes(params.format) ? params.format : 'plain';
  const words = canonWords(state.lore.base);
  return { words, text: formatDictionary(words, format, { title: state.lore.base.title }) };
}
