// The status bar: the lore's title and size, the lore's problems if it has any, and the story
// date at the cursor (asked of the server; the editor never waits for the answer). Clicking it
// checks the whole project.
import * as vscode from 'vscode';
import { escape } from '../core/features/card';
import { statusBarTitle, statusTooltipTitle } from '../core/features/statusText';
import { ProjectInfoRequest, SceneAtRequest, type LoreStateResult, type ProjectInfoResult, type SceneAtResult } from '../server/protocol';
import type { LoreClient } from './client';
import { CHECK_CONTINUITY } from './commands';

export class LoreStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('lorekeeper.status', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [this.item];
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Increases with every update, so that a late answer never overwrites a newer one. */
  private ticket = 0;

  constructor(private readonly lore: LoreClient) {
    this.item.name = 'Lorekeeper';
    this.item.command = CHECK_CONTINUITY;
    this.disposables.push(
      lore.onDidChangeLore(() => this.schedule(0)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('lorekeeper')) this.schedule(0);
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)),
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

  private schedule(delay = 100): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), delay);
  }

  async update(): Promise<void> {
    const ticket = ++this.ticket;
    const editor = vscode.window.activeTextEditor;
    const uri = editor?.document.uri.toString();
    let state: LoreStateResult | null;
    let scene: SceneAtResult | null = null;
    let info: ProjectInfoResult | null = null;
    try {
      state = await this.lore.loreState({ uri });
      info = state?.active ? await this.lore.request(ProjectInfoRequest, { uri }) : null;
      if (editor && state?.active) {
        const position = editor.selection.active;
        scene = await this.lore.request(SceneAtRequest, { textDocument: { uri: editor.document.uri.toString() }, position: { line: position.line, character: position.character } });
      }
    } catch {
      return; // The server is stopping or restarting: the next event updates the bar.
    }
    if (ticket !== this.ticket) return;
    if (!state || !state.active) {
      this.item.hide();
      return;
    }
    const parts = [`$(book) ${statusBarTitle(state.title)} · ${state.entryCount} ${state.entryCount === 1 ? 'entry' : 'entries'}`];
    if (state.errors > 0) parts.push(`$(error) ${state.errors}`);
    const tooltip = new vscode.MarkdownString(`**Lorekeeper** — ${statusTooltipTitle(state.title)}: ${state.entryCount} entries.`);
    if (state.errors > 0) {
      tooltip.appendMarkdown(`\n\nThe lore has ${state.errors} problem${state.errors === 1 ? '' : 's'} (see Problems):\n\n`);
      for (const message of state.errorMessages) tooltip.appendMarkdown(`- ${escapeMarkdown(message)}\n`);
    }
    if (scene) {
      if (scene.date) parts.push(`${scene.date}${scene.mode ? ` · ${scene.mode}` : ''}`);
      else if (scene.mode) parts.push(scene.mode);
      tooltip.appendMarkdown(`\n\nThe cursor is in ${scene.date ? `a scene set in ${escapeMarkdown(scene.date)}` : 'an undated scene'}${scene.mode ? ` (${escapeMarkdown(scene.mode)})` : ''}.`);
    }
    // The server says what lorekeeper.yaml sets; VS Code knows which settings the writer changed.
    const overridden = info ? overriddenSettings(info) : [];
    if (overridden.length > 0) {
      tooltip.appendMarkdown(`\n\n$(info) \`lorekeeper.yaml\` overrides your settings: ${overridden.map((k) => `\`${k}\``).join(', ')} (the file wins, so that the CLI and CI agree with the editor).`);
      tooltip.supportThemeIcons = true;
    }
    tooltip.appendMarkdown('\n\nClick to check every manuscript.');
    this.item.text = parts.join(' · ');
    this.item.tooltip = tooltip;
    this.item.backgroundColor = state.errors > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }
}

function escapeMarkdown(text: string): string {
  return escape(text);
}

/** Settings the writer changed in VS Code (not left at their default) that lorekeeper.yaml sets otherwise: `lore`, `checks.wrong-age`. */
export function overriddenSettings(info: ProjectInfoResult): string[] {
  const fromFile = info.configSettings;
  if (!fromFile) return [];
  const section = vscode.workspace.getConfiguration('lorekeeper', vscode.Uri.parse(info.folder));
  const changed = (key: string): unknown => {
    const i = section.inspect(key);
    return i?.workspaceFolderValue ?? i?.workspaceValue ?? i?.globalValue;
  };
  const overridden: string[] = [];
  for (const key of ['lore', 'manuscripts', 'exclude'] as const) {
    const mine = changed(key);
    if (fromFile[key] !== undefined && mine !== undefined && JSON.stringify(mine) !== JSON.stringify(fromFile[key])) overridden.push(key);
  }
  const myChecks = (changed('checks') ?? {}) as Record<string, string>;
  for (const [code, severity] of Object.entries(fromFile.checks ?? {})) if (myChecks[code] !== undefined && myChecks[code] !== severity) overridden.push(`checks.${code}`);
  return overridden;
}
