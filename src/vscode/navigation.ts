// Go to Definition (a name → its lore entry) and Find All References (an entry → every mention
// in the project's manuscripts), from a manuscript or from the entry in its YAML file.
import * as vscode from 'vscode';
import { referencesIn, entryDefinedAt, mentionAt } from '../core/features/references';
import type { Entry } from '../core/lore/entry';
import { offsetAt } from '../core/manuscript';
import { decodeText } from '../core/fileSystem';
import { fromPosition, toRange, toUri } from './convert';
import { findManuscripts } from './manuscripts';
import type { LoreState, Project } from './project';

export function registerNavigation(project: Project, manuscripts: vscode.DocumentSelector): vscode.Disposable[] {
  const lore: vscode.DocumentSelector = { pattern: '**/*.{yaml,yml}' };
  const definition: vscode.DefinitionProvider = {
    async provideDefinition(document, position) {
      const state = await project.ready();
      const entry = entryAt(project, state, document, position, true);
      if (!entry) return undefined;
      const at = entry.fieldLocations.name ?? entry.location;
      return new vscode.Location(toUri(at.file), toRange(at.range));
    },
  };
  const references: vscode.ReferenceProvider = {
    async provideReferences(document, position, context, token) {
      const state = await project.ready();
      const entry = entryAt(project, state, document, position, false);
      if (!entry) return undefined;
      const out: vscode.Location[] = [];
      if (context.includeDeclaration) {
        const at = entry.fieldLocations.name ?? entry.location;
        out.push(new vscode.Location(toUri(at.file), toRange(at.range)));
      }
      for (const uri of await findManuscripts(project, state, token)) {
        if (token.isCancellationRequested) return undefined;
        for (const ref of await referencesInFile(project, state, uri, entry.id)) out.push(new vscode.Location(uri, toRange(ref.range)));
      }
      // Open manuscripts outside the project's selection (an untitled draft) count too.
      for (const doc of vscode.workspace.textDocuments) {
        if (!project.isManuscript(doc, state.settings) || project.isManuscriptUri(doc.uri, state.settings)) continue;
        const { manuscript, scan } = project.check(doc, state);
        for (const ref of referencesIn(state.lore, entry.id, manuscript, scan)) out.push(new vscode.Location(doc.uri, toRange(ref.range)));
      }
      return out;
    },
  };
  return [
    vscode.languages.registerDefinitionProvider(manuscripts, definition),
    vscode.languages.registerDefinitionProvider(lore, definition),
    vscode.languages.registerReferenceProvider(manuscripts, references),
    vscode.languages.registerReferenceProvider(lore, references),
  ];
}

/**
 * The entry a position names: a mention in a manuscript; in a lore file, a relation target's id
 * (for definitions) or the entry defined there (for references).
 */
function entryAt(project: Project, state: LoreState, document: vscode.TextDocument, position: vscode.Position, forDefinition: boolean): Entry | undefined {
  if (!state.active) return undefined;
  if (project.isLoreFile(document.uri)) {
    const word = document.getWordRangeAtPosition(position, /[\p{L}\p{N}_.-]+/u);
    const id = word ? document.getText(word) : undefined;
    const target = id ? state.lore.base.byId.get(id) : undefined;
    const here = entryDefinedAt(state.lore.base.entries, document.uri.toString(), fromPosition(position));
    if (forDefinition) return target && target !== here ? target : undefined;
    return target ?? here;
  }
  if (!project.isManuscript(document, state.settings)) return undefined;
  const { manuscript, scan } = project.check(document, state);
  return mentionAt(scan, offsetAt(manuscript.lineStarts, fromPosition(position)))?.entry;
}

async function referencesInFile(project: Project, state: LoreState, uri: vscode.Uri, id: string) {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) {
    const { manuscript, scan } = project.check(open, state);
    return referencesIn(state.lore, id, manuscript, scan);
  }
  try {
    const decoded = decodeText(await vscode.workspace.fs.readFile(uri));
    return decoded.ok ? referencesIn(state.lore, id, uri.toString(), decoded.text) : [];
  } catch {
    return [];
  }
}
