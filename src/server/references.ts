// textDocument/references: every mention of an entry in the workspace's manuscripts (open ones as
// they are in the editor, the others from disk), from a mention or from the entry's YAML.
import type { CancellationToken, Location, ReferenceParams } from 'vscode-languageserver';
import { referencesIn } from '../core/features/references';
import { decodeText } from '../core/fileSystem';
import { definitionOf } from './definition';
import { entryAtPosition } from './entryAt';
import { normaliseUri } from './uris';
import type { Workspace } from './workspace';

export async function references(workspace: Workspace, params: ReferenceParams, token: CancellationToken): Promise<Location[] | null> {
  const entry = await entryAtPosition(workspace, params.textDocument.uri, params.position, false);
  const project = workspace.projectFor(params.textDocument.uri);
  if (!entry || !project) return null;
  const state = await project.ready();
  const out: Location[] = [];
  if (params.context.includeDeclaration) out.push(definitionOf(entry));
  const seen = new Set<string>();
  for (const uri of await project.listManuscripts(state.settings, () => token.isCancellationRequested)) {
    if (token.isCancellationRequested) return null;
    seen.add(uri);
    const open = workspace.openDocument(uri);
    if (open) {
      const { manuscript, scan } = project.check(open, state);
      for (const ref of referencesIn(state.lore, entry.id, manuscript, scan)) out.push({ uri: open.uri, range: ref.range });
      continue;
    }
    let text: string | undefined;
    try {
      const decoded = decodeText(await workspace.fs.readFile(uri));
      text = decoded.ok ? decoded.text : undefined;
    } catch {
      text = undefined;
    }
    if (text !== undefined) for (const ref of referencesIn(state.lore, entry.id, uri, text)) out.push({ uri, range: ref.range });
  }
  // Open manuscripts outside the folder's selection (an untitled draft) count too.
  for (const document of workspace.documents.all()) {
    if (seen.has(normaliseUri(document.uri)) || workspace.projectFor(document.uri) !== project || !project.isManuscript(document, state.settings)) continue;
    const { manuscript, scan } = project.check(document, state);
    for (const ref of referencesIn(state.lore, entry.id, manuscript, scan)) out.push({ uri: document.uri, range: ref.range });
  }
  return out;
}
