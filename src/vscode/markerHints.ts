// An inlay hint after each scene marker (and the front matter's date): the date and mode
// Lorekeeper understood there, computed by the engine (core/features/markerHints).
import * as vscode from 'vscode';
import { markerHints } from '../core/features/markerHints';
import type { Project } from './project';

export function registerMarkerHints(project: Project, selector: vscode.DocumentSelector): vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  const provider: vscode.InlayHintsProvider = {
    onDidChangeInlayHints: changed.event,
    async provideInlayHints(document, range) {
      const state = await project.ready();
      if (!state.active || !state.settings.markerHints || !project.isManuscript(document, state.settings)) return [];
      const manuscript = project.manuscript(document, state);
      return markerHints(manuscript, state.lore.base.calendar)
        .filter((hint) => hint.line >= range.start.line && hint.line <= range.end.line)
        .map((hint) => {
          const item = new vscode.InlayHint(new vscode.Position(hint.line, hint.character), hint.label, vscode.InlayHintKind.Type);
          item.paddingLeft = true;
          item.tooltip = hint.tooltip;
          return item;
        });
    },
  };
  return vscode.Disposable.from(changed, project.onDidChangeLore(() => changed.fire()), vscode.languages.registerInlayHintsProvider(selector, provider));
}
