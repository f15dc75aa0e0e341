// Writes an import's files into its own folder, all or nothing: into a temporary sibling first,
// then swapped in by rename, so that a failed or cancelled import never leaves a half-written lore.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { IMPORT_MARK, SETTINGS_FILE } from '../../core/import/assemble';
import { ExportError } from './readExport';

/** Refuses a folder that holds files no import wrote: a re-import must never delete the writer's work. */
export function checkOutputFolder(out: string): void {
  if (!existsSync(out)) return;
  if (!statSync(out).isDirectory()) throw new ExportError(`--out ${out} is a file, not a folder`);
  const names = readdirSync(out);
  if (names.length === 0) return;
  let settings = '';
  try {
    settings = readFileSync(join(out, SETTINGS_FILE), 'utf8');
  } catch {
    settings = '';
  }
  if (!new RegExp(`^${IMPORT_MARK}:`, 'm').test(settings)) {
    throw new ExportError(`${out} holds files that no import wrote: choose an empty folder or the folder of an earlier import (--out DIR)`);
  }
}

export function writeImport(out: string, files: Array<{ path: string; text: string }>): void {
  const target = resolve(out);
  checkOutputFolder(target);
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const temporary = join(parent, `.${basename(target)}.import-${process.pid}`);
  const previous = join(parent, `.${basename(target)}.previous-${process.pid}`);
  rmSync(temporary, { recursive: true, force: true });
  try {
    for (const file of files) {
      const path = resolve(temporary, file.path);
      // File names come from kinds and initials, but never trust a path to stay inside.
      if (!path.startsWith(temporary + sep)) throw new ExportError(`refusing to write ${file.path} outside the output folder`);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.text);
    }
    if (existsSync(target)) renameSync(target, previous);
    renameSync(temporary, target);
    rmSync(previous, { recursive: true, force: true });
  } catch (error) {
    rmSync(temporary, { recursive: true, force: true });
    if (!existsSync(target) && existsSync(previous)) renameSync(previous, target);
    if (error instanceof ExportError) throw error;
    throw new ExportError(`cannot write ${out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
