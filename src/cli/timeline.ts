// `lorekeeper timeline` (SPEC §7): checks the manuscripts like `check`, then draws the story
// against its canon as HTML, SVG or JSON, on stdout or into --out FILE.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { checkManuscript, type ManuscriptCheck } from '../core/check';
import type { Diagnostic } from '../core/types';
import { formatTimelineJson } from '../core/timeline/json';
import { MIN_WIDTH } from '../core/timeline/layout';
import { renderTimelineHtml } from '../core/timeline/html';
import { buildTimeline } from '../core/timeline/model';
import { renderTimelineSvg } from '../core/timeline/svg';
import { escapeControlCharacters } from './output';
import { findManuscripts, loadProjectLore, readArguments, readConfig, readManuscript, relativePath, UsageError } from './project';

const HELP = `Usage: lorekeeper timeline [PATH...] [options]

Draws the story against its canon: a lane for each entry the manuscripts mention (its life or
existence), the canon events, and the scenes at their dates in reading order, with the
contradictions marked on their scenes.

Arguments:
  PATH...              manuscript files or folders (default: the config's
                       \`manuscripts\`, else the current folder)

Options:
  --lore DIR           lore folder (repeat for layers; default: the config's
                       \`lore\`, else ./lore)
  --format FORMAT      html (default; one self-contained page), svg or json;
                       with --out, the file's extension chooses when --format is not given
  --out FILE           write to FILE instead of standard output
  --width PIXELS       width of the drawing (default 1200)
  --config FILE        configuration file (default: ./lorekeeper.yaml if present)
  --no-cache           parse every lore file, ignoring and not writing the cache
  -h, --help           show this help

Exit status: 0 drawn, 2 usage or configuration error.
`;

type Format = 'html' | 'svg' | 'json';

interface TimelineOptions {
  paths: string[];
  lore: string[];
  format?: Format;
  out?: string;
  width?: number;
  config?: string;
  cache: boolean;
}

function parseTimelineArgs(argv: string[]): TimelineOptions | 'help' {
  const options: TimelineOptions = { paths: [], lore: [], cache: true };
  for (const { flag, arg, value } of readArguments(argv)) {
    switch (flag) {
      case '-h':
      case '--help':
        return 'help';
      case '--lore':
        options.lore.push(value());
        break;
      case '--format': {
        const format = value();
        if (format !== 'html' && format !== 'svg' && format !== 'json') throw new UsageError(`unknown timeline format "${format}" (use html, svg or json)`);
        options.format = format;
        break;
      }
      case '--out':
        options.out = value();
        break;
      case '--width': {
        const raw = value();
        const width = Number(raw);
        if (!Number.isInteger(width) || width < MIN_WIDTH || width > 20000) throw new UsageError(`--width must be a whole number of pixels from ${MIN_WIDTH} to 20000, not "${raw}"`);
        options.width = width;
        break;
      }
      case '--config':
        options.config = value();
        break;
      case '--no-cache':
        options.cache = false;
        break;
      default:
        if (flag.startsWith('-') && flag !== '-') throw new UsageError(`unknown option ${flag} (see lorekeeper timeline --help)`);
        options.paths.push(arg);
    }
  }
  return options;
}

function formatOf(options: TimelineOptions): Format {
  if (options.format) return options.format;
  const ext = /\.(html?|svg|json)$/i.exec(options.out ?? '')?.[1].toLowerCase();
  return ext === 'svg' ? 'svg' : ext === 'json' ? 'json' : 'html';
}

export async function runTimeline(argv: string[], cwd: string): Promise<number> {
  const parsed = parseTimelineArgs(argv);
  if (parsed === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  const config = readConfig(cwd, parsed.config);
  const { loreFolders, loaded, lore } = await loadProjectLore(cwd, parsed.lore, config, parsed.cache);
  const checks: ManuscriptCheck[] = [];
  let unreadable = 0;
  const folderProblems: Diagnostic[] = [];
  const manuscripts = await findManuscripts(cwd, parsed.paths, config, loreFolders, folderProblems);
  for (const problem of folderProblems) process.stderr.write(`lorekeeper: ${escapeControlCharacters(problem.file)}: ${escapeControlCharacters(problem.message)}\n`);
  for (const path of manuscripts) {
    const text = readManuscript(path);
    if (typeof text !== 'string') {
      unreadable++;
      process.stderr.write(`lorekeeper: ${escapeControlCharacters(relativePath(cwd, path))}: not drawn: ${escapeControlCharacters(text.reason)}\n`);
      continue;
    }
    checks.push(checkManuscript(lore, relativePath(cwd, path), text, { severities: config.checks, ignoredWords: config.words }));
  }
  const model = buildTimeline(loaded.base, checks);
  // Lore paths in the drawing are relative to the working folder, like the diagnostics'.
  for (const list of [model.entries, model.events]) {
    for (const item of list) item.file = relativePath(cwd, isAbsolute(item.file) ? item.file : resolve(cwd, item.file));
  }

  const format = formatOf(parsed);
  const document =
    format === 'json' ? formatTimelineJson(model) : format === 'svg' ? renderTimelineSvg(model, { width: parsed.width }) : renderTimelineHtml(model, { width: parsed.width });
  if (parsed.out) {
    const out = resolve(cwd, parsed.out);
    try {
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, document);
    } catch (error) {
      throw new UsageError(`cannot write ${parsed.out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    const dated = model.scenes.filter((s) => s.date).length;
    process.stderr.write(
      `Wrote ${relativePath(cwd, out)}: ${model.scenes.length} scene${model.scenes.length === 1 ? '' : 's'} (${dated} dated), ${model.entries.length} entr${model.entries.length === 1 ? 'y' : 'ies'}, ${model.diagnostics.length} diagnostic${model.diagnostics.length === 1 ? '' : 's'}${unreadable ? `, ${unreadable} unreadable file${unreadable === 1 ? '' : 's'} left out` : ''}.\n`,
    );
  } else {
    await new Promise<void>((done) => process.stdout.write(document, () => done()));
  }
  return 0;
}
