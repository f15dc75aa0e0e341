// V8's code cache for a bundle of the CLI: a run compiles the bundle's functions as they are first
// called (a check calls most of them), and a later run takes the bytecode from this cache instead.
// One file per bundle, source and Node, in the lore cache's folder:
//   a header line of JSON (format, the SHA-256 of the code that follows and its length), then the
//   bytes `vm.Script#createCachedData` made after the run, with every function compiled by then.
// Anything else — no file, another file's bytes, a header of another shape, a digest that does not
// match — compiles the bundle as Node's `require` would, and V8 itself refuses code of another
// version or set of flags (`cachedDataRejected`): the result is always the bundle's own behaviour.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { readRegularFile } from './nodeFileSystem';

const FORMAT = 1;
const MAX_CODE_CACHE_BYTES = 64 * 1024 * 1024;
const NEWLINE = 10;

export interface CodeCacheOptions {
  /** The folder of the cache file; undefined: no cache (the bundle compiled as `require` does). */
  folder: string | undefined;
  /** Whether this run may write the file (when there is none, or V8 refused it). */
  write: boolean;
}

/** What became of a bundle's code cache in this run (LOREKEEPER_TIMING=1 prints it on stderr). */
export type CodeCacheUse = 'off' | 'used' | 'missing' | 'refused';

/**
 * The cache file of this source under this Node. (V8 refuses code made under other V8 flags, and the
 * file is then written again; a run under --cpu-prof, a Node flag, uses the same code.)
 */
function cacheFileOf(folder: string, file: string, source: string): string {
  const key = createHash('sha256').update(source).update('\0').update(process.version).update('\0').update(process.arch).digest('hex');
  return join(folder, `${prefixOf(file)}${key.slice(0, 16)}.bin`);
}

/** The start of the names of a bundle's cache files. */
function prefixOf(file: string): string {
  return `code-${basename(file, '.js')}-`;
}

/** The cached code in `cacheFile` if its header and digest say it is whole; else undefined. */
export function readCodeCache(cacheFile: string): Buffer | undefined {
  let bytes: Uint8Array;
  try {
    bytes = readRegularFile(cacheFile, MAX_CODE_CACHE_BYTES);
  } catch {
    return undefined;
  }
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const newline = buffer.indexOf(NEWLINE);
  if (newline < 0 || newline > 1024) return undefined;
  let header: unknown;
  try {
    header = JSON.parse(buffer.subarray(0, newline).toString('latin1'));
  } catch {
    return undefined;
  }
  if (typeof header !== 'object' || header === null) return undefined;
  const { format, length, sha256 } = header as Record<string, unknown>;
  const code = buffer.subarray(newline + 1);
  if (format !== FORMAT || length !== code.length || typeof sha256 !== 'string') return undefined;
  return createHash('sha256').update(code).digest('hex') === sha256 ? code : undefined;
}

/** Writes the code with its header (to a temporary file, renamed over: a reader never sees half); never fails the run. */
export function writeCodeCache(cacheFile: string, code: Uint8Array, bundle: string): void {
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(cacheFile), { recursive: true });
    const header = JSON.stringify({ format: FORMAT, length: code.length, sha256: createHash('sha256').update(code).digest('hex') });
    writeFileSync(temporary, Buffer.concat([Buffer.from(`${header}\n`, 'latin1'), code]));
    renameSync(temporary, cacheFile);
    // The files of this bundle's other sources (an older build) or Nodes are of no more use.
    const prefix = prefixOf(bundle);
    for (const name of readdirSync(dirname(cacheFile))) {
      if (name.startsWith(prefix) && name.endsWith('.bin') && name !== basename(cacheFile)) rmSync(join(dirname(cacheFile), name), { force: true });
    }
  } catch {
    rmSync(temporary, { force: true });
  }
}

/**
 * Runs the CommonJS bundle `file` as `require` would (its own `require`, `module`, `__filename` and
 * `__dirname`) and returns its exports, compiled with the code cache in `options.folder` when there
 * is a good one; when there is none and `options.write`, the process leaves one as it exits.
 */
export function requireWithCodeCache(file: string, options: CodeCacheOptions): unknown {
  let source = readRegularFile(file, MAX_CODE_CACHE_BYTES).toString();
  // A first line `#!…` is allowed only at the very start of a script, not inside the wrapper.
  if (source.startsWith('#!')) source = `//${source.slice(2)}`;
  const cacheFile = options.folder === undefined ? undefined : cacheFileOf(options.folder, file, source);
  const cachedData = cacheFile === undefined ? undefined : readCodeCache(cacheFile);
  const script = new Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n});`, { filename: file, cachedData });
  const use: CodeCacheUse = cacheFile === undefined ? 'off' : cachedData === undefined ? 'missing' : script.cachedDataRejected ? 'refused' : 'used';
  if (process.env.LOREKEEPER_TIMING) process.stderr.write(`code cache of ${basename(file)}: ${use}\n`);
  if (cacheFile !== undefined && use !== 'used' && options.write) {
    // At exit, so that the cache holds every function the run compiled, not only the top level.
    process.once('exit', () => writeCodeCache(cacheFile, script.createCachedData(), file));
  }
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: { exports: unknown }, filename: string, dirname: string) => void;
  const module = { exports: {} as unknown };
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return module.exports;
}
