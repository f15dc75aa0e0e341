// Lorekeeper for VS Code: a client of Lorekeeper's language server, which does completion, hover
// cards, diagnostics, quick fixes, definitions, references and the outline. What only VS Code has
// stays in the extension: the status bar, the Lore view and the commands (activate.ts). This is
// the desktop entry: the server is dist/server.js, in a Node process, over IPC.
import type * as vscode from 'vscode';
import type { LanguageClientOptions } from 'vscode-languageclient';
import { activateWith, type LorekeeperApi } from './activate';
import type { ClientFactory } from './client';
import { registerImportCanon } from './importCanon';

export type { LorekeeperApi } from './activate';

/** The desktop's server: dist/server.js in a Node process, over IPC. */
const nodeClient: ClientFactory = async (context: vscode.ExtensionContext, options: LanguageClientOptions) => {
  const { LanguageClient, TransportKind } = await import('vscode-languageclient/node');
  const module = context.asAbsolutePath('dist/server.js');
  return new LanguageClient('lorekeeper', 'Lorekeeper', {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  }, options);
};

export function activate(context: vscode.ExtensionContext): LorekeeperApi {
  // Importing a wiki export runs the CLI in a Node process: the desktop only.
  return activateWith(context, nodeClient, (lore) => [registerImportCanon(context, lore)]);
}

export function deactivate(): void {
  // Everything, the language client included, is disposed through context.subscriptions.
}
