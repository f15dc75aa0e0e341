// The extension's activation, the same on the desktop and on vscode.dev: the language client,
// the status bar, the Lore view and the commands. Only the way the server is started differs
// (extension.ts: a Node process; browser/extension.ts: a web worker).
import * as vscode from 'vscode';
import { ReloadLoreRequest } from '../server/protocol';
import { openEntry, OPEN_ENTRY } from './cards';
import { registerCheckDocs } from './checkDocs';
import { LoreClient, type ClientFactory } from './client';
import { CHECK_CONTINUITY, checkContinuity, type ContinuityReport } from './commands';
import { LoreTree } from './loreTree';
import { registerNewLore } from './newLore';
import { registerOpenSample } from './sample';
import { SceneView } from './sceneView';
import { CanonDictionary } from './spelling';
import { LoreStatus } from './statusBar';
import { registerAddToLore, registerSaveFile } from './storyActions';
import { registerSuggestTrigger } from './suggestTrigger';
import { registerTimeline } from './timeline';

/** What the extension exports, for other extensions and the tests. */
export interface LorekeeperApi {
  /** Resolves once the lore is loaded and no reload is pending; undefined without a workspace. */
  whenIdle(): Promise<{ entries: number; problems: number; generation: number; parsedFiles: number; active: boolean } | undefined>;
  checkContinuity(): Promise<ContinuityReport | undefined>;
  statusText(): string;
  /** The status bar's tooltip (Markdown). */
  statusTooltip?(): string;
  /** The Lore view's data, as the Explorer sees it. */
  loreTree?: vscode.TreeDataProvider<unknown>;
  /** The Scene view's cast at the cursor: names and notes, as the view lists them. */
  sceneCast?(): Promise<{ date?: string; members: Array<{ name: string; note: string; present: boolean }> } | undefined>;
}

/**
 * `platformFeatures`: what only one platform has (the desktop's wiki import runs the CLI in a Node process).
 * The language server does completion, hover, diagnostics, quick fixes, marker hints (inlay hints)
 * and navigation; the views and commands ask it through the custom requests of
 * src/server/protocol.ts. The lore is loaded once, in the server: the extension holds none of it.
 */
export function activateWith(context: vscode.ExtensionContext, createClient: ClientFactory, platformFeatures: (lore: LoreClient) => vscode.Disposable[] = () => []): LorekeeperApi {
  // Works in an empty window too: the walkthrough offers it before any folder is open.
  context.subscriptions.push(registerOpenSample(context.extensionUri));
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!root) {
    return { whenIdle: async () => undefined, checkContinuity: async () => undefined, statusText: () => '' };
  }
  const lore = new LoreClient(context, createClient);
  const status = new LoreStatus(lore);
  const tree = new LoreTree(lore);
  const scene = new SceneView(lore);
  context.subscriptions.push(
    lore,
    status,
    tree,
    scene,
    registerSuggestTrigger(),
    registerAddToLore(lore),
    registerSaveFile(),
    registerNewLore(lore, root),
    registerTimeline(lore, root),
    registerCheckDocs(context),
    ...platformFeatures(lore),
    new CanonDictionary(lore),
    vscode.window.registerTreeDataProvider('lorekeeper.lore', tree),
    vscode.commands.registerCommand(CHECK_CONTINUITY, () => checkContinuity(lore)),
    vscode.commands.registerCommand(OPEN_ENTRY, (id: string) => openEntry(lore, id)),
    vscode.commands.registerCommand('lorekeeper.reloadLore', () => lore.request0(ReloadLoreRequest)),
    lore.onDidChangeLore(async () => {
      const state = await lore.loreState().catch(() => null);
      void vscode.commands.executeCommand('setContext', 'lorekeeper.active', state?.active === true);
    }),
  );

  // The server starts, and the lore is read, after activation returns: the editor never waits.
  setTimeout(() => void lore.start().catch((error: unknown) => void vscode.window.showErrorMessage(`Lorekeeper: the language server did not start (${(error as Error).message}).`)), 0);

  return {
    async whenIdle() {
      const state = await lore.loreState();
      if (!state) return undefined;
      return { entries: state.entryCount, problems: state.problems, generation: state.generation, parsedFiles: state.parsedFiles, active: state.active };
    },
    checkContinuity: () => checkContinuity(lore),
    statusText: () => status.text,
    statusTooltip: () => {
      void status.update();
      return status.tooltipText;
    },
    loreTree: tree as vscode.TreeDataProvider<unknown>,
    async sceneCast() {
      await scene.update();
      const cast = scene.cast;
      return cast && { date: cast.date, members: cast.members.map((m) => ({ name: m.name, note: m.note, present: m.present })) };
    },
  };
}

