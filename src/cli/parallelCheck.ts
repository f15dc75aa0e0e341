// `lorekeeper check` on more than one core: the manuscripts are dealt out by size between the main
// thread and worker threads (this same bundle, started in check mode). Each worker loads the lore
// itself — from the cache the main thread also reads, never writing it — at the same time as the
// main thread does, so the lore costs the wall time of one load, and the checking is shared.
// Results come back per manuscript and are put in the order of the manuscript list, so the output
// is the same on any number of threads.
import { statSync } from 'node:fs';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { applySeverities, checkManuscript, type PreparedLore } from '../core/check';
import type { LorekeeperConfig } from '../core/config';
import { parseLoreFile } from '../core/lore/parseFile';
import type { LoreParser } from '../core/lore/load';
import type { Diagnostic } from '../core/types';
import { loadProjectLore, readManuscript, relativePath, unreadable, UsageError } from './project';

/** Below this much manuscript text, a second thread costs more (a second lore load) than it saves. */
const MAX_THREADS = 16;

interface CheckJob {
  lorekeeperCheck: true;
  cwd: string;
  lore: string[];
  config: LorekeeperConfig;
  cache: boolean;
  paths: string[];
}

type WorkerReply = { ok: true; results: Diagnostic[][] } | { ok: false; message: string };

/** `--threads N` or LOREKEEPER_THREADS; undefined: decide by the size of the work. */
export function parseThreads(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_THREADS) throw new UsageError(`${flag} must be a whole number from 1 to ${MAX_THREADS}, not "${value}"`);
  return n;
}

/**
 * The number of threads to check on: the setting, else one. Each thread loads the lore itself, and
 * on the benchmark (bench/REPORT.md) two threads cost more than they share out even at 5M words —
 * so a second thread is the writer's choice (`--threads 2`), never the default.
 */
export function checkThreads(setting: number | undefined, manuscripts: readonly unknown[]): number {
  const wanted = setting ?? (Number(process.env.LOREKEEPER_THREADS) || undefined);
  if (wanted === undefined) return 1;
  return Math.max(1, Math.min(Math.floor(wanted), MAX_THREADS, manuscripts.length || 1));
}

/** The size of each manuscript (0 when it cannot be read: the check says why, in its turn). */
export function manuscriptSizes(paths: readonly string[]): number[] {
  return paths.map((path) => {
    try {
      return statSync(path).size;
    } catch {
      return 0;
    }
  });
}

/** Deals manuscripts out by size, largest first, each to the least loaded thread: indexes per thread. */
export function shareOut(sizes: readonly number[], threads: number): number[][] {
  const shares: number[][] = Array.from({ length: threads }, () => []);
  const load = new Array<number>(threads).fill(0);
  const order = [...sizes.keys()].sort((a, b) => sizes[b] - sizes[a] || a - b);
  for (const index of order) {
    let least = 0;
    for (let t = 1; t < threads; t++) if (load[t] < load[least]) least = t;
    shares[least].push(index);
    load[least] += sizes[index];
  }
  for (const share of shares) share.sort((a, b) => a - b);
  return shares;
}

/** One manuscript read and checked: its diagnostics, or why it could not be read. */
export function checkManuscriptFile(lore: PreparedLore, cwd: string, path: string, config: LorekeeperConfig): Diagnostic[] {
  const file = relativePath(cwd, path);
  const text = readManuscript(path);
  if (typeof text !== 'string') return applySeverities([unreadable(file, text.reason)], config.checks);
  return checkManuscript(lore, file, text, { severities: config.checks, ignoredWords: config.words }).diagnostics;
}

export interface CheckWorkers {
  /** Every worker's results, by manuscript index. */
  results: Promise<Map<number, Diagnostic[]>>;
  /** Stops any worker still running (the main thread failed first). */
  stop(): void;
}

/** Starts the workers for every share but the first (the main thread's). */
export function startCheckWorkers(job: Omit<CheckJob, 'lorekeeperCheck' | 'paths'>, paths: readonly string[], shares: number[][]): CheckWorkers {
  const workers: Worker[] = [];
  const running = shares
    .slice(1)
    .filter((share) => share.length > 0)
    .map((share) => runWorker({ ...job, lorekeeperCheck: true, paths: share.map((i) => paths[i]) }, workers).then((results) => share.map((index, k) => [index, results[k]] as const)));
  const results = Promise.all(running).then((all) => new Map(all.flat()));
  // Until it is awaited, a failure waits for the main thread to ask (never an unhandled rejection).
  results.catch(() => undefined);
  return { results, stop: () => workers.forEach((worker) => void worker.terminate()) };
}

function runWorker(job: CheckJob, workers: Worker[]): Promise<Diagnostic[][]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: job });
    workers.push(worker);
    let settled = false;
    worker.once('message', (reply: WorkerReply) => {
      settled = true;
      if (reply.ok) resolve(reply.results);
      else reject(new Error(`a check worker failed: ${reply.message}`));
      void worker.terminate();
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`a check worker stopped (exit code ${code}) before it answered`));
    });
  });
}

/** The parse of a check worker: in its own thread, no parse workers of its own (the cores are taken). */
const parseHere: LoreParser = async (files) => files.map((f) => parseLoreFile(f.path, f.text));

/** True (and the job started) when this bundle was started as a check worker. */
export function runAsCheckWorker(): boolean {
  if (isMainThread || !(workerData as CheckJob | undefined)?.lorekeeperCheck) return false;
  const job = workerData as CheckJob;
  loadProjectLore(job.cwd, job.lore, job.config, job.cache, { saveCache: false, parser: parseHere })
    .then(({ lore }) => ({ ok: true as const, results: job.paths.map((path) => checkManuscriptFile(lore, job.cwd, path, job.config)) }))
    .catch((error: unknown): WorkerReply => ({ ok: false, message: (error as Error).stack ?? String(error) }))
    .then((reply) => parentPort!.postMessage(reply));
  return true;
}
