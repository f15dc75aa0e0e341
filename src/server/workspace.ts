// The client's workspace: its folders (one Project each), its open documents, and the settings it
// gives through `workspace/configuration`. Documents outside every folder belong to the first.
import type { Connection, TextDocuments, WorkspaceFolder } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ReadableFileSystem } from '../core/fileSystem';
import type { EditorSettings } from '../core/settings';
import { Project, type LoreState, type PersistentLoreCache, type ProjectHost } from './project';
import { normaliseUri } from './uris';

export interface ClientSupport {
  pullDiagnostics: boolean;
  diagnosticRefresh: boolean;
  configuration: boolean;
  watchedFilesRegistration: boolean;
  configurationRegistration: boolean;
  markdown: boolean;
  insertReplace: boolean;
  createFiles: boolean;
  showDocument: boolean;
  hierarchicalSymbols: boolean;
  entryLinks: 'command' | 'file';
  /** Commands the client runs itself (initializationOptions.clientCommands). */
  clientCommands: string[];
  /** The client refreshes inlay hints when asked (workspace/inlayHint/refresh). */
  inlayHintRefresh: boolean;
  docsBase: string;
}

/** How long a reload waits for the editor's answer to `workspace/configuration`. */
const SETTINGS_ANSWER_MS = 5000;

export class Workspace {
  private projects: Project[] = [];
  /** Each folder's settings as the client last gave them. */
  private readonly answeredSettings = new Map<string, EditorSettings>();
  /** Each folder's URI as the client spelled it (for `scopeUri`). */
  private readonly clientUris = new Map<string, string>();
  private readonly listeners: Array<(project: Project, state: LoreState) => void> = [];
  /** Settings pushed by `workspace/didChangeConfiguration` or given at initialisation. */
  pushedSettings: EditorSettings | undefined;
  /** What the client said of its next completion request in each document (lorekeeper/completionRequest). */
  readonly completionRequests = new Map<string, { line: number; character: number; explicit: boolean }>();

  constructor(
    private readonly connection: Connection,
    readonly documents: TextDocuments<TextDocument>,
    readonly fs: ReadableFileSystem,
    readonly support: ClientSupport,
    private readonly persistentCache?: (root: string, loreFolders: readonly string[]) => PersistentLoreCache | undefined,
    private readonly watchFolders?: ProjectHost['watchFolders'],
  ) {}

  get folders(): readonly Project[] {
    return this.projects;
  }

  setFolders(folders: WorkspaceFolder[]): void {
    const wanted = new Map(folders.map((f) => [normaliseUri(f.uri), f.name]));
    for (const f of folders) this.clientUris.set(normaliseUri(f.uri), f.uri);
    const kept = this.projects.filter((p) => wanted.has(p.root));
    for (const p of this.projects) if (!wanted.has(p.root)) p.dispose();
    const known = new Set(kept.map((p) => p.root));
    for (const [root, name] of wanted) if (!known.has(root)) kept.push(this.create(root, name));
    // Keep the client's order: the first folder is the default home of loose documents.
    const order = [...wanted.keys()];
    this.projects = kept.sort((a, b) => order.indexOf(a.root) - order.indexOf(b.root));
  }

  private create(root: string, name: string): Project {
    const project = new Project(root, name, {
      fs: this.fs,
      editorSettings: (folder) => this.editorSettings(folder),
      openText: (uri) => this.openDocument(uri)?.getText(),
      persistentCache: this.persistentCache,
      watchFolders: this.watchFolders,
      log: (message) => this.connection.console.log(message),
    });
    project.onDidChangeLore((state) => {
      for (const listener of this.listeners) listener(project, state);
    });
    return project;
  }

  onDidChangeLore(listener: (project: Project, state: LoreState) => void): void {
    this.listeners.push(listener);
  }

  /** The folder that holds a URI (the innermost), else the first folder. */
  projectFor(uri: string): Project | undefined {
    let best: Project | undefined;
    for (const p of this.projects) if (p.contains(uri) && (!best || p.root.length > best.root.length)) best = p;
    return best ?? this.projects[0];
  }

  /** The open document with this URI, however the client spelled it. */
  openDocument(uri: string): TextDocument | undefined {
    const direct = this.documents.get(uri);
    if (direct) return direct;
    const key = normaliseUri(uri);
    return this.documents.all().find((d) => normaliseUri(d.uri) === key);
  }

  reloadAll(delayMs = 0): void {
    for (const p of this.projects) p.scheduleReload(delayMs);
  }

  private async editorSettings(folder: string): Promise<EditorSettings | undefined> {
    if (this.support.configuration) {
      const scopeUri = this.clientUris.get(folder);
      // A client that never answers must not hold the lore back: every reload waits for this.
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), SETTINGS_ANSWER_MS)));
      const value: unknown = await Promise.race([this.connection.workspace.getConfiguration({ scopeUri, section: 'lorekeeper' }), late]).finally(() => clearTimeout(timer));
      if (value === 'late') {
        this.connection.console.warn(`Lorekeeper: the editor did not give its settings within ${SETTINGS_ANSWER_MS / 1000} s; the last ones it gave are used.`);
        return this.answeredSettings.get(folder) ?? this.pushedSettings;
      }
      if (value && typeof value === 'object') {
        this.answeredSettings.set(folder, value as EditorSettings);
        return value as EditorSettings;
      }
      this.answeredSettings.delete(folder);
    }
    return this.pushedSettings;
  }
}
