// The node server's persistent lore cache: the CLI's own (src/cli/loreCache.ts), in the same file
// (`defaultCacheFile` of the folder and its lore folders), so that `lorekeeper check` and the editor
// warm each other. The CLI names lore files by their path relative to the project
// (`lore/people.yaml`), the server by URI (`file:///story/lore/people.yaml`): what goes in and out
// of the cache is translated between the two, and a path that does not translate is a cache miss.
import { fileURLToPath } from 'node:url';
import { DiskLoreCache, defaultCacheFile } from '../../cli/loreCache';
import type { LoreBase } from '../../core/lore/base';
import type { Entry, Location } from '../../core/lore/entry';
import type { ParsedLoreFile } from '../../core/lore/parseFile';
import type { Diagnostic } from '../../core/types';
import type { PersistentLoreCache } from '../project';
import { joinUri } from '../uris';

/** The persistent cache of a `file:` folder's lore; none for other schemes or when turned off. */
export function diskLoreCacheFor(root: string, loreFolders: readonly string[]): PersistentLoreCache | undefined {
  if (!root.startsWith('file:')) return undefined;
  let folder: string;
  try {
    folder = fileURLToPath(root);
  } catch {
    return undefined; // a file URI with a host, on a system without UNC paths
  }
  return new TranslatedDiskCache(defaultCacheFile(folder, [...loreFolders]), new PathTranslation(root));
}

/** Paths between the server's URIs (`root/…`, as joinUri spells them) and the CLI's relative paths. */
export class PathTranslation {
  private readonly prefix: string;
  private readonly toUriMemo = new Map<string, string>();

  constructor(private readonly root: string) {
    this.prefix = root.endsWith('/') ? root : `${root}/`;
  }

  toRelative(uri: string): string | undefined {
    if (uri === this.root) return '.';
    if (!uri.startsWith(this.prefix)) return undefined;
    try {
      return uri.slice(this.prefix.length).split('/').map(decodeURIComponent).join('/');
    } catch {
      return undefined;
    }
  }

  toUri(relative: string): string {
    let uri = this.toUriMemo.get(relative);
    if (uri === undefined) {
      uri = joinUri(this.root, relative);
      this.toUriMemo.set(relative, uri);
    }
    return uri;
  }

  /** A cache key with each file path in it translated (a path starts the key, or follows a separator, and ends at NUL). */
  key(key: string, to: (path: string) => string | undefined): string | undefined {
    let failed = false;
    const out = key.replace(/(^|[\u0001\u0002])([^\0\u0001\u0002]+)(?=\0)/g, (_, before: string, path: string) => {
      const translated = to(path);
      if (translated === undefined) failed = true;
      return before + (translated ?? '');
    });
    return failed ? undefined : out;
  }
}

class TranslatedDiskCache implements PersistentLoreCache {
  /** Read lazily, once: only a base miss (a lore file changed) reads the parses. */
  private reader: DiskLoreCache | undefined;
  private readonly toRelative: (path: string) => string | undefined;
  private readonly toUri: (path: string) => string;

  constructor(
    readonly file: string,
    private readonly paths: PathTranslation,
  ) {
    this.toRelative = (path) => paths.toRelative(path);
    this.toUri = (path) => paths.toUri(path);
  }

  private get disk(): DiskLoreCache {
    this.reader ??= new DiskLoreCache(this.file);
    return this.reader;
  }

  getBase(key: string): LoreBase | undefined {
    const relative = this.paths.key(key, this.toRelative);
    const base = relative === undefined ? undefined : this.disk.getBase(relative);
    // In place: the reader unpacked this base for this call alone, fresh from JSON.parse (a copy of
    // 50,000 entries would cost the first diagnostics a tenth of a second).
    return base && translateBase(base, this.toUri, true);
  }

  getDerived(baseKey: string, name: string): unknown {
    const relative = this.paths.key(baseKey, this.toRelative);
    return relative === undefined ? undefined : this.disk.getDerived(name, relative);
  }

  setDerived(baseKey: string, name: string, value: unknown): void {
    const relative = this.paths.key(baseKey, this.toRelative);
    if (relative !== undefined) new DiskLoreCache(this.file).setDerived(name, value, relative);
  }

  get(key: string): ParsedLoreFile | undefined {
    const relative = this.paths.key(key, this.toRelative);
    const parsed = relative === undefined ? undefined : this.disk.get(relative);
    return parsed && translateParsed(parsed, this.toUri);
  }

  save(files: ReadonlyMap<string, ParsedLoreFile>, baseKey: string, base: LoreBase): void {
    // A fresh writer: the file then holds exactly the current files, as after a CLI run.
    const writer = new DiskLoreCache(this.file);
    const relativeBaseKey = this.paths.key(baseKey, this.toRelative);
    if (relativeBaseKey === undefined) return;
    const strict = (path: string): string => {
      const relative = this.toRelative(path);
      if (relative === undefined) throw new Untranslatable();
      return relative;
    };
    try {
      for (const [key, parsed] of files) {
        const relative = this.paths.key(key, this.toRelative);
        if (relative !== undefined) writer.set(relative, translateParsed(parsed, strict));
      }
      writer.setBase(relativeBaseKey, translateBase(base, strict));
    } catch (error) {
      if (error instanceof Untranslatable) return; // lore outside the folder's URI space: nothing the CLI could share
      throw error;
    }
    writer.save();
    // The next miss reads what was just written.
    this.reader = undefined;
  }
}

class Untranslatable extends Error {}

function translateDiagnostic(d: Diagnostic, to: (path: string) => string): Diagnostic {
  return { ...d, file: to(d.file) };
}

/** A parsed file with its paths translated (a copy: the cache's own object is left as it is). */
export function translateParsed(parsed: ParsedLoreFile, to: (path: string) => string): ParsedLoreFile {
  return { ...parsed, path: to(parsed.path), problems: parsed.problems.map((d) => translateDiagnostic(d, to)) };
}

/**
 * A merged base with its paths translated: its entries' locations, portraits and problems. A copy,
 * unless `inPlace` (then the base's entries are changed, and the base returned is the same object).
 */
export function translateBase(base: LoreBase, to: (path: string) => string, inPlace = false): LoreBase {
  // In place, each location object is changed rather than replaced (a few hundred thousand fewer
  // allocations at 50,000 entries); one already translated (an object shared) is left alone.
  const translatedPaths = new Set<string>();
  const translate = (path: string): string => {
    const out = to(path);
    translatedPaths.add(out);
    return out;
  };
  const location = inPlace
    ? (l: Location): Location => {
        if (!translatedPaths.has(l.file)) l.file = translate(l.file);
        return l;
      }
    : (l: Location): Location => ({ file: to(l.file), range: l.range });
  const byId = inPlace ? undefined : new Map<string, Entry>();
  const entries = inPlace ? base.entries : new Array<Entry>(base.entries.length);
  const deferred = inPlace ? new LazyFieldLocations(to) : undefined;
  for (let i = 0; i < base.entries.length; i++) {
    const entry = base.entries[i];
    // The portrait is resolved beside the file that set it, as written (before any translation).
    const imageFile = entry.image === undefined ? undefined : (entry.fieldLocations.image ?? entry.location).file;
    // A cached base computes each entry's field locations when first read (hover, a quick fix):
    // translated then too, not all 50,000 entries' before the first diagnostics.
    if (deferred?.defer(entry)) {
      entry.location = location(entry.location);
      if (imageFile !== undefined) entry.image = translateImage(entry.image!, imageFile, to);
      continue;
    }
    const fieldLocations: Record<string, Location> = inPlace ? entry.fieldLocations : {};
    for (const field in entry.fieldLocations) fieldLocations[field] = location(entry.fieldLocations[field]);
    const translated: Entry = inPlace ? entry : { ...entry, fieldLocations };
    translated.location = location(entry.location);
    if (imageFile !== undefined) translated.image = translateImage(entry.image!, imageFile, to);
    entries[i] = translated;
    byId?.set(translated.id, translated);
  }
  const problems = base.problems.map((d) => translateDiagnostic(d, to));
  if (!inPlace) return { ...base, entries, byId: byId!, problems };
  base.problems = problems;
  return base;
}

/**
 * Field locations still to be computed (an accessor the cache's reader put on the entry or its
 * prototype): wrapped so that the first read computes them, translates them and keeps the result
 * on the entry, and every later read sees that. One wrapper per reader's accessor.
 */
class LazyFieldLocations {
  private readonly wrappers = new Map<PropertyDescriptor['get'], PropertyDescriptor>();

  constructor(private readonly to: (path: string) => string) {}

  /** Wraps the entry's accessor, if its field locations have one; false when they are plain data. */
  defer(entry: Entry): boolean {
    const accessor = accessorOf(entry, 'fieldLocations');
    if (!accessor) return false;
    let wrapper = this.wrappers.get(accessor.get);
    if (!wrapper) {
      wrapper = this.wrap(accessor);
      this.wrappers.set(accessor.get, wrapper);
    }
    Object.defineProperty(entry, 'fieldLocations', wrapper);
    return true;
  }

  private wrap(accessor: PropertyDescriptor): PropertyDescriptor {
    const to = this.to;
    const settle = (entry: Entry, value: Record<string, Location>) =>
      Object.defineProperty(entry, 'fieldLocations', { value, writable: true, enumerable: accessor.enumerable ?? true, configurable: true });
    return {
      get(this: Entry) {
        const computed = accessor.get!.call(this) as Record<string, Location>;
        // New objects: whatever the reader keeps or shares is left as it gave it.
        const value: Record<string, Location> = {};
        for (const field in computed) value[field] = { file: to(computed[field].file), range: computed[field].range };
        settle(this, value);
        return value;
      },
      set(this: Entry, value: Record<string, Location>) {
        settle(this, value);
      },
      enumerable: accessor.enumerable ?? true,
      configurable: true,
    };
  }
}

/** The accessor (getter) of a property, on the object or along its prototypes; undefined for a data property. */
function accessorOf(object: object, property: string): PropertyDescriptor | undefined {
  for (let at: object | null = object; at !== null; at = Object.getPrototypeOf(at) as object | null) {
    const descriptor = Object.getOwnPropertyDescriptor(at, property);
    if (descriptor) return descriptor.get ? descriptor : undefined;
  }
  return undefined;
}

/**
 * A portrait is resolved beside the file that set it (the file's folder, then the path as written):
 * the folder part is translated with the file, the rest left as written. Absolute ones are kept.
 */
function translateImage(image: string, file: string, to: (path: string) => string): string {
  const slash = file.lastIndexOf('/');
  const folder = slash < 0 ? '' : file.slice(0, slash + 1);
  if (folder === '' && (/^[a-z][a-z0-9+.-]*:/i.test(image) || image.startsWith('/'))) return image;
  if (!image.startsWith(folder)) return image;
  const translatedFile = to(file);
  const translatedSlash = translatedFile.lastIndexOf('/');
  return `${translatedSlash < 0 ? '' : translatedFile.slice(0, translatedSlash + 1)}${image.slice(folder.length)}`;
}
