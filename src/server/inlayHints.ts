// textDocument/inlayHint: after each scene marker (and the front matter's date), the date and mode
// Lorekeeper understood there (`2399-09 · memory`), so that a writer sees at once a marker that did
// not say what they meant — in every editor with inlay hints. Computed by the engine (markerHints).
import { InlayHintKind, type InlayHint, type InlayHintParams } from 'vscode-languageserver';
import { markerHints } from '../core/features/markerHints';
import type { Workspace } from './workspace';

export async function inlayHints(workspace: Workspace, params: InlayHintParams): Promise<InlayHint[] | null> {
  const document = workspace.openDocument(params.textDocument.uri);
  const project = workspace.projectFor(params.textDocument.uri);
  if (!document || !project) return null;
  const state = await project.ready();
  if (!state.active || !state.settings.markerHints || !project.isManuscript(document, state.settings)) return [];
  const manuscript = project.manuscript(document, state);
  const { start, end } = params.range;
  return markerHints(manuscript, state.lore.base.calendar)
    .filter((hint) => hint.line >= start.line && hint.line <= end.line)
    .map((hint) => ({ position: { line: hint.line, character: hint.character }, label: hint.label, kind: InlayHintKind.Type, paddingLeft: true, tooltip: hint.tooltip }));
}
