// The few requests Lorekeeper's server speaks beyond LSP, for clients that want more than the
// standard features (the VS Code extension's status bar, Lore view and Check Continuity command).
// Any client may send them; every one is optional.
import { NotificationType, RequestType, RequestType0, type WorkspaceEdit } from 'vscode-languageserver-protocol';

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
  /**
   * Commands the client runs itself (OPEN_ENTRY_COMMAND, ADD_TO_LORE_COMMAND, SAVE_FILE_COMMAND):
   * quick fixes that need a question or another file (open the entry, add to the lore asking the kind
   * and the file) are offered as these commands; without them, as plain edits where one is possible.
   */
  clientCommands?: string[];
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

/** Who the scene at a position mentions (those who act in it first), and where each stands at its date. */
export const SceneCastRequest = new RequestType<SceneAtParams, SceneCastResult | null, void>('lorekeeper/sceneCast');

export interface SceneCastResult {
  /** The scene's date in the lore's calendar; absent when undated. */
  date?: string;
  mode?: string;
  members: Array<{
    id: string;
    name: string;
    kind: string;
    /** `age 17`, `dead for 2 years († 1997)`, `not yet born (born 1999)`… */
    note: string;
    /** Acts in the scene (rather than being only talked or thought about). */
    present: boolean;
    /** Dead, or not yet born, at the scene's date. */
    ended: boolean;
  }>;
}

/**
 * The story against its canon: every manuscript of the folder (open documents as they are now)
 * drawn as SVG, and, when `page` is given, the whole HTML page of a webview around it.
 */
export const TimelineRequest = new RequestType<TimelineParams, TimelineResult | null, void>('lorekeeper/timeline');

export interface TimelineParams {
  /** A document or folder URI: the folder whose story it is. The first folder when absent. */
  uri?: string;
  /** The drawing's width in pixels. */
  width?: number;
  /** Lanes drawn at most. */
  maxLanes?: number;
  /** For a webview page: its Content-Security-Policy, the nonce of its style and script, CSS mapping a theme onto `--lk-*`. */
  page?: { csp: string; nonce: string; themeCss?: string };
}

export interface TimelineResult {
  title?: string;
  svg: string;
  html?: string;
  /** Scenes, for following the cursor: 1-based lines. */
  scenes: Array<{ id: string; file: string; line: number; endLine: number }>;
  /** Every file the drawing names (scenes and findings). */
  files: string[];
}

/** What a client's own commands need to know about a folder: its lore folders and files, and its lorekeeper.yaml. */
export const ProjectInfoRequest = new RequestType<{ uri?: string }, ProjectInfoResult | null, void>('lorekeeper/projectInfo');

export interface ProjectInfoResult {
  folder: string;
  active: boolean;
  /** The lore folders, relative to the folder, in layer order. */
  lore: string[];
  /** Every lore file read, as URIs. */
  loreFiles: string[];
  /** The lorekeeper.yaml in force (a URI), if any, and the settings it sets. */
  configFile?: string;
  configSettings?: { lore?: string[]; manuscripts?: string[]; exclude?: string[]; checks?: Record<string, string> };
}

/** The texts of a new lore base, entry or chapter, in the folder's calendar. */
export const NewLoreTextRequest = new RequestType<NewLoreTextParams, NewLoreTextResult | null, void>('lorekeeper/newLoreText');

export type NewLoreTextParams =
  | { uri?: string; what: 'chapter' }
  | { uri?: string; what: 'base'; title: string; calendar: { kind: 'none' } | { kind: 'bby-aby' } | { kind: 'ta-fa' } | { kind: 'custom'; before?: string; after?: string } }
  /** `existing`: the target file's text now (absent: a new file). */
  | { uri?: string; what: 'entry'; kind: string; existing?: string };

export type NewLoreTextResult =
  | { what: 'chapter'; text: string }
  | { what: 'base'; settings: string; example: string }
  /** A snippet (VS Code snippet syntax) to append at the end of the file, or why none can be. */
  | { what: 'entry'; snippet: string }
  | { what: 'entry'; error: string };

/** The kinds of entry the lore knows, and the calendars a new lore base may use. */
export const LoreVocabularyRequest = new RequestType0<LoreVocabularyResult, void>('lorekeeper/loreVocabulary');

export interface LoreVocabularyResult {
  kinds: string[];
  calendars: Array<{ label: string; detail: string; choice: { kind: 'none' } | { kind: 'bby-aby' } | { kind: 'ta-fa' } | { kind: 'custom'; before?: string; after?: string } }>;
  /** The wiki importer's shipped mappings. */
  importPresets: Array<{ name: string; wiki: string }>;
}

/** "Add to the lore": the lore files an entry of a kind may go in — those of that kind first, then a new file. */
export const LoreFilesRequest = new RequestType<{ uri: string; kind: string }, LoreFilesResult | null, void>('lorekeeper/loreFiles');

export interface LoreFilesResult {
  files: Array<{ uri: string; label: string; exists: boolean; ofKind: boolean }>;
}

/** The edit that adds an entry to a lore file, the file's bytes kept; `error` when the file cannot take one. */
export const AddEntryRequest = new RequestType<AddEntryParams, { edit: WorkspaceEdit } | { error: string } | null, void>('lorekeeper/addEntry');

export interface AddEntryParams {
  /** The manuscript the name was found in (for its folder). */
  uri: string;
  name: string;
  kind: string;
  /** The lore file's URI (it may not exist yet). */
  file: string;
}

/** The command a client runs for "Add to the lore…" when it says it has it (`clientCommands`): arguments `[{ uri, name }]`. */
export const ADD_TO_LORE_COMMAND = 'lorekeeper.addToLore';
/** Saves a file a quick fix edited: arguments `[uri]`. */
export const SAVE_FILE_COMMAND = 'lorekeeper.saveFile';
