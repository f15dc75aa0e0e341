// `lorekeeper check`: a thin adapter from the terminal to the engine (SPEC §4).
import { isAbsolute, resolve } from 'node:path';
import { version } from '../../package.json';
import { applySeverities } from '../core/check';
import { appendAll } from '../core/arrays';
import type { Diagnostic } from '../core/types';
import { runAsParseWorker } from './parallelParse';
import { checkManuscriptFile, checkThreads, manuscriptSizes, parseThreads, runAsCheckWorker, shareOut, startCheckWorkers } from './parallelCheck';
import { findManuscripts, loadProjectLore, readArguments, readConfig, relativePath, resolveLoreFolders, UsageError } from './project';
import { escapeControlCharacters, formatJson, formatSarif, formatText } from './output';
import { internalError, runToExit } from './exit';
import { commands, isUsageError } from './onDemand';
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
  --threads N          check on N threads (default 1; also LOREKEEPER_THREADS);
                       the output is the same on any number
  -h, --help           show this help
  -v, --version        show the version

Exit status: 0 no warning or error, 1 at least one, 2 usage or configuration error.

Other commands: lorekeeper timeline --help
`;

interface Options {
  paths: string[];
  lore: string[];
  format: 'text' | 'json' | 'sarif';
  config?: string;
  cache: boolean;
  threads?: number;
}

function parseArgs(argv: string[]): Options | 'help' | 'version' {
  const args = [...argv];
  if (args.length === 0) throw new UsageError('missing command: try `lorekeeper check` or `lorekeeper --help`');
  const command = args.shift()!;
  if (command === '-h' || command === '--help' || command === 'help') return 'help';
  if (command === '-v' || command === '--version') return 'version';
  if (command !== 'check') throw new UsageError(`unknown command "${command}": try \`lorekeeper check\`, \`lorekeeper lsp\`, \`lorekeeper words\` or \`lorekeeper --help\``);
  const options: Options = { paths: [], lore: [], format: 'text', cache: true };
  for (const { flag, arg, value } of readArguments(args)) {
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
      case '--threads':
        options.threads = parseThreads(value(), flag);
        break;
      default:
        if (flag.startsWith('-') && flag !== '-') throw new UsageError(`unknown option ${flag} (see lorekeeper --help)`);
        options.paths.push(arg);
    }
  }
  return options;
}

async function run(argv: string[], cwd: string): Promise<number | undefined> {
  if (argv[0] === 'import') return commands().runImportCommand(argv.slice(1), cwd);
  if (argv[0] === 'timeline') return commands().runTimeline(argv.slice(1), cwd);
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
  const severities = config.checks;
  // The manuscripts are found first, so that workers can start on their share while the lore loads.
  const loreFolders = resolveLoreFolders(cwd, parsed.lore, config);
  const folderProblems: Diagnostic[] = [];
  const manuscripts = await findManuscripts(cwd, parsed.paths, config, loreFolders, folderProblems);
  // On one thread (the default) no manuscript is looked at before its turn.
  const threads = checkThreads(parsed.threads, manuscripts);
  const shares = shareOut(threads > 1 ? manuscriptSizes(manuscripts) : manuscripts.map(() => 0), threads);
  const workers = startCheckWorkers({ cwd, lore: parsed.lore, config, cache: parsed.cache }, manuscripts, shares);
  try {
    const { loaded, lore, finish } = await loadProjectLore(cwd, parsed.lore, config, parsed.cache, { timing });
    timing('prepare lore');
    const toRelative = (d: Diagnostic): Diagnostic => ({ ...d, file: relativePath(cwd, isAbsolute(d.file) ? d.file : resolve(cwd, d.file)) });
    const diagnostics: Diagnostic[] = applySeverities(loaded.base.problems, severities).map(toRelative);
    appendAll(diagnostics, applySeverities(folderProblems, severities));
    const mine = new Map(shares[0].map((index) => [index, checkManuscriptFile(lore, cwd, manuscripts[index], config)]));
    timing(`check ${shares[0].length} manuscripts on the main thread`);
    const theirs = await workers.results;
    timing(`wait for ${shares.length - 1} worker(s)`);
    // In the order of the manuscript list, whichever thread checked each.
    for (let i = 0; i < manuscripts.length; i++) appendAll(diagnostics, mine.get(i) ?? theirs.get(i)!);
    const status = await report(diagnostics, manuscripts.length, parsed.format, cwd);
    finish();
    return status;
  } finally {
    workers.stop();
  }
}

async function report(diagnostics: Diagnostic[], filesChecked: number, format: Options['format'], cwd: string): Promise<number> {
  diagnostics.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character));
  const result = { diagnostics, filesChecked };
  const out =
    format === 'json' ? formatJson(result) : format === 'sarif' ? formatSarif(result, version, cwd) : formatText(result, process.stdout.isTTY === true && !process.env.NO_COLOR);
  await new Promise<void>((done) => process.stdout.write(out, () => done()));
  return diagnostics.some((d) => d.severity === 'error' || d.severity === 'warning') ? 1 : 0;
}

/** LOREKEEPER_TIMING=1 prints how long each phase took, on stderr. (Node loads `performance` on first use: only then.) */
const timed = Boolean(process.env.LOREKEEPER_TIMING);
let last = timed ? performance.now() : 0;
function timing(phase: string): void {
  if (!timed) return;
  const now = performance.now();
  process.stderr.write(`${phase}: ${(now - last).toFixed(0)} ms\n`);
  last = now;
}

// An import's and a timeline's workers start dist/commands.js, not this file.
if (!runAsParseWorker() && !runAsCheckWorker()) main();

function main(): void {
  runToExit(
    () => run(process.argv.slice(2), process.cwd()),
    (error) => (isUsageError(error) ? escapeControlCharacters(error.message) : internalError(error)),
  );
}
