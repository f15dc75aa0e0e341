// The Scene view: who the scene at the cursor mentions (those who act in it first), and where each
// stands at the scene's date — age, dead for how long, not yet born. The server computes the cast
// (lorekeeper/sceneCast); this file only draws it and follows the cursor, never waiting on it.
import * as vscode from 'vscode';
import { SceneCastRequest, type SceneCastResult } from '../server/protocol';
import { OPEN_ENTRY } from './cards';
import type { LoreClient } from './client';

type CastMember = SceneCastResult['members'][number];

export class SceneView implements vscode.TreeDataProvider<CastMember>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<CastMember>;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Increases with every update, so that a late answer never overwrites a newer one. */
  private ticket = 0;
  /** The scene shown, for tests. */
  cast: SceneCastResult | undefined;

  constructor(private readonly lore: LoreClient) {
    this.view = vscode.window.createTreeView('lorekeeper.scene', { treeDataProvider: this });
    this.disposables.push(
      this.view,
      lore.onDidChangeLore(() => this.schedule(0)),
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
    this.timer = setTimeout(() => void this.update(), delay);
  }

  /** Asks the server for the cast at the active editor's cursor. */
  async update(): Promise<void> {
    const ticket = ++this.ticket;
    const editor = vscode.window.activeTextEditor;
    let cast: SceneCastResult | null = null;
    if (editor) {
      const { line, character } = editor.selection.active;
      cast = await this.lore.request(SceneCastRequest, { textDocument: { uri: editor.document.uri.toString() }, position: { line, character } }).catch(() => null);
    }
    if (ticket !== this.ticket) return;
    if (!cast) {
      // Another kind of editor (a lore file): keep showing the last scene.
      if (!this.cast) this.view.message = 'Put the cursor in a manuscript to see who is in its scene.';
      return;
    }
    this.cast = cast;
    const mode = cast.mode && cast.mode !== 'normal' ? ` · ${cast.mode}` : '';
    const when = cast.date ? `Scene set in ${cast.date}${mode}` : `Undated scene${mode}: ages and life spans need a date`;
    this.view.message = cast.members.length === 0 ? `${when}. No canon name in it yet.` : `${when}.`;
    this.view.description = cast.date;
    this.changed.fire();
  }

  getChildren(element?: CastMember): CastMember[] {
    return element ? [] : this.cast?.members ?? [];
  }

  getTreeItem(member: CastMember): vscode.TreeItem {
    const item = new vscode.TreeItem(member.name);
    item.description = `${member.note}${member.present ? '' : ' · mentioned'}`;
    item.iconPath = new vscode.ThemeIcon(member.ended ? 'warning' : member.kind === 'character' ? 'person' : 'symbol-misc');
    item.tooltip = `${member.name} (${member.kind}): ${member.note}, ${member.present ? 'acts in this scene' : 'only mentioned in this scene'}.`;
    item.command = { title: 'Open the lore entry', command: OPEN_ENTRY, arguments: [member.id] };
    item.contextValue = 'lorekeeper.castMember';
    return item;
  }
}
