// Reads the lore folders through the file-system seam, reusing cached parses of unchanged files.
import { decodeText, describeError, isNotFound, MAX_FILE_BYTES, type ReadableFileSystem } from '../fileSystem';
import type { Diagnostic } from '../types';
import { buildLoreBase, type LoreBase } from './base';
import { parseLoreFile, type ParsedLoreFile } from './parseFile';

/** Parsed files keyed by path and content: a stale entry can never be served. */
export interface LoreParseCache {
  get(key: string): ParsedLoreFile | undefined;
  set(key: string, parsed: ParsedLoreFile): void;
  /** Optionally, whole merged bases keyed by every file's key: a warm start skips the merge too. */
  getBase?(key: string): LoreBase | undefined;
  setBase?(key: string, base: LoreBase): void;
}

export interface LoreFolder {
  /** The layer's name as written in the settings (`lore`, `au`). */
  name: string;
  path: string;
}

export interface LoadedLore {
  base: LoreBase;
  /** Every lore file read, in layer and path order. */
  files: string[];
  /** Folders that do not exist (the CLI makes this a usage error; the editor shows it). */
  missingFolders: LoreFolder[];
  /** How many files were parsed rather than taken from the cache. */
  parsedCount: number;
}

const LORE_FILE = /\.ya?ml$/i;

type ReadLoreText =
  | { path: string; key: string; text: string }
  /** A file the parse cache knows by its bytes: neither decoded nor parsed again. */
  | { path: string; key: string; cached: ParsedLoreFile }
  | { path: string; key: string; unreadable: ParsedLoreFile; folder?: true };

/** A lore file as read, keyed by its bytes, before the parse cache is asked about it. */
type ReadLoreBytes = { path: string; key: string; bytes: Uint8Array } | Extract<ReadLoreText, { unreadable: ParsedLoreFile }>;

/** The last base loaded with each parse cache: the next load merges again only the files that changed. */
const lastBase = new WeakMap<LoreParseCache, LoreBase>();

/** Parses many lore files at once (the CLI spreads a cold start over worker threads). */
export type LoreParser = (files: Array<{ path: string; text: string }>) => Promise<ParsedLoreFile[]>;

export async function loadLore(fs: ReadableFileSystem, folders: LoreFolder[], cache?: LoreParseCache, parseMany?: LoreParser): Promise<LoadedLore> {
  const missingFolders: LoreFolder[] = [];
  const readBytes = await Promise.all(
    folders.map(async (folder) => {
      // A layer nested in another (`lore: [lore/imported, lore]`) belongs to itself only.
      const nested = new Set(folders.filter((f) => f !== folder).map((f) => trimSlashes(f.path)));
      const listing = await listLoreFiles(fs, folder.path, nested);
      if (listing === 'missing') {
        missingFolders.push(folder);
        return { folder, texts: [] as ReadLoreBytes[] };
      }
      const texts: ReadLoreBytes[] = await Promise.all(listing.files.map((path) => readLoreBytes(fs, path)));
      // A folder that cannot be listed is a problem at that folder; the rest of the layer loads.
      for (const { path, reason } of listing.unlistable) {
        const message = `Cannot read lore folder ${shownPath(folders, path)}: ${reason}. Its files are not loaded.`;
        texts.push({ path, key: unreadableKey(path, message), folder: true, unreadable: unreadable(path, message, 'lore-unreadable-folder') });
      }
      return { folder, texts };
    }),
  );
  const files = readBytes.flatMap((layer) => layer.texts.filter((t) => !('folder' in t)).map((t) => t.path));
  const baseKey = readBytes.map((layer) => `${layer.folder.name}\u0001${layer.texts.map((t) => t.key).join('\u0001')}`).join('\u0002');
  // The merged base first: on a warm start it is all there is to read (the parse cache of every
  // file is far larger, and only needed when a file changed).
  const snapshot = missingFolders.length === 0 ? cache?.getBase?.(baseKey) : undefined;
  if (snapshot) return { base: snapshot, files, missingFolders, parsedCount: 0 };
  const read = readBytes.map(({ folder, texts }) => ({ folder, texts: texts.map((t): ReadLoreText => ('bytes' in t ? knownOrDecoded(t, cache) : t)) }));

  // Files the cache does not know are parsed together, so that a parser may share the work out.
  const misses = read.flatMap((layer) => layer.texts).filter((t): t is Extract<ReadLoreText, { text: string }> => 'text' in t);
  const fresh = new Map<string, ParsedLoreFile>();
  if (parseMany && misses.length > 0) {
    const parsed = await parseMany(misses.map(({ path, text }) => ({ path, text })));
    misses.forEach((miss, i) => {
      fresh.set(miss.key, parsed[i]);
      cache?.set(miss.key, parsed[i]);
    });
  }
  const layers = read.map(({ folder, texts }) => ({
    name: folder.name,
    files: texts.map((t) => ('unreadable' in t ? t.unreadable : 'cached' in t ? t.cached : fresh.get(t.key) ?? parseCached(t.path, t.text, t.key, cache).file)),
  }));
  const parsedCount = misses.length;
  const previous = cache ? lastBase.get(cache) : undefined;
  // Without a parse cache, nothing will ask to reload this base: its parse need not outlive the merge.
  const base = buildLoreBase(layers, previous, (path) => shownPath(folders, path), cache !== undefined);
  if (cache) lastBase.set(cache, base);
  if (base !== previous && missingFolders.length === 0 && base.entries.length === 0 && !base.problems.some((p) => p.severity === 'error')) {
    const where = folders.map((f) => f.name).join(', ');
    base.problems.push(emptyLoreProblem(folders[0]?.path ?? 'lore', `The lore base in ${where} has no entries yet: add a YAML file with a \`name:\`.`));
  }
  if (missingFolders.length === 0) cache?.setBase?.(baseKey, base);
  return { base, files, missingFolders, parsedCount };
}

async function readLoreBytes(fs: ReadableFileSystem, path: string): Promise<ReadLoreBytes> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(path, { maxBytes: MAX_FILE_BYTES });
  } catch (error) {
    const message = `Cannot read lore file: ${describeError(error)}.`;
    return { path, key: unreadableKey(path, message), unreadable: unreadable(path, message) };
  }
  // Keyed by its bytes: an unchanged file is known without decoding it (the same bytes decode the same).
  return { path, key: `${path}\0b${hashOfBytes(bytes)}`, bytes };
}

/**
 * The hash of each byte array read before. A file system hands a file's new contents in a new
 * array (a file read again from disk always is), so the array it handed last time, handed again
 * (a host that keeps the lore's bytes in memory, as an editor does), holds the same bytes: a
 * reload of a large canon need not hash every file again to find the one that changed.
 */
const bytesHashes = new WeakMap<Uint8Array, string>();

function hashOfBytes(bytes: Uint8Array): string {
  let hash = bytesHashes.get(bytes);
  if (hash === undefined) bytesHashes.set(bytes, (hash = bytesHash(bytes)));
  return hash;
}

function knownOrDecoded({ path, key, bytes }: { path: string; key: string; bytes: Uint8Array }, cache: LoreParseCache | undefined): ReadLoreText {
  const cached = cache?.get(key);
  if (cached) return { path, key, cached };
  const decoded = decodeText(bytes);
  if (!decoded.ok) {
    const message = `Cannot read lore file: ${decoded.reason}.`;
    return { path, key: unreadableKey(path, message), unreadable: unreadable(path, message) };
  }
  return { path, key, text: decoded.text };
}

export function parseLoreText(path: string, text: string, cache?: LoreParseCache): { file: ParsedLoreFile; parsed: boolean } {
  return parseCached(path, text, cacheKey(path, text), cache);
}

function parseCached(path: string, text: string, key: string, cache?: LoreParseCache): { file: ParsedLoreFile; parsed: boolean } {
  const hit = cache?.get(key);
  if (hit) return { file: hit, parsed: false };
  const file = parseLoreFile(path, text);
  cache?.set(key, file);
  return { file, parsed: true };
}

function cacheKey(path: string, text: string): string {
  return `${path}\0${contentHash(text)}`;
}

/** Unreadable files are keyed by their reason too: a changed reason is never served stale. */
function unreadableKey(path: string, message: string): string {
  return `${path}\0unreadable\0${contentHash(message)}`;
}

/**
 * A path inside a lore folder as the writer names it: the folder's name from the settings and the
 * rest (`file:///ws/lore/people.yaml` → `lore/people.yaml`), never an internal address.
 */
export function shownPath(folders: readonly LoreFolder[], path: string): string {
  let best: LoreFolder | undefined;
  for (const folder of folders) {
    const root = trimSlashes(folder.path);
    if ((path === root || path.startsWith(`${root}/`)) && (!best || root.length > trimSlashes(best.path).length)) best = folder;
  }
  if (!best) return path;
  const rest = path.slice(trimSlashes(best.path).length);
  let shown = `${trimSlashes(best.name)}${rest}`;
  try {
    shown = /%[0-9A-Fa-f]{2}/.test(rest) ? `${trimSlashes(best.name)}${decodeURIComponent(rest)}` : shown;
  } catch {
    // A malformed escape stays as written.
  }
  return shown;
}

function trimSlashes(path: string): string {
  return path.replace(/[\\/]+$/, '');
}

interface LoreListing {
  files: string[];
  /** Folders below the layer's folder (or that folder itself) that exist but cannot be listed. */
  unlistable: Array<{ path: string; reason: string }>;
}

/** The layer's lore files; 'missing' when its folder does not exist. */
async function listLoreFiles(fs: ReadableFileSystem, root: string, otherLayers: ReadonlySet<string> = new Set()): Promise<LoreListing | 'missing'> {
  const listing: LoreListing = { files: [], unlistable: [] };
  const walk = async (folder: string): Promise<void> => {
    let entries;
    try {
      entries = await fs.readDirectory(folder);
    } catch (error) {
      if (folder === root && isNotFound(error)) throw error;
      listing.unlistable.push({ path: folder, reason: describeError(error) });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = fs.join(folder, entry.name);
      if (entry.isDirectory) {
        if (!otherLayers.has(trimSlashes(path))) await walk(path);
      } else if (LORE_FILE.test(entry.name)) listing.files.push(path);
    }
  };
  try {
    await walk(root);
  } catch {
    return 'missing';
  }
  return listing;
}

function unreadable(path: string, message: string, code: 'lore-unreadable-file' | 'lore-unreadable-folder' = 'lore-unreadable-file'): ParsedLoreFile {
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { path, entries: [], problems: [{ file: path, range, severity: 'error', code, message }] };
}

function emptyLoreProblem(path: string, message: string): Diagnostic {
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { file: path, range, severity: 'warning', code: 'lore-empty', message };
}

/** 64-bit FNV-1a over the UTF-16 text, as hex: a cache key, not a security measure. */
export function contentHash(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

/**
 * A 64-bit hash of bytes, as hex: two lanes of FNV-style multiply over 32-bit words, mixed at the
 * end. A cache key that costs a few milliseconds over a canon of many megabytes, not a security measure.
 */
export function bytesHash(bytes: Uint8Array): string {
  // Whole 32-bit words (copied first when not aligned for them, so that the hash is the content's), then the last bytes.
  // (`new Uint8Array` copies: a Buffer's `slice` would be a view at the same offset.)
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : new Uint8Array(bytes);
  const words = aligned.length >> 2;
  const lanes = hashLanes;
  lanes[0] = 0x811c9dc5 ^ bytes.length;
  lanes[1] = 0x2f5a1c3d;
  hashWords(new Int32Array(aligned.buffer, aligned.byteOffset, words), lanes);
  let h1 = lanes[0];
  let h2 = lanes[1];
  for (let i = words * 4; i < aligned.length; i++) {
    h1 = Math.imul(h1 ^ aligned[i], 0x01000193);
    h2 = Math.imul((h2 << 5) | (h2 >>> 27), 0x5bd1e995) ^ aligned[i];
  }
  const fmix = (h: number): number => {
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
  };
  const a = fmix(h1 ^ Math.imul(h2, 0x9e3779b1));
  const b = fmix(h2 ^ Math.imul(h1, 0x85ebca77));
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

const hashLanes = new Int32Array(2);

/**
 * The loop of bytesHash, alone: V8 optimises it while it runs (on-stack), so whatever follows the
 * loop in the same function has no type feedback yet and threw the optimised code away at the end
 * of every file (42 times in a warm check of 50). The words are read signed: XOR takes either as
 * the same 32 bits, and a word past 2^31 (UTF-8 text has them) read unsigned is no small integer,
 * which threw it away too. Run once at load on one word, so that its end has feedback too.
 */
function hashWords(view: Int32Array, lanes: Int32Array): void {
  let h1 = lanes[0];
  let h2 = lanes[1];
  for (let w = 0; w < view.length; w++) {
    const k = view[w];
    h1 = Math.imul(h1 ^ k, 0x01000193);
    h2 = Math.imul((h2 << 5) | (h2 >>> 27), 0x5bd1e995) ^ k;
  }
  lanes[0] = h1;
  lanes[1] = h2;
}
hashWords(new Int32Array(1), new Int32Array(2));
