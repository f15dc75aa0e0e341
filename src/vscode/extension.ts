// Lorekeeper for VS Code: one thin adapter per feature over the engine in src/core. Activation
// only registers them; the lore is read once activation has returned.
import * as vscode from 'vscode';
import { openEntry, OPEN_ENTRY } from './cards';
import { registerCodeActions } from './codeActions';
import { CHECK_CONTINUITY, checkContinuity, type ContinuityReport } from './commands';
import { registerNameCompletion } from './completion';
import { LiveDiagnostics } from './diagnostics';
import { registerHover } from './hover';
import { registerImportCanon } from './importCanon';
import { registerRelationCompletion } from './loreCompletion';
import { LoreTree } from './loreTree';
import { registerNavigation } from './navigation';
import { Project } from './project';
import { LoreStatus } from './statusBar';
import { registerTimeline } from './timeline';
import { registerMarkerHints } from './markerHints';
import { registerSuggestTrigger } from './suggestTrigger';
import { registerLoreActions } from './loreActions';
import { registerNewLore } from './newLore';
import { SceneView } from './sceneView';
import { registerLoreFields } from './loreFields';
import { registerNotCheckedHints } from './notChecked';
import { registerOpenSample } from './sample';
import { registerSaveFile, registerStoryActions } from './storyActions';

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

export function activate(context: vscode.ExtensionContext): LorekeeperApi {
  // Works in an empty window too: the walkthrough offers it before any folder is open.
  context.subscriptions.push(registerOpenSample(context.extensionUri));
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!root) {
    return { whenIdle: async () => undefined, checkContinuity: async () => undefined, statusText: () => '' };
  }
  const project = new Project(root);
  const diagnostics = new LiveDiagnostics(project, context.extensionUri);
  const status = new LoreStatus(project);
  const tree = new LoreTree(project);
  const scene = new SceneView(project);
  context.subscriptions.push(
    project,
    diagnostics,
    status,
    tree,
    vscode.window.registerTreeDataProvider('lorekeeper.lore', tree),
    registerNameCompletion(project, MANUSCRIPTS),
    registerRelationCompletion(project),
    registerHover(project, MANUSCRIPTS),
    registerMarkerHints(project, MANUSCRIPTS),
    registerSuggestTrigger(),
    registerStoryActions(project, diagnostics, MANUSCRIPTS),
    registerLoreActions(project),
    registerSaveFile(),
    registerNewLore(project),
    scene,
    registerLoreFields(project),
    registerNotCheckedHints(project),
    registerCodeActions(project, diagnostics, MANUSCRIPTS),
    ...registerNavigation(project, MANUSCRIPTS),
    registerTimeline(project),
    vscode.commands.registerCommand(CHECK_CONTINUITY, () => checkContinuity(project, diagnostics)),
    vscode.commands.registerCommand(OPEN_ENTRY, (id: string) => openEntry(project.current, id)),
    vscode.commands.registerCommand('lorekeeper.reloadLore', () => project.scheduleReload(0)),
    registerImportCanon(),
    project.onDidChangeLore((state) => void vscode.commands.executeCommand('setContext', 'lorekeeper.active', state.active)),
  );

  // The lore is read after activation returns, so that the editor never waits for it.
  setTimeout(() => void project.ready(), 0);

  return {
    async whenIdle() {
      const state = await project.whenIdle();
      return {
        entries: state.lore.base.entries.length,
        problems: state.lore.base.problems.length,
        generation: state.generation,
        parsedFiles: state.loaded.parsedCount,
        active: state.active,
      };
    },
    checkContinuity: () => checkContinuity(project, diagnostics),
    statusText: () => status.text,
    statusTooltip: () => {
      status.update();
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

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
