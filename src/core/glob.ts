// Minimal globs for `manuscripts` and `exclude`: `**`, `*`, `?`, `{a,b}`; paths use `/`.

export function globToRegExp(glob: string): RegExp {
  let source = '';
  let i = 0;
  let inBraces = false;
  while (i < glob.length) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // `**/` matches any number of folders, `**` at the end anything.
        const slash = glob[i + 2] === '/';
        source += slash ? '(?:.*/)?' : '.*';
        i += slash ? 3 : 2;
        continue;
      }
      source += '[^/]*';
    } else if (c === '?') source += '[^/]';
    else if (c === '{') {
      inBraces = true;
      source += '(?:';
    } else if (c === '}' && inBraces) {
      inBraces = false;
      source += ')';
    } else if (c === ',' && inBraces) source += '|';
    else source += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
    i++;
  }
  return new RegExp(`^${source}$`);
}

/** Whether a relative path matches a glob; a glob without `/` also matches a file name anywhere. */
export function matchesGlob(path: string, glob: string): boolean {
  const clean = glob.replace(/^\.\//, '');
  if (globToRegExp(clean).test(path)) return true;
  if (!clean.includes('/')) return globToRegExp(clean).test(path.slice(path.lastIndexOf('/') + 1));
  // A folder name excludes everything below it.
  return path.startsWith(`${clean.replace(/\/$/, '')}/`);
}
