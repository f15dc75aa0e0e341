// A large plain export is read on two threads: split at a <page> boundary, each half parsed as an
// export of its own (XML parsing is most of an import's time), the results joined in file order,
// so the output is byte for byte the one a single thread writes. This same bundle, started in
// worker mode, reads the second half.
import { appendAll } from '../../core/arrays';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { Mapping } from '../../core/import/mapping';
import { readPage, type DraftEntry, type ImportProblem } from '../../core/import/page';
import { compressionOf, ExportError, readExport, type ExportSlice, type SiteInfo } from './readExport';

/** Below this size a second thread costs more than it saves. */
const MIN_BYTES = 32 * 1024 * 1024;

export interface PageHarvest {
  drafts: DraftEntry[];
  redirects: Array<{ from: string; to: string }>;
  skipped: Array<[string, number]>;
  problems: ImportProblem[];
  pagesRead: number;
}

export function emptyHarvest(): PageHarvest {
  return { drafts: [], redirects: [], skipped: [], problems: [], pagesRead: 0 };
}

/** Files every page into the harvest. */
export function harvester(harvest: PageHarvest, mapping: () => Mapping, include: ReadonlySet<string>): (page: Parameters<typeof readPage>[0]) => void {
  const skipped = new Map<string, number>(harvest.skipped);
  return (page) => {
    harvest.pagesRead++;
    const result = readPage(page, mapping(), include);
    if (result.type === 'entry') {
      harvest.drafts.push(result.entry);
      appendAll(harvest.problems, result.problems);
    } else if (result.type === 'redirect') harvest.redirects.push({ from: result.from, to: result.to });
    else {
      skipped.set(result.reason, (skipped.get(result.reason) ?? 0) + 1);
      harvest.skipped = [...skipped];
      appendAll(harvest.problems, result.problems);
    }
  };
}

interface Job {
  lorekeeperImport: true;
  path: string;
  slice: ExportSlice;
  mapping: Mapping;
  include: string[];
}

function threads(): number {
  return Math.max(1, Number(process.env.LOREKEEPER_THREADS) || Math.min(availableParallelism(), 2));
}

/** Where to split a plain export in two, or undefined when it is not worth it or not possible. */
export function splitPoint(path: string, minBytes = Number(process.env.LOREKEEPER_IMPORT_SPLIT_BYTES) || MIN_BYTES): number | undefined {
  if (threads() < 2 || isMainThread === false) return undefined;
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return undefined;
  }
  if (size < minBytes || compressionOf(path) !== 'none') return undefined;
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(Math.min(size, 64 * 1024));
    readSync(fd, head, 0, head.length, 0);
    if (!/<mediawiki[\s>]/.test(head.toString('utf8'))) return undefined;
    const window = Buffer.alloc(Math.min(4 << 20, size));
    const from = Math.floor(size / 2);
    const n = readSync(fd, window, 0, window.length, from);
    const at = window.subarray(0, n).indexOf('<page>');
    return at < 0 ? undefined : from + at;
  } finally {
    closeSync(fd);
  }
}

/** Reads the second half [split, end) in a worker while this thread reads the first. */
/** `onProgress` gets the share of the first half read: both halves are read at once, at about the same pace. */
export async function readInTwo(path: string, split: number, mapping: Mapping, include: ReadonlySet<string>, onSiteInfo: (site: SiteInfo) => void, signal?: AbortSignal, onProgress?: (fraction: number) => void): Promise<PageHarvest[]> {
  const size = statSync(path).size;
  const job: Job = { lorekeeperImport: true, path, slice: { start: split, end: size, prefix: '<mediawiki>', suffix: '' }, mapping, include: [...include] };
  const worker = new Worker(__filename, { workerData: job });
  const second = new Promise<PageHarvest>((resolve, reject) => {
    worker.once('message', (message: { harvest?: PageHarvest; error?: string }) => {
      if (message.harvest) resolve(message.harvest);
      else reject(new ExportError(message.error ?? `${path}: cannot read it`));
    });
    worker.once('error', (error) => reject(new ExportError(`${path}: ${error.message}`)));
  });
  // Rejected together: the first failure is the one reported.
  second.catch(() => undefined);
  const first = emptyHarvest();
  try {
    await readExport(path, { onSiteInfo, onPage: harvester(first, () => mapping, include), signal, slice: { start: 0, end: split, prefix: '', suffix: '</mediawiki>' }, onProgress: onProgress && ((read) => onProgress(Math.min(1, read / split))) });
    return [first, await second];
  } finally {
    void worker.terminate();
  }
}

/** True (and the job done) when this bundle was started as an import worker. */
export function runAsImportWorker(): boolean {
  if (isMainThread || !(workerData as Job | undefined)?.lorekeeperImport) return false;
  const job = workerData as Job;
  const harvest = emptyHarvest();
  readExport(job.path, { onSiteInfo: () => undefined, onPage: harvester(harvest, () => job.mapping, new Set(job.include)), slice: job.slice }).then(
    () => parentPort!.postMessage({ harvest }),
    (error: Error) => parentPort!.postMessage({ error: error instanceof ExportError ? error.message : `${job.path}: ${error.message}` }),
  );
  return true;
}
