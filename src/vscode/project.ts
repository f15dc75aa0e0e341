// The writer's project as the editor sees it: its settings, its lore (loaded lazily, reloaded in
// place when a lore file or lorekeeper.yaml changes, re-parsing only the files that changed), and
// the manuscripts checked against it, cached per document version.
// Completion, hover, diagnostics, quick fixes and navigation ask the language server instead
// (src/server/project.ts is its counterpart there). This copy serves what needs the lore inside
// the extension host: the Scene view, marker hints, the timeline, New Lore Base/Entry, lore-file
// and story quick fixes that edit other files, the not-checked hints and the settings override
// notice (with settings.ts, workspaceFileSystem.ts, manuscripts.ts and convert.ts).
import * as vscode from 'vscode';
import { ScanCache } from '../core/mentions/scan';
import { checkManuscript, prepareLore, type ManuscriptCheck, type PreparedLore } from '../core/check';
import { CompletionIndex } from '../core/features/completion';
import { isManuscriptFile } from '../core/features/manuscriptFiles';
import { loadLore, type LoadedLore, type LoreParseCache } from '../core/lore/load';
import type { ParsedLoreFile } from '../core/lore/parseFile';
import { parseManuscript, type Manuscript } from '../core/manuscript';
import { CONFIG_FILES, readSettings, type Settings } from './settings';
import { workspaceFileSystem } from './workspaceFileSystem';

export interface LoreState {
  /** Increases with every (re)load. */
  generation: number;
  settings: Settings;
  lore: PreparedLore;
  loaded: LoadedLore;
  /** Some lore folder exists: the extension has something to say. */
  active: boolean;
}

/** Schemes of documents that can be manuscripts (not output panes, diffs of git objects, …). */
const DOCUMENT_SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs', 'memfs', 'vscode-test-web']);
const MANUSCRIPT_LANGUAGES = new Set(['markdown', 'plaintext']);

export class Project implements vscode.Disposable {
  private state: LoreState | undefined;
  private firstLoad: Promise<LoreState> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private pending = 0;
  private generation = 0;
  private completionIndex: { generation: number; index: CompletionIndex } | undefined;
  private readonly cache = new MemoryLoreCache();
  // Keyed by the document itself: a new untitled document may reuse a closed one's URI.
  private readonly scanCaches = new WeakMap<vscode.TextDocument, ScanCache>();
  private readonly checks = new WeakMap<vscode.TextDocument, { version: number; length: number; generation: number; result: ManuscriptCheck }>();
  private readonly parses = new WeakMap<vscode.TextDocument, { version: number; length: number; generation: number; manuscript: Manuscript }>();
  private readonly changed = new vscode.EventEmitter<LoreState>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** Fires after every (re)load of the lore. */
  readonly onDidChangeLore = this.changed.event;

  constructor(readonly root: vscode.Uri) {
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(root, '**/*.{yaml,yml}'));
    const onFile = (uri: vscode.Uri): void => {
      if (this.isLoreFile(uri) || this.isConfigFile(uri)) this.scheduleReload();
    };
    this.disposables.push(
      watcher,
      watcher.onDidCreate(onFile),
      watcher.onDidChange(onFile),
      watcher.onDidDelete(onFile),
      // Unsaved edits to lore files count too: problems follow the writer's typing.
      vscode.workspace.onDidChangeTextDocument((e) => {
        // After a pause of at least a second: a half-typed line is never flagged while it is typed.
        if (e.contentChanges.length > 0 && (this.isLoreFile(e.document.uri) || this.isConfigFile(e.document.uri))) this.scheduleReload(Math.max(1000, this.state?.settings.debounceMs ?? 0));
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('lorekeeper')) this.scheduleReload(0);
      }),
      // A reopened untitled document can come back as the same object at version 1: forget it.
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.scanCaches.delete(document);
        this.checks.delete(document);
        this.parses.delete(document);
      }),
    );
  }

  dispose(): void {
    clearTimeout(this.reloadTimer);
    for (const d of this.disposables) d.dispose();
  }

  /** The lore as last loaded, if it has been. */
  get current(): LoreState | undefined {
    return this.state;
  }

  /** The lore, loading it the first time it is asked for. */
  ready(): Promise<LoreState> {
    if (this.state) return Promise.resolve(this.state);
    this.firstLoad ??= this.enqueueLoad();
    return this.firstLoad;
  }

  /** Reloads soon, once however many changes arrive meanwhile. */
  scheduleReload(delayMs = 150): void {
    clearTimeout(this.reloadTimer);
    if (this.reloadTimer === undefined) this.pending++;
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = undefined;
      void this.enqueueLoad().finally(() => this.pending--);
    }, delayMs);
  }

  /** Resolves once no reload is scheduled or running (for tests and the check command). */
  async whenIdle(): Promise<LoreState> {
    let state = await this.ready();
    while (this.pending > 0) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      await this.queue;
      state = this.state ?? state;
    }
    return state;
  }

  private enqueueLoad(): Promise<LoreState> {
    const run = this.queue.then(() => this.load());
    this.queue = run.catch(() => undefined);
    return run.then((state) => {
      this.state = state;
      this.changed.fire(state);
      return state;
    });
  }

  private async load(): Promise<LoreState> {
    const settings = await readSettings(this.root);
    const folders = settings.lore.map((name) => ({ name, path: vscode.Uri.joinPath(this.root, name).toString() }));
    const loaded = await loadLore(workspaceFileSystem, folders, this.cache);
    this.cache.retain(loaded.files);
    const active = loaded.missingFolders.length < folders.length;
    return { generation: ++this.generation, settings, lore: prepareLore(loaded.base), loaded, active };
  }

  /** The completion index of the current lore, built on first use. */
  completion(state: LoreState): CompletionIndex {
    if (this.completionIndex?.generation !== state.generation) {
      this.completionIndex = { generation: state.generation, index: new CompletionIndex(state.lore.base) };
    }
    return this.completionIndex.index;
  }

  /** The document checked against the current lore, reusing the last check of the same version. */
  check(document: vscode.TextDocument, state: LoreState): ManuscriptCheck {
    const hit = this.checks.get(document);
    const text = document.getText();
    if (hit && hit.version === document.version && hit.length === text.length && hit.generation === state.generation) return hit.result;
    let scanCache = this.scanCaches.get(document);
    if (!scanCache) {
      scanCache = new ScanCache();
      this.scanCaches.set(document, scanCache);
    }
    // The scan cache makes a re-check as the writer types rescan only the edited paragraph.
    const result = checkManuscript(state.lore, enginePath(document), text, { severities: state.settings.checks, ignoredWords: state.settings.words, scanCache });
    this.checks.set(document, { version: document.version, length: text.length, generation: state.generation, result });
    return result;
  }

  /** The document's scenes and markup, without running the checks (for the status bar and completion). */
  manuscript(document: vscode.TextDocument, state: LoreState): Manuscript {
    const text = document.getText();
    const fresh = (hit: { version: number; length: number; generation: number } | undefined): boolean =>
      hit !== undefined && hit.version === document.version && hit.length === text.length && hit.generation === state.generation;
    const checked = this.checks.get(document);
    if (fresh(checked)) return checked!.result.manuscript;
    const hit = this.parses.get(document);
    if (fresh(hit)) return hit!.manuscript;
    const manuscript = parseManuscript(enginePath(document), text, state.lore.base.calendar);
    this.parses.set(document, { version: document.version, length: text.length, generation: state.generation, manuscript });
    return manuscript;
  }

  /** The path relative to the project's folder (with `/`), or undefined outside it. */
  relativePath(uri: vscode.Uri): string | undefined {
    const base = this.root.path.endsWith('/') ? this.root.path : `${this.root.path}/`;
    if (uri.scheme !== this.root.scheme || uri.authority !== this.root.authority || !uri.path.startsWith(base)) return undefined;
    return uri.path.slice(base.length);
  }

  isLoreFile(uri: vscode.Uri): boolean {
    const path = this.relativePath(uri);
    if (path === undefined || !/\.ya?ml$/i.test(path)) return false;
    const folders = this.state?.settings.lore ?? ['lore'];
    return folders.some((folder) => folder === '.' || path.startsWith(`${folder}/`));
  }

  isConfigFile(uri: vscode.Uri): boolean {
    const path = this.relativePath(uri);
    return path !== undefined && CONFIG_FILES.includes(path);
  }

  /** Whether a file of the workspace is a manuscript under the current settings. */
  isManuscriptUri(uri: vscode.Uri, settings: Settings): boolean {
    const path = this.relativePath(uri);
    return path !== undefined && isManuscriptFile(path, settings);
  }

  /** Whether an open document is a manuscript to check: Markdown or text, and not excluded. */
  isManuscript(document: vscode.TextDocument, settings: Settings): boolean {
    if (!MANUSCRIPT_LANGUAGES.has(document.languageId) || !DOCUMENT_SCHEMES.has(document.uri.scheme)) return false;
    if (document.uri.scheme === 'untitled') return true;
    const path = this.relativePath(document.uri);
    // Outside the project (a file opened on its own) it is checked if it looks like one.
    if (path === undefined) return true;
    // Text documents of other extensions (`.text`, none) are manuscripts by language alone.
    const named = /\.(md|markdown|txt)$/i.test(path) ? path : `${path}.${document.languageId === 'plaintext' ? 'txt' : 'md'}`;
    return isManuscriptFile(named, settings);
  }
}

/** The path the engine sees: it tells text from Markdown by the `.txt` ending. */
export function enginePath(document: vscode.TextDocument): string {
  const uri = document.uri.toString();
  return document.languageId === 'plaintext' && !/\.txt$/i.test(document.uri.path) ? `${uri}#.txt` : uri;
}

/** Parsed lore files by path and content; keeps only the latest version of each file. */
class MemoryLoreCache implements LoreParseCache {
  private readonly byKey = new Map<string, ParsedLoreFile>();
  private readonly keyOfPath = new Map<string, string>();

  get(key: string): ParsedLoreFile | undefined {
    return this.byKey.get(key);
  }

  set(key: string, parsed: ParsedLoreFile): void {
    const path = key.slice(0, key.indexOf('\0'));
    const previous = this.keyOfPath.get(path);
    if (previous !== undefined && previous !== key) this.byKey.delete(previous);
    this.keyOfPath.set(path, key);
    this.byKey.set(key, parsed);
  }

  /** Forgets files that are no longer part of the lore. */
  retain(paths: string[]): void {
    const keep = new Set(paths);
    for (const [path, key] of this.keyOfPath) {
      if (keep.has(path)) continue;
      this.keyOfPath.delete(path);
      this.byKey.delete(key);
    }
  }
}
