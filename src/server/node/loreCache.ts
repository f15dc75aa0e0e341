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
import { madeByFastReader } from '../../core/lore/simpleParse';
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
    if (relative === undefined) return undefined;
    // The reader names the locations' files by URI as it unpacks them (a few hundred files, where
    // translating each location would make every entry's field locations, which it makes only when
    // read); the portraits and problems are translated here, in place: the base is this call's own.
    const relativeOf = new Map<string, string>();
    const base = this.disk.getBase(relative, (path) => {
      const uri = this.toUri(path);
      relativeOf.set(uri, path);
      return uri;
    });
    if (!base) return undefined;
    for (const entry of base.entries) {
      if (entry.image === undefined) continue;
      const file = (entry.fieldLocations.image ?? entry.location).file;
      entry.image = translateImage(entry.image, relativeOf.get(file) ?? file, this.toUri);
    }
    base.problems = base.problems.map((d) => translateDiagnostic(d, this.toUri));
    return base;
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
        // As the CLI's cache: a parse of the fast reader is made again faster than it is read back.
        if (madeByFastReader(parsed)) continue;
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

/** A merged base with its paths translated (a copy): its entries' locations, portraits and problems. */
export function translateBase(base: LoreBase, to: (path: string) => string): LoreBase {
  const location = (l: Location): Location => ({ file: to(l.file), range: l.range });
  const byId = new Map<string, Entry>();
  const entries = new Array<Entry>(base.entries.length);
  for (let i = 0; i < base.entries.length; i++) {
    const entry = base.entries[i];
    const fieldLocations: Record<string, Location> = {};
    for (const field in entry.fieldLocations) fieldLocations[field] = location(entry.fieldLocations[field]);
    const translated: Entry = { ...entry, location: location(entry.location), fieldLocations };
    if (entry.image !== undefined) translated.image = translateImage(entry.image, (entry.fieldLocations.image ?? entry.location).file, to);
    entries[i] = translated;
    byId.set(translated.id, translated);
  }
  return { ...base, entries, byId, problems: base.problems.map((d) => translateDiagnostic(d, to)) };
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
