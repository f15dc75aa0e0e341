// The VS Code side of the language server: starts it (dist/server.js over IPC on the desktop, a
// web worker on vscode.dev) and hands VS Code's documents, settings, file events and files to it.
// Completion, hover, diagnostics, quick fixes, definitions, references and the outline all come
// from the server; this file only connects. The client library is loaded when the server
// starts, after activation has returned.
import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions, vsdiag } from 'vscode-languageclient';
import type { CancellationToken, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { WorkspaceEdit } from 'vscode-languageserver-protocol';
import { ADD_TO_LORE_COMMAND, CompletionRequestNotification, LoreChangedNotification, LoreStateRequest, OPEN_ENTRY_COMMAND, SAVE_FILE_COMMAND, type LorekeeperInitializationOptions, type LoreStateParams, type LoreStateResult } from '../server/protocol';
import { isExtensionDocument, withPreviewLinks } from './checkDocs';
import { isExplicitRequest } from './suggestTrigger';
import { serveWorkspaceFiles } from './workspaceFiles';

/** Makes the platform's client (Node or browser) for these options. */
export type ClientFactory = (context: vscode.ExtensionContext, options: LanguageClientOptions) => Promise<BaseLanguageClient>;

/** Markdown and plain-text manuscripts of any scheme (untitled drafts too), and YAML for the lore. */
export const DOCUMENT_SELECTOR = [{ language: 'markdown' }, { language: 'plaintext' }, { pattern: '**/*.{yaml,yml}' }];

export class LoreClient implements vscode.Disposable {
  private client: BaseLanguageClient | undefined;
  private starting: Promise<BaseLanguageClient> | undefined;
  private readonly changed = new vscode.EventEmitter<{ folder: string; generation: number }>();
  /** Fires after every (re)load of a folder's lore by the server. */
  readonly onDidChangeLore = this.changed.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly createClient: ClientFactory,
  ) {}

  /** Starts the server once; every request waits for it. */
  start(): Promise<BaseLanguageClient> {
    this.starting ??= this.launch();
    return this.starting;
  }

  private async launch(): Promise<BaseLanguageClient> {
    const initializationOptions: LorekeeperInitializationOptions = {
      entryLinks: 'command',
      // The check codes' pages ship in the extension: diagnostics link there.
      docsBase: `${this.context.extensionUri.toString()}/`,
      clientFileSystem: true,
      // Quick fixes that open an entry, ask the kind and file of a new one, or save a file.
      clientCommands: [OPEN_ENTRY_COMMAND, ADD_TO_LORE_COMMAND, SAVE_FILE_COMMAND],
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      initializationOptions,
      markdown: { isTrusted: { enabledCommands: [OPEN_ENTRY_COMMAND] }, supportHtml: false },
      diagnosticPullOptions: { onChange: true, onSave: true },
      outputChannelName: 'Lorekeeper',
      middleware: {
        // A code's link opens its page as a rendered preview (checkDocs.ts), pulled or pushed.
        handleDiagnostics: (uri, diagnostics, next) => next(uri, withPreviewLinks(this.context.extensionUri, diagnostics)),
        // The extension's own pages (a check page's preview opens it as a document) are no manuscripts.
        didOpen: (document, next) => (isExtensionDocument(this.context.extensionUri, document.uri) ? Promise.resolve() : next(document)),
        didChange: (event, next) => (isExtensionDocument(this.context.extensionUri, event.document.uri) ? Promise.resolve() : next(event)),
        didClose: (document, next) => (isExtensionDocument(this.context.extensionUri, document.uri) ? Promise.resolve() : next(document)),
        provideDiagnostics: async (document, previousResultId, token, next) => {
          if (isExtensionDocument(this.context.extensionUri, document instanceof vscode.Uri ? document : document.uri)) return { kind: 'full' as vsdiag.DocumentDiagnosticReportKind.full, items: [] };
          const report = await next(document, previousResultId, token);
          if (report && 'items' in report) withPreviewLinks(this.context.extensionUri, report.items);
          return report;
        },
        // The server must know whether the writer asked (Ctrl+Space runs lorekeeper.suggestNames)
        // or VS Code offers as they type: both arrive as `Invoked` (see suggestTrigger.ts).
        provideCompletionItem: async (document, position, context, token, next) => {
          const explicit = isExplicitRequest(document, position, context.triggerKind);
          await this.client?.sendNotification(CompletionRequestNotification, {
            textDocument: { uri: document.uri.toString() },
            position: { line: position.line, character: position.character },
            explicit,
          });
          return next(document, position, context, token);
        },
      },
    };
    const client = await this.createClient(this.context, clientOptions);
    this.client = client;
    serveWorkspaceFiles(client);
    await client.start();
    client.onNotification(LoreChangedNotification, (params) => this.changed.fire(params));
    return client;
  }

  /** One of the server's requests (src/server/protocol.ts), once it has started. */
  async request<P, R>(type: RequestType<P, R, void>, params: P, token?: CancellationToken): Promise<R> {
    const client = await this.start();
    return client.sendRequest<R>(type.method, params, token);
  }

  async request0<R>(type: RequestType0<R, void>): Promise<R> {
    const client = await this.start();
    return client.sendRequest<R>(type.method);
  }

  /** A server's WorkspaceEdit in VS Code's terms. */
  async asWorkspaceEdit(edit: WorkspaceEdit): Promise<vscode.WorkspaceEdit | undefined> {
    const client = await this.start();
    return client.protocol2CodeConverter.asWorkspaceEdit(edit);
  }

  loreState(params: LoreStateParams = {}): Promise<LoreStateResult | null> {
    return this.request(LoreStateRequest, params);
  }

  async dispose(): Promise<void> {
    this.changed.dispose();
    if (this.client) await this.client.stop().catch(() => undefined);
  }
}
