// URI strings as the server keeps them: the client's spelling, joined and compared as text.
// (file URIs from different clients differ in the case of `%3A` and drive letters: normalise.)

/** Joins a folder URI and a relative path of `/`-separated segments. */
export function joinUri(folder: string, relative: string): string {
  const base = folder.endsWith('/') ? folder.slice(0, -1) : folder;
  const segments = relative.split('/').filter((s) => s !== '' && s !== '.');
  return segments.length === 0 ? base : `${base}/${segments.map(encodeSegment).join('/')}`;
}

function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/%3A/g, ':');
}

/** One spelling per URI: decoded, re-encoded the way joinUri writes it, no trailing slash. */
export function normaliseUri(uri: string): string {
  const match = /^([a-zA-Z][\w+.-]*:)(\/\/[^/]*)?(.*)$/.exec(uri);
  if (!match) return uri;
  const [, scheme, authority = '', path] = match;
  const hashAt = path.search(/[?#]/);
  const bare = hashAt === -1 ? path : path.slice(0, hashAt);
  const rest = hashAt === -1 ? '' : path.slice(hashAt);
  let decoded: string;
  try {
    decoded = decodeURIComponent(bare);
  } catch {
    decoded = bare;
  }
  // Windows drive letters: `file:///C:/x` and `file:///c%3A/x` are the same file.
  decoded = decoded.replace(/^\/([A-Za-z]):/, (_, d: string) => `/${d.toLowerCase()}:`);
  const encoded = decoded
    .split('/')
    .map(encodeSegment)
    .join('/')
    .replace(/(.)\/$/, '$1');
  return `${scheme.toLowerCase()}${authority}${encoded}${rest}`;
}

/** The path of `uri` under `folder` (with `/`), or undefined outside it. Both normalised. */
export function relativeTo(folder: string, uri: string): string | undefined {
  const base = folder.endsWith('/') ? folder : `${folder}/`;
  if (!uri.startsWith(base)) return undefined;
  try {
    return decodeURIComponent(uri.slice(base.length));
  } catch {
    return uri.slice(base.length);
  }
}
