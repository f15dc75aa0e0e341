// `lorekeeper timeline` (SPEC §7): checks the manuscripts like `check`, then draws the story
// against its canon as HTML, SVG or JSON, on stdout or into --out FILE.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { LorekeeperConfig } from '../core/config';
import { decodeText } from '../core/fileSystem';
import { isManuscriptFile } from '../core/features/manuscriptFiles';
import { checkManuscript, prepareLore, type ManuscriptCheck } from '../core/check';
import { loadLore } from '../core/lore/load';
import { formatTimelineJson } from '../core/timeline/json';
import { MIN_WIDTH } from '../core/timeline/layout';
import { renderTimelineHtml } from '../core/timeline/html';
import { buildTimeline } from '../core/timeline/model';
import { renderTimelineSvg } from '../core/timeline/svg';
import { DiskLoreCache, defaultCacheFile } from './loreCache';
import { readConfig, relativePath, UsageError } from './main';
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
  for (const path of findManuscripts(cwd, parsed.paths, config, folders.map((f) => f.path))) {
    const text = readManuscript(path);
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

const MAX_MANUSCRIPT_BYTES = 20 * 1024 * 1024;
const MANUSCRIPT_FILE = /\.(md|markdown|txt)$/i;

/**
 * The manuscripts as `lorekeeper check` finds them: the files given, the Markdown and text files
 * below the folders given, else the project's (the config's `manuscripts`, minus `exclude`, the
 * lore folders, hidden folders and node_modules), in path order.
 */
function findManuscripts(cwd: string, paths: string[], config: LorekeeperConfig, loreFolders: string[]): string[] {
  const selection = { exclude: config.exclude, lore: loreFolders };
  const found: string[] = [];
  const walk = (folder: string, wanted: string[] | undefined): void => {
    let names: string[];
    try {
      names = readdirSync(folder).sort();
    } catch (error) {
      process.stderr.write(`lorekeeper: cannot list ${relativePath(cwd, folder)} (${(error as NodeJS.ErrnoException).code ?? 'error'}): its manuscripts are not drawn\n`);
      return;
    }
    for (const name of names) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const path = join(folder, name);
      let isDirectory = false;
      try {
        isDirectory = statSync(path).isDirectory();
      } catch {
        continue;
      }
      const rel = relativePath(cwd, path);
      if (isDirectory) {
        if (isManuscriptFile(`${rel}/x.md`, { ...selection, manuscripts: undefined })) walk(path, wanted);
      } else if (MANUSCRIPT_FILE.test(name) && isManuscriptFile(rel, { ...selection, manuscripts: wanted })) found.push(path);
    }
  };
  if (paths.length === 0) {
    walk(cwd, config.manuscripts);
    return found;
  }
  for (const given of paths) {
    const path = resolve(cwd, given);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch {
      throw new UsageError(`no such file or folder: ${given}`);
    }
    if (isDirectory) walk(path, undefined);
    else found.push(path);
  }
  return [...new Set(found)];
}

function readManuscript(path: string): string | { reason: string } {
  try {
    const size = statSync(path).size;
    if (size > MAX_MANUSCRIPT_BYTES) return { reason: `file is ${(size / 1048576).toFixed(1)} MB, over the ${MAX_MANUSCRIPT_BYTES / 1048576} MB limit` };
    const decoded = decodeText(readFileSync(path), MAX_MANUSCRIPT_BYTES);
    return decoded.ok ? decoded.text : { reason: decoded.reason };
  } catch (error) {
    return { reason: `cannot read it: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
}
