// One workspace folder as the server sees it: its settings (the client's `lorekeeper` section
// and `lorekeeper.yaml`), its lore (loaded lazily, reloaded in place when a lore file changes,
// re-parsing only the files that changed), and its manuscripts, checked per document version.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { checkManuscript, prepareLore, type ManuscriptCheck, type PreparedLore } from '../core/check';
import { builtNearNames, NEAR_NAMES_CACHE, restoreNearNames } from '../core/checks/unknownName';
import { CompletionIndex } from '../core/features/completion';
import { isManuscriptFile } from '../core/features/manuscriptFiles';
import { decodeText, FileRefusedError, type ReadableFileSystem } from '../core/fileSystem';
import { loadLore, type LoadedLore, type LoreFolder, type LoreParseCache } from '../core/lore/load';
import type { LoreBase } from '../core/lore/base';
import type { ParsedLoreFile } from '../core/lore/parseFile';
import { parseManuscript, type Manuscript } from '../core/manuscript';
import { NAME_INDEX_CACHE } from '../core/mentions/nameIndex';
import { ScanCache } from '../core/mentions/scan';
import { CONFIG_FILES, resolveSettings, type EditorSettings, type ProjectSettings } from '../core/settings';
import { joinUri, normaliseUri, relativeTo } from './uris';

/** lorekeeper.yaml is settings, never a large file: 1 MB at most. */
const MAX_CONFIG_BYTES = 1024 * 1024;

export interface LoreState {
  /** Increases with every (re)load. */
  generation: number;
  settings: ProjectSettings;
  lore: PreparedLore;
  loaded: LoadedLore;
  /** Some lore folder exists: the server has something to say. */
  active: boolean;
}

/** What a project needs from the server around it. */
export interface ProjectHost {
  fs: ReadableFileSystem;
  /** The client's `lorekeeper` settings for a folder, if it has any. */
  editorSettings(folder: string): Promise<EditorSettings | undefined>;
  /** The text of an open document (its unsaved edits count), by normalised URI. */
  openText(uri: string): string | undefined;
  /** A cache kept between runs for this folder's lore folders (the node server's disk cache; none in a browser). */
  persistentCache?(root: string, loreFolders: readonly string[]): PersistentLoreCache | undefined;
  /** A line for the client's log (the output channel). */
  log?(message: string): void;
  /**
   * Watches folders on disk (the node server's own watch; none in a browser): `onChange` gets the
   * URI of whatever changed in them. It works beside the editor's watcher, which may be missing
   * or may drop events.
   */
  watchFolders?(targets: ReadonlyArray<{ uri: string; recursive: boolean }>, onChange: (uri: string) => void): { ready: Promise<void>; dispose(): void };
}

/**
 * What a run of the server learnt of a folder's lore, kept for the next run (and shared with
 * `lorekeeper check`). Keyed by path and content as the parse cache is: it can never serve stale lore.
 */
export interface PersistentLoreCache {
  /** The merged base saved for exactly these files (the key names every file's path and content). */
  getBase(key: string): LoreBase | undefined;
  /** A parsed file saved by an earlier run. */
  get(key: string): ParsedLoreFile | undefined;
  /** Writes the current files' parses and their merged base, replacing what was saved. */
  save(files: ReadonlyMap<string, ParsedLoreFile>, baseKey: string, base: LoreBase): void;
  /** What was kept beside the merged base of `baseKey` under `name` (an index built from it), if any. */
  getDerived?(baseKey: string, name: string): unknown;
  setDerived?(baseKey: string, name: string, value: unknown): void;
}

/**
 * How long after a load its cache is written: after the first diagnostics, never before them; and,
 * once written, not again while the writer keeps editing the lore (writing a large canon's cache
 * takes a moment of the server's time), but once the edits pause, and at shutdown.
 */
const FIRST_SAVE_DELAY_MS = 2000;
const LATER_SAVE_DELAY_MS = 60_000;
/** How long after a start from the cached base its parses are read (see scheduleWarmUp). */
const WARM_UP_DELAY_MS = 3000;
/**
 * A change the server's own watch saw is reloaded after a little longer than one the editor
 * reports (150 ms): the editor's report of the same change, arriving meanwhile, makes them one reload.
 */
const OWN_WATCH_DELAY_MS = 400;

/** Schemes of documents that can be manuscripts (not output panes, git objects, …). */
const DOCUMENT_SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs', 'memfs', 'vscode-test-web']);
/** Language ids editors give Markdown and plain text (`text` is Neovim's and Helix's). */
const MANUSCRIPT_LANGUAGES = new Set(['markdown', 'plaintext', 'text', 'txt']);
const MANUSCRIPT_FILE = /\.(md|markdown|txt)$/i;

export class Project {
  private state: LoreState | undefined;
  private firstLoad: Promise<LoreState> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private pending = 0;
  private generation = 0;
  private disposed = false;
  private completionIndex: { generation: number; index: CompletionIndex } | undefined;
  private readonly cache = new ProjectLoreCache();
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private saved = false;
  private warmUpTimer: ReturnType<typeof setTimeout> | undefined;
  private watching: { key: string; watch: { ready: Promise<void>; dispose(): void } } | undefined;
  private readonly scanCaches = new Map<string, ScanCache>();
  private readonly checks = new Map<string, { document: TextDocument; version: number; generation: number; result: ManuscriptCheck }>();
  private readonly parses = new Map<string, { document: TextDocument; version: number; generation: number; manuscript: Manuscript }>();
  private readonly listeners: Array<(state: LoreState) => void> = [];
  /** The lore read through the open documents first, so that problems follow the writer's typing. */
  private readonly loreFs: ReadableFileSystem;

  /** `root` is the folder's normalised URI. */
  constructor(
    readonly root: string,
    readonly name: string,
    private readonly host: ProjectHost,
  ) {
    this.loreFs = {
      readFile: async (uri, options) => {
        const open = host.openText(normaliseUri(uri));
        return open !== undefined ? new TextEncoder().encode(open) : host.fs.readFile(uri, options);
      },
      readDirectory: (uri) => host.fs.readDirectory(uri),
      join: (folder, child) => host.fs.join(folder, child),
    };
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.reloadTimer);
    clearTimeout(this.warmUpTimer);
    this.watching?.watch.dispose();
    this.watching = undefined;
    // A save still waiting is done now: the next start is warm even after a short session.
    if (this.saveTimer !== undefined) this.saveNow();
  }

  onDidChangeLore(listener: (state: LoreState) => void): void {
    this.listeners.push(listener);
  }

  get current(): LoreState | undefined {
    return this.state;
  }

  ready(): Promise<LoreState> {
    if (this.state) return Promise.resolve(this.state);
    this.firstLoad ??= this.enqueueLoad();
    return this.firstLoad;
  }

  /** Reloads soon, once however many changes arrive meanwhile. */
  scheduleReload(delayMs = 150): void {
    if (this.disposed) return;
    clearTimeout(this.reloadTimer);
    if (this.reloadTimer === undefined) this.pending++;
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = undefined;
      void this.enqueueLoad()
        .catch(() => undefined)
        .finally(() => this.pending--);
    }, delayMs);
  }

  /** Resolves once no reload is scheduled or running. */
  async whenIdle(): Promise<LoreState> {
    let state = await this.ready();
    while (this.pending > 0) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      await this.queue;
      state = this.state ?? state;
    }
    return state;
  }

  private enqueueLoad(): Promise<LoreState> {
    const run = this.queue.then(() => this.load());
    this.queue = run.catch(() => undefined);
    return run.then((state) => {
      this.state = state;
      if (!this.disposed) for (const listener of this.listeners) listener(state);
      return state;
    });
  }

  private async load(): Promise<LoreState> {
    const settings = await this.readSettings();
    const folders = settings.lore.map((name) => ({ name, path: joinUri(this.root, name) }));
    this.cache.use(settings.lore, () => this.host.persistentCache?.(this.root, settings.lore));
    // Watched before they are read: whatever changes after this read is heard of.
    await this.watchOnDisk(settings.lore);
    const started = Date.now();
    const loaded = await loadLore(this.loreFs, folders, this.cache);
    this.cache.retain(loaded.files);
    const active = loaded.missingFolders.length < folders.length;
    // From the cached base: its name and typo indexes too, kept beside it by an earlier run (or the CLI).
    const state = { generation: ++this.generation, settings, lore: prepareLore(loaded.base, this.cache.derived(NAME_INDEX_CACHE)), loaded, active };
    const typos = this.cache.fromSnapshot && restoreNearNames(state.lore.index, this.cache.derived(NEAR_NAMES_CACHE));
    if (active) {
      const taken = ['the merged base', state.lore.index.restored && 'its name index', typos && 'its typo index'].filter(Boolean).join(', ').replace(/, ([^,]*)$/, ' and $1');
      const from = this.cache.fromSnapshot ? `, ${taken} from the lore cache` : '';
      this.host.log?.(`Lorekeeper: ${this.name}: lore loaded in ${Date.now() - started} ms: ${loaded.files.length} files, ${loaded.parsedCount} parsed${from}.`);
    }
    // A base from the cache whose indexes were not (an older cache's layout, a damaged file): they are
    // written beside it once built, so that the next start restores them too.
    if (this.cache.fromSnapshot) {
      if (state.lore.index.restored) this.cache.markDerivedSaved(NAME_INDEX_CACHE);
      if (typos) this.cache.markDerivedSaved(NEAR_NAMES_CACHE);
    }
    if (this.cache.unsaved || this.cache.missingDerived([NAME_INDEX_CACHE, NEAR_NAMES_CACHE])) this.scheduleSave();
    if (this.cache.fromSnapshot) this.scheduleWarmUp(folders);
    return state;
  }

  /** The lore folders (and the root, for the config file and folders that appear) watched on disk. */
  private async watchOnDisk(lore: readonly string[]): Promise<void> {
    if (!this.host.watchFolders || this.disposed) return;
    // The root for the config file and for lore folders that appear; all of it when it is the lore folder.
    const targets = [{ uri: this.root, recursive: lore.includes('.') }, ...lore.filter((f) => f !== '.').map((f) => ({ uri: joinUri(this.root, f), recursive: true }))];
    const key = JSON.stringify(targets);
    if (this.watching?.key !== key) {
      this.watching?.watch.dispose();
      this.watching = { key, watch: this.host.watchFolders(targets, (uri) => this.changedOnDisk(uri)) };
    }
    // A watch that could not be set up is no reason not to read the lore.
    await this.watching.watch.ready.catch(() => undefined);
  }

  /** A file or folder changed on disk: the lore is read again if it could be lore, a lore folder or the config. */
  private changedOnDisk(uri: string): void {
    const path = this.relativePath(uri);
    if (path === undefined) return;
    const folders = this.state?.settings.lore ?? ['lore'];
    // A folder (no extension) in or above a lore folder: made, removed or renamed with what it holds.
    const folder = !/\.[^/]*$/.test(path.slice(path.lastIndexOf('/') + 1)) && folders.some((f) => f === '.' || path === '' || path === f || path.startsWith(`${f}/`) || f.startsWith(`${path}/`));
    if (folder || this.isLoreFile(uri) || this.isConfigFile(uri)) this.scheduleReload(OWN_WATCH_DELAY_MS);
  }

  /**
   * After a start from the cached base, the parses behind it are read too, once the server is
   * idle: a reload after the writer's first lore edit then re-parses and re-merges only what
   * changed, instead of reading every file's parse and merging the whole base on that edit.
   */
  private scheduleWarmUp(folders: LoreFolder[]): void {
    clearTimeout(this.warmUpTimer);
    this.warmUpTimer = setTimeout(() => {
      this.warmUpTimer = undefined;
      const generation = this.generation;
      this.queue = this.queue
        .then(async () => {
          // A load since then has done it already.
          if (this.disposed || this.generation !== generation) return;
          const started = Date.now();
          const loaded = await loadLore(this.loreFs, folders, this.cache);
          this.cache.retain(loaded.files);
          this.host.log?.(`Lorekeeper: ${this.name}: lore parses read for quick reloads in ${Date.now() - started} ms (${loaded.parsedCount} parsed).`);
        })
        .catch(() => undefined);
    }, WARM_UP_DELAY_MS);
    (this.warmUpTimer as { unref?: () => void }).unref?.();
  }

  /** Writes the lore cache once loads have paused, off the path of the diagnostics they wait for. */
  private scheduleSave(): void {
    if (this.disposed) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.saveNow(), this.saved ? LATER_SAVE_DELAY_MS : FIRST_SAVE_DELAY_MS);
    // A pending save never keeps the process alive (dispose flushes it on shutdown).
    (this.saveTimer as { unref?: () => void }).unref?.();
  }

  private saveNow(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    this.saved = true;
    try {
      this.cache.save();
      // The name index of the base just saved, and its typo index when the checks have built it by now.
      const lore = this.state?.lore;
      if (lore) {
        this.cache.saveDerived(lore.base, NAME_INDEX_CACHE, () => lore.index.toSnapshot());
        this.cache.saveDerived(lore.base, NEAR_NAMES_CACHE, () => builtNearNames(lore.index));
      }
    } catch (error) {
      this.host.log?.(`Lorekeeper: ${this.name}: the lore cache was not written (${(error as Error).message}).`);
    }
  }

  private async readSettings(): Promise<ProjectSettings> {
    const editor = await this.host.editorSettings(this.root).catch(() => undefined);
    for (const name of CONFIG_FILES) {
      const uri = joinUri(this.root, name);
      let bytes: Uint8Array;
      try {
        // A config that is a named pipe or a device is refused from its stat, never opened.
        bytes = await this.loreFs.readFile(uri, { maxBytes: MAX_CONFIG_BYTES });
      } catch (error) {
        if (!(error instanceof FileRefusedError)) continue;
        return resolveSettings(editor, { name, unreadable: error.message });
      }
      const decoded = decodeText(bytes, MAX_CONFIG_BYTES);
      return resolveSettings(editor, decoded.ok ? { name, text: decoded.text } : { name, unreadable: decoded.reason });
    }
    return resolveSettings(editor);
  }

  /** The completion index of the current lore, built on first use from the last one (only the entries that changed are indexed again). */
  completion(state: LoreState): CompletionIndex {
    if (this.completionIndex?.generation !== state.generation) {
      this.completionIndex = { generation: state.generation, index: new CompletionIndex(state.lore.base, this.completionIndex?.index) };
    }
    return this.completionIndex.index;
  }

  /** The document checked against the current lore, reusing the last check of the same version. */
  check(document: TextDocument, state: LoreState): ManuscriptCheck {
    const key = normaliseUri(document.uri);
    const hit = this.checks.get(key);
    if (hit && hit.document === document && hit.version === document.version && hit.generation === state.generation) return hit.result;
    let scanCache = this.scanCaches.get(key);
    if (!scanCache) {
      scanCache = new ScanCache();
      this.scanCaches.set(key, scanCache);
    }
    // The scan cache makes a re-check as the writer types rescan only the edited paragraph.
    const result = checkManuscript(state.lore, enginePath(document), document.getText(), { severities: state.settings.checks, ignoredWords: state.settings.words, scanCache });
    this.checks.set(key, { document, version: document.version, generation: state.generation, result });
    return result;
  }

  /** The document's scenes and markup, without running the checks. */
  manuscript(document: TextDocument, state: LoreState): Manuscript {
    const key = normaliseUri(document.uri);
    const checked = this.checks.get(key);
    if (checked && checked.document === document && checked.version === document.version && checked.generation === state.generation) return checked.result.manuscript;
    const hit = this.parses.get(key);
    if (hit && hit.document === document && hit.version === document.version && hit.generation === state.generation) return hit.manuscript;
    const manuscript = parseManuscript(enginePath(document), document.getText(), state.lore.base.calendar);
    this.parses.set(key, { document, version: document.version, generation: state.generation, manuscript });
    return manuscript;
  }

  /** Forgets what was cached for a closed document. */
  forget(uri: string): void {
    const key = normaliseUri(uri);
    this.scanCaches.delete(key);
    this.checks.delete(key);
    this.parses.delete(key);
  }

  /** The path relative to the folder (with `/`), or undefined outside it. */
  relativePath(uri: string): string | undefined {
    return relativeTo(this.root, normaliseUri(uri));
  }

  contains(uri: string): boolean {
    return this.relativePath(uri) !== undefined;
  }

  isLoreFile(uri: string): boolean {
    const path = this.relativePath(uri);
    if (path === undefined || !/\.ya?ml$/i.test(path)) return false;
    const folders = this.state?.settings.lore ?? ['lore'];
    return folders.some((folder) => folder === '.' || path.startsWith(`${folder}/`));
  }

  isConfigFile(uri: string): boolean {
    const path = this.relativePath(uri);
    return path !== undefined && CONFIG_FILES.includes(path);
  }

  /** Whether a file of the folder is a manuscript under the settings. */
  isManuscriptUri(uri: string, settings: ProjectSettings): boolean {
    const path = this.relativePath(uri);
    return path !== undefined && isManuscriptFile(path, settings);
  }

  /** Whether an open document is a manuscript to check: Markdown or text, and not excluded. */
  isManuscript(document: { uri: string; languageId: string }, settings: ProjectSettings): boolean {
    const scheme = /^([a-zA-Z][\w+.-]*):/.exec(document.uri)?.[1].toLowerCase() ?? '';
    if (!DOCUMENT_SCHEMES.has(scheme)) return false;
    const named = MANUSCRIPT_FILE.test(document.uri.replace(/[?#].*$/, ''));
    if (!named && !MANUSCRIPT_LANGUAGES.has(document.languageId)) return false;
    if (scheme === 'untitled') return true;
    const path = this.relativePath(document.uri);
    // Outside the folder (a file opened on its own) it is checked if it looks like one.
    if (path === undefined) return true;
    // Text documents with other endings (`.text`, none) are manuscripts by language alone.
    const asNamed = MANUSCRIPT_FILE.test(path) ? path : `${path}.${document.languageId === 'markdown' ? 'md' : 'txt'}`;
    return isManuscriptFile(asNamed, settings);
  }

  /** Every manuscript file of the folder, sorted (the same rule as `lorekeeper check`). */
  async listManuscripts(settings: ProjectSettings, cancelled: () => boolean = () => false): Promise<string[]> {
    const out: string[] = [];
    const walk = async (folder: string, relative: string): Promise<void> => {
      if (cancelled()) return;
      let entries;
      try {
        entries = await this.host.fs.readDirectory(folder);
      } catch {
        return;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const entry of entries) {
        if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
        const path = relative ? `${relative}/${entry.name}` : entry.name;
        const uri = this.host.fs.join(folder, entry.name);
        if (entry.isDirectory) {
          // A lore folder or an excluded one holds no manuscripts.
          if (!isManuscriptFile(`${path}/x.md`, { ...settings, manuscripts: undefined })) continue;
          await walk(uri, path);
        } else if (isManuscriptFile(path, settings)) out.push(normaliseUri(uri));
      }
    };
    await walk(this.root, '');
    return out;
  }
}

/** The path the engine sees: it tells text from Markdown by the `.txt` ending. */
export function enginePath(document: { uri: string; languageId: string }): string {
  const plain = document.languageId === 'plaintext' || document.languageId === 'text';
  return plain && !/\.txt$/i.test(document.uri) ? `${document.uri}#.txt` : document.uri;
}

/**
 * The parse cache of one folder: parsed files in memory, and behind them the persistent cache of
 * an earlier run (its merged base offered once, to the first load; its parses to any file the
 * memory does not know). What a load built is saved later, when asked.
 */
class ProjectLoreCache implements LoreParseCache {
  private readonly memory = new MemoryLoreCache();
  private persistent: PersistentLoreCache | undefined;
  private persistentFor: string | undefined;
  private baseOffered = false;
  /** The base the last load built (absent when it came whole from the persistent cache). */
  private built: { key: string; base: LoreBase } | undefined;
  /** The key of the base the persistent cache holds, as far as this run knows. */
  private savedKey: string | undefined;
  /** The last load's base came whole from the persistent cache. */
  fromSnapshot = false;

  /** Before each load: the persistent cache of these lore folders (made again only when they change). */
  use(loreFolders: readonly string[], open: () => PersistentLoreCache | undefined): void {
    const id = loreFolders.join('\0');
    if (this.persistentFor !== id) {
      this.persistentFor = id;
      this.persistent = open();
      this.baseOffered = false;
      this.savedKey = undefined;
    }
    this.built = undefined;
    this.fromSnapshot = false;
  }

  get(key: string): ParsedLoreFile | undefined {
    const hit = this.memory.get(key);
    if (hit || !this.persistent) return hit;
    const stored = this.persistent.get(key);
    if (stored) this.memory.set(key, stored);
    return stored;
  }

  set(key: string, parsed: ParsedLoreFile): void {
    this.memory.set(key, parsed);
  }

  getBase(key: string): LoreBase | undefined {
    // Only the first load asks: later ones merge incrementally from what is in memory.
    if (!this.persistent || this.baseOffered) return undefined;
    this.baseOffered = true;
    const base = this.persistent.getBase(key);
    if (base) {
      this.fromSnapshot = true;
      this.savedKey = key;
      this.savedBase = base;
      this.derivedSaved.clear();
    }
    return base;
  }

  setBase(key: string, base: LoreBase): void {
    this.baseOffered = true;
    this.built = { key, base };
  }

  retain(paths: string[]): void {
    this.memory.retain(paths);
  }

  /** The last load built a base the persistent cache does not hold yet. */
  get unsaved(): boolean {
    return this.persistent !== undefined && this.built !== undefined && this.built.key !== this.savedKey;
  }

  save(): void {
    if (!this.persistent || !this.built || this.built.key === this.savedKey) return;
    this.persistent.save(this.memory.files, this.built.key, this.built.base);
    this.savedKey = this.built.key;
    this.savedBase = this.built.base;
    this.derivedSaved.clear();
  }

  /** The base saved last, and which derived indexes of it were written. */
  private savedBase: LoreBase | undefined;
  private readonly derivedSaved = new Set<string>();

  /** Says that the persistent cache holds a derived index of the saved base already (one restored from it). */
  markDerivedSaved(name: string): void {
    this.derivedSaved.add(name);
  }

  /** Whether some of these derived indexes of the saved base, the current one, are not in the persistent cache yet. */
  missingDerived(names: readonly string[]): boolean {
    return this.persistent?.setDerived !== undefined && this.savedBase !== undefined && this.built === undefined && names.some((name) => !this.derivedSaved.has(name));
  }

  /** What the persistent cache keeps beside the base the last load took from it. */
  derived(name: string): unknown {
    return this.fromSnapshot && this.savedKey !== undefined ? this.persistent?.getDerived?.(this.savedKey, name) : undefined;
  }

  /**
   * Keeps an index built from `base` beside it, once, if `base` is the one this run saved; `value`
   * is made only then, and undefined (nothing built yet) saves nothing.
   */
  saveDerived(base: LoreBase, name: string, value: () => unknown): void {
    if (!this.persistent?.setDerived || this.savedKey === undefined || base !== this.savedBase || this.derivedSaved.has(name)) return;
    const made = value();
    if (made === undefined) return;
    this.derivedSaved.add(name);
    this.persistent.setDerived(this.savedKey, name, made);
  }
}

/** Parsed lore files by path and content; keeps only the latest version of each file. */
class MemoryLoreCache implements LoreParseCache {
  private readonly byKey = new Map<string, ParsedLoreFile>();
  private readonly keyOfPath = new Map<string, string>();

  get(key: string): ParsedLoreFile | undefined {
    return this.byKey.get(key);
  }

  set(key: string, parsed: ParsedLoreFile): void {
    const path = key.slice(0, key.indexOf('\0'));
    const previous = this.keyOfPath.get(path);
    if (previous !== undefined && previous !== key) this.byKey.delete(previous);
    this.keyOfPath.set(path, key);
    this.byKey.set(key, parsed);
  }

  retain(paths: string[]): void {
    const keep = new Set(paths);
    for (const [path, key] of this.keyOfPath) {
      if (keep.has(path)) continue;
      this.keyOfPath.delete(path);
      this.byKey.delete(key);
    }
  }

  /** Every file's latest parse, by key. */
  get files(): ReadonlyMap<string, ParsedLoreFile> {
    return this.byKey;
  }
}
