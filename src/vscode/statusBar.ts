// The status bar: the lore's title and size, the lore's problems if it has any, and the story
// date at the cursor. Clicking it checks the whole project.
import * as vscode from 'vscode';
import { formatStoryDate } from '../core/dates';
import { escape } from '../core/features/card';
import { statusBarTitle, statusTooltipTitle } from '../core/features/statusText';
import { offsetAt, sceneAt } from '../core/manuscript';
import { CHECK_CONTINUITY } from './commands';
import { fromPosition } from './convert';
import type { Project } from './project';

export class LoreStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('lorekeeper.status', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [this.item];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly project: Project) {
    this.item.name = 'Lorekeeper';
    this.item.command = CHECK_CONTINUITY;
    this.disposables.push(
      project.onDidChangeLore(() => this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.window.onDidChangeTextEditorSelection(() => this.schedule()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === vscode.window.activeTextEditor?.document) this.schedule();
      }),
    );
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }

  /** The text shown, for tests. */
  get text(): string {
    return this.item.text;
  }

  /** The tooltip's Markdown, for tests. */
  get tooltipText(): string {
    const tooltip = this.item.tooltip;
    return typeof tooltip === 'string' ? tooltip : tooltip?.value ?? '';
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.update(), 100);
  }

  update(): void {
    const state = this.project.current;
    if (!state || !state.active) {
      this.item.hide();
      return;
    }
    const base = state.lore.base;
    const errors = base.problems.filter((p) => p.severity === 'error').length;
    const parts = [`$(book) ${statusBarTitle(base.title)} · ${base.entries.length} ${base.entries.length === 1 ? 'entry' : 'entries'}`];
    if (errors > 0) parts.push(`$(error) ${errors}`);
    const tooltip = new vscode.MarkdownString(`**Lorekeeper** — ${statusTooltipTitle(base.title)}: ${base.entries.length} entries.`);
    if (errors > 0) {
      const shown = base.problems.filter((p) => p.severity === 'error').slice(0, 5);
      tooltip.appendMarkdown(`\n\nThe lore has ${errors} problem${errors === 1 ? '' : 's'} (see Problems):\n\n`);
      for (const p of shown) tooltip.appendMarkdown(`- ${escapeMarkdown(p.message)}\n`);
    }
    const editor = vscode.window.activeTextEditor;
    if (editor && this.project.isManuscript(editor.document, state.settings)) {
      const manuscript = this.project.manuscript(editor.document, state);
      const scene = sceneAt(manuscript, offsetAt(manuscript.lineStarts, fromPosition(editor.selection.active)));
      if (scene.date) parts.push(`${formatStoryDate(scene.date, base.calendar)}${scene.mode ? ` · ${scene.mode}` : ''}`);
      else if (scene.mode) parts.push(scene.mode);
      tooltip.appendMarkdown(`\n\nThe cursor is in ${scene.date ? `a scene set in ${escapeMarkdown(formatStoryDate(scene.date, base.calendar))}` : 'an undated scene'}${scene.mode ? ` (${escapeMarkdown(scene.mode)})` : ''}.`);
    }
    if (state.settings.overridden.length > 0) {
      tooltip.appendMarkdown(`\n\n$(info) \`lorekeeper.yaml\` overrides your settings: ${state.settings.overridden.map((k) => `\`${k}\``).join(', ')} (the file wins, so that the CLI and CI agree with the editor).`);
      tooltip.supportThemeIcons = true;
    }
    tooltip.appendMarkdown('\n\nClick to check every manuscript.');
    this.item.text = parts.join(' · ');
    this.item.tooltip = tooltip;
    this.item.backgroundColor = errors > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }
}

function escapeMarkdown(text: string): string {
  return escape(text);
}
