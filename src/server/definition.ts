// textDocument/definition: a name in a manuscript, or a relation target's id in a lore file, to
// the entry where the lore defines it.
import type { DefinitionParams, Location } from 'vscode-languageserver';
import type { Entry } from '../core/lore/entry';
import { entryAtPosition } from './entryAt';
import type { Workspace } from './workspace';

export async function definition(workspace: Workspace, params: DefinitionParams): Promise<Location | null> {
  const entry = await entryAtPosition(workspace, params.textDocument.uri, params.position, true);
  return entry ? definitionOf(entry) : null;
}

export function definitionOf(entry: Entry): Location {
  const at = entry.fieldLocations.name ?? entry.location;
  return { uri: at.file, range: at.range };
}
