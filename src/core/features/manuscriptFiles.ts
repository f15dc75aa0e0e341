// Which files of a project are manuscripts: Markdown and text files, minus hidden folders,
// node_modules, the lore folders and the `exclude` globs; only those matching `manuscripts` when
// that is set. The same rule as `lorekeeper check` with no paths.
import { literalGlob, matchesGlob } from '../glob';

export interface ManuscriptSelection {
  manuscripts?: string[];
  exclude?: string[];
  lore?: string[];
}

const MANUSCRIPT_FILE = /\.(md|markdown|txt)$/i;

/** `path` is relative to the project's folder, with `/` separators. */
export function isManuscriptFile(path: string, selection: ManuscriptSelection): boolean {
  if (!MANUSCRIPT_FILE.test(path)) return false;
  if (path.split('/').some((segment) => segment.startsWith('.') || segment === 'node_modules')) return false;
  // Lore folders are paths, not globs: a folder named `{draft}` means itself.
  const excluded = [...(selection.exclude ?? []), ...(selection.lore ?? []).map(literalGlob)];
  // As the CLI's walk does: a folder that matches excludes everything below it.
  const segments = path.split('/');
  for (let i = 1; i <= segments.length; i++) {
    const prefix = segments.slice(0, i).join('/');
    if (excluded.some((glob) => matchesGlob(prefix, glob))) return false;
  }
  const wanted = selection.manuscripts;
  return !wanted || wanted.length === 0 || wanted.some((glob) => matchesGlob(path, glob));
}

/**
 * Why a Markdown or text file of the project is not checked, in a sentence for the writer, or
 * undefined when it is a manuscript (or no such file at all).
 */
export function notCheckedReason(path: string, selection: ManuscriptSelection): string | undefined {
  if (!MANUSCRIPT_FILE.test(path) || isManuscriptFile(path, selection)) return undefined;
  const segments = path.split('/');
  for (const folder of selection.lore ?? []) {
    for (let i = 1; i < segments.length; i++) {
      if (matchesGlob(segments.slice(0, i).join('/'), folder)) {
        return `This file is inside the lore folder \`${folder}\`: Lorekeeper reads only the YAML files there and does not check this text as a story. Move it out of \`${folder}\` to have it checked.`;
      }
    }
  }
  return undefined;
}
