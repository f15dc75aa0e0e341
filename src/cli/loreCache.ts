// A warm start for the CLI, as ESLint's and cspell's `--cache`: parsed lore files kept on disk,
// keyed by path and content hash, so that an unchanged file is never parsed twice and a changed
// one never served stale.
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { contentHash, type LoreParseCache } from '../core/lore/load';
import type { ParsedLoreFile } from '../core/lore/parseFile';

const FORMAT = 3;

export class DiskLoreCache implements LoreParseCache {
  private readonly stored = new Map<string, ParsedLoreFile>();
  private readonly used = new Map<string, ParsedLoreFile>();
  private changed = false;

  constructor(readonly file: string) {
    try {
      const data = JSON.parse(readFileSync(file, 'utf8')) as { format: number; files: Record<string, ParsedLoreFile> };
      if (data.format === FORMAT) for (const [key, parsed] of Object.entries(data.files)) this.stored.set(key, parsed);
    } catch {
      // No cache yet, or an unreadable one: start cold.
    }
  }

  get(key: string): ParsedLoreFile | undefined {
    const hit = this.stored.get(key);
    if (hit) this.used.set(key, hit);
    return hit;
  }

  set(key: string, parsed: ParsedLoreFile): void {
    this.used.set(key, parsed);
    this.changed = true;
  }

  /** Writes the entries this run used (so deleted files drop out); never fails the check. */
  save(): void {
    if (!this.changed && this.used.size === this.stored.size) return;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      const temporary = `${this.file}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify({ format: FORMAT, files: Object.fromEntries(this.used) }));
      renameSync(temporary, this.file);
    } catch {
      // A read-only folder only costs the next run its warm start.
    }
  }
}

/** node_modules/.cache/lorekeeper where the project has node_modules, else the user's cache folder. */
export function defaultCacheFile(cwd: string, loreFolders: string[]): string {
  const key = contentHash(loreFolders.map((f) => resolve(cwd, f)).join('\0'));
  if (existsSync(join(cwd, 'node_modules'))) return join(cwd, 'node_modules', '.cache', 'lorekeeper', `lore-${key}.json`);
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'lorekeeper', `lore-${key}.json`);
}
