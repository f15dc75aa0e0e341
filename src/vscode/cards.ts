// Hover cards for VS Code: the engine's Markdown, with links that open entries in the lore.
import * as vscode from 'vscode';
import { entryCard, type CardScene } from '../core/features/card';
import { isInsideFolders, normalizePath } from '../core/features/workspacePaths';
import type { Entry } from '../core/lore/entry';
import type { LoreState, Project } from './project';

export const OPEN_ENTRY = 'lorekeeper.openEntry';

export function entryLink(id: string): string {
  return `command:${OPEN_ENTRY}?${encodeURIComponent(JSON.stringify([id]))}`;
}

export function cardMarkdown(project: Project, state: LoreState, entry: Entry, scene?: CardScene): vscode.MarkdownString {
  const text = entryCard(entry, state.lore.base, {
    scene,
    links: {
      entry: entryLink,
      image: (path) => {
        // Only a file inside the workspace: a remote URL would load (and be tracked) on hover.
        const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString());
        const inside = isInsideFolders(path, folders) ? normalizePath(path) : undefined;
        return inside ? `${vscode.Uri.parse(inside).toString()}|width=160` : undefined;
      },
      definition: (e) => {
        const uri = vscode.Uri.parse(e.location.file);
        return { href: entryLink(e.id), label: `Open in ${project.relativePath(uri) ?? uri.path.split('/').pop()}` };
      },
    },
  });
  const markdown = new vscode.MarkdownString(text);
  markdown.isTrusted = { enabledCommands: [OPEN_ENTRY] };
  return markdown;
}

/** Opens an entry where it is defined, its name selected. */
export async function openEntry(state: LoreState | undefined, id: string): Promise<void> {
  const entry = state?.lore.base.byId.get(id);
  if (!entry) {
    void vscode.window.showWarningMessage(`Lorekeeper: no lore entry has the id "${id}".`);
    return;
  }
  const at = entry.fieldLocations.name ?? entry.location;
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(at.file));
  const start = new vscode.Position(at.range.start.line, at.range.start.character);
  const end = at.range.start.line === at.range.end.line ? new vscode.Position(at.range.end.line, at.range.end.character) : start;
  await vscode.window.showTextDocument(document, { selection: new vscode.Range(start, end), preview: true });
}
