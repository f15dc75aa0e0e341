// `lorekeeper check`: a thin adapter from the terminal to the engine (SPEC §4).
import { existsSync, promises as fs, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { version } from '../../package.json';
import { runTimeline } from './timeline';
import { checkManuscript, prepareLore, applySeverities } from '../core/check';
import { parseConfig, type LorekeeperConfig } from '../core/config';
import { appendAll } from '../core/arrays';
import { decodeText, describeError, FileRefusedError } from '../core/fileSystem';
import { globMayMatchBelow, literalGlob, matchesGlob } from '../core/glob';
import { loadLore } from '../core/lore/load';
import type { Diagnostic } from '../core/types';
import { DiskLoreCache, defaultCacheFile } from './loreCache';
import { nodeFileSystem, readRegularFile } from './nodeFileSystem';
import { parseInParallel, runAsParseWorker } from './parallelParse';
import { escapeControlCharacters, formatJson, formatSarif, formatText } from './output';
import { runImportCommand } from './import/command';
import { runAsImportWorker } from './import/parallelRead';
import { lspCommand } from './lsp';
import { wordsCommand } from './words';

const HELP = `Usage: lorekeeper check [PATH...] [options]
       lorekeeper import mediawiki FILE... [options]   (see lorekeeper import --help)
       lorekeeper lsp [--stdio]         the language server (lorekeeper lsp --help)
       lorekeeper words [--format F]    the canon as a spell-checker dictionary (lorekeeper words --help)

Checks manuscripts (.md, .txt) against a lore base for continuity contradictions.

Arguments:
  PATH...              manuscript files or folders (default: the config's
                       \`manuscripts\`, else the current folder)

Options:
  --lore DIR           lore folder (repeat for layers; default: the config's
                       \`lore\`, else ./lore)
  --format FORMAT      text (default), json or sarif
  --config FILE        configuration file (default: ./lorekeeper.yaml if present)
  --no-cache           parse every lore file, ignoring and not writing the cache
  -h, --help           show this help
  -v, --version        show the version

Exit status: 0 no warning or error, 1 at least one, 2 usage or configuration error.

Other commands: lorekeeper timeline --help
`;

const MAX_MANUSCRIPT_BYTES = 20 * 1024 * 1024;
const MAX_CONFIG_BYTES = 1024 * 1024;
const MANUSCRIPT_FILE = /\.(md|markdown|txt)$/i;

export class UsageError extends Error {}

interface Options {
  paths: string[];
  lore: string[];
  format: 'text' | 'json' | 'sarif';
  config?: string;
  cache: boolean;
}

function parseArgs(argv: string[]): Options | 'help' | 'version' {
  const args = [...argv];
  if (args.length === 0) throw new UsageError('missing command: try `lorekeeper check` or `lorekeeper --help`');
  const command = args.shift()!;
  if (command === '-h' || command === '--help' || command === 'help') return 'help';
  if (command === '-v' || command === '--version') return 'version';
  if (command !== 'check') throw new UsageError(`unknown command "${command}": try \`lorekeeper check\`, \`lorekeeper lsp\`, \`lorekeeper words\` or \`lorekeeper --help\``);
  const options: Options = { paths: [], lore: [], format: 'text', cache: true };
  while (args.length > 0) {
    const arg = args.shift()!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? args.shift();
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '-h':
      case '--help':
        return 'help';
      case '-v':
      case '--version':
        return 'version';
      case '--lore':
        options.lore.push(value());
        break;
      case '--format': {
        const format = value();
        if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`unknown format "${format}" (use text, json or sarif)`);
        options.format = format;
        break;
      }
      case '--config':
        options.config = value();
        break;
      case '--no-cache':
        options.cache = false;
        break;
      default:
        if (flag.startsWith('-') && flag !== '-') throw new UsageError(`unknown option ${flag} (see lorekeeper --help)`);
        options.paths.push(arg);
    }
  }
  return options;
}

export function readConfig(cwd: string, explicit: string | undefined): LorekeeperConfig {
  const path = explicit ? resolve(cwd, explicit) : ['lorekeeper.yaml', 'lorekeeper.yml'].map((f) => resolve(cwd, f)).find((f) => existsSync(f));
  if (!path) return {};
  let bytes: Uint8Array;
  try {
    // A named pipe or a device given as --config is refused, never opened (it would block or never end).
    bytes = readRegularFile(path, MAX_CONFIG_BYTES);
  } catch (error) {
    throw new UsageError(`cannot read config file ${explicit ?? relativePath(cwd, path)}: ${describeError(error)}`);
  }
  const decoded = decodeText(bytes, MAX_CONFIG_BYTES);
  if (!decoded.ok) throw new UsageError(`${relativePath(cwd, path)}: ${decoded.reason}`);
  const parsed = parseConfig(decoded.text);
  if (!parsed.ok) throw new UsageError(`${relativePath(cwd, path)}: ${parsed.message}`);
  return parsed.config;
}

export function relativePath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return (rel === '' ? '.' : rel).split(sep).join('/');
}

/** Collects manuscripts below a folder; a folder that cannot be listed is a problem, and the walk goes on. */
async function walk(folder: string, cwd: string, exclude: string[], out: string[], problems: Diagnostic[]): Promise<void> {
  let entries;
  try {
    entries = await fs.readdir(folder, { withFileTypes: true });
  } catch (error) {
    problems.push(unreadable(relativePath(cwd, folder), `cannot list this folder (${describeError(error)}), so the manuscripts in it were not checked`));
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = resolve(folder, entry.name);
    const rel = relativePath(cwd, path);
    if (exclude.some((glob) => matchesGlob(rel, glob))) continue;
    if (entry.isDirectory()) await walk(path, cwd, exclude, out, problems);
    else if (entry.isFile() && MANUSCRIPT_FILE.test(entry.name)) out.push(path);
  }
}

async function findManuscripts(cwd: string, options: Options, config: LorekeeperConfig, loreFolders: string[], problems: Diagnostic[]): Promise<string[]> {
  // Lore folders are paths, not globs: a folder named `{draft}` means itself.
  const exclude = [...(config.exclude ?? []), ...loreFolders.map((f) => literalGlob(relativePath(cwd, resolve(cwd, f))))];
  const found: string[] = [];
  if (options.paths.length === 0 && config.manuscripts && config.manuscripts.length > 0) {
    const all: string[] = [];
    const unlistable: Diagnostic[] = [];
    await walk(cwd, cwd, exclude, all, unlistable);
    // A folder that cannot be listed matters only if a manuscript glob could match inside it.
    appendAll(problems, unlistable.filter((p) => config.manuscripts!.some((glob) => globMayMatchBelow(p.file, glob))));
    return all.filter((path) => config.manuscripts!.some((glob) => matchesGlob(relativePath(cwd, path), glob)));
  }
  for (const given of options.paths.length > 0 ? options.paths : ['.']) {
    const path = resolve(cwd, given);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch {
      throw new UsageError(`no such file or folder: ${given}`);
    }
    if (isDirectory) await walk(path, cwd, exclude, found, problems);
    else found.push(path);
  }
  return [...new Set(found)];
}

async function run(argv: string[], cwd: string): Promise<number | undefined> {
  if (argv[0] === 'import') return runImportCommand(argv.slice(1), cwd);
  if (argv[0] === 'timeline') return runTimeline(argv.slice(1), cwd);
  if (argv[0] === 'lsp') return lspCommand(argv.slice(1));
  if (argv[0] === 'words') return wordsCommand(argv.slice(1), cwd);
  const parsed = parseArgs(argv);
  if (parsed === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  if (parsed === 'version') {
    process.stdout.write(`${version}\n`);
    return 0;
  }
  const config = readConfig(cwd, parsed.config);
  const loreFolders = parsed.lore.length > 0 ? parsed.lore : config.lore ?? ['lore'];
  const folders = loreFolders.map((folder) => ({ name: folder.replace(/\/+$/, ''), path: relativePath(cwd, resolve(cwd, folder)) }));
  for (const folder of folders) {
    let ok = false;
    try {
      ok = statSync(folder.path).isDirectory();
    } catch {
      ok = false;
    }
    if (!ok) throw new UsageError(`lore folder not found: ${folder.name} (use --lore DIR or set \`lore\` in lorekeeper.yaml)`);
  }
  const cache = parsed.cache ? new DiskLoreCache(defaultCacheFile(cwd, loreFolders)) : undefined;
  timing('read cache');
  const loaded = await loadLore(nodeFileSystem, folders, cache, parseInParallel);
  timing(`load lore (${loaded.parsedCount} parsed)`);
  cache?.save();
  const lore = prepareLore(loaded.base);
  timing('prepare lore');
  const severities = config.checks;

  const toRelative = (d: Diagnostic): Diagnostic => ({ ...d, file: relativePath(cwd, isAbsolute(d.file) ? d.file : resolve(cwd, d.file)) });
  const diagnostics: Diagnostic[] = applySeverities(loaded.base.problems, severities).map(toRelative);
  const folderProblems: Diagnostic[] = [];
  const manuscripts = await findManuscripts(cwd, parsed, config, loreFolders, folderProblems);
  appendAll(diagnostics, applySeverities(folderProblems, severities));
  for (const path of manuscripts) {
    const file = relativePath(cwd, path);
    const text = readManuscript(path);
    if (typeof text !== 'string') {
      appendAll(diagnostics, applySeverities([unreadable(file, text.reason)], severities));
      continue;
    }
    const result = checkManuscript(lore, file, text, { severities, ignoredWords: config.words });
    appendAll(diagnostics, result.diagnostics);
  }

  diagnostics.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character));
  timing(`check ${manuscripts.length} manuscripts`);
  const report = { diagnostics, filesChecked: manuscripts.length };
  const out =
    parsed.format === 'json' ? formatJson(report) : parsed.format === 'sarif' ? formatSarif(report, version, cwd) : formatText(report, process.stdout.isTTY === true && !process.env.NO_COLOR);
  await new Promise<void>((done) => process.stdout.write(out, () => done()));
  return diagnostics.some((d) => d.severity === 'error' || d.severity === 'warning') ? 1 : 0;
}

/** LOREKEEPER_TIMING=1 prints how long each phase took, on stderr. */
let last = performance.now();
function timing(phase: string): void {
  if (!process.env.LOREKEEPER_TIMING) return;
  const now = performance.now();
  process.stderr.write(`${phase}: ${(now - last).toFixed(0)} ms\n`);
  last = now;
}

function readManuscript(path: string): string | { reason: string } {
  try {
    const stats = statSync(path);
    if (stats.isFile() && stats.size > MAX_MANUSCRIPT_BYTES) {
      return { reason: `file is ${(stats.size / 1048576).toFixed(1)} MB, over the ${MAX_MANUSCRIPT_BYTES / 1048576} MB limit for one manuscript; split it into chapters` };
    }
    // Only a regular file is read, and never past the limit, even one that grows meanwhile.
    const decoded = decodeText(readRegularFile(path, MAX_MANUSCRIPT_BYTES), MAX_MANUSCRIPT_BYTES);
    return decoded.ok ? decoded.text : { reason: decoded.reason };
  } catch (error) {
    if (error instanceof FileRefusedError) return { reason: error.message };
    return { reason: `cannot read it: ${describeError(error)}` };
  }
}

function unreadable(file: string, reason: string): Diagnostic {
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { file, range, severity: 'warning', code: 'unreadable-manuscript', message: `Not checked: ${reason}.` };
}

if (!runAsParseWorker() && !runAsImportWorker()) main();

let writeFailed = false;

function main(): void {
  // `lorekeeper check | head -1`: the reader has gone, so there is no one left to tell anything.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') return;
    process.stderr.write(`lorekeeper: cannot write the results: ${describeError(error)}\n`);
    writeFailed = true;
  });
  run(process.argv.slice(2), process.cwd()).then(
    (status) => {
      // undefined: a server was started and ends the process itself.
      if (status !== undefined) process.exitCode = writeFailed ? 2 : status;
    },
    (error: unknown) => {
      if (error instanceof UsageError) {
        process.stderr.write(`lorekeeper: ${escapeControlCharacters(error.message)}\n`);
        process.exitCode = 2;
      } else {
        process.stderr.write(`lorekeeper: internal error: ${(error as Error).stack ?? String(error)}\n`);
        process.exitCode = 2;
      }
    },
  );
}
