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
  const clean = glob.replace(/^\.\//, '').replace(/\/+$/, '');
  const pattern = globToRegExp(clean);
  if (pattern.test(path)) return true;
  if (!clean.includes('/') && pattern.test(path.slice(path.lastIndexOf('/') + 1))) return true;
  // A folder (or a glob of folders) covers everything below it: `drafts`, `chapters/old*`.
  const folders = path.split('/');
  for (let depth = 1; depth < folders.length; depth++) {
    const prefix = folders.slice(0, depth).join('/');
    if (pattern.test(prefix) || (!clean.includes('/') && pattern.test(folders[depth - 1]))) return true;
  }
  return false;
}
