// Where Lorekeeper keeps what it caches for a project (the lore cache, the compiled code): a small
// module of its own, so that dist/cli.js, which runs before anything else is compiled, can ask.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** node_modules/.cache/lorekeeper where the project has node_modules, else the user's cache folder. */
export function cacheFolder(cwd: string): string {
  if (existsSync(join(cwd, 'node_modules'))) return join(cwd, 'node_modules', '.cache', 'lorekeeper');
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'lorekeeper');
}

/** The folder of the code cache (codeCache.ts) for a run in the current folder; undefined: none (LOREKEEPER_CODE_CACHE=off, or no folder to name). */
export function codeCacheFolder(): string | undefined {
  if (process.env.LOREKEEPER_CODE_CACHE === 'off') return undefined;
  try {
    return cacheFolder(process.cwd());
  } catch {
    return undefined; // no home folder, a current folder deleted: no cache
  }
}
