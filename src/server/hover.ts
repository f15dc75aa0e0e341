// textDocument/hover: the card of the mention under the cursor, at the date of its scene.
import type { Hover, HoverParams } from 'vscode-languageserver';
import { MarkupKind } from 'vscode-languageserver';
import { mentionAt } from '../core/features/references';
import { offsetAt, positionAt, sceneAt } from '../core/manuscript';
import { cardMarkdown } from './cards';
import { loreFieldHoverAt } from './loreFields';
import type { Workspace } from './workspace';

export async function hover(workspace: Workspace, params: HoverParams): Promise<Hover | null> {
  const document = workspace.openDocument(params.textDocument.uri);
  const project = workspace.projectFor(params.textDocument.uri);
  if (!document || !project) return null;
  if (project.isLoreFile(document.uri)) return loreFieldHoverAt(workspace, project, document, params.position);
  const state = await project.ready();
  if (!state.active || !project.isManuscript(document, state.settings)) return null;
  const { manuscript, scan } = project.check(document, state);
  const mention = mentionAt(scan, offsetAt(manuscript.lineStarts, params.position));
  if (!mention) return null;
  const scene = sceneAt(manuscript, mention.start);
  const value = cardMarkdown(project, state, mention.entry, workspace.support, { date: scene.date, mode: scene.mode });
  return {
    contents: workspace.support.markdown ? { kind: MarkupKind.Markdown, value } : { kind: MarkupKind.PlainText, value },
    range: { start: positionAt(manuscript.lineStarts, mention.start), end: positionAt(manuscript.lineStarts, mention.end) },
  };
}
