// Where a path or URI really points, so that a shared lore pack cannot reach outside the writer's
// workspace: portraits on cards are loaded, and "add to lore" writes, only inside its folders.

const HIERARCHICAL = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)(.*)$/i;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * `file:///ws/lore/../x.png` → `file:///ws/x.png`, `lore/./a/../b.yaml` → `lore/b.yaml`: `.` and
 * `..` resolved, percent-escapes decoded, `\` read as `/`. Undefined when `..` climbs above the
 * start or the text is a non-hierarchical URI (`data:`, `command:`, `javascript:`).
 */
export function normalizePath(pathOrUri: string): string | undefined {
  let prefix = '';
  let rest = pathOrUri;
  const uri = HIERARCHICAL.exec(pathOrUri);
  if (uri) {
    prefix = uri[1].toLowerCase();
    rest = uri[2].replace(/[?#].*$/s, '');
  } else if (SCHEME.test(pathOrUri) && !/^[a-z]:[\\/]/i.test(pathOrUri)) {
    return undefined;
  }
  const absolute = /^[\\/]/.test(rest);
  const out: string[] = [];
  for (const raw of rest.split(/[\\/]+/)) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (/[\\/]/.test(segment)) return undefined; // an encoded separator is no file name
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(segment);
  }
  return `${prefix}${absolute ? '/' : ''}${out.join('/')}`;
}

/** Whether a path or URI lies inside one of the folders (same scheme and authority, whole segments). */
export function isInsideFolders(pathOrUri: string, folders: readonly string[]): boolean {
  const target = normalizePath(pathOrUri);
  if (target === undefined) return false;
  return folders.some((folder) => {
    const root = normalizePath(folder);
    if (root === undefined) return false;
    const base = root.endsWith('/') ? root : `${root}/`;
    return target === root || target.startsWith(base);
  });
}
