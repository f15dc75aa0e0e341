// The extension's activation, the same on the desktop and on vscode.dev: the language client,
// the status bar, the Lore view and the commands. Only the way the server is started differs
// (extension.ts: a Node process; browser/extension.ts: a web worker).
import * as vscode from 'vscode';
import { ReloadLoreRequest } from '../server/protocol';
import { openEntry, OPEN_ENTRY } from './cards';
import { LoreClient, type ClientFactory } from './client';
import { CHECK_CONTINUITY, checkContinuity, type ContinuityReport } from './commands';
import { LoreTree } from './loreTree';
import { CanonDictionary } from './spelling';
import { LoreStatus } from './statusBar';

/** What the extension exports, for other extensions and the tests. */
export interface LorekeeperApi {
  /** Resolves once the lore is loaded and no reload is pending; undefined without a workspace. */
  whenIdle(): Promise<{ entries: number; problems: number; generation: number; parsedFiles: number; active: boolean } | undefined>;
  checkContinuity(): Promise<ContinuityReport | undefined>;
  statusText(): string;
  /** The Lore view's data, as the Explorer sees it. */
  loreTree?: vscode.TreeDataProvider<unknown>;
}

export function activateWith(context: vscode.ExtensionContext, createClient: ClientFactory): LorekeeperApi {
  if (!vscode.workspace.workspaceFolders?.length) {
    return { whenIdle: async () => undefined, checkContinuity: async () => undefined, statusText: () => '' };
  }
  const lore = new LoreClient(context, createClient);
  const status = new LoreStatus(lore);
  const tree = new LoreTree(lore);
  context.subscriptions.push(
    lore,
    status,
    tree,
    new CanonDictionary(lore),
    vscode.window.registerTreeDataProvider('lorekeeper.lore', tree),
    vscode.commands.registerCommand(CHECK_CONTINUITY, () => checkContinuity(lore)),
    vscode.commands.registerCommand(OPEN_ENTRY, (id: string) => openEntry(lore, id)),
    vscode.commands.registerCommand('lorekeeper.reloadLore', async () => {
      await lore.request0(ReloadLoreRequest);
    }),
    lore.onDidChangeLore(async () => {
      const state = await lore.loreState().catch(() => null);
      void vscode.commands.executeCommand('setContext', 'lorekeeper.active', state?.active === true);
    }),
  );

  // The server starts after activation returns, so that the editor never waits for it.
  setTimeout(() => void lore.start().catch((error: unknown) => void vscode.window.showErrorMessage(`Lorekeeper: the language server did not start (${(error as Error).message}).`)), 0);

  return {
    async whenIdle() {
      const state = await lore.loreState();
      if (!state) return undefined;
      return { entries: state.entryCount, problems: state.problems, generation: state.generation, parsedFiles: state.parsedFiles, active: state.active };
    },
    checkContinuity: () => checkContinuity(lore),
    statusText: () => status.text,
    loreTree: tree as vscode.TreeDataProvider<unknown>,
  };
}

