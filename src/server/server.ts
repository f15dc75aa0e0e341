// Lorekeeper's language server: wires the LSP requests to one handler per feature, each a thin
// call into the engine in src/core. The same server runs over stdio (`lorekeeper lsp --stdio`),
// over IPC for the VS Code extension, and in a web worker; only the file system differs.
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceFolder,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { version } from '../../package.json';
import type { ReadableFileSystem } from '../core/fileSystem';
import type { EditorSettings } from '../core/settings';
import { codeActions } from './codeActions';
import { complete, resolveCompletion } from './completion';
import { DEFAULT_DOCS_BASE } from './convert';
import { definition } from './definition';
import { Diagnostics } from './diagnostics';
import { addEntry, loreFiles, loreVocabulary, newLoreText, projectInfo, sceneCastAt, timeline } from './editorViews';
import { hover } from './hover';
import { inlayHints } from './inlayHints';
import { canonWordsOf, entryCardOf, loreState, sceneAtPosition } from './loreInfo';
import {
  AddEntryRequest,
  CanonWordsRequest,
  CheckWorkspaceRequest,
  CompletionRequestNotification,
  EntryCardRequest,
  LoreChangedNotification,
  LoreFilesRequest,
  LoreStateRequest,
  LoreVocabularyRequest,
  NewLoreTextRequest,
  ProjectInfoRequest,
  ReloadLoreRequest,
  SceneAtRequest,
  SceneCastRequest,
  TimelineRequest,
  type LorekeeperInitializationOptions,
} from './protocol';
import { references } from './references';
import { documentSymbols } from './symbols';
import { checkWorkspace } from './workspaceCheck';
import { normaliseUri } from './uris';
import type { PersistentLoreCache, ProjectHost } from './project';
import { Workspace, type ClientSupport } from './workspace';

export interface ServerOptions {
  /** A cache of each folder's lore kept between runs (the node server's; none in a browser). */
  persistentCache?: (root: string, loreFolders: readonly string[]) => PersistentLoreCache | undefined;
  /** The server's own watch over the lore folders on disk (the node server's; none in a browser). */
  watchFolders?: ProjectHost['watchFolders'];
}

export function startServer(connection: Connection, fs: ReadableFileSystem, serverOptions: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  let workspace: Workspace | undefined;
  let diagnostics: Diagnostics | undefined;
  // Until `initialize` has been answered there is nothing to serve; a bad request gets `null`.
  const ready = <P, R>(handler: (w: Workspace, params: P) => Promise<R>, empty: R) => async (params: P): Promise<R> => {
    if (!workspace) return empty;
    try {
      return await handler(workspace, params);
    } catch (error) {
      connection.console.error(`Lorekeeper: ${(error as Error).message}`);
      return empty;
    }
  };

  let initializeParams: InitializeParams | undefined;
  connection.onInitialize((params: InitializeParams): InitializeResult => {
    initializeParams = params;
    const options = (params.initializationOptions ?? {}) as LorekeeperInitializationOptions;
    const caps = params.capabilities;
    const support: ClientSupport = {
      pullDiagnostics: caps.textDocument?.diagnostic !== undefined,
      diagnosticRefresh: caps.workspace?.diagnostics?.refreshSupport === true,
      configuration: caps.workspace?.configuration === true,
      watchedFilesRegistration: caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
      configurationRegistration: caps.workspace?.didChangeConfiguration?.dynamicRegistration === true,
      markdown: caps.textDocument?.hover?.contentFormat?.includes('markdown') ?? false,
      insertReplace: caps.textDocument?.completion?.completionItem?.insertReplaceSupport === true,
      createFiles: caps.workspace?.workspaceEdit?.resourceOperations?.includes('create') ?? false,
      showDocument: caps.window?.showDocument?.support === true,
      hierarchicalSymbols: caps.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport === true,
      entryLinks: options.entryLinks === 'command' ? 'command' : 'file',
      clientCommands: Array.isArray(options.clientCommands) ? options.clientCommands.filter((c): c is string => typeof c === 'string') : [],
      inlayHintRefresh: caps.workspace?.inlayHint?.refreshSupport === true,
      docsBase: typeof options.docsBase === 'string' ? options.docsBase : DEFAULT_DOCS_BASE,
    };
    workspace = new Workspace(connection, documents, fs, support, serverOptions.persistentCache, serverOptions.watchFolders);
    // Clients without workspace/configuration pass settings here (Helix sends its `config` as is).
    const initial = options.settings ?? (options as { lorekeeper?: unknown }).lorekeeper;
    if (initial && typeof initial === 'object') workspace.pushedSettings = initial as EditorSettings;
    workspace.setFolders(initialFolders(params));
    diagnostics = new Diagnostics(connection, workspace);
    workspace.onDidChangeLore((project, state) => {
      void connection.sendNotification(LoreChangedNotification, { folder: project.root, generation: state.generation });
      // The markers' dates are read in the lore's calendar: hints are redrawn after every load.
      if (support.inlayHintRefresh) void connection.languages.inlayHint.refresh().catch(() => undefined);
    });
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
        hoverProvider: true,
        completionProvider: { resolveProvider: true, triggerCharacters: [] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        definitionProvider: true,
        referencesProvider: true,
        documentSymbolProvider: { label: 'Scenes' },
        inlayHintProvider: true,
        ...(support.pullDiagnostics ? { diagnosticProvider: { identifier: 'lorekeeper', interFileDependencies: true, workspaceDiagnostics: false } } : {}),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'lorekeeper', version },
    };
  });

  connection.onInitialized(() => {
    if (!workspace) return;
    const w = workspace;
    if (w.support.watchedFilesRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml}' }] }).catch(() => undefined);
    }
    if (w.support.configurationRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'lorekeeper' }).catch(() => undefined);
    }
    if (initializeParams?.capabilities.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((f) => normaliseUri(f.uri)));
        const current = w.folders.map((p): WorkspaceFolder => ({ uri: p.root, name: p.name })).filter((f) => !removed.has(f.uri));
        w.setFolders([...current, ...event.added]);
        for (const project of w.folders) void project.ready();
      });
    }
    // The lore is read once the client is ready, so that it never waits for it.
    for (const project of w.folders) void project.ready();
  });

  connection.onDidChangeConfiguration((change) => {
    if (!workspace) return;
    const settings = (change.settings as { lorekeeper?: EditorSettings } | null | undefined)?.lorekeeper;
    if (settings && typeof settings === 'object') workspace.pushedSettings = settings;
    workspace.reloadAll(0);
  });

  connection.onDidChangeWatchedFiles((change) => {
    if (!workspace) return;
    for (const { uri } of change.changes) {
      const project = workspace.projectFor(uri);
      if (project && (project.isLoreFile(uri) || project.isConfigFile(uri))) project.scheduleReload();
    }
  });

  connection.onHover(ready(hover, null));
  connection.onNotification(CompletionRequestNotification, (params) => {
    if (!workspace || typeof params?.textDocument?.uri !== 'string' || typeof params.position?.line !== 'number') return;
    workspace.completionRequests.set(normaliseUri(params.textDocument.uri), { line: params.position.line, character: params.position.character, explicit: params.explicit === true });
  });
  connection.onCompletion(ready(complete, null));
  connection.onCompletionResolve(async (item) => (workspace ? resolveCompletion(workspace, item).catch(() => item) : item));
  connection.onCodeAction(ready(codeActions, null));
  connection.onDefinition(ready(definition, null));
  connection.onReferences((params, token) => ready((w, p: typeof params) => references(w, p, token), null)(params));
  connection.onDocumentSymbol(ready(documentSymbols, null));
  connection.onRequest(CheckWorkspaceRequest, (params, token) =>
    ready((w, p: typeof params) => checkWorkspace(w, diagnostics!, p, token), { files: 0, byCode: {}, total: 0, loreProblems: 0, cancelled: false, summary: 'No workspace.' })(params),
  );
  connection.onRequest(LoreStateRequest, ready(loreState, null));
  connection.onRequest(SceneAtRequest, ready(sceneAtPosition, null));
  connection.onRequest(EntryCardRequest, ready(entryCardOf, null));
  connection.onRequest(CanonWordsRequest, ready(canonWordsOf, null));
  connection.languages.inlayHint.on(ready(inlayHints, null));
  connection.onRequest(SceneCastRequest, ready(sceneCastAt, null));
  connection.onRequest(TimelineRequest, ready(timeline, null));
  connection.onRequest(ProjectInfoRequest, ready(projectInfo, null));
  connection.onRequest(NewLoreTextRequest, ready(newLoreText, null));
  connection.onRequest(LoreVocabularyRequest, () => loreVocabulary());
  connection.onRequest(LoreFilesRequest, ready(loreFiles, null));
  connection.onRequest(AddEntryRequest, ready(addEntry, null));
  connection.onRequest(ReloadLoreRequest, async () => {
    workspace?.reloadAll(0);
    for (const project of workspace?.folders ?? []) await project.whenIdle();
  });
  connection.onShutdown(() => {
    diagnostics?.dispose();
    for (const project of workspace?.folders ?? []) project.dispose();
  });

  documents.listen(connection);
  connection.listen();
}

/** The folders of `initialize`: `workspaceFolders`, else `rootUri`, else none. */
function initialFolders(params: InitializeParams): WorkspaceFolder[] {
  if (params.workspaceFolders && params.workspaceFolders.length > 0) return params.workspaceFolders;
  if (params.rootUri) return [{ uri: params.rootUri, name: params.rootUri.split('/').pop() ?? 'workspace' }];
  return [];
}
