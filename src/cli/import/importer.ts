// Export files → the assembled lore files and report: the streaming edge around the pure mapping
// in src/core/import. Shared by the CLI and the VS Code command.
import { appendAll } from '../../core/arrays';
import { closeSync, openSync, readSync } from 'node:fs';
import { assembleImport, type ImportOutput } from '../../core/import/assemble';
import type { Mapping } from '../../core/import/mapping';
import { guessPreset, PRESET_NAMES, presetMapping } from '../../core/import/presets';
import { emptyHarvest, harvester, readInTwo, splitPoint, type PageHarvest } from './parallelRead';
import { ExportError, readExport, type SiteInfo } from './readExport';

export interface ImportRequest {
  files: string[];
  /** A mapping read from --mapping or a preset; undefined: guessed from the first export's site name. */
  mapping?: Mapping;
  /** Skip reasons (lower-case) whose pages are imported anyway (`legends`). */
  include?: ReadonlySet<string>;
  signal?: AbortSignal;
  /**
   * Called now and then (at most every 100 ms, and at the first bytes) with the file being read, the
   * share of it done (0–1, or -1 when unknown) and the pages read so far (undefined while a file is
   * read on two threads, whose second half counts apart).
   */
  onProgress?(file: string, fraction: number, pages: number | undefined): void;
  /** Read large plain exports on two threads (the CLI; not the extension host, whose bundle cannot be a worker). */
  parallel?: boolean;
}

export interface ImportRun extends ImportOutput {
  mapping: Mapping;
  preset?: string;
}

export async function runImport(request: ImportRequest): Promise<ImportRun> {
  let mapping = request.mapping;
  let preset: string | undefined;
  const include = request.include ?? new Set<string>();
  const harvests: PageHarvest[] = [];
  let lastProgress = 0;
  let pagesSoFar = 0;

  const useSite = (file: string) => (site: SiteInfo) => {
    if (mapping) return;
    preset = guessPreset(site.siteName, site.dbName);
    if (!preset) {
      throw new ExportError(`${file}: cannot tell which wiki this export is from (site "${site.siteName ?? 'unknown'}"): use --preset (${PRESET_NAMES.join(', ')}) or --mapping FILE`);
    }
    mapping = presetMapping(preset);
  };

  const throttled = (report: () => void): void => {
    const now = Date.now();
    if (now - lastProgress < 100) return;
    lastProgress = now;
    report();
  };
  for (const file of request.files) {
    const split = request.parallel ? splitPoint(file) : undefined;
    if (split !== undefined) {
      if (!mapping) useSite(file)(siteOfHeader(file));
      const onProgress = request.onProgress ? (fraction: number) => throttled(() => request.onProgress!(file, fraction, undefined)) : undefined;
      appendAll(harvests, await readInTwo(file, split, mapping!, include, () => undefined, request.signal, onProgress));
      continue;
    }
    const harvest = emptyHarvest();
    harvests.push(harvest);
    await readExport(file, {
      signal: request.signal,
      onSiteInfo: useSite(file),
      onPage: harvester(harvest, () => mapping!, include),
      onProgress: request.onProgress
        ? (read, total) => throttled(() => request.onProgress!(file, read < 0 || total === 0 ? -1 : read / total, pagesSoFar + harvest.pagesRead))
        : undefined,
    });
    pagesSoFar += harvest.pagesRead;
    if (harvest.pagesRead === 0 && !mapping) throw new ExportError(`${file}: a MediaWiki export without pages or site information`);
  }
  if (!mapping) throw new ExportError('nothing to import');

  const skipped = new Map<string, number>();
  for (const h of harvests) for (const [reason, n] of h.skipped) skipped.set(reason, (skipped.get(reason) ?? 0) + n);
  const output = assembleImport(
    harvests.flatMap((h) => h.drafts),
    harvests.flatMap((h) => h.redirects),
    mapping,
    { pagesRead: harvests.reduce((n, h) => n + h.pagesRead, 0), skipped, problems: harvests.flatMap((h) => h.problems) },
    request.files.map(baseName),
  );
  return { ...output, mapping, preset };
}

/** <sitename> and <dbname> from the head of a plain export (before splitting it). */
function siteOfHeader(file: string): SiteInfo {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(64 * 1024);
    const n = readSync(fd, head, 0, head.length, 0);
    const text = head.subarray(0, n).toString('utf8');
    const decode = (s: string | undefined) => s?.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&').trim();
    return { siteName: decode(/<sitename>([^<]*)<\/sitename>/.exec(text)?.[1]), dbName: decode(/<dbname>([^<]*)<\/dbname>/.exec(text)?.[1]) };
  } finally {
    closeSync(fd);
  }
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
