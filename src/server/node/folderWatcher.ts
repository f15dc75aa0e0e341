// The node server's own watch over a project's lore folders and its root, beside the editor's.
// An editor's watcher is not always there (Neovim on Linux offers none by default) and not always
// reliable (a busy or constrained machine may drop or merge events), and lore changes outside the
// editor all the time: `git pull`, `lorekeeper import`, another editor. The server hears of them
// itself, so that problems always follow the files on disk.
//
// Each directory is watched on its own (inotify watches one directory; Node's recursive mode on
// Linux polls files every five seconds). Where watching fails (the system's limit on watches,
// a file system without events), the folders are polled instead: their listing and each file's
// size and time, every few seconds.
import { watch, promises as fsp, type FSWatcher } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface FolderWatch {
  /** Settles once every folder there is is watched (or polled): a read after it misses no change. */
  ready: Promise<void>;
  dispose(): void;
}

export interface WatchTarget {
  /** A folder's `file:` URI. */
  uri: string;
  /** Its subfolders too (a lore folder), or only its own entries (the project's root). */
  recursive: boolean;
}

/** At most this many folders are watched in one tree; a larger tree is polled. */
const MAX_WATCHED_FOLDERS = 2000;
export const POLL_INTERVAL_MS = 4000;
/** Names never walked into: what the lore's listing skips too. */
const SKIPPED = (name: string): boolean => name.startsWith('.') || name === 'node_modules';

/**
 * Watches each target and calls `onChange` with the `file:` URI of what changed (a file or a
 * folder; the folder itself when the system does not say which entry). Targets that do not exist
 * are skipped: the project watches its root, which sees a lore folder appear.
 */
export function watchFolders(targets: readonly WatchTarget[], onChange: (uri: string) => void, options: { watchImpl?: typeof watch; pollMs?: number } = {}): FolderWatch {
  const watchImpl = options.watchImpl ?? watch;
  const pollMs = options.pollMs ?? POLL_INTERVAL_MS;
  const roots = targets.filter((t) => t.uri.startsWith('file:')).map((t) => ({ path: fileURLToPath(t.uri), recursive: t.recursive }));
  /** Each watched folder with the inode it was watched at: a folder deleted and made again is watched anew. */
  const watchers = new Map<string, { watcher: FSWatcher; ino: number }>();
  const polled = new Map<string, { root: Root; signature: string | undefined }>();
  let pollTimer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  const report = (path: string): void => {
    if (!disposed) onChange(pathToFileURL(path).href);
  };

  const poll = (root: Root): void => {
    if (disposed || polled.has(root.path)) return;
    const entry = { root, signature: undefined as string | undefined };
    polled.set(root.path, entry);
    void signatureOf(root.path, root.recursive).then((s) => (entry.signature ??= s));
    if (pollTimer === undefined) schedulePoll(pollMs);
  };

  /** Polls again after `delay`; a large tree (its stats taking long) is polled less often, at most a twentieth of the time. */
  const schedulePoll = (delay: number): void => {
    pollTimer = setTimeout(async () => {
      const started = Date.now();
      for (const p of polled.values()) {
        const s = await signatureOf(p.root.path, p.root.recursive);
        if (disposed) return;
        if (s === p.signature) continue;
        p.signature = s;
        report(p.root.path);
      }
      if (!disposed) schedulePoll(Math.max(pollMs, 20 * (Date.now() - started)));
    }, delay);
    (pollTimer as { unref?: () => void }).unref?.();
  };

  const close = (path: string): void => {
    watchers.get(path)?.watcher.close();
    watchers.delete(path);
  };

  /**
   * Watches one folder at its inode; false where the system refused. `anew`: even if it is watched
   * at that inode already, since a folder deleted and made again (and each folder made again under
   * it) can get its old inode back, and the watch of the deleted one hears nothing more.
   */
  const watchOne = (path: string, ino: number, root: Root, anew: boolean): boolean => {
    const known = watchers.get(path);
    if (known?.ino === ino && !anew) return true;
    if (known) close(path);
    let watcher: FSWatcher;
    try {
      watcher = watchImpl(path, { persistent: false }, (_event, name) => {
        const changed = name ? join(path, name.toString()) : path;
        report(changed);
        if (name) follow(changed);
      });
    } catch {
      return false;
    }
    watcher.on('error', () => {
      // The system stopped watching it: where the folder is still there, its tree is polled.
      if (watchers.get(path)?.watcher === watcher) close(path);
      void fsp.stat(path).then((s) => s.isDirectory() && poll(root), () => undefined);
    });
    watchers.set(path, { watcher, ino });
    return true;
  };

  /** Watches a folder of a root's tree, and the folders under it when the root is recursive (all of them anew: see watchOne). */
  const addTree = async (path: string, root: Root, anew = false): Promise<void> => {
    if (polled.has(root.path)) return;
    const folders = root.recursive ? await foldersOf(path) : await foldersOf(path, false);
    if (disposed || folders === undefined) return;
    if (folders.length + watchers.size > MAX_WATCHED_FOLDERS) return poll(root);
    for (const { path: folder, ino } of folders) {
      if (!watchOne(folder, ino, root, anew)) return poll(root);
    }
  };

  /**
   * After an entry changed: a folder made (or made again) in a watched tree is watched, one gone is
   * let go. One at a time, in the order of the events: the last to run then looks at the disk after
   * the last change, and an older look (a folder gone) never undoes a newer one (made again).
   */
  let following: Promise<void> = Promise.resolve();
  const follow = (path: string): void => {
    following = following.then(() => followNow(path)).catch(() => undefined);
  };
  const followNow = async (path: string): Promise<void> => {
    if (disposed) return;
    const inTree = roots.filter((r) => path === r.path || (r.recursive && path.startsWith(r.path + sep)));
    if (inTree.length === 0) return;
    const stat = await fsp.stat(path).catch(() => undefined);
    if (disposed) return;
    if (!stat?.isDirectory()) {
      for (const watched of [...watchers.keys()]) if (watched === path || watched.startsWith(path + sep)) close(watched);
      return;
    }
    for (const root of inTree) await addTree(path, root, true);
  };

  const ready = Promise.all(roots.map((root) => addTree(root.path, root))).then(() => undefined);

  return {
    ready,
    dispose() {
      disposed = true;
      clearTimeout(pollTimer);
      for (const path of [...watchers.keys()]) close(path);
    },
  };
}

interface Root {
  path: string;
  recursive: boolean;
}

/** A folder, with its inode, and every folder under it unless `deep` is false (undefined if it is not a folder). */
async function foldersOf(root: string, deep = true): Promise<Array<{ path: string; ino: number }> | undefined> {
  const found: Array<{ path: string; ino: number }> = [];
  const walk = async (path: string): Promise<boolean> => {
    let entries;
    try {
      const stat = await fsp.stat(path);
      if (!stat.isDirectory()) return false;
      found.push({ path, ino: stat.ino });
      if (!deep) return true;
      entries = await fsp.readdir(path, { withFileTypes: true });
    } catch {
      return false;
    }
    for (const entry of entries) {
      if (found.length > MAX_WATCHED_FOLDERS) break;
      if (entry.isDirectory() && !SKIPPED(entry.name)) await walk(join(path, entry.name));
    }
    return true;
  };
  return (await walk(root)) ? found : undefined;
}

/** What polling compares: each entry's name, kind, size and time, under the folder. */
async function signatureOf(root: string, recursive: boolean): Promise<string> {
  const parts: string[] = [];
  const walk = async (path: string, depth: number): Promise<void> => {
    let entries;
    try {
      entries = await fsp.readdir(path, { withFileTypes: true });
    } catch {
      parts.push(`${path}\u0000gone`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (SKIPPED(entry.name)) continue;
      const child = join(path, entry.name);
      if (entry.isDirectory()) {
        parts.push(`${child}/`);
        if (recursive && depth < 32) await walk(child, depth + 1);
      } else {
        const stat = await fsp.stat(child).catch(() => undefined);
        parts.push(`${child}\u0000${stat?.size ?? -1}\u0000${stat?.mtimeMs ?? -1}`);
      }
    }
  };
  await walk(root, 0);
  return parts.join('\n');
}
