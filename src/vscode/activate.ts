// The extension's activation, the same on the desktop and on vscode.dev: the language client,
// the status bar, the Lore view and the commands. Only the way the server is started differs
// (extension.ts: a Node process; browser/extension.ts: a web worker).
import * as vscode from 'vscode';
import { ReloadLoreRequest } from '../server/protocol';
import { openEntry, OPEN_ENTRY } from './cards';
import { registerCheckDocs } from './checkDocs';
import { LoreClient, type ClientFactory } from './client';
import { CHECK_CONTINUITY, checkContinuity, type ContinuityReport } from './commands';
import { registerLoreActions } from './loreActions';
import { registerLoreFields } from './loreFields';
import { LoreTree } from './loreTree';
import { registerMarkerHints } from './markerHints';
import { registerNewLore } from './newLore';
import { registerNotCheckedHints } from './notChecked';
import { Project } from './project';
import { registerOpenSample } from './sample';
import { SceneView } from './sceneView';
import { CanonDictionary } from './spelling';
import { LoreStatus } from './statusBar';
import { registerSaveFile, registerStoryActions } from './storyActions';
import { registerSuggestTrigger } from './suggestTrigger';
import { registerTimeline } from './timeline';

const MANUSCRIPTS: vscode.DocumentSelector = [{ language: 'markdown' }, { language: 'plaintext' }];

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
  sceneCast?(): { date?: string; members: Array<{ name: string; note: string; present: boolean }> } | undefined;
}

/**
 * `platformFeatures`: what only one platform has (the desktop's wiki import reads dumps with Node).
 * The language server does completion, hover, diagnostics, quick fixes and navigation; the views
 * and commands that need the lore inside the extension host (the Scene view, marker hints, the
 * timeline, the lore-file helpers) read it through the extension's own Project.
 */
export function activateWith(context: vscode.ExtensionContext, createClient: ClientFactory, platformFeatures: () => vscode.Disposable[] = () => []): LorekeeperApi {
  // Works in an empty window too: the walkthrough offers it before any folder is open.
  context.subscriptions.push(registerOpenSample(context.extensionUri));
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!root) {
    return { whenIdle: async () => undefined, checkContinuity: async () => undefined, statusText: () => '' };
  }
  const project = new Project(root);
  const lore = new LoreClient(context, createClient);
  const status = new LoreStatus(lore, project);
  const tree = new LoreTree(lore);
  const scene = new SceneView(project);
  context.subscriptions.push(
    project,
    lore,
    status,
    tree,
    scene,
    registerMarkerHints(project, MANUSCRIPTS),
    registerSuggestTrigger(),
    registerStoryActions(project, MANUSCRIPTS),
    registerLoreActions(project),
    registerSaveFile(),
    registerNewLore(project),
    registerLoreFields(project),
    registerNotCheckedHints(project),
    registerTimeline(project),
    registerCheckDocs(context),
    ...platformFeatures(),
    new CanonDictionary(lore),
    vscode.window.registerTreeDataProvider('lorekeeper.lore', tree),
    vscode.commands.registerCommand(CHECK_CONTINUITY, () => checkContinuity(lore)),
    vscode.commands.registerCommand(OPEN_ENTRY, (id: string) => openEntry(lore, id)),
    vscode.commands.registerCommand('lorekeeper.reloadLore', async () => {
      project.scheduleReload(0);
      await lore.request0(ReloadLoreRequest);
    }),
    lore.onDidChangeLore(async () => {
      const state = await lore.loreState().catch(() => null);
      void vscode.commands.executeCommand('setContext', 'lorekeeper.active', state?.active === true);
    }),
  );

  // The server starts, and the lore is read, after activation returns: the editor never waits.
  setTimeout(() => void project.ready(), 0);
  setTimeout(() => void lore.start().catch((error: unknown) => void vscode.window.showErrorMessage(`Lorekeeper: the language server did not start (${(error as Error).message}).`)), 0);

  return {
    async whenIdle() {
      await project.whenIdle();
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
    sceneCast() {
      scene.update();
      const cast = scene.cast;
      return cast && { date: cast.dateText, members: cast.members.map((m) => ({ name: m.entry.name, note: m.note, present: m.present })) };
    },
  };
}

