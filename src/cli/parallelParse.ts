// A cold start parses every lore file with the `yaml` package, the slowest step of a first run.
// Spread over worker threads (this same bundle, started in worker mode), it takes about half.
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { LoreParser } from '../core/lore/load';
import { parseLoreFile, type ParsedLoreFile } from '../core/lore/parseFile';
import { parseSimpleLoreFile } from '../core/lore/simpleParse';

interface Job {
  lorekeeperParse: true;
  files: Array<{ path: string; text: string }>;
}

/** Below this much YAML, starting a worker costs more than it saves. */
const MIN_BYTES_FOR_WORKERS = 512 * 1024;

export const parseInParallel: LoreParser = async (all) => {
  // Plain block YAML (an import) is read here by the fast reader: it costs less than sending the
  // result back from a worker (structured clone of every range). Workers get only the rest.
  const out = new Array<ParsedLoreFile>(all.length);
  const rest: number[] = [];
  all.forEach((f, i) => {
    const simple = parseSimpleLoreFile(f.path, f.text);
    if (simple) out[i] = simple;
    else rest.push(i);
  });
  const files = rest.map((i) => all[i]);
  const bytes = files.reduce((sum, f) => sum + f.text.length, 0);
  const threads = Math.max(1, Number(process.env.LOREKEEPER_THREADS) || Math.min(availableParallelism(), 4));
  if (threads < 2 || bytes < MIN_BYTES_FOR_WORKERS || files.length < 2) {
    rest.forEach((i) => (out[i] = parseLoreFile(all[i].path, all[i].text)));
    return out;
  }
  // Deal files out by size so that every thread gets about the same amount of YAML.
  const shares: Array<Array<{ index: number; path: string; text: string }>> = Array.from({ length: threads }, () => []);
  const load = new Array<number>(threads).fill(0);
  [...files.keys()].sort((a, b) => files[b].text.length - files[a].text.length).forEach((index) => {
    const least = load.reduce((best, bytes, i) => (bytes < load[best] ? i : best), 0);
    shares[least].push({ index, ...files[index] });
    load[least] += files[index].text.length;
  });
  const workers = shares.slice(1).filter((share) => share.length > 0).map((share) => runWorker(share));
  for (const { index, path, text } of shares[0]) out[rest[index]] = parseLoreFile(path, text);
  for (const result of await Promise.all(workers)) for (const { index, parsed } of result) out[rest[index]] = parsed;
  return out;
};

function runWorker(share: Array<{ index: number; path: string; text: string }>): Promise<Array<{ index: number; parsed: ParsedLoreFile }>> {
  return new Promise((resolve, reject) => {
    const job: Job = { lorekeeperParse: true, files: share.map(({ path, text }) => ({ path, text })) };
    const worker = new Worker(__filename, { workerData: job });
    worker.once('message', (parsed: ParsedLoreFile[]) => {
      resolve(parsed.map((p, i) => ({ index: share[i].index, parsed: p })));
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/** True (and the job done) when this bundle was started as a parse worker. */
export function runAsParseWorker(): boolean {
  if (isMainThread || !(workerData as Job | undefined)?.lorekeeperParse) return false;
  const job = workerData as Job;
  parentPort!.postMessage(job.files.map((f) => parseLoreFile(f.path, f.text)));
  return true;
}
