// `lorekeeper import mediawiki FILE… [--preset NAME | --mapping FILE] [--out DIR] [--format text|json]` (SPEC §5).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatReportText } from '../../core/import/assemble';
import { parseMapping, type Mapping } from '../../core/import/mapping';
import { PRESET_NAMES, presetMapping } from '../../core/import/presets';
import { readArguments, UsageError } from '../project';
import { runImport } from './importer';
import { ExportError } from './readExport';
import { checkOutputFolder, writeImport } from './writeImport';

export const IMPORT_HELP = `Usage: lorekeeper import mediawiki FILE... [options]

Turns a MediaWiki XML export (Special:Export, or a wiki's *_pages_current.xml dump; plain,
.gz, .bz2 or .7z) into a lore base.

Options:
  --preset NAME        shipped mapping: ${PRESET_NAMES.join(', ')}
                       (default: guessed from the export's site name)
  --mapping FILE       a mapping file in the presets' format, for any other wiki
  --out DIR            folder the import owns (default: lore/imported); a re-import
                       replaces it, so keep your corrections in a later layer
  --include REASON     import pages a mapping skips, e.g. --include Legends
  --format FORMAT      report as text (default) or json
  -h, --help           show this help

Exit status: 0 imported, 1 imported with values that could not be read,
2 usage error or an input that is no MediaWiki export.
`;


interface ImportOptions {
  files: string[];
  preset?: string;
  mapping?: string;
  out: string;
  format: 'text' | 'json';
  include: Set<string>;
}

function parseImportArgs(argv: string[]): ImportOptions | 'help' {
  const args = [...argv];
  const source = args.shift();
  if (source === undefined) throw new UsageError('missing source: try `lorekeeper import mediawiki FILE...`');
  if (source === '-h' || source === '--help') return 'help';
  if (source !== 'mediawiki') throw new UsageError(`unknown import source "${source}": only \`mediawiki\` is supported`);
  const options: ImportOptions = { files: [], out: 'lore/imported', format: 'text', include: new Set() };
  for (const { flag, arg, value } of readArguments(args)) {
    switch (flag) {
      case '-h':
      case '--help':
        return 'help';
      case '--preset':
        options.preset = value();
        break;
      case '--mapping':
        options.mapping = value();
        break;
      case '--out':
        options.out = value();
        break;
      case '--include':
        options.include.add(value().toLowerCase());
        break;
      case '--format': {
        const format = value();
        if (format !== 'text' && format !== 'json') throw new UsageError(`unknown format "${format}" (use text or json)`);
        options.format = format;
        break;
      }
      default:
        if (flag.startsWith('-') && flag !== '-') throw new UsageError(`unknown option ${flag} (see lorekeeper import --help)`);
        options.files.push(arg);
    }
  }
  if (options.files.length === 0) throw new UsageError('no export file given: lorekeeper import mediawiki FILE...');
  if (options.preset && options.mapping) throw new UsageError('--preset and --mapping exclude each other: a mapping file is a preset of your own');
  return options;
}

/** Reads --preset or --mapping; a bad one is a usage error. */
export function loadMapping(cwd: string, preset: string | undefined, mappingFile: string | undefined): Mapping | undefined {
  if (preset) {
    const mapping = presetMapping(preset);
    if (!mapping) throw new UsageError(`unknown preset "${preset}" (presets: ${PRESET_NAMES.join(', ')}; or use --mapping FILE)`);
    return mapping;
  }
  if (!mappingFile) return undefined;
  let text: string;
  try {
    text = readFileSync(resolve(cwd, mappingFile), 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read mapping file ${mappingFile} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const parsed = parseMapping(text, mappingFile);
  if (!parsed.ok) throw new UsageError(parsed.message);
  return parsed.mapping;
}

/** What the importer tells a parent process that started it with a message channel (`fork`). */
export type ImportProgressMessage =
  | { lorekeeperImport: 'progress'; file: string; fraction: number; pages: number | undefined }
  | { lorekeeperImport: 'writing'; entries: number };

export async function runImportCommand(argv: string[], cwd: string): Promise<number> {
  try {
    const options = parseImportArgs(argv);
    if (options === 'help') {
      process.stdout.write(IMPORT_HELP);
      return 0;
    }
    const mapping = loadMapping(cwd, options.preset, options.mapping);
    const out = resolve(cwd, options.out);
    checkOutputFolder(out);
    // Started by the editor with a message channel (the extension's import command): tell it how far the reading is.
    const tell = typeof process.send === 'function' ? (message: ImportProgressMessage) => process.send!(message) : undefined;
    const onProgress = tell && ((file: string, fraction: number, pages: number | undefined) => tell({ lorekeeperImport: 'progress', file, fraction, pages }));
    const run = await runImport({ files: options.files.map((f) => resolve(cwd, f)), mapping, include: options.include, parallel: true, onProgress });
    tell?.({ lorekeeperImport: 'writing', entries: run.report.entries });
    writeImport(out, run.files);
    const report = { version: 1, out: options.out, preset: run.preset ?? options.preset, mapping: options.mapping, ...run.report, files: options.files };
    const text = options.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : `${formatReportText(run.report)}Wrote ${options.out}/ (report in ${options.out}/import-report.log).\n`;
    await new Promise<void>((done) => process.stdout.write(text, () => done()));
    return run.report.problems.length > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof ExportError) {
      process.stderr.write(`lorekeeper: ${error.message.replace(/\s*\n\s*/g, ' ')}\n`);
      return 2;
    }
    throw error;
  }
}
