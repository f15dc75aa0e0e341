// The language server's latency as an editor sees it: `lorekeeper lsp --stdio` as a child
// process, a 20,000-word chapter open, edited a thousand times, each edit one character.
// Bundled by bench/run.mjs into bench/.work/lsp.cjs; prints one JSON document on stdout.
//
//   node bench/.work/lsp.cjs --corpus DIR --chapter FILE --cli dist/cli.js [--edits N]
//   node bench/.work/lsp.cjs --startup-runs N --corpus DIR --chapter FILE --cli dist/cli.js
//
// The second form measures only the editor's start: a fresh server on the corpus's workspace, the
// chapter opened, the time to its first diagnostics — lore cache warm, and cold — N rounds each.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { LspClient, TEST_CACHE_HOME, uriOf, type Published } from '../test/server/client';
import { mulberry32 } from './generate.mjs';

const argv = process.argv.slice(2);
const arg = (flag: string): string | undefined => {
  const i = argv.indexOf(flag);
  return i >= 0 ? argv[i + 1] : undefined;
};
const corpus = arg('--corpus')!;
const chapter = arg('--chapter')!;
const cli = arg('--cli')!;
const edits = Number(arg('--edits') ?? 1000);
const startupRuns = arg('--startup-runs') === undefined ? undefined : Number(arg('--startup-runs'));

function percentiles(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  return { n: s.length, p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)), max: round(s[s.length - 1]) };
}

function positionOf(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, character: offset - start };
}

/** One-character edits of ordinary prose (an `e` becomes an `a` and back), spread over the chapter. */
function* editsOf(original: string, count: number) {
  const positions: number[] = [];
  for (let i = 1; i < original.length; i++) if ((original[i] === 'e' || original[i] === 'a') && /[a-z]/.test(original[i - 1])) positions.push(i);
  const rng = mulberry32(11);
  let text = original;
  for (let k = 0; k < count; k++) {
    const at = positions[Math.floor(rng() * positions.length)];
    const newText = text[at] === 'e' ? 'a' : 'e';
    const start = positionOf(text, at);
    text = text.slice(0, at) + newText + text.slice(at + 1);
    yield { text, change: { range: { start, end: { line: start.line, character: start.character + 1 } }, text: newText } };
  }
}

/** Every server started, so that a failure never leaves one running (and this process waiting). */
const started: LspClient[] = [];

/** CPU time (user + system) a process has used so far, in ms: Linux's /proc, else undefined. */
function cpuOf(pid: number | undefined): number | undefined {
  try {
    // Fields 14 and 15 (utime, stime), after the command name in parentheses; clock ticks of 10 ms.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** One editor start: spawn, initialize, open the chapter, pull its diagnostics. */
async function startOnce(cacheHome: string, text: string, uri: string, nodeArgs: string[] = []) {
  const t = performance.now();
  const client = new LspClient({ pull: true, cli, env: { XDG_CACHE_HOME: cacheHome }, nodeArgs });
  started.push(client);
  await client.initialize([corpus]);
  client.open(uri, text);
  const first = await client.request<{ items: unknown[] }>('textDocument/diagnostic', { textDocument: { uri } }, 120_000);
  const wallMs = performance.now() - t;
  const cpuMs = cpuOf(client.child.pid);
  // The server's own line on its load: how many lore files it parsed, and whether the base came from the cache.
  const logged = client.notifications
    .filter((n) => n.method === 'window/logMessage')
    .map((n) => (n.params as { message: string }).message)
    .find((m) => / parsed/.test(m));
  const parsed = Number(/(\d+) parsed/.exec(logged ?? '')?.[1] ?? NaN);
  // Shutdown writes the cache if the load built the base (a cold start): not timed, and given time.
  await client.request('shutdown', undefined, 120_000);
  client.notify('exit');
  await client.exited;
  return { wallMs, cpuMs, parsed, diagnostics: first.items.length };
}

/** Cold (an empty cache folder each time) and warm (a cache the first cold start wrote), interleaved. */
async function startup(runs: number) {
  const text = readFileSync(chapter, 'utf8');
  const uri = uriOf(chapter);
  const warmHome = mkdtempSync(join(tmpdir(), 'lorekeeper-bench-warm-'));
  const cold: Array<Awaited<ReturnType<typeof startOnce>>> = [];
  let profile: ReturnType<typeof summariseProfile> | undefined;
  const warm: typeof cold = [];
  try {
    for (let i = 0; i < runs; i++) {
      const coldHome = mkdtempSync(join(tmpdir(), 'lorekeeper-bench-cold-'));
      try {
        cold.push(await startOnce(coldHome, text, uri));
      } finally {
        rmSync(coldHome, { recursive: true, force: true });
      }
      // The first warm start's cache is written by a cold start in the same folder.
      if (i === 0) await startOnce(warmHome, text, uri);
      warm.push(await startOnce(warmHome, text, uri));
    }
    // Where a warm start's time goes: one more, under the CPU profiler (written when it exits).
    const profileDir = mkdtempSync(join(tmpdir(), 'lorekeeper-bench-prof-'));
    try {
      const run = await startOnce(warmHome, text, uri, ['--cpu-prof', `--cpu-prof-dir=${profileDir}`]);
      const file = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
      if (file) profile = summariseProfile(JSON.parse(readFileSync(join(profileDir, file), 'utf8')) as CpuProfile, run.wallMs);
    } finally {
      rmSync(profileDir, { recursive: true, force: true });
    }
  } finally {
    rmSync(warmHome, { recursive: true, force: true });
  }
  const summary = (samples: typeof cold) => ({
    runs: samples.length,
    wallMs: median(samples.map((s) => s.wallMs)),
    cpuMs: samples.every((s) => s.cpuMs !== undefined) ? median(samples.map((s) => s.cpuMs!)) : undefined,
    wallSamplesMs: samples.map((s) => Math.round(s.wallMs)),
    parsed: [...new Set(samples.map((s) => s.parsed))],
    diagnostics: samples[0]?.diagnostics,
  });
  return { words: text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0, warm: summary(warm), cold: summary(cold), profile };
}

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string }; children?: number[] }>;
  samples: number[];
  timeDeltas: number[];
}

/** The phases of a warm start worth naming: the server's own steps and the engine's it waits for. */
const PHASES = ['getBase', 'translateBase', 'readJson', 'unpack', 'prepareLore', 'checkManuscript', 'NearNames', '(garbage collector)'];

/**
 * Self time of the busiest functions, and the inclusive time of each phase, as shares of the
 * samples until the first diagnostics (the profiler starts with the process; what the server does
 * after the answer — its shutdown, the warm-up of its parse cache — is left out).
 */
function summariseProfile(p: CpuProfile, untilMs: number) {
  const time = new Map<number, number>();
  let elapsed = 0;
  for (let i = 0; i < p.samples.length; i++) {
    elapsed += p.timeDeltas[i] ?? 0;
    if (elapsed > untilMs * 1000) break;
    time.set(p.samples[i], (time.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
  }
  const total = [...time.values()].reduce((a, b) => a + b, 0);
  const name = (id: number) => byId.get(id)!.callFrame.functionName || '(anonymous)';
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, t] of time) {
    self.set(name(id), (self.get(name(id)) ?? 0) + t);
    // Each function once per sample, however deep it recurses.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) seen.add(name(at));
    for (const f of seen) inclusive.set(f, (inclusive.get(f) ?? 0) + t);
  }
  const share = (t: number) => Math.round((1000 * t) / total) / 10;
  return {
    sampledMs: Math.round(total / 1000),
    phases: PHASES.filter((f) => inclusive.has(f)).map((f) => ({ name: f, percent: share(inclusive.get(f)!) })),
    selfTop: [...self].filter(([f]) => f !== '(idle)' && f !== '(program)').sort((a, b) => b[1] - a[1]).slice(0, 8).map(([f, t]) => ({ name: f, percent: share(t) })),
  };
}

async function main(): Promise<void> {
  if (startupRuns !== undefined) {
    process.stdout.write(`${JSON.stringify(await startup(startupRuns), null, 2)}\n`);
    return;
  }
  const original = readFileSync(chapter, 'utf8');
  const words = original.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
  const uri = uriOf(chapter);
  const result: Record<string, unknown> = { words, edits };

  // Pull (VS Code's way): each edit, then the document's diagnostics; time from the edit's send.
  {
    const client = new LspClient({ pull: true, cli });
    started.push(client);
    let t = performance.now();
    await client.initialize([corpus]);
    client.open(uri, original);
    const first = await client.request<{ items: unknown[] }>('textDocument/diagnostic', { textDocument: { uri } }, 120_000);
    result.firstDiagnosticsMs = performance.now() - t;
    result.diagnostics = first.items.length;
    const samples: number[] = [];
    let version = 1;
    for (const edit of editsOf(original, edits)) {
      t = performance.now();
      client.notify('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [edit.change] });
      await client.request('textDocument/diagnostic', { textDocument: { uri } });
      samples.push(performance.now() - t);
    }
    result.pullPerEditMs = percentiles(samples);
    // Hover over words of the chapter while it is open (mentions and plain words alike).
    const rng = mulberry32(5);
    const hovers: number[] = [];
    const lines = original.split('\n');
    for (let k = 0; k < 300; k++) {
      const line = Math.floor(rng() * lines.length);
      const character = Math.floor(rng() * Math.max(1, lines[line].length));
      t = performance.now();
      await client.request('textDocument/hover', { textDocument: { uri }, position: { line, character } });
      hovers.push(performance.now() - t);
    }
    result.hoverMs = percentiles(hovers);
    t = performance.now();
    await client.shutdown();
    result.shutdownMs = performance.now() - t;
  }

  // Push (Neovim's, Helix's way), no debounce: 1,000 edits sent without waiting, then the time
  // until the diagnostics of the last version arrive — the server must not fall behind.
  {
    const client = new LspClient({ cli, settings: { diagnostics: { debounceMs: 0 } } });
    started.push(client);
    await client.initialize([corpus]);
    client.open(uri, original);
    // A fresh server loads the whole lore first: on a loaded machine that takes a while.
    await client.diagnosticsFor(uri, 0, () => true, 120_000);
    let version = 1;
    let t = performance.now();
    for (const edit of editsOf(original, edits)) client.notify('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [edit.change] });
    const sent = performance.now() - t;
    t = performance.now();
    await client.diagnosticsFor(uri, 0, (p: Published) => p.version === version, 120_000);
    result.pushBurst = { sendMs: sent, catchUpMs: performance.now() - t, published: client.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics').length };
    await client.shutdown();
  }
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

main()
  .catch((error) => {
    process.stderr.write(`lsp benchmark failed: ${(error as Error).stack ?? error}\n`);
    for (const client of started) client.kill();
    process.exitCode = 1;
  })
  // The edit loop's servers keep their lore cache in a folder of this run (the first start is cold).
  .finally(() => rmSync(TEST_CACHE_HOME, { recursive: true, force: true }));
