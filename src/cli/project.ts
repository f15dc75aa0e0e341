// What every command that reads a writer's project shares: the config, the lore folders and
// their cache, and the manuscripts (found, then read as regular files only, never past the limit).
import { existsSync, promises as fs, statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { appendAll } from '../core/arrays';
import { prepareLore, type PreparedLore } from '../core/check';
import { builtNearNames, NEAR_NAMES_CACHE, restoreNearNames } from '../core/checks/unknownName';
import { parseConfig, type LorekeeperConfig } from '../core/config';
import { decodeText, describeError, FileRefusedError } from '../core/fileSystem';
import { globMayMatchBelow, literalGlob, matchesGlob } from '../core/glob';
import { loadLore, type LoadedLore, type LoreParser } from '../core/lore/load';
import { NAME_INDEX_CACHE } from '../core/mentions/nameIndex';
import type { Diagnostic } from '../core/types';
import { DiskLoreCache, defaultCacheFile } from './loreCache';
import { nodeFileSystem, readRegularFile } from './nodeFileSystem';
import { parseInParallel } from './parallelParse';

const MAX_MANUSCRIPT_BYTES = 20 * 1024 * 1024;
const MAX_CONFIG_BYTES = 1024 * 1024;
const MANUSCRIPT_FILE = /\.(md|markdown|txt)$/i;

/** A usage or configuration error: one line on stderr, exit status 2. */
export class UsageError extends Error {}

export interface Argument {
  /** The flag as written (`--lore`), with any `=value` cut off; the argument itself when no flag. */
  flag: string;
  arg: string;
  /** The flag's value: after `=`, else the next argument; a missing or empty one is a usage error. */
  value: () => string;
}

/** The command line one argument at a time, each command switching on its own flags. */
export function* readArguments(argv: readonly string[]): Generator<Argument> {
  const args = [...argv];
  while (args.length > 0) {
    const arg = args.shift()!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    yield {
      flag,
      arg,
      value: () => {
        const v = inline ?? args.shift();
        if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
        return v;
      },
    };
  }
}

export function readConfig(cwd: string, explicit: string | undefined): LorekeeperConfig {
  const path = explicit ? resolve(cwd, explicit) : ['lorekeeper.yaml', 'lorekeeper.yml'].map((f) => resolve(cwd, f)).find((f) => existsSync(f));
  if (!path) return {};
  let bytes: Uint8Array;
  try {
    // A named pipe or a device given as --config is refused, never opened (it would block or never end).
    bytes = readRegularFile(path, MAX_CONFIG_BYTES);
  } catch (error) {
    throw new UsageError(`cannot read config file ${explicit ?? relativePath(cwd, path)}: ${describeError(error)}`);
  }
  const decoded = decodeText(bytes, MAX_CONFIG_BYTES);
  if (!decoded.ok) throw new UsageError(`${relativePath(cwd, path)}: ${decoded.reason}`);
  const parsed = parseConfig(decoded.text);
  if (!parsed.ok) throw new UsageError(`${relativePath(cwd, path)}: ${parsed.message}`);
  return parsed.config;
}

export function relativePath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return (rel === '' ? '.' : rel).split(sep).join('/');
}

/** The lore folders (the flags', else the config's, else ./lore), each checked to exist: a missing one is a usage error. */
export function resolveLoreFolders(cwd: string, flagFolders: string[], config: LorekeeperConfig): string[] {
  const loreFolders = flagFolders.length > 0 ? flagFolders : config.lore ?? ['lore'];
  for (const folder of loreFolders) {
    let ok = false;
    try {
      ok = statSync(resolve(cwd, folder)).isDirectory();
    } catch {
      ok = false;
    }
    if (!ok) throw new UsageError(`lore folder not found: ${folder.replace(/\/+$/, '')} (use --lore DIR or set \`lore\` in lorekeeper.yaml)`);
  }
  return loreFolders;
}

export interface LoadOptions {
  timing?: (phase: string) => void;
  /** false: read the cache but never write it (a check worker beside the main thread). */
  saveCache?: boolean;
  /** How files the cache does not know are parsed (default: spread over parse workers). */
  parser?: LoreParser;
}

/**
 * The lore folders (see resolveLoreFolders), loaded through the cache, and the name index built;
 * `finish`, once the manuscripts are checked, keeps in the cache what the checks built from the base.
 */
export async function loadProjectLore(
  cwd: string,
  flagFolders: string[],
  config: LorekeeperConfig,
  useCache: boolean,
  options: LoadOptions = {},
): Promise<{ loreFolders: string[]; loaded: LoadedLore; lore: PreparedLore; finish: () => void }> {
  const { timing = () => undefined, saveCache = true, parser = parseInParallel } = options;
  const loreFolders = resolveLoreFolders(cwd, flagFolders, config);
  const folders = loreFolders.map((folder) => ({ name: folder.replace(/\/+$/, ''), path: relativePath(cwd, resolve(cwd, folder)) }));
  const cache = useCache ? new DiskLoreCache(defaultCacheFile(cwd, loreFolders)) : undefined;
  timing('read cache');
  const loaded = await loadLore(nodeFileSystem, folders, cache, parser);
  timing(`load lore (${loaded.parsedCount} parsed)`);
  if (saveCache) cache?.save();
  // The name index and the unknown-name typo index of this base, kept beside it by an earlier run: restored, not rebuilt.
  const lore = prepareLore(loaded.base, cache?.getDerived(NAME_INDEX_CACHE));
  const restored = cache !== undefined && restoreNearNames(lore.index, cache.getDerived(NEAR_NAMES_CACHE));
  const finish = (): void => {
    if (!cache || !saveCache) return;
    if (!lore.index.restored) cache.setDerived(NAME_INDEX_CACHE, lore.index.toSnapshot());
    const built = restored ? undefined : builtNearNames(lore.index);
    if (built) cache.setDerived(NEAR_NAMES_CACHE, built);
  };
  return { loreFolders, loaded, lore, finish };
}

/** Collects manuscripts below a folder; a folder that cannot be listed is a problem, and the walk goes on. */
async function walk(folder: string, cwd: string, exclude: string[], out: string[], problems: Diagnostic[]): Promise<void> {
  let entries;
  try {
    entries = await fs.readdir(folder, { withFileTypes: true });
  } catch (error) {
    problems.push(unreadable(relativePath(cwd, folder), `cannot list this folder (${describeError(error)}), so the manuscripts in it were not checked`));
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = resolve(folder, entry.name);
    const rel = relativePath(cwd, path);
    if (exclude.some((glob) => matchesGlob(rel, glob))) continue;
    if (entry.isDirectory()) await walk(path, cwd, exclude, out, problems);
    else if (entry.isFile() && MANUSCRIPT_FILE.test(entry.name)) out.push(path);
  }
}

/** The manuscripts to check: the paths given (files, or folders walked), else the config's `manuscripts` globs, else `.`. */
export async function findManuscripts(cwd: string, paths: string[], config: LorekeeperConfig, loreFolders: string[], problems: Diagnostic[]): Promise<string[]> {
  // Lore folders are paths, not globs: a folder named `{draft}` means itself.
  const exclude = [...(config.exclude ?? []), ...loreFolders.map((f) => literalGlob(relativePath(cwd, resolve(cwd, f))))];
  const found: string[] = [];
  if (paths.length === 0 && config.manuscripts && config.manuscripts.length > 0) {
    const all: string[] = [];
    const unlistable: Diagnostic[] = [];
    await walk(cwd, cwd, exclude, all, unlistable);
    // A folder that cannot be listed matters only if a manuscript glob could match inside it.
    appendAll(problems, unlistable.filter((p) => config.manuscripts!.some((glob) => globMayMatchBelow(p.file, glob))));
    return all.filter((path) => config.manuscripts!.some((glob) => matchesGlob(relativePath(cwd, path), glob)));
  }
  for (const given of paths.length > 0 ? paths : ['.']) {
    const path = resolve(cwd, given);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch {
      throw new UsageError(`no such file or folder: ${given}`);
    }
    if (isDirectory) await walk(path, cwd, exclude, found, problems);
    else found.push(path);
  }
  return [...new Set(found)];
}

const manuscriptTooLarge = (bytes: number): FileRefusedError =>
  new FileRefusedError(`file is ${(bytes / 1048576).toFixed(1)} MB, over the ${MAX_MANUSCRIPT_BYTES / 1048576} MB limit for one manuscript; split it into chapters`);

export function readManuscript(path: string): string | { reason: string } {
  try {
    // Only a regular file is read, and never past the limit, even one that grows meanwhile.
    // Into the one buffer kept for it: the bytes are decoded at once, before the next manuscript is read.
    const decoded = decodeText(readRegularFile(path, MAX_MANUSCRIPT_BYTES, manuscriptTooLarge, true), MAX_MANUSCRIPT_BYTES);
    return decoded.ok ? decoded.text : { reason: decoded.reason };
  } catch (error) {
    if (error instanceof FileRefusedError) return { reason: error.message };
    return { reason: `cannot read it: ${describeError(error)}` };
  }
}

export function unreadable(file: string, reason: string): Diagnostic {
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { file, range, severity: 'warning', code: 'unreadable-manuscript', message: `Not checked: ${reason}.` };
}

