// The custom requests behind a client's own views and commands (protocol.ts): the Scene view's
// cast, the timeline, what New Lore Entry and the importer's picker need, and "Add to the lore"
// asking the kind and the file. Each answers from the lore the server already holds: a client
// never loads the lore itself.
import type { WorkspaceEdit } from 'vscode-languageserver';
import { checkManuscript, type ManuscriptCheck } from '../core/check';
import { parseConfig } from '../core/config';
import { appendEntry, writableLoreFolder } from '../core/features/addEntry';
import { CALENDAR_CHOICES, calendarOf, entryInsertion, entrySnippet, exampleEntryFile, fileForKind, newChapterText, settingsFile } from '../core/features/newLore';
import { sceneCast } from '../core/features/sceneCast';
import { decodeText } from '../core/fileSystem';
import { PRESET_NAMES, presetMapping } from '../core/import/presets';
import { ENTRY_KINDS } from '../core/lore/fields';
import { offsetAt } from '../core/manuscript';
import { renderTimelineHtml } from '../core/timeline/html';
import { MIN_WIDTH } from '../core/timeline/layout';
import { buildTimeline } from '../core/timeline/model';
import { renderTimelineSvg } from '../core/timeline/svg';
import { wholeFileEdit } from './fileEdits';
import type { Project } from './project';
import type {
  AddEntryParams,
  LoreFilesResult,
  LoreVocabularyResult,
  NewLoreTextParams,
  NewLoreTextResult,
  ProjectInfoResult,
  SceneAtParams,
  SceneCastResult,
  TimelineParams,
  TimelineResult,
} from './protocol';
import { joinUri, normaliseUri } from './uris';
import type { Workspace } from './workspace';

function projectOf(workspace: Workspace, uri: string | undefined): Project | undefined {
  return uri ? workspace.projectFor(uri) : workspace.folders[0];
}

export async function sceneCastAt(workspace: Workspace, params: SceneAtParams): Promise<SceneCastResult | null> {
  const document = workspace.openDocument(params.textDocument.uri);
  const project = workspace.projectFor(params.textDocument.uri);
  if (!document || !project) return null;
  const state = await project.ready();
  if (!state.active || !project.isManuscript(document, state.settings)) return null;
  const { manuscript, scan } = project.check(document, state);
  const cast = sceneCast(manuscript, scan, offsetAt(manuscript.lineStarts, params.position), state.lore.base.calendar);
  const mode = cast.scene.mode;
  return {
    date: cast.dateText,
    mode,
    members: cast.members.map((m) => ({
      id: m.entry.id,
      name: m.entry.name,
      kind: m.entry.kind,
      note: m.note,
      present: m.present,
      ended: m.status.state === 'ended' || m.status.state === 'not-yet',
    })),
  };
}

/** Checks of manuscripts that are not open, by URI, kept while their text and the lore are unchanged. */
const onDisk = new Map<string, { generation: number; text: string; check: ManuscriptCheck }>();

export async function timeline(workspace: Workspace, params: TimelineParams | undefined): Promise<TimelineResult | null> {
  const project = projectOf(workspace, params?.uri);
  if (!project) return null;
  const state = await project.whenIdle();
  if (!state.active) return null;
  const open = new Map(workspace.documents.all().filter((d) => project.contains(d.uri) || d.uri.startsWith('untitled:')).filter((d) => project.isManuscript(d, state.settings)).map((d) => [normaliseUri(d.uri), d]));
  const checks: ManuscriptCheck[] = [];
  const seen = new Set<string>();
  for (const uri of await project.listManuscripts(state.settings)) {
    seen.add(uri);
    const document = open.get(uri);
    if (document) {
      checks.push(project.check(document, state));
      continue;
    }
    const text = await workspace.fs.readFile(uri).then((bytes) => decodeText(bytes), () => undefined);
    if (!text?.ok) continue;
    const hit = onDisk.get(uri);
    if (hit && hit.generation === state.generation && hit.text === text.text) {
      checks.push(hit.check);
      continue;
    }
    const check = checkManuscript(state.lore, uri, text.text, { severities: state.settings.checks, ignoredWords: state.settings.words });
    onDisk.set(uri, { generation: state.generation, text: text.text, check });
    checks.push(check);
  }
  // Open drafts outside the folder's selection (an untitled story) come after its files.
  for (const [key, document] of open) if (!seen.has(key)) checks.push(project.check(document, state));
  const model = buildTimeline(state.lore.base, checks);
  const width = typeof params?.width === 'number' && Number.isFinite(params.width) ? Math.max(MIN_WIDTH, Math.min(4000, Math.round(params.width))) : undefined;
  const maxLanes = typeof params?.maxLanes === 'number' && params.maxLanes > 0 ? Math.min(500, Math.round(params.maxLanes)) : 80;
  const drawing = { embedStyle: false, maxLanes, width, displayPath: (file: string) => project.relativePath(file) ?? file };
  const page = params?.page;
  const html = page && typeof page.csp === 'string' && typeof page.nonce === 'string' ? renderTimelineHtml(model, { ...drawing, csp: page.csp, nonce: page.nonce, themeCss: typeof page.themeCss === 'string' ? page.themeCss : undefined }) : undefined;
  const files = new Set<string>([...model.scenes.map((s) => s.file), ...model.diagnostics.map((d) => d.file)]);
  return {
    title: model.title,
    svg: renderTimelineSvg(model, drawing),
    html,
    scenes: model.scenes.map((s) => ({ id: s.id, file: s.file, line: s.line, endLine: s.endLine })),
    files: [...files],
  };
}

export async function projectInfo(workspace: Workspace, params: { uri?: string } | undefined): Promise<ProjectInfoResult | null> {
  const project = projectOf(workspace, params?.uri);
  if (!project) return null;
  const state = await project.whenIdle();
  const info: ProjectInfoResult = { folder: project.root, active: state.active, lore: state.settings.lore, loreFiles: state.loaded.files.map(normaliseUri) };
  if (state.settings.configFile) {
    const uri = joinUri(project.root, state.settings.configFile);
    info.configFile = uri;
    const text = await textOf(workspace, uri);
    const parsed = typeof text === 'string' ? parseConfig(text) : undefined;
    if (parsed?.ok) {
      const { lore, manuscripts, exclude, checks } = parsed.config;
      info.configSettings = { lore, manuscripts, exclude, checks: checks as Record<string, string> | undefined };
    }
  }
  return info;
}

export async function newLoreText(workspace: Workspace, params: NewLoreTextParams): Promise<NewLoreTextResult | null> {
  if (params.what === 'base') {
    if (typeof params.title !== 'string' || !params.calendar) return null;
    return { what: 'base', settings: settingsFile(params.title, params.calendar), example: exampleEntryFile(calendarOf(params.calendar)) };
  }
  const project = projectOf(workspace, params.uri);
  if (!project) return null;
  const calendar = (await project.ready()).lore.base.calendar;
  if (params.what === 'chapter') return { what: 'chapter', text: newChapterText(calendar) };
  if (params.what !== 'entry' || typeof params.kind !== 'string') return null;
  const where = entryInsertion(params.existing ?? '');
  if (!where.ok) return { what: 'entry', error: where.reason };
  return { what: 'entry', snippet: `${where.prefix.replace(/\$/g, '\\$')}${entrySnippet(params.kind, calendar, where.indent)}` };
}

export async function loreVocabulary(): Promise<LoreVocabularyResult> {
  return {
    kinds: [...ENTRY_KINDS],
    calendars: CALENDAR_CHOICES.map((c) => ({ label: c.label, detail: c.detail, choice: c.choice })),
    importPresets: PRESET_NAMES.map((name) => ({ name, wiki: presetMapping(name)?.wiki ?? name })),
  };
}

/**
 * The story's own lore folder (the last layer inside the workspace), as a URI, and whether a file
 * belongs to it: the innermost layer holding the file is that one (an import nested inside it,
 * `lore: [lore/imported, lore]`, is another layer).
 */
function storyLayer(workspace: Workspace, project: Project, lore: readonly string[]): { uri: string; holds(file: string): boolean } | undefined {
  const layers = lore.map((layer) => joinUri(project.root, layer));
  const uri = writableLoreFolder(layers, workspace.folders.map((p) => p.root));
  if (uri === undefined) return undefined;
  const prefix = (layer: string): string => (layer.endsWith('/') ? layer : `${layer}/`);
  const holds = (file: string): boolean => {
    const key = normaliseUri(file);
    const owners = layers.filter((layer) => key.startsWith(prefix(normaliseUri(layer))));
    return owners.length > 0 && owners.reduce((a, b) => (b.length > a.length ? b : a)) === uri;
  };
  return { uri, holds };
}

/**
 * Where an entry of `kind` may go: the lore files that already hold entries of that kind (most
 * first), then the other entry files of the story's own layer, then a new file named for the kind.
 * Only files inside the workspace; never a settings file.
 */
export async function loreFiles(workspace: Workspace, params: { uri: string; kind: string }): Promise<LoreFilesResult | null> {
  const project = workspace.projectFor(params.uri);
  if (!project || typeof params.kind !== 'string') return null;
  const state = await project.whenIdle();
  const layer = storyLayer(workspace, project, state.settings.lore);
  if (layer === undefined) return { files: [] };
  // Only the story's own layer: an imported layer or a shared lore pack is never written to.
  const inside = (uri: string): boolean => layer.holds(uri);
  const settingsFile = (uri: string): boolean => /(^|\/)_?settings\.ya?ml$/i.test(uri);
  const counts = new Map<string, number>();
  for (const entry of state.lore.base.entries) {
    if (entry.kind !== params.kind) continue;
    const file = normaliseUri(entry.location.file);
    counts.set(file, (counts.get(file) ?? 0) + 1);
  }
  const label = (uri: string): string => project.relativePath(uri) ?? uri;
  const ofKind = [...counts].filter(([uri]) => inside(uri) && !settingsFile(uri)).sort((a, b) => b[1] - a[1] || label(a[0]).localeCompare(label(b[0])));
  const files: LoreFilesResult['files'] = ofKind.map(([uri]) => ({ uri, label: label(uri), exists: true, ofKind: true }));
  const listed = new Set(files.map((f) => f.uri));
  for (const file of state.loaded.files.map(normaliseUri).sort()) {
    if (listed.has(file) || !inside(file) || settingsFile(file)) continue;
    listed.add(file);
    files.push({ uri: file, label: label(file), exists: true, ofKind: false });
  }
  const fresh = joinUri(layer.uri, fileForKind(params.kind));
  if (!listed.has(normaliseUri(fresh))) files.push({ uri: fresh, label: label(fresh), exists: false, ofKind: false });
  return { files };
}

/** The edit adding `{ name, kind }` to a lore file of the story's layer (a new file if it does not exist). */
export async function addEntry(workspace: Workspace, params: AddEntryParams): Promise<{ edit: WorkspaceEdit } | { error: string } | null> {
  const project = workspace.projectFor(params.uri);
  if (!project || typeof params.name !== 'string' || typeof params.kind !== 'string' || typeof params.file !== 'string') return null;
  const name = params.name.trim();
  if (name === '') return { error: 'an entry needs a name' };
  if (!(ENTRY_KINDS as readonly string[]).includes(params.kind)) return { error: `"${params.kind}" is no kind of entry (${ENTRY_KINDS.join(', ')})` };
  const state = await project.whenIdle();
  const layer = storyLayer(workspace, project, state.settings.lore);
  if (layer === undefined || !layer.holds(params.file)) return { error: `${project.relativePath(params.file) ?? params.file} is not in the story's lore folder` };
  const before = await textOf(workspace, params.file);
  if (before === null) return { error: `${project.relativePath(params.file) ?? params.file} is not UTF-8 text` };
  const after = appendEntry(before, params.kind === 'character' ? { name, kind: 'character' } : { name, kind: params.kind });
  if (after === undefined) return { error: `${project.relativePath(params.file) ?? params.file} cannot take an entry without changing what is in it (invalid YAML, or a settings file)` };
  const edit = wholeFileEdit(workspace, params.file, before, after);
  if (!edit) return { error: 'this editor cannot create files: create the file first' };
  return { edit };
}

/** An open document's text, else the file's; undefined when it does not exist, null when it is no text. */
export async function textOf(workspace: Workspace, uri: string): Promise<string | undefined | null> {
  const open = workspace.openDocument(uri);
  if (open) return open.getText();
  return workspace.fs.readFile(uri).then(
    (bytes) => {
      const decoded = decodeText(bytes);
      return decoded.ok ? decoded.text : null;
    },
    () => undefined,
  );
}
