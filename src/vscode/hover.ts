// The hover card of every mention in a manuscript, at the date of the scene it is in.
import * as vscode from 'vscode';
import { mentionAt } from '../core/features/references';
import { offsetAt, sceneAt } from '../core/manuscript';
import { cardMarkdown } from './cards';
import { fromPosition } from './convert';
import type { Project } from './project';

export function registerHover(project: Project, selector: vscode.DocumentSelector): vscode.Disposable {
  return vscode.languages.registerHoverProvider(selector, {
    async provideHover(document, position) {
      const state = await project.ready();
      if (!state.active || !project.isManuscript(document, state.settings)) return undefined;
      const { manuscript, scan } = project.check(document, state);
      const offset = offsetAt(manuscript.lineStarts, fromPosition(position));
      const mention = mentionAt(scan, offset);
      if (!mention) return undefined;
      const scene = sceneAt(manuscript, mention.start);
      const range = new vscode.Range(document.positionAt(mention.start), document.positionAt(mention.end));
      return new vscode.Hover(cardMarkdown(project, state, mention.entry, { date: scene.date, mode: scene.mode }), range);
    },
  });
}
