// The Scene view: who the scene at the cursor mentions (those who act in it first), and where each
// stands at the scene's date — age, dead for how long, not yet born. Computed by the engine
// (features/sceneCast); this file only draws it and follows the cursor.
import * as vscode from 'vscode';
import { sceneCast, type CastMember, type SceneCast } from '../core/features/sceneCast';
import { offsetAt } from '../core/manuscript';
import { OPEN_ENTRY } from './cards';
import { fromPosition } from './convert';
import type { Project } from './project';

export class SceneView implements vscode.TreeDataProvider<CastMember>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<CastMember>;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The scene shown, for tests. */
  cast: SceneCast | undefined;

  constructor(private readonly project: Project) {
    this.view = vscode.window.createTreeView('lorekeeper.scene', { treeDataProvider: this });
    this.disposables.push(
      this.view,
      project.onDidChangeLore(() => this.schedule(0)),
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)),
      vscode.window.onDidChangeTextEditorSelection(() => this.schedule()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === vscode.window.activeTextEditor?.document) this.schedule(300);
      }),
    );
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }

  private schedule(delay = 150): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.update(), delay);
  }

  /** Recomputes the cast at the active editor's cursor. */
  update(): void {
    const state = this.project.current;
    const editor = vscode.window.activeTextEditor;
    if (!state || !state.active || !editor || !this.project.isManuscript(editor.document, state.settings)) {
      // Another kind of editor (a lore file): keep showing the last scene.
      if (!this.cast) this.view.message = 'Put the cursor in a manuscript to see who is in its scene.';
      return;
    }
    const { manuscript, scan } = this.project.check(editor.document, state);
    this.cast = sceneCast(manuscript, scan, offsetAt(manuscript.lineStarts, fromPosition(editor.selection.active)), state.lore.base.calendar);
    const mode = this.cast.scene.mode && this.cast.scene.mode !== 'normal' ? ` · ${this.cast.scene.mode}` : '';
    const when = this.cast.dateText ? `Scene set in ${this.cast.dateText}${mode}` : `Undated scene${mode}: ages and life spans need a date`;
    this.view.message = this.cast.members.length === 0 ? `${when}. No canon name in it yet.` : `${when}.`;
    this.view.description = this.cast.dateText;
    this.changed.fire();
  }

  getChildren(element?: CastMember): CastMember[] {
    return element ? [] : this.cast?.members ?? [];
  }

  getTreeItem(member: CastMember): vscode.TreeItem {
    const item = new vscode.TreeItem(member.entry.name);
    item.description = `${member.note}${member.present ? '' : ' · mentioned'}`;
    const ended = member.status.state === 'ended' || member.status.state === 'not-yet';
    item.iconPath = new vscode.ThemeIcon(ended ? 'warning' : member.entry.kind === 'character' ? 'person' : 'symbol-misc');
    item.tooltip = `${member.entry.name} (${member.entry.kind}): ${member.note}, ${member.present ? 'acts in this scene' : 'only mentioned in this scene'}.`;
    item.command = { title: 'Open the lore entry', command: OPEN_ENTRY, arguments: [member.entry.id] };
    item.contextValue = 'lorekeeper.castMember';
    return item;
  }
}
