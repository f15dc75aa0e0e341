// The VS Code side of the language server: starts dist/server.js over IPC and hands VS Code's
// documents, settings and file events to it. Completion, hover, diagnostics, quick fixes,
// definitions, references and the outline all come from the server; this file only connects.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import {
  LoreChangedNotification,
  LoreStateRequest,
  OPEN_ENTRY_COMMAND,
  type LorekeeperInitializationOptions,
  type LoreStateParams,
  type LoreStateResult,
} from '../server/protocol';

/** Markdown and plain-text manuscripts of any scheme (untitled drafts too), and YAML for the lore. */
export const DOCUMENT_SELECTOR = [{ language: 'markdown' }, { language: 'plaintext' }, { pattern: '**/*.{yaml,yml}' }];

export class LoreClient implements vscode.Disposable {
  readonly client: LanguageClient;
  private starting: Promise<void> | undefined;
  private readonly changed = new vscode.EventEmitter<{ folder: string; generation: number }>();
  /** Fires after every (re)load of a folder's lore by the server. */
  readonly onDidChangeLore = this.changed.event;

  constructor(context: vscode.ExtensionContext) {
    const module = context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
    };
    const initializationOptions: LorekeeperInitializationOptions = {
      entryLinks: 'command',
      // The check codes' pages ship in the extension: diagnostics link there.
      docsBase: `${context.extensionUri.toString()}/`,
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      initializationOptions,
      markdown: { isTrusted: { enabledCommands: [OPEN_ENTRY_COMMAND] }, supportHtml: false },
      diagnosticPullOptions: { onChange: true, onSave: true },
      outputChannelName: 'Lorekeeper',
    };
    this.client = new LanguageClient('lorekeeper', 'Lorekeeper', serverOptions, clientOptions);
  }

  /** Starts the server once; every request waits for it. */
  start(): Promise<void> {
    this.starting ??= this.client.start().then(() => {
      this.client.onNotification(LoreChangedNotification, (params) => this.changed.fire(params));
    });
    return this.starting;
  }

  async loreState(params: LoreStateParams = {}): Promise<LoreStateResult | null> {
    await this.start();
    return this.client.sendRequest(LoreStateRequest, params);
  }

  async dispose(): Promise<void> {
    this.changed.dispose();
    if (this.starting) await this.client.stop().catch(() => undefined);
  }
}
