// Lorekeeper on vscode.dev and github.dev: the same extension, with the same language server
// running in a web worker (dist/browser/server.js) and reading the workspace through the client.
import * as vscode from 'vscode';
import type { LanguageClientOptions } from 'vscode-languageclient';
import { activateWith, type LorekeeperApi } from '../activate';
import type { ClientFactory } from '../client';

/** The web worker of the browser (this entry is bundled for browsers only). */
declare const Worker: new (url: string) => never;

const workerClient: ClientFactory = async (context: vscode.ExtensionContext, options: LanguageClientOptions) => {
  const { LanguageClient } = await import('vscode-languageclient/browser');
  const worker = new Worker(vscode.Uri.joinPath(context.extensionUri, 'dist', 'browser', 'server.js').toString(true));
  return new LanguageClient('lorekeeper', 'Lorekeeper', options, worker);
};

export function activate(context: vscode.ExtensionContext): LorekeeperApi {
  return activateWith(context, workerClient);
}

export function deactivate(): void {
  // Everything, the language client included, is disposed through context.subscriptions.
}
