// Lorekeeper on vscode.dev and github.dev: the same extension, with the same language server
// running in a web worker (dist/browser/server.js) and reading the workspace through the client.
import * as vscode from 'vscode';
import type { LanguageClientOptions } from 'vscode-languageclient';
import { activateWith, type LorekeeperApi } from '../activate';
import type { ClientFactory } from '../client';

/** The browser's globals this entry uses (it is bundled for browsers only). */
declare const Worker: new (url: string) => never;
declare const Blob: new (parts: Uint8Array[], options: { type: string }) => unknown;
declare const URL: { createObjectURL(blob: unknown): string };

/**
 * The worker's script URL. An extension installed on a remote (code-server, a dev container)
 * has `vscode-remote:` resources, from which VS Code creates no workers: the script is read
 * through the workspace file system and started from a blob instead.
 */
async function serverScript(context: vscode.ExtensionContext): Promise<string> {
  const uri = vscode.Uri.joinPath(context.extensionUri, 'dist', 'browser', 'server.js');
  if (uri.scheme !== 'vscode-remote') return uri.toString(true);
  const bytes = await vscode.workspace.fs.readFile(uri);
  return URL.createObjectURL(new Blob([bytes], { type: 'text/javascript' }));
}

const workerClient: ClientFactory = async (context: vscode.ExtensionContext, options: LanguageClientOptions) => {
  const { LanguageClient } = await import('vscode-languageclient/browser');
  return new LanguageClient('lorekeeper', 'Lorekeeper', new Worker(await serverScript(context)), options);
};

export function activate(context: vscode.ExtensionContext): LorekeeperApi {
  // The wiki importer runs the CLI in a Node process, which a browser has not: the command says so.
  const importUnavailable = () => [
    vscode.commands.registerCommand('lorekeeper.importCanon', () => {
      void vscode.window.showWarningMessage('Lorekeeper: importing a wiki export needs the desktop app (VS Code, or `lorekeeper import mediawiki` in a terminal); in the browser, reading and checking work.');
      return undefined;
    }),
  ];
  return activateWith(context, workerClient, importUnavailable);
}

export function deactivate(): void {
  // Everything, the language client included, is disposed through context.subscriptions.
}
