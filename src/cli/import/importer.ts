// Export files → the assembled lore files and report: the streaming edge around the pure mapping
// in src/core/import. Shared by the CLI and the VS Code command.
import { assembleImport, type ImportOutput } from '../../core/import/assemble';
import type { Mapping } from '../../core/import/mapping';
import { readPage, type DraftEntry, type ImportProblem } from '../../core/import/page';
import { guessPreset, PRESET_NAMES, presetMapping } from '../../core/import/presets';
import { ExportError, readExport, type SiteInfo } from './readExport';

export interface ImportRequest {
  files: string[];
  /** A mapping read from --mapping or a preset; undefined: guessed from the first export's site name. */
  mapping?: Mapping;
  /** Skip reasons (lower-case) whose pages are imported anyway (`legends`). */
  include?: ReadonlySet<string>;
  signal?: AbortSignal;
  /** Called now and then with the file being read and the share of it done (0–1, or -1 when unknown). */
  onProgress?(file: string, fraction: number, pages: number): void;
}

export interface ImportRun extends ImportOutput {
  mapping: Mapping;
  preset?: string;
}

export async function runImport(request: ImportRequest): Promise<ImportRun> {
  let mapping = request.mapping;
  let preset: string | undefined;
  const include = request.include ?? new Set<string>();
  const drafts: DraftEntry[] = [];
  const redirects: Array<{ from: string; to: string }> = [];
  const skipped = new Map<string, number>();
  const problems: ImportProblem[] = [];
  let pagesRead = 0;
  let lastProgress = 0;
  for (const file of request.files) {
    let pagesOfFile = 0;
    await readExport(file, {
      signal: request.signal,
      onSiteInfo(site: SiteInfo) {
        if (mapping) return;
        preset = guessPreset(site.siteName, site.dbName);
        if (!preset) {
          throw new ExportError(`${file}: cannot tell which wiki this export is from (site "${site.siteName ?? 'unknown'}"): use --preset (${PRESET_NAMES.join(', ')}) or --mapping FILE`);
        }
        mapping = presetMapping(preset);
      },
      onPage(page) {
        pagesRead++;
        pagesOfFile++;
        const result = readPage(page, mapping!, include);
        if (result.type === 'entry') {
          drafts.push(result.entry);
          problems.push(...result.problems);
        } else if (result.type === 'redirect') redirects.push(result);
        else {
          skipped.set(result.reason, (skipped.get(result.reason) ?? 0) + 1);
          problems.push(...result.problems);
        }
      },
      onProgress: request.onProgress
        ? (read, total) => {
            const now = Date.now();
            if (now - lastProgress < 100) return;
            lastProgress = now;
            request.onProgress!(file, read < 0 || total === 0 ? -1 : read / total, pagesRead);
          }
        : undefined,
    });
    if (pagesOfFile === 0 && !mapping) throw new ExportError(`${file}: a MediaWiki export without pages or site information`);
  }
  if (!mapping) throw new ExportError('nothing to import');
  const output = assembleImport(drafts, redirects, mapping, { pagesRead, skipped, problems }, request.files.map(baseName));
  return { ...output, mapping, preset };
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
