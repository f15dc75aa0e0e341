// The entry a position names: a mention in a manuscript; in a lore file, a relation target's id
// (for definitions) or the entry defined there (for references).
import type { Position } from 'vscode-languageserver';
import { entryDefinedAt, mentionAt } from '../core/features/references';
import type { Entry } from '../core/lore/entry';
import { offsetAt } from '../core/manuscript';
import { normaliseUri } from './uris';
import type { Workspace } from './workspace';

export async function entryAtPosition(workspace: Workspace, uri: string, position: Position, forDefinition: boolean): Promise<Entry | undefined> {
  const document = workspace.openDocument(uri);
  const project = workspace.projectFor(uri);
  if (!document || !project) return undefined;
  const state = await project.ready();
  if (!state.active) return undefined;
  if (project.isLoreFile(document.uri)) {
    const text = document.getText();
    const offset = document.offsetAt(position);
    const before = /[\p{L}\p{N}_.-]*$/u.exec(text.slice(Math.max(0, offset - 200), offset))![0];
    const after = /^[\p{L}\p{N}_.-]*/u.exec(text.slice(offset, offset + 200))![0];
    const id = before + after;
    const target = id ? state.lore.base.byId.get(id) : undefined;
    const here = entryDefinedAt(state.lore.base.entries, normaliseUri(document.uri), position);
    if (forDefinition) return target && target !== here ? target : undefined;
    return target ?? here;
  }
  if (!project.isManuscript(document, state.settings)) return undefined;
  const { manuscript, scan } = project.check(document, state);
  return mentionAt(scan, offsetAt(manuscript.lineStarts, position))?.entry;
}
