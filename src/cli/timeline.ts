// `lorekeeper timeline` (SPEC §7): checks the manuscripts like `check`, then draws the story
// against its canon as HTML, SVG or JSON, on stdout or into --out FILE.
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { checkManuscript, prepareLore, type ManuscriptCheck } from '../core/check';
import { loadLore } from '../core/lore/load';
import { formatTimelineJson } from '../core/timeline/json';
import { MIN_WIDTH } from '../core/timeline/layout';
import { renderTimelineHtml } from '../core/timeline/html';
import { buildTimeline } from '../core/timeline/model';
import { renderTimelineSvg } from '../core/timeline/svg';
import { DiskLoreCache, defaultCacheFile } from './loreCache';
import { findManuscripts, readConfig, readManuscript, relativePath, UsageError } from './main';
import { nodeFileSystem } from './nodeFileSystem';
import { parseInParallel } from './parallelParse';

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
  const args = [...argv];
  const options: TimelineOptions = { paths: [], lore: [], cache: true };
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
  const loreFolders = parsed.lore.length > 0 ? parsed.lore : config.lore ?? ['lore'];
  const folders = loreFolders.map((folder) => ({ name: folder.replace(/\/+$/, ''), path: relativePath(cwd, resolve(cwd, folder)) }));
  for (const folder of folders) {
    let ok = false;
    try {
      ok = statSync(resolve(cwd, folder.path)).isDirectory();
    } catch {
      ok = false;
    }
    if (!ok) throw new UsageError(`lore folder not found: ${folder.name} (use --lore DIR or set \`lore\` in lorekeeper.yaml)`);
  }
  const cache = parsed.cache ? new DiskLoreCache(defaultCacheFile(cwd, loreFolders)) : undefined;
  const loaded = await loadLore(nodeFileSystem, folders, cache, parseInParallel);
  cache?.save();
  const lore = prepareLore(loaded.base);

  const checks: ManuscriptCheck[] = [];
  let unreadable = 0;
  for (const path of await findManuscripts(cwd, parsed, config, loreFolders)) {
    const text = await readManuscript(path);
    if (typeof text !== 'string') {
      unreadable++;
      process.stderr.write(`lorekeeper: ${relativePath(cwd, path)}: not drawn: ${text.reason}\n`);
      continue;
    }
    const result = checkManuscript(lore, relativePath(cwd, path), text, { severities: config.checks });
    checks.push(result);
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
