// The project's manuscripts: every Markdown and text file the settings select (the same rule as
// `lorekeeper check` without paths).
import * as vscode from 'vscode';
import type { LoreState, Project } from './project';

export async function findManuscripts(project: Project, state: LoreState, token?: vscode.CancellationToken): Promise<vscode.Uri[]> {
  const include = new vscode.RelativePattern(project.root, '**/*.{md,markdown,txt,MD,TXT}');
  const found = await vscode.workspace.findFiles(include, '{**/node_modules/**,**/.*/**}', undefined, token);
  const uris = found.filter((uri) => project.isManuscriptUri(uri, state.settings));
  uris.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return uris;
}
