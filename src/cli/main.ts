// `lorekeeper check`: a thin adapter from the terminal to the engine (SPEC §4).
import { existsSync, promises as fs, readFileSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { version } from '../../package.json';
import { checkManuscript, prepareLore, applySeverities } from '../core/check';
import { parseConfig, type LorekeeperConfig } from '../core/config';
import { decodeText } from '../core/fileSystem';
import { matchesGlob } from '../core/glob';
import { loadLore } from '../core/lore/load';
import type { Diagnostic } from '../core/types';
import { DiskLoreCache, defaultCacheFile } from './loreCache';
import { nodeFileSystem } from './nodeFileSystem';
import { parseInParallel, runAsParseWorker } from './parallelParse';
import { formatJson, formatSarif, formatText } from './output';
import { lspCommand } from './lsp';
import { wordsCommand } from './words';

const HELP = `Usage: lorekeeper check [PATH...] [options]
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
`;

const MAX_MANUSCRIPT_BYTES = 20 * 1024 * 1024;
const MANUSCRIPT_FILE = /\.(md|markdown|txt)$/i;

class UsageError extends Error {}

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

function readConfig(cwd: string, explicit: string | undefined): LorekeeperConfig {
  const path = explicit ? resolve(cwd, explicit) : ['lorekeeper.yaml', 'lorekeeper.yml'].map((f) => resolve(cwd, f)).find((f) => existsSync(f));
  if (!path) return {};
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`cannot read config file ${explicit ?? path}`);
  }
  const parsed = parseConfig(text);
  if (!parsed.ok) throw new UsageError(`${relativePath(cwd, path)}: ${parsed.message}`);
  return parsed.config;
}

function relativePath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return (rel === '' ? '.' : rel).split(sep).join('/');
}

async function walk(folder: string, cwd: string, exclude: string[], out: string[]): Promise<void> {
  const entries = await fs.readdir(folder, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = resolve(folder, entry.name);
    const rel = relativePath(cwd, path);
    if (exclude.some((glob) => matchesGlob(rel, glob))) continue;
    if (entry.isDirectory()) await walk(path, cwd, exclude, out);
    else if (entry.isFile() && MANUSCRIPT_FILE.test(entry.name)) out.push(path);
  }
}

async function findManuscripts(cwd: string, options: Options, config: LorekeeperConfig, loreFolders: string[]): Promise<string[]> {
  const exclude = [...(config.exclude ?? []), ...loreFolders.map((f) => relativePath(cwd, resolve(cwd, f)))];
  const found: string[] = [];
  if (options.paths.length === 0 && config.manuscripts && config.manuscripts.length > 0) {
    const all: string[] = [];
    await walk(cwd, cwd, exclude, all);
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
    if (isDirectory) await walk(path, cwd, exclude, found);
    else found.push(path);
  }
  return [...new Set(found)];
}

async function run(argv: string[], cwd: string): Promise<number | undefined> {
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
  const manuscripts = await findManuscripts(cwd, parsed, config, loreFolders);
  for (const path of manuscripts) {
    const file = relativePath(cwd, path);
    const text = await readManuscript(path);
    if (typeof text !== 'string') {
      diagnostics.push(...applySeverities([unreadable(file, text.reason)], severities));
      continue;
    }
    const result = checkManuscript(lore, file, text, { severities });
    diagnostics.push(...result.diagnostics);
  }

  diagnostics.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character));
  timing(`check ${manuscripts.length} manuscripts`);
  const report = { diagnostics, filesChecked: manuscripts.length };
  const out =
    parsed.format === 'json' ? formatJson(report) : parsed.format === 'sarif' ? formatSarif(report, version) : formatText(report, process.stdout.isTTY === true && !process.env.NO_COLOR);
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

async function readManuscript(path: string): Promise<string | { reason: string }> {
  try {
    const size = statSync(path).size;
    if (size > MAX_MANUSCRIPT_BYTES) {
      return { reason: `file is ${(size / 1048576).toFixed(1)} MB, over the ${MAX_MANUSCRIPT_BYTES / 1048576} MB limit for one manuscript; split it into chapters` };
    }
    const decoded = decodeText(readFileSync(path), MAX_MANUSCRIPT_BYTES);
    return decoded.ok ? decoded.text : { reason: decoded.reason };
  } catch (error) {
    return { reason: `cannot read it: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
}

function unreadable(file: string, reason: string): Diagnostic {
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { file, range, severity: 'warning', code: 'unreadable-manuscript', message: `Not checked: ${reason}.` };
}

if (!runAsParseWorker()) main();

function main(): void {
  run(process.argv.slice(2), process.cwd()).then(
    (status) => {
      // undefined: a server was started and ends the process itself.
      if (status !== undefined) process.exitCode = status;
    },
    (error: unknown) => {
      if (error instanceof UsageError) {
        process.stderr.write(`lorekeeper: ${error.message}\n`);
        process.exitCode = 2;
      } else {
        process.stderr.write(`lorekeeper: internal error: ${(error as Error).stack ?? String(error)}\n`);
        process.exitCode = 2;
      }
    },
  );
}
