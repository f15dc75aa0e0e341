// Reads the lore folders through the file-system seam, reusing cached parses of unchanged files.
import { decodeText, type ReadableFileSystem } from '../fileSystem';
import type { Diagnostic } from '../types';
import { buildLoreBase, type LoreBase } from './base';
import { parseLoreFile, type ParsedLoreFile } from './parseFile';

/** Parsed files keyed by path and content: a stale entry can never be served. */
export interface LoreParseCache {
  get(key: string): ParsedLoreFile | undefined;
  set(key: string, parsed: ParsedLoreFile): void;
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

export async function loadLore(fs: ReadableFileSystem, folders: LoreFolder[], cache?: LoreParseCache): Promise<LoadedLore> {
  const missingFolders: LoreFolder[] = [];
  const allFiles: string[] = [];
  let parsedCount = 0;
  const layers = await Promise.all(
    folders.map(async (folder) => {
      let paths: string[];
      try {
        paths = await listLoreFiles(fs, folder.path);
      } catch {
        missingFolders.push(folder);
        return { name: folder.name, files: [] };
      }
      allFiles.push(...paths);
      const files = await Promise.all(
        paths.map(async (path) => {
          const result = await readLoreFile(fs, path, cache);
          if (result.parsed) parsedCount++;
          return result.file;
        }),
      );
      return { name: folder.name, files };
    }),
  );
  const base = buildLoreBase(layers);
  if (missingFolders.length === 0 && base.entries.length === 0 && !base.problems.some((p) => p.severity === 'error')) {
    const where = folders.map((f) => f.path).join(', ');
    base.problems.push(emptyLoreProblem(folders[0]?.path ?? 'lore', `The lore base in ${where} has no entries yet: add a YAML file with a \`name:\`.`));
  }
  return { base, files: allFiles, missingFolders, parsedCount };
}

/** Parses one lore file, or takes it from the cache when its text has not changed. */
export async function readLoreFile(
  fs: ReadableFileSystem,
  path: string,
  cache?: LoreParseCache,
): Promise<{ file: ParsedLoreFile; parsed: boolean }> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(path);
  } catch (error) {
    return { file: unreadable(path, `Cannot read lore file: ${(error as Error).message}`), parsed: false };
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { file: unreadable(path, `Cannot read lore file: ${decoded.reason}.`), parsed: false };
  return parseLoreText(path, decoded.text, cache);
}

export function parseLoreText(path: string, text: string, cache?: LoreParseCache): { file: ParsedLoreFile; parsed: boolean } {
  const key = `${path}\0${contentHash(text)}`;
  const hit = cache?.get(key);
  if (hit) return { file: hit, parsed: false };
  const file = parseLoreFile(path, text);
  cache?.set(key, file);
  return { file, parsed: true };
}

async function listLoreFiles(fs: ReadableFileSystem, folder: string): Promise<string[]> {
  const entries = await fs.readDirectory(folder);
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = fs.join(folder, entry.name);
    if (entry.isDirectory) out.push(...(await listLoreFiles(fs, path)));
    else if (LORE_FILE.test(entry.name)) out.push(path);
  }
  return out;
}

function unreadable(path: string, message: string): ParsedLoreFile {
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { path, entries: [], problems: [{ file: path, range, severity: 'error', code: 'lore-unreadable-file', message }] };
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
