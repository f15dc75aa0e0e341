// textDocument/documentSymbol: a manuscript's scenes as its outline (`2399-09 · memory`).
import type { DocumentSymbol, DocumentSymbolParams, SymbolInformation } from 'vscode-languageserver';
import { SymbolKind } from 'vscode-languageserver';
import { sceneOutline } from '../core/features/sceneOutline';
import { positionAt } from '../core/manuscript';
import type { Workspace } from './workspace';

export async function documentSymbols(workspace: Workspace, params: DocumentSymbolParams): Promise<DocumentSymbol[] | SymbolInformation[] | null> {
  const document = workspace.openDocument(params.textDocument.uri);
  const project = workspace.projectFor(params.textDocument.uri);
  if (!document || !project) return null;
  const state = await project.ready();
  if (!state.active || !project.isManuscript(document, state.settings)) return null;
  const manuscript = project.manuscript(document, state);
  const scenes = sceneOutline(manuscript, state.lore.base.calendar);
  const at = (offset: number) => positionAt(manuscript.lineStarts, offset);
  if (!workspace.support.hierarchicalSymbols) {
    return scenes.map((s) => ({ name: s.name, kind: SymbolKind.Event, location: { uri: document.uri, range: { start: at(s.start), end: at(s.end) } } }));
  }
  return scenes.map((s) => ({
    name: s.name,
    detail: 'scene',
    kind: SymbolKind.Event,
    range: { start: at(s.start), end: at(s.end) },
    selectionRange: { start: at(s.start), end: at(s.headerEnd) },
  }));
}
