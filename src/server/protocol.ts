// The few requests Lorekeeper's server speaks beyond LSP, for clients that want more than the
// standard features (the VS Code extension's status bar, Lore view and Check Continuity command).
// Any client may send them; every one is optional.
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';

/** Every manuscript of the workspace (or of one folder) checked; findings are published as diagnostics. */
export const CheckWorkspaceRequest = new RequestType<CheckWorkspaceParams, CheckWorkspaceResult, void>('lorekeeper/checkWorkspace');

export interface CheckWorkspaceParams {
  /** A workspace folder's URI; all folders when absent. */
  folder?: string;
}

export interface CheckWorkspaceResult {
  files: number;
  /** Findings in the manuscripts, by check code. */
  byCode: Record<string, number>;
  total: number;
  loreProblems: number;
  cancelled: boolean;
  /** "7 contradictions: 2 dead-character, … in 3 manuscripts." */
  summary: string;
  /** Lore folders that were looked for and not found, when no folder has any lore. */
  missingLore?: string[];
}

/** What the lore of a folder holds, for a status bar or a tree view. */
export const LoreStateRequest = new RequestType<LoreStateParams, LoreStateResult | null, void>('lorekeeper/loreState');

export interface LoreStateParams {
  /** A document or folder URI: the folder that holds it. The first folder when absent. */
  uri?: string;
  /** Include the entries (id, name, kind, end note) — for a tree view. */
  entries?: boolean;
}

export interface LoreStateResult {
  folder: string;
  title?: string;
  active: boolean;
  generation: number;
  entryCount: number;
  /** The lore's own problems at error severity, first few messages. */
  errors: number;
  errorMessages: string[];
  problems: number;
  parsedFiles: number;
  entries?: Array<{ id: string; name: string; kind: string; note?: string }>;
}

/** The scene at a position of a manuscript: its date in the lore's calendar, and its mode. */
export const SceneAtRequest = new RequestType<SceneAtParams, SceneAtResult | null, void>('lorekeeper/sceneAt');

export interface SceneAtParams {
  textDocument: { uri: string };
  position: { line: number; character: number };
}

export interface SceneAtResult {
  date?: string;
  mode?: string;
}

/** The card of one entry as Markdown (a tree view's tooltip), by id. */
export const EntryCardRequest = new RequestType<{ uri?: string; id: string }, EntryCardResult | null, void>('lorekeeper/entryCard');

export interface EntryCardResult {
  markdown: string;
  /** Where the entry's name is written in its YAML file. */
  location: { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } };
}

/** Sent by the server after every (re)load of a folder's lore. */
export const LoreChangedNotification = new NotificationType<{ folder: string; generation: number }>('lorekeeper/loreChanged');

/** The command a hover card's entry links run in clients that asked for command links. */
export const OPEN_ENTRY_COMMAND = 'lorekeeper.openEntry';

/** What a client may say in `initializationOptions`. */
export interface LorekeeperInitializationOptions {
  /** How cards link to entries: `command` (VS Code's command links) or `file` (default: the YAML file at the entry's line). */
  entryLinks?: 'command' | 'file';
  /** Where check codes' documentation lives (a folder URI holding docs/checks/…); default: the project's repository. */
  docsBase?: string;
  /** Settings for clients without `workspace/configuration` (the `lorekeeper` section's keys). */
  settings?: Record<string, unknown>;
  /** The same, under the section's name (what Helix sends). */
  lorekeeper?: Record<string, unknown>;
  /** The client answers lorekeeper/fs/readFile and lorekeeper/fs/readDirectory. */
  clientFileSystem?: boolean;
}

/** Reloads every folder's lore now (VS Code's "Reload Lore"). */
export const ReloadLoreRequest = new RequestType0<void, void>('lorekeeper/reloadLore');

/** The canon's names as a spell-checker dictionary (what `lorekeeper words` prints). */
export const CanonWordsRequest = new RequestType<CanonWordsParams, CanonWordsResult | null, void>('lorekeeper/canonWords');

export interface CanonWordsParams {
  /** A document or folder URI: the folder whose lore it is. The first folder when absent. */
  uri?: string;
  format?: 'cspell' | 'harper' | 'ltex' | 'vale' | 'plain';
}

export interface CanonWordsResult {
  words: string[];
  /** The dictionary file's text in the format asked for. */
  text: string;
}

/**
 * The workspace's files, read by the client for the server: a server in a web worker (vscode.dev)
 * has no file system of its own, and one on Node has none for virtual workspaces (`vscode-vfs:`).
 * Clients that answer these say `clientFileSystem: true` in `initializationOptions`.
 */
/** `refused`: the file is no regular file or is over `maxBytes` (the error says which), never read. */
export const ReadFileRequest = new RequestType<{ uri: string; maxBytes?: number }, { base64: string } | { error: string; refused?: boolean }, void>('lorekeeper/fs/readFile');
export const ReadDirectoryRequest = new RequestType<{ uri: string }, { entries: Array<{ name: string; isDirectory: boolean }> } | { error: string }, void>('lorekeeper/fs/readDirectory');

/**
 * Sent by a client just before a `textDocument/completion` request, to say whether the writer asked
 * for it (Ctrl+Space) or the editor offers names as they type: LSP's `triggerKind` is `Invoked` for
 * both in VS Code. Without it the server takes `Invoked` as asked for.
 */
export const CompletionRequestNotification = new NotificationType<CompletionRequestParams>('lorekeeper/completionRequest');

export interface CompletionRequestParams {
  textDocument: { uri: string };
  position: { line: number; character: number };
  explicit: boolean;
}
