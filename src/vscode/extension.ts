// Lorekeeper for VS Code: a client of Lorekeeper's language server (dist/server.js), which does
// completion, hover cards, diagnostics, quick fixes, definitions, references and the outline.
// What only VS Code has stays here: the status bar, the Lore view and the commands. Activation
// only registers them; the server starts once activation has returned.
import * as vscode from 'vscode';
import { openEntry, OPEN_ENTRY } from './cards';
import { ReloadLoreRequest } from '../server/protocol';
import { LoreClient } from './client';
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

export function activate(context: vscode.ExtensionContext): LorekeeperApi {
  if (!vscode.workspace.workspaceFolders?.length) {
    return { whenIdle: async () => undefined, checkContinuity: async () => undefined, statusText: () => '' };
  }
  const lore = new LoreClient(context);
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

export function deactivate(): void {
  // Everything, the language client included, is disposed through context.subscriptions.
}
