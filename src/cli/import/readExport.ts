// A MediaWiki XML export (export-0.11, plain or compressed) read as a stream, page by page.
// Memory holds one page at a time, whatever the size of the dump.
import { spawn } from 'node:child_process';
import { accessSync, chmodSync, constants, createReadStream, openSync, readSync, closeSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { SaxesParser } from 'saxes';
import type { WikiPage } from '../../core/import/page';
import { ExportFeeder } from './exportFeeder';

/** An input that cannot be imported: the message is one line, for the writer. */
export class ExportError extends Error {}

export interface SiteInfo {
  siteName?: string;
  dbName?: string;
  base?: string;
}

export type Compression = 'gzip' | 'bzip2' | '7z' | 'none';

export function compressionOf(path: string): Compression {
  const head = Buffer.alloc(6);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new ExportError(`${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    const n = readSync(fd, head, 0, 6, 0);
    if (n >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
    if (n >= 3 && head.toString('latin1', 0, 3) === 'BZh') return 'bzip2';
    if (n >= 6 && head.equals(Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]))) return '7z';
    return 'none';
  } finally {
    closeSync(fd);
  }
}

/**
 * The 7-Zip binary of the `7zip-bin` package for this platform; without the package (the `.vsix`
 * is built without node_modules), the copy `npm run package` puts beside the bundle for
 * linux-x64 (scripts/vsix-7zip.mjs), which may not exist.
 */
function bundledSevenZip(): string | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('7zip-bin') as { path7za: string }).path7za;
  } catch {
    return join(__dirname, '7zip', `${process.platform}-${process.arch}`, process.platform === 'win32' ? '7za.exe' : '7za');
  }
}

/** Whether `path` is an executable file; `repair` gives our own binary its execute bit back (never a file of the system's). */
function runnable(path: string, repair: boolean): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    if (!repair) return false;
    try {
      // npm (and VS Code unpacking a .vsix) may leave the binary without its execute bit.
      if (!statSync(path).isFile()) return false;
      chmodSync(path, 0o755);
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  }
}

/** The names a 7-Zip command line goes by: 7-Zip's own (`7zz`), the standalone `7za`, p7zip's `7z`. */
const SYSTEM_SEVEN_ZIP = ['7zz', '7za', '7z'];

export interface SevenZipLookup {
  /** The `7zip-bin` binary's path (or a bare command name, as with its USE_SYSTEM_7ZA); undefined when the package is absent. */
  bundled: string | undefined;
  /** The PATH to search for a 7-Zip of the system. */
  searchPath: string;
  platform: NodeJS.Platform;
  arch: string;
}

/**
 * The 7-Zip binary to read a `.7z` with: the one `7zip-bin` ships for this platform, else one on
 * PATH; when there is none, an ExportError that says how to import the archive anyway.
 */
export function findSevenZip(file: string, lookup: SevenZipLookup): string {
  const separator = lookup.platform === 'win32' ? ';' : ':';
  const dirs = lookup.searchPath.split(separator).filter((d) => d !== '');
  const onPath = (name: string): string | undefined => {
    for (const dir of dirs) {
      for (const candidate of lookup.platform === 'win32' ? [`${dir}\\${name}.exe`, `${dir}\\${name}`] : [`${dir}/${name}`]) {
        if (runnable(candidate, false)) return candidate;
      }
    }
    return undefined;
  };
  const bundled = lookup.bundled;
  if (bundled !== undefined) {
    const found = /[\\/]/.test(bundled) ? (runnable(bundled, true) ? bundled : undefined) : onPath(bundled);
    if (found) return found;
  }
  for (const name of SYSTEM_SEVEN_ZIP) {
    const found = onPath(name);
    if (found) return found;
  }
  throw new ExportError(`${file}: reading a .7z needs 7-Zip, and this copy of Lorekeeper has none for ${lookup.platform}-${lookup.arch} (the VS Code extension carries only linux-x64's): run the import from the command line (npx lorekeeper import mediawiki ${file}), put 7-Zip on PATH (7zz, 7za or 7z), or extract the archive and import the .xml`);
}

/** The export's bytes, decompressed; `failed` rejects with the decompressor's complaint. */
/** A byte range of a plain export, wrapped so that it parses as an export of its own (parallel reading). */
export interface ExportSlice {
  start: number;
  /** Exclusive. */
  end: number;
  prefix: string;
  suffix: string;
}

function openSlice(path: string, slice: ExportSlice): { stream: Readable; compression: Compression; done: Promise<void>; consumed: () => number } {
  const out = new PassThrough({ highWaterMark: 1 << 20 });
  const file = createReadStream(path, { start: slice.start, end: slice.end - 1, highWaterMark: 1 << 20 });
  out.write(slice.prefix);
  file.on('error', (error) => out.destroy(error));
  file.on('end', () => out.end(slice.suffix));
  file.pipe(out, { end: false });
  return { stream: out, compression: 'none', done: Promise.resolve(), consumed: () => file.bytesRead };
}

function openBytes(path: string, slice?: ExportSlice): { stream: Readable; compression: Compression; done: Promise<void>; consumed: () => number } {
  if (slice) return openSlice(path, slice);
  const compression = compressionOf(path);
  if (compression === '7z') {
    const child = spawn(findSevenZip(path, { bundled: bundledSevenZip(), searchPath: process.env.PATH ?? '', platform: process.platform, arch: process.arch }), ['x', '-so', '-bd', '-y', '-bso0', '-bsp0', path], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < 4000) stderr += chunk;
    });
    const done = new Promise<void>((resolve, reject) => {
      child.on('error', (error) => reject(new ExportError(`${path}: cannot run 7-Zip (${error.message})`)));
      child.on('close', (code) => {
        if (code === 0) resolve();
        else {
          const reason = stderr.split('\n').map((l) => l.trim()).filter((l) => /error|unexpected|corrupt|truncat|not archive/i.test(l)).slice(-1)[0] ?? `7-Zip exit status ${code}`;
          reject(new ExportError(`${path}: damaged or truncated 7z archive (${reason})`));
        }
      });
    });
    return { stream: child.stdout, compression, done, consumed: () => -1 };
  }
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  const consumed = (): number => file.bytesRead;
  if (compression === 'none') return { stream: file, compression, done: Promise.resolve(), consumed };
  let decoder: NodeJS.ReadWriteStream;
  if (compression === 'gzip') decoder = createGunzip({ chunkSize: 1 << 18 });
  else {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    decoder = (require('unbzip2-stream') as () => NodeJS.ReadWriteStream)();
  }
  // unbzip2-stream is an old-style stream: a PassThrough gives every decoder the same interface.
  const out = new PassThrough({ highWaterMark: 1 << 20 });
  file.on('error', (error) => out.destroy(error));
  decoder.on('error', (error: Error) => out.destroy(error));
  file.pipe(decoder as unknown as NodeJS.WritableStream);
  decoder.pipe(out);
  return { stream: out, compression, done: Promise.resolve(), consumed };
}

export interface ReadOptions {
  onSiteInfo(info: SiteInfo): void;
  onPage(page: WikiPage): void;
  /** Bytes of the file read so far (compressed bytes for an archive; -1 when unknown) and its size. */
  onProgress?(read: number, total: number): void;
  signal?: AbortSignal;
  /** Read only this part of a plain export (see parallelRead.ts). */
  slice?: ExportSlice;
}

/** Streams one export file; rejects with an ExportError whose message names the file. */
export async function readExport(path: string, options: ReadOptions): Promise<void> {
  let size = 0;
  try {
    size = statSync(path).size;
  } catch (error) {
    throw new ExportError(`${path}: no such file`.replace('no such file', (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'cannot read it'));
  }
  const { stream, compression, done, consumed } = openBytes(path, options.slice);
  const parser = new SaxesParser({ position: false });
  const stack: string[] = [];
  let root: string | undefined;
  let site: SiteInfo = {};
  let siteSent = false;
  let page: { title: string; ns: number; redirect?: string; revision?: string; timestamp?: string; text: string } | undefined;
  let inRevision = false;
  let field: 'title' | 'ns' | 'sitename' | 'dbname' | 'base' | 'revid' | 'timestamp' | 'text' | undefined;
  let buffer: string[] = [];
  let failure: Error | undefined;

  const sendSite = (): void => {
    if (siteSent) return;
    siteSent = true;
    options.onSiteInfo(site);
  };

  parser.on('opentag', (tag) => {
    const name = tag.name;
    if (root === undefined) {
      root = name;
      if (name !== 'mediawiki') throw new ExportError(`${path}: XML, but no MediaWiki export (its root element is <${name}>, not <mediawiki>)`);
    }
    stack.push(name);
    const parent = stack[stack.length - 2];
    if (name === 'page') {
      sendSite();
      page = { title: '', ns: 0, text: '' };
      inRevision = false;
    } else if (page) {
      if (name === 'revision') {
        // A full-history dump lists many revisions: the last one is the current text.
        inRevision = true;
        page.revision = undefined;
        page.timestamp = undefined;
        page.text = '';
      } else if (name === 'redirect' && parent === 'page') {
        const target = tag.attributes.title;
        page.redirect = typeof target === 'string' ? target : '';
      } else if (parent === 'page' && (name === 'title' || name === 'ns')) field = name;
      else if (inRevision && parent === 'revision' && name === 'id') field = 'revid';
      else if (inRevision && parent === 'revision' && (name === 'timestamp' || name === 'text')) field = name;
    } else if (parent === 'siteinfo' && (name === 'sitename' || name === 'dbname' || name === 'base')) field = name;
    buffer = [];
  });
  parser.on('text', (text) => {
    if (field) buffer.push(text);
  });
  parser.on('cdata', (text) => {
    if (field) buffer.push(text);
  });
  parser.on('closetag', (tag) => {
    stack.pop();
    if (field) {
      const value = buffer.join('');
      buffer = [];
      if (field === 'sitename') site = { ...site, siteName: value.trim() };
      else if (field === 'dbname') site = { ...site, dbName: value.trim() };
      else if (field === 'base') site = { ...site, base: value.trim() };
      else if (page) {
        if (field === 'title') page.title = value;
        else if (field === 'ns') page.ns = Number(value.trim()) || 0;
        else if (field === 'revid') page.revision = value.trim();
        else if (field === 'timestamp') page.timestamp = value.trim();
        else if (field === 'text') page.text = value;
      }
      field = undefined;
    }
    if (tag.name === 'revision') inRevision = false;
    if (tag.name === 'page' && page) {
      const finished = page;
      page = undefined;
      if (finished.title) options.onPage(finished);
    }
    if (tag.name === 'siteinfo') sendSite();
  });
  parser.on('error', (error) => {
    throw error;
  });
  const feeder = new ExportFeeder(parser, (text) => {
    if (field === 'text') buffer.push(text);
  });

  const describe = (error: Error): Error => {
    if (error instanceof ExportError) return error;
    const message = error.message.split('\n')[0]!.replace(/^undefined:/, '').trim();
    if (root === undefined) return new ExportError(`${path}: not an XML file${compression !== 'none' ? ` (inside the ${compression} archive)` : ''} (${message})`);
    return new ExportError(`${path}: broken XML (${message})`);
  };

  const abortListeners: Array<() => void> = [];
  await new Promise<void>((resolve, reject) => {
    const fail = (error: Error): void => {
      if (failure) return;
      failure = error;
      stream.destroy();
      reject(error);
    };
    const abort = (): void => fail(new ExportError('import cancelled'));
    options.signal?.addEventListener('abort', abort, { once: true });
    abortListeners.push(abort);
    if (options.signal?.aborted) return abort();
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      if (failure) return;
      try {
        feeder.write(chunk);
      } catch (error) {
        fail(describe(error as Error));
        return;
      }
      options.onProgress?.(consumed(), size);
    });
    stream.on('error', (error: NodeJS.ErrnoException) => {
      const reason = error.code === 'Z_BUF_ERROR' || /unexpected end|reading '0'|bit ?stream|undefined/i.test(error.message) ? 'the archive is truncated' : error.message.split('\n')[0];
      fail(new ExportError(`${path}: damaged or truncated ${compression} archive (${reason})`));
    });
    stream.on('end', () => {
      if (failure) return;
      // An archive tool's own complaint (a truncated .7z) says more than the XML cut short.
      done.then(() => {
        if (failure) return;
        try {
          feeder.end();
          parser.close();
        } catch (error) {
          const e = describe(error as Error);
          fail(root !== undefined && !(error instanceof ExportError) ? new ExportError(`${path}: the export ends in the middle (truncated file?)`) : e);
          return;
        }
        if (root === undefined) return fail(new ExportError(`${path}: empty, or not an XML file`));
        resolve();
      }, fail);
    });
  }).finally(() => {
    for (const listener of abortListeners) options.signal?.removeEventListener('abort', listener);
  });
}
