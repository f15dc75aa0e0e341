// Lorekeeper: Show Timeline — the story against its canon in a webview beside the editor: themed
// with the editor's colours, redrawn as the writer types (posted, never reloaded), following the
// cursor's scene; a click on a scene opens it in the manuscript, a click on a lane its lore entry.
// The model comes from ONE function, computeTimeline, so that it can later come from the server.
import * as vscode from 'vscode';
import { checkManuscript, type ManuscriptCheck } from '../core/check';
import { decodeText } from '../core/fileSystem';
import { renderTimelineHtml } from '../core/timeline/html';
import { buildTimeline, type TimelineModel } from '../core/timeline/model';
import { MIN_WIDTH } from '../core/timeline/layout';
import { renderTimelineSvg, type SvgOptions } from '../core/timeline/svg';
import { OPEN_ENTRY } from './cards';
import { findManuscripts } from './manuscripts';
import type { LoreState, Project } from './project';

export const SHOW_TIMELINE = 'lorekeeper.showTimeline';

/** Checks of files that are not open, by URI, kept while the file and the lore are unchanged. */
const onDisk = new Map<string, { generation: number; mtime: number; size: number; check: ManuscriptCheck }>();

/** The timeline of every manuscript of the project (open documents as they are now, unsaved edits included). */
export async function computeTimeline(project: Project, state: LoreState): Promise<TimelineModel> {
  const uris = await findManuscripts(project, state);
  const open = new Map(vscode.workspace.textDocuments.filter((d) => project.isManuscript(d, state.settings)).map((d) => [d.uri.toString(), d]));
  const checks: ManuscriptCheck[] = [];
  const seen = new Set<string>();
  for (const uri of uris) {
    const key = uri.toString();
    seen.add(key);
    const document = open.get(key);
    if (document) {
      checks.push(project.check(document, state));
      continue;
    }
    const check = await checkOnDisk(state, uri);
    if (check) checks.push(check);
  }
  // Open drafts outside the project's selection (an untitled story) come after the project's files.
  for (const [key, document] of open) if (!seen.has(key)) checks.push(project.check(document, state));
  return buildTimeline(state.lore.base, checks);
}

async function checkOnDisk(state: LoreState, uri: vscode.Uri): Promise<ManuscriptCheck | undefined> {
  const key = uri.toString();
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    const hit = onDisk.get(key);
    if (hit && hit.generation === state.generation && hit.mtime === stat.mtime && hit.size === stat.size) return hit.check;
    const decoded = decodeText(await vscode.workspace.fs.readFile(uri));
    if (!decoded.ok) return undefined;
    const check = checkManuscript(state.lore, key, decoded.text, { severities: state.settings.checks });
    onDisk.set(key, { generation: state.generation, mtime: stat.mtime, size: stat.size, check });
    return check;
  } catch {
    return undefined;
  }
}

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

export function registerTimeline(project: Project): vscode.Disposable {
  let view: TimelineView | undefined;
  return vscode.commands.registerCommand(SHOW_TIMELINE, async () => {
    if (view && !view.disposed) view.reveal();
    else view = new TimelineView(project);
    await view.refresh();
  });
}

class TimelineView {
  private readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private model: TimelineModel | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> = Promise.resolve();
  private ready = false;
  private lastSvg = '';
  /** The panel's width in pixels, as the webview last reported it. */
  private width = 1000;
  disposed = false;

  constructor(private readonly project: Project) {
    this.panel = vscode.window.createWebviewPanel('lorekeeper.timeline', 'Timeline', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      localResourceRoots: [],
    });
    const isManuscript = (document: vscode.TextDocument): boolean => {
      const state = this.project.current;
      return state !== undefined && this.project.isManuscript(document, state.settings);
    };
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(project.root, '**/*.{md,markdown,txt}'));
    this.disposables.push(
      this.panel.onDidDispose(() => this.dispose()),
      this.panel.webview.onDidReceiveMessage((message: unknown) => void this.onMessage(message)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && isManuscript(e.document)) this.schedule(300);
      }),
      vscode.workspace.onDidOpenTextDocument((d) => isManuscript(d) && this.schedule(300)),
      vscode.window.onDidChangeTextEditorSelection((e) => this.follow(e.textEditor)),
      vscode.window.onDidChangeActiveTextEditor((editor) => editor && this.follow(editor)),
      project.onDidChangeLore(() => this.schedule(0)),
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
      const state = await this.project.whenIdle();
      if (!state.active) {
        this.ready = false;
        this.lastSvg = '';
        this.panel.webview.html = this.page(undefined, 'No lore folder found: set "lorekeeper.lore" or add a lorekeeper.yaml.');
        return;
      }
      this.model = await computeTimeline(this.project, state);
      this.panel.title = `Timeline — ${this.model.title ?? 'Story'}`;
      const svg = renderTimelineSvg(this.model, this.drawing());
      if (svg === this.lastSvg) return;
      this.lastSvg = svg;
      if (this.ready) void this.panel.webview.postMessage({ type: 'update', svg });
      else {
        this.ready = false;
        this.panel.webview.html = this.page(this.model);
      }
      const editor = vscode.window.activeTextEditor;
      if (editor) this.follow(editor);
    });
    return this.running;
  }

  private page(model: TimelineModel | undefined, notice?: string): string {
    const nonce = nonceOf();
    const csp = `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src ${this.panel.webview.cspSource} data:;`;
    if (!model) {
      return `<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${csp}"><style nonce="${nonce}">body{font-family:var(--vscode-font-family);color:var(--vscode-descriptionForeground);padding:1em}</style></head><body>${escapeHtml(notice ?? 'Reading the lore and the manuscripts…')}</body></html>`;
    }
    return renderTimelineHtml(model, { ...this.drawing(), csp, nonce, themeCss: THEME_CSS });
  }

  private drawing(): SvgOptions {
    const displayPath = (file: string): string => {
      try {
        return this.project.relativePath(vscode.Uri.parse(file)) ?? file;
      } catch {
        return file;
      }
    };
    return { embedStyle: false, maxLanes: 80, width: this.width, displayPath };
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
    const known = this.model?.scenes.some((s) => s.file === file) || this.model?.diagnostics.some((d) => d.file === file);
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
