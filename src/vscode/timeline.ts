// Lorekeeper: Show Timeline — the story against its canon in a webview beside the editor: themed
// with the editor's colours, redrawn as the writer types (posted, never reloaded), following the
// cursor's scene; a click on a scene opens it in the manuscript, a click on a lane its lore entry.
// The drawing and the page come from the server (lorekeeper/timeline): the extension holds no lore.
import * as vscode from 'vscode';
import { TimelineRequest, type TimelineResult } from '../server/protocol';
import { OPEN_ENTRY } from './cards';
import type { LoreClient } from './client';

export const SHOW_TIMELINE = 'lorekeeper.showTimeline';
/** The narrowest drawing the layout makes (the server clamps to it too). */
const MIN_WIDTH = 400;
const MANUSCRIPT_LANGUAGES = new Set(['markdown', 'plaintext']);

// The editor's theme mapped onto the drawing's variables.
const THEME_CSS = `
body.lk-themed{--lk-bg:var(--vscode-editor-background);--lk-fg:var(--vscode-editor-foreground);--lk-muted:var(--vscode-descriptionForeground);
--lk-grid:var(--vscode-editorLineNumber-foreground);--lk-faint:var(--vscode-widget-border,var(--vscode-editorGroup-border));
--lk-stripe:var(--vscode-editorWidget-background);--lk-break:var(--vscode-editorGroup-border);--lk-accent:var(--vscode-textLink-foreground);
--lk-warning:var(--vscode-editorWarning-foreground);--lk-info:var(--vscode-editorInfo-foreground);--lk-event-named:var(--vscode-charts-purple,#a371f7);
--lk-tip-bg:var(--vscode-editorHoverWidget-background);--lk-tip-fg:var(--vscode-editorHoverWidget-foreground);--lk-font:var(--vscode-font-family)}
body.lk-themed .lk-toolbar button,body.lk-themed .lk-toolbar select{background:var(--vscode-button-secondaryBackground);color:var(--vscode-button-secondaryForeground);border-color:var(--vscode-button-border,transparent)}
body.lk-themed .lk-toolbar select{background:var(--vscode-dropdown-background);color:var(--vscode-dropdown-foreground)}
`;

export function registerTimeline(lore: LoreClient, root: vscode.Uri): vscode.Disposable {
  let view: TimelineView | undefined;
  return vscode.commands.registerCommand(SHOW_TIMELINE, async () => {
    if (view && !view.disposed) view.reveal();
    else view = new TimelineView(lore, root);
    await view.refresh();
  });
}

class TimelineView {
  private readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private model: TimelineResult | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> = Promise.resolve();
  private ready = false;
  private lastSvg = '';
  /** The panel's width in pixels, as the webview last reported it. */
  private width = 1000;
  disposed = false;

  constructor(
    private readonly lore: LoreClient,
    private readonly root: vscode.Uri,
  ) {
    this.panel = vscode.window.createWebviewPanel('lorekeeper.timeline', 'Timeline', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      localResourceRoots: [],
    });
    // Which files are manuscripts is the server's to say: any Markdown or text edit redraws.
    const isManuscript = (document: vscode.TextDocument): boolean => MANUSCRIPT_LANGUAGES.has(document.languageId);
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(root, '**/*.{md,markdown,txt}'));
    this.disposables.push(
      this.panel.onDidDispose(() => this.dispose()),
      this.panel.webview.onDidReceiveMessage((message: unknown) => void this.onMessage(message)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && isManuscript(e.document)) this.schedule(300);
      }),
      vscode.workspace.onDidOpenTextDocument((d) => isManuscript(d) && this.schedule(300)),
      vscode.window.onDidChangeTextEditorSelection((e) => this.follow(e.textEditor)),
      vscode.window.onDidChangeActiveTextEditor((editor) => editor && this.follow(editor)),
      lore.onDidChangeLore(() => this.schedule(0)),
      watcher,
      watcher.onDidCreate(() => this.schedule(300)),
      watcher.onDidChange(() => this.schedule(300)),
      watcher.onDidDelete(() => this.schedule(300)),
    );
    this.panel.webview.html = this.page(undefined);
  }

  reveal(): void {
    this.panel.reveal(vscode.ViewColumn.Beside, true);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delayMs);
  }

  /** Recomputes the model and sends the new drawing; one at a time. */
  refresh(): Promise<void> {
    this.running = this.running.then(async () => {
      if (this.disposed) return;
      const nonce = nonceOf();
      const page = this.ready ? undefined : { csp: this.csp(nonce), nonce, themeCss: THEME_CSS };
      const result = await this.lore.request(TimelineRequest, { uri: this.root.toString(), width: this.width, maxLanes: 80, page }).catch(() => null);
      if (this.disposed) return;
      if (!result) {
        this.ready = false;
        this.lastSvg = '';
        this.model = undefined;
        this.panel.webview.html = this.page(undefined, 'No lore folder found: set "lorekeeper.lore" or add a lorekeeper.yaml.');
        return;
      }
      this.model = result;
      this.panel.title = `Timeline — ${result.title ?? 'Story'}`;
      if (result.svg === this.lastSvg) return;
      this.lastSvg = result.svg;
      if (this.ready) void this.panel.webview.postMessage({ type: 'update', svg: result.svg });
      else if (result.html) this.panel.webview.html = result.html;
      const editor = vscode.window.activeTextEditor;
      if (editor) this.follow(editor);
    });
    return this.running;
  }

  private csp(nonce: string): string {
    return `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src ${this.panel.webview.cspSource} data:;`;
  }

  /** The page shown before the first drawing, or instead of it. */
  private page(_model: undefined, notice?: string): string {
    const nonce = nonceOf();
    return `<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${this.csp(nonce)}"><style nonce="${nonce}">body{font-family:var(--vscode-font-family);color:var(--vscode-descriptionForeground);padding:1em}</style></head><body>${escapeHtml(notice ?? 'Reading the lore and the manuscripts…')}</body></html>`;
  }

  /** Marks the scene under the cursor of a manuscript editor. */
  private follow(editor: vscode.TextEditor): void {
    if (!this.model || !this.ready) return;
    const file = editor.document.uri.toString();
    const line = editor.selection.active.line + 1;
    const scene = this.model.scenes.find((s) => s.file === file && s.line <= line && line <= s.endLine);
    if (scene) void this.panel.webview.postMessage({ type: 'cursor', scene: scene.id });
  }

  private async onMessage(message: unknown): Promise<void> {
    if (typeof message !== 'object' || message === null) return;
    const m = message as { type?: string; file?: unknown; line?: unknown; id?: unknown; width?: unknown };
    if ((m.type === 'ready' || m.type === 'resize') && typeof m.width === 'number' && Number.isFinite(m.width)) {
      const width = Math.max(MIN_WIDTH, Math.min(4000, Math.round(m.width - 4)));
      if (Math.abs(width - this.width) > 8) {
        this.width = width;
        this.schedule(0);
      }
    }
    if (m.type === 'ready') {
      // A webview hidden and shown again starts over from its first page: send the latest drawing.
      this.ready = true;
      if (this.lastSvg) void this.panel.webview.postMessage({ type: 'update', svg: this.lastSvg });
      const editor = vscode.window.activeTextEditor;
      if (editor) this.follow(editor);
    } else if (m.type === 'openScene' && typeof m.file === 'string' && typeof m.line === 'number') {
      await this.openScene(m.file, m.line);
    } else if (m.type === 'openEntry' && typeof m.id === 'string') {
      await vscode.commands.executeCommand(OPEN_ENTRY, m.id);
    }
  }

  private async openScene(file: string, line: number): Promise<void> {
    // Only files of this model: the webview names them, it does not choose them.
    const known = this.model?.files.includes(file);
    if (!known) return;
    const uri = vscode.Uri.parse(file);
    const target = new vscode.Position(Math.max(0, line - 1), 0);
    const column = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === file)?.viewColumn ?? vscode.ViewColumn.One;
    await vscode.window.showTextDocument(uri, { viewColumn: column, selection: new vscode.Range(target, target), preview: false });
  }
}

function nonceOf(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < 32; i++) out += chars[Math.floor(Math.random() * chars.length)];
  return out;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
