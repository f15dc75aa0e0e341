// In-process latencies of the engine, as the extension would see them: re-checking one chapter
// after an edit, completion and hover, and reloading the lore after one file changes.
// Bundled by bench/run.mjs into bench/.work/inprocess.cjs; prints one JSON document on stdout.
//
//   node bench/.work/inprocess.cjs --corpus DIR --chapter FILE [--quick] [--scale]
//   --scale: only what the canon's size weighs on (re-check, reload, completion), for the 50k-entry corpus
//   --only reload,completion: only these measurements (recheck, reload, completion, hover, titledForms), to
//     iterate on one of them without the minutes the others take; each figure means the same as in a full run
//   --only warmup: the corpus's manuscripts checked twice over in this fresh process (never part of a
//     full run, whose other measurements would warm the engine first): what V8's warm-up costs
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import card from 'bench-optional:card';
import completion from 'bench-optional:completion';
import { checkManuscript, prepareLore, type PreparedLore } from '../src/core/check';
import { ScanCache } from '../src/core/mentions/scan';
import { MemoryFileSystem } from '../src/core/memoryFileSystem';
import { mulberry32 } from './generate.mjs';
import { loadLore, type LoreParseCache } from '../src/core/lore/load';
import { derivationOf } from '../src/core/lore/base';
import type { ParsedLoreFile } from '../src/core/lore/parseFile';
import type { Entry } from '../src/core/lore/entry';
import type { StoryDate } from '../src/core/dates';
import { sceneAt } from '../src/core/manuscript';

interface Percentiles {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

type Outcome = { measured: false; reason: string } | ({ measured: true } & Record<string, unknown>);

const argv = process.argv.slice(2);
const arg = (flag: string): string | undefined => {
  const i = argv.indexOf(flag);
  return i >= 0 ? argv[i + 1] : undefined;
};
const quick = argv.includes('--quick');
const scale = argv.includes('--scale');
const corpus = arg('--corpus') ?? 'bench/.work/c1m';
const chapterPath = arg('--chapter') ?? join(corpus, 'manuscripts', 'ch001.md');
const MEASUREMENTS = ['recheck', 'reload', 'completion', 'hover', 'titledForms', 'warmup'];
const only = arg('--only')?.split(',').map((name) => name.trim()).filter(Boolean);
const unknownMeasurement = only?.find((name) => !MEASUREMENTS.includes(name));
if (only && (only.length === 0 || unknownMeasurement !== undefined)) {
  process.stderr.write(`inprocess: --only takes a comma-separated list of ${MEASUREMENTS.join(', ')}${unknownMeasurement ? ` (not "${unknownMeasurement}")` : ''}\n`);
  process.exit(2);
}
const wanted = (name: string): boolean => (!only && name !== 'warmup') || (only?.includes(name) ?? false);

/** CPU time (user + system) since `start`, in ms: what the machine's load does not inflate much. */
function cpuMs(start: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(start);
  return (c.user + c.system) / 1000;
}

function percentiles(samples: number[]): Percentiles {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  return { n: s.length, p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)), max: round(s[s.length - 1]) };
}

/** The lore folder held in memory, so that a reload measures the engine and not the disk. */
function loreInMemory(root: string, folder: string): { fs: MemoryFileSystem; files: Map<string, Uint8Array> } {
  const files = new Map<string, Uint8Array>();
  const walk = (dir: string, rel: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name), `${rel}/${entry.name}`);
      else files.set(`${rel}/${entry.name}`, readFileSync(join(dir, entry.name)));
    }
  };
  walk(join(root, folder), folder);
  return { fs: new MemoryFileSystem(files), files };
}

const folders = [{ name: 'lore', path: 'lore' }];

async function main(): Promise<void> {
  const memory = loreInMemory(corpus, 'lore');
  const fs = memory.fs;
  const result: Record<string, unknown> = { quick };

  // Loading and preparing once, as the extension does when it starts.
  const cache = new Map<string, ParsedLoreFile>() satisfies LoreParseCache;
  let t = performance.now();
  const loaded = await loadLore(fs, folders, cache);
  result.loadLoreColdMs = performance.now() - t;
  t = performance.now();
  const lore = prepareLore(loaded.base);
  result.prepareLoreMs = performance.now() - t;
  result.entries = loaded.base.entries.length;
  result.names = loaded.base.entries.reduce((n, e) => n + 1 + e.aliases.length, 0);

  if (wanted('warmup')) result.warmup = warmup(lore);
  if (wanted('recheck')) result.recheck = recheck(lore);
  if (wanted('reload')) result.reload = await reload(memory, cache);
  if (wanted('completion')) result.completion = measureCompletion(lore);
  if (!scale) {
    if (wanted('hover')) result.hover = measureHover(lore);
    if (wanted('titledForms')) result.titledForms = await titledForms(memory, lore);
  }
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

/**
 * Every manuscript of the corpus checked in order, then all of them again, in this fresh process: the
 * first pass runs the checking code as V8 first meets it (interpreted, then compiled on the other core
 * as it gets hot) and the index's parts made as names are first met; the second runs it optimised.
 * Per pass, CPU time (the process's, so the compiler threads' too) and wall time of each manuscript,
 * summed over the first tenth of the words and over the rest.
 */
function warmup(lore: PreparedLore): Record<string, unknown> {
  const folder = join(corpus, 'manuscripts');
  const files = readdirSync(folder).filter((name) => name.endsWith('.md')).sort();
  const texts = files.map((name) => readFileSync(join(folder, name), 'utf8'));
  const words = texts.map((text) => text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0);
  const total = words.reduce((a, b) => a + b, 0);
  const passes = [1, 2].map(() => {
    const cpu: number[] = [];
    const wall: number[] = [];
    texts.forEach((text, k) => {
      const c0 = process.cpuUsage();
      const t = performance.now();
      checkManuscript(lore, files[k], text);
      wall.push(performance.now() - t);
      cpu.push(cpuMs(c0));
    });
    // Per 100k words over the manuscripts that hold the first tenth of the words, then over the rest.
    let upTo = 0;
    for (let seen = 0; upTo < texts.length && seen < total / 10; upTo++) seen += words[upTo];
    const per100k = (xs: number[], from: number, to: number): number => {
      const w = words.slice(from, to).reduce((a, b) => a + b, 0);
      return w === 0 ? 0 : (100_000 * xs.slice(from, to).reduce((a, b) => a + b, 0)) / w;
    };
    const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
    return { cpuMs: sum(cpu), wallMs: sum(wall), firstTenthWords: sum(words.slice(0, upTo)), firstTenthCpuPer100kMs: per100k(cpu, 0, upTo), restCpuPer100kMs: per100k(cpu, upTo, texts.length), firstTenthWallPer100kMs: per100k(wall, 0, upTo), restWallPer100kMs: per100k(wall, upTo, texts.length) };
  });
  return { measured: true, manuscripts: files.length, words: total, first: passes[0], second: passes[1] };
}

/** Re-check one chapter after a one-character edit, many times, at different places. */
function recheck(lore: PreparedLore): Record<string, unknown> {
  const original = readFileSync(chapterPath, 'utf8');
  const words = original.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
  let t = performance.now();
  const first = checkManuscript(lore, chapterPath, original);
  const firstMs = performance.now() - t;
  // Edit positions: lower-case letters of ordinary prose, spread over the chapter.
  const positions: number[] = [];
  for (let i = 0; i < original.length; i++) if (original[i] === 'e' && /[a-z]/.test(original[i - 1] ?? '')) positions.push(i);
  const rng = mulberry32(7);
  const iterations = quick ? 60 : 400;
  const samples: number[] = [];
  const cpuSamples: number[] = [];
  const fullSamples: number[] = [];
  // As the extension does: one ScanCache per open document, so an edit rescans its paragraph.
  const scanCache = new ScanCache();
  checkManuscript(lore, chapterPath, original, { scanCache });
  let text = original;
  const texts: string[] = [];
  for (let k = 0; k < iterations + 20; k++) {
    const at = positions[Math.floor(rng() * positions.length)];
    text = text.slice(0, at) + (text[at] === 'e' ? 'a' : 'e') + text.slice(at + 1);
    texts.push(text);
  }
  // The edits first, then the same texts checked from scratch: interleaved, each check from scratch
  // left the garbage of a whole chapter's scan for the next edit's check to collect (at 50,000
  // entries its CPU p95 was ~40% higher than the edits' alone).
  texts.forEach((edited, k) => {
    const c0 = process.cpuUsage();
    t = performance.now();
    checkManuscript(lore, chapterPath, edited, { scanCache });
    if (k >= 20) samples.push(performance.now() - t);
    if (k >= 20) cpuSamples.push(cpuMs(c0));
  });
  texts.forEach((edited, k) => {
    t = performance.now();
    checkManuscript(lore, chapterPath, edited);
    if (k >= 20) fullSamples.push(performance.now() - t);
  });
  return {
    words, diagnostics: first.diagnostics.length, mentions: first.scan.mentions.length, firstCheckMs: firstMs,
    perEditMs: percentiles(samples), perEditCpuMs: percentiles(cpuSamples), fullCheckMs: percentiles(fullSamples),
  };
}

/**
 * What titled forms cost (SPEC §1 "Facts that change over time"): the same canon with every
 * plain `rank:` turned into three periods, so that each character's names also come with three
 * titles before them. Compares building the name index and checking one chapter, plain vs titled.
 */
async function titledForms({ files: texts }: ReturnType<typeof loreInMemory>, plain: PreparedLore): Promise<Record<string, unknown>> {
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  const timed = new Map<string, Uint8Array>();
  let rewritten = 0;
  for (const [path, bytes] of texts) {
    const text = decoder.decode(bytes).replace(/^( {2})rank: (\S+)$/gm, (_, indent: string, lower: string) => {
      rewritten++;
      const rank = lower[0].toUpperCase() + lower.slice(1); // as prose writes a title before a name
      return `${indent}rank:\n${indent}  - { value: Cadet, until: 2300 }\n${indent}  - { value: ${rank}, from: 2300 }\n${indent}  - { value: Elder ${rank} (retired), from: 2390 }`;
    });
    timed.set(path, encoder.encode(text));
  }
  const loaded = await loadLore(new MemoryFileSystem(timed), folders);
  const median = (samples: number[]): number => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)];
  const rounds = quick ? 3 : 7;
  // Interleaved, after one untimed round each (which fills the per-entry caches), CPU time beside wall time.
  const prepared = { plain: prepareLore(plain.base), titled: prepareLore(loaded.base) };
  const prepareWall = { plain: [] as number[], titled: [] as number[] };
  const prepareCpu = { plain: [] as number[], titled: [] as number[] };
  for (let k = 0; k < rounds * 2; k++) {
    for (const [key, base] of [['plain', plain.base], ['titled', loaded.base]] as const) {
      const c0 = process.cpuUsage();
      const t = performance.now();
      prepared[key] = prepareLore(base);
      prepareWall[key].push(performance.now() - t);
      const c = process.cpuUsage(c0);
      prepareCpu[key].push((c.user + c.system) / 1000);
    }
  }
  const before = { lore: prepared.plain, ms: median(prepareWall.plain), cpu: median(prepareCpu.plain) };
  const after = { lore: prepared.titled, ms: median(prepareWall.titled), cpu: median(prepareCpu.titled) };
  const chapter = readFileSync(chapterPath, 'utf8');
  // Plain and titled checks interleaved, so that the machine's load falls on both alike; CPU time beside wall time.
  const wall = { plain: [] as number[], titled: [] as number[] };
  const cpu = { plain: [] as number[], titled: [] as number[] };
  for (let k = 0; k < rounds * 5; k++) {
    for (const [key, lore] of [['plain', before.lore], ['titled', after.lore]] as const) {
      const c0 = process.cpuUsage();
      const t = performance.now();
      checkManuscript(lore, chapterPath, chapter);
      wall[key].push(performance.now() - t);
      const c = process.cpuUsage(c0);
      cpu[key].push((c.user + c.system) / 1000);
    }
  }
  return {
    ranksAsPeriods: rewritten,
    forms: { plain: before.lore.index.forms.length, titled: after.lore.index.forms.length },
    prepareLoreMs: { plain: before.ms, titled: after.ms },
    prepareLoreCpuMs: { plain: before.cpu, titled: after.cpu },
    chapterCheckMs: { plain: median(wall.plain), titled: median(wall.titled) },
    chapterCheckCpuMs: { plain: median(cpu.plain), titled: median(cpu.titled) },
  };
}

/** Reload the lore after one 200-entry file changed, with an in-memory parse cache. */
async function reload({ fs, files: texts }: ReturnType<typeof loreInMemory>, cache: Map<string, ParsedLoreFile>): Promise<Record<string, unknown>> {
  const files = [...texts.keys()].filter((f) => /book-\d+\.yaml$/.test(f));
  const iterations = quick ? 15 : 60;
  const loadSamples: number[] = [];
  const withPrepareSamples: number[] = [];
  const withPrepareCpu: number[] = [];
  // The completion index the language server keeps, built from the last one after each reload.
  const Index = completion?.CompletionIndex as CompletionIndexClass | undefined;
  let index = typeof Index === 'function' ? new Index((await loadLore(fs, folders, cache)).base) : undefined;
  const indexCpu: number[] = [];
  const indexWall: number[] = [];
  let indexReused = 0;
  let incremental = 0;
  const parsedCounts = new Set<number>();
  const decoder = new TextDecoder();
  const edit = (k: number): void => {
    const file = files[k % files.length];
    const text = decoder.decode(texts.get(file)!);
    texts.set(file, new TextEncoder().encode(text.replace('summary: "', `summary: "Revised ${k}. `)));
  };
  // The reloads alone first, then the completion index after each reload: measured in one loop,
  // the index's garbage would land on the next reload's figure.
  for (let k = 0; k < iterations + 5; k++) {
    edit(k);
    const c0 = process.cpuUsage();
    const t = performance.now();
    const loaded = await loadLore(fs, folders, cache);
    const loadedAt = performance.now();
    prepareLore(loaded.base);
    const preparedAt = performance.now();
    if (k >= 5) {
      withPrepareCpu.push(cpuMs(c0));
      loadSamples.push(loadedAt - t);
      withPrepareSamples.push(preparedAt - t);
      if (derivationOf(loaded.base)) incremental++;
    }
    parsedCounts.add(loaded.parsedCount);
  }
  if (index && Index) {
    for (let k = iterations + 5; k < 2 * (iterations + 5); k++) {
      edit(k);
      const loaded = await loadLore(fs, folders, cache);
      prepareLore(loaded.base);
      const i0 = process.cpuUsage();
      const it = performance.now();
      index = new Index(loaded.base, index);
      if (k >= iterations + 10) {
        indexWall.push(performance.now() - it);
        indexCpu.push(cpuMs(i0));
        if ((index.reused ?? 0) > 0) indexReused++;
      }
    }
  }
  const counts = [...parsedCounts];
  return {
    files: files.length, loadLoreMs: percentiles(loadSamples), loadAndPrepareMs: percentiles(withPrepareSamples), loadAndPrepareCpuMs: percentiles(withPrepareCpu),
    parsedCounts: counts, onlyOneParsed: counts.length === 1 && counts[0] === 1, incrementalShare: incremental / iterations,
    ...(indexWall.length > 0 ? { completionIndexMs: percentiles(indexWall), completionIndexCpuMs: percentiles(indexCpu), completionIndexReusedShare: indexReused / iterations } : {}),
  };
}

// ---- Completion and hover: engine modules written alongside this benchmark. They are bundled
// only when present (see bench/optional.d.ts), and used through the API they had when this was
// written: `new CompletionIndex(base).complete(query, { date })` and `entryCard(entry, base, { scene })`.

interface CompletionMatchLike {
  candidate: { entry: Entry; text: string };
}
interface CompletionIndexLike {
  /** Entries taken from the previous index (absent before indexes were built from the previous one). */
  reused?: number;
  complete(query: string, options?: { date?: StoryDate; limit?: number }): CompletionMatchLike[];
}
type CompletionIndexClass = new (base: PreparedLore['base'], previous?: CompletionIndexLike) => CompletionIndexLike;
type EntryCard = (entry: Entry, base: PreparedLore['base'], options?: { scene?: { date?: StoryDate; mode?: string } }) => string;

const fold = (s: string): string => s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** Whether the query is a prefix of the label, or of one of its words. */
function isPrefixMatch(label: string, query: string): boolean {
  const l = fold(label);
  const q = fold(query);
  return l.startsWith(q) || l.includes(` ${q}`);
}

function measureCompletion(lore: PreparedLore): Outcome {
  const Index = completion?.CompletionIndex as CompletionIndexClass | undefined;
  if (!completion) return { measured: false, reason: 'src/core/features/completion.ts does not exist yet' };
  if (typeof Index !== 'function') return { measured: false, reason: `completion.ts exports ${Object.keys(completion).join(', ')}, no CompletionIndex: adapt bench/inprocess.ts` };
  let t = performance.now();
  const index = new Index(lore.base);
  const buildMs = performance.now() - t;

  const rng = mulberry32(11);
  const entries = lore.base.entries;
  const n = quick ? 200 : 1000;
  const samples: number[] = [];
  const cpuSamples: number[] = [];
  const byKind: Record<'prefix' | 'name' | 'typo', number[]> = { prefix: [], name: [], typo: [] };
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  let prefixFirst = 0;
  let fullFirst = 0;
  let typoTop10 = 0;
  let typoTotal = 0;
  for (let k = 0; k < n + 20; k++) {
    const warm = k < 20;
    const entry = entries[Math.floor(rng() * entries.length)];
    const forms = [entry.name, ...entry.aliases];
    const form = forms[Math.floor(rng() * forms.length)].replace(/^(the|a|an)\s+/i, '');
    const date = { year: 2300 + Math.floor(rng() * 140) } as StoryDate;
    // An exact prefix: 1 to 6 letters of a name or alias, as typed.
    const prefix = form.slice(0, Math.min(form.length, 1 + Math.floor(rng() * 6)));
    let c0 = process.cpuUsage();
    t = performance.now();
    const byPrefix = index.complete(prefix, { date });
    if (!warm) byKind.prefix.push(performance.now() - t);
    if (!warm) cpuSamples.push(cpuMs(c0));
    if (!warm && byPrefix.length > 0 && isPrefixMatch(byPrefix[0].candidate.text, prefix)) prefixFirst++;
    // The whole name typed: that name first.
    c0 = process.cpuUsage();
    t = performance.now();
    const byName = index.complete(form, { date });
    if (!warm) byKind.name.push(performance.now() - t);
    if (!warm) cpuSamples.push(cpuMs(c0));
    if (!warm && byName.length > 0 && fold(byName[0].candidate.text).replace(/^(the|a|an) /, '') === fold(form)) fullFirst++;
    // A one-letter typo (substitution, deletion, doubling or swap) in the first 5 to 8 letters of a word of the name.
    const word = form.split(/\s+/).find((w) => w.length >= 5);
    if (!word) continue;
    const typed = word.slice(0, Math.min(word.length, 5 + Math.floor(rng() * 4)));
    const i = 1 + Math.floor(rng() * (typed.length - 2));
    const r = rng();
    const typo =
      r < 0.25 ? typed.slice(0, i) + String.fromCharCode(97 + ((typed.toLowerCase().charCodeAt(i) - 96) % 26)) + typed.slice(i + 1)
      : r < 0.5 ? typed.slice(0, i) + typed.slice(i + 1)
      : r < 0.75 ? typed.slice(0, i) + typed[i] + typed.slice(i)
      : typed.slice(0, i) + typed[i + 1] + typed[i] + typed.slice(i + 2);
    c0 = process.cpuUsage();
    t = performance.now();
    const fuzzy = index.complete(typo, { date });
    if (warm) continue;
    byKind.typo.push(performance.now() - t);
    cpuSamples.push(cpuMs(c0));
    typoTotal++;
    if (fuzzy.slice(0, 10).some((m) => m.candidate.entry.id === entry.id)) typoTop10++;
  }
  samples.push(...byKind.prefix, ...byKind.name, ...byKind.typo);
  // The whole loop's CPU time against its wall time: how much the machine's load inflated each request.
  const loopCpuMs = cpuMs(cpuStart);
  const loopWallMs = performance.now() - wallStart;
  return {
    measured: true,
    buildMs,
    loopCpuMs,
    loopWallMs,
    perRequestMs: percentiles(samples),
    perRequestCpuMs: percentiles(cpuSamples),
    prefixMs: percentiles(byKind.prefix),
    wholeNameMs: percentiles(byKind.name),
    typoMs: percentiles(byKind.typo),
    requests: samples.length,
    exactPrefixFirst: prefixFirst / n,
    fullNameFirst: fullFirst / n,
    typoInTop10: typoTotal ? typoTop10 / typoTotal : 0,
    typoQueries: typoTotal,
  };
}

/** A hover as the extension answers it: the mention under the cursor, its scene, the entry's card. */
function measureHover(lore: PreparedLore): Outcome {
  const entryCard = card?.entryCard as EntryCard | undefined;
  if (!card) return { measured: false, reason: 'src/core/features/card.ts does not exist yet' };
  if (typeof entryCard !== 'function') return { measured: false, reason: `card.ts exports ${Object.keys(card).join(', ')}, no entryCard: adapt bench/inprocess.ts` };
  const text = readFileSync(chapterPath, 'utf8');
  const checked = checkManuscript(lore, chapterPath, text);
  const mentions = checked.scan.mentions;
  const hover = (offset: number): string | undefined => {
    let lo = 0;
    let hi = mentions.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (offset < mentions[mid].start) hi = mid - 1;
      else if (offset >= mentions[mid].end) lo = mid + 1;
      else {
        const scene = sceneAt(checked.manuscript, offset);
        return entryCard(mentions[mid].entry, lore.base, { scene: { date: scene.date, mode: scene.mode } });
      }
    }
    return undefined;
  };
  const rng = mulberry32(13);
  const samples: number[] = [];
  const n = quick ? 300 : 3000;
  let empty = 0;
  for (let k = 0; k < n + 50; k++) {
    const m = mentions[Math.floor(rng() * mentions.length)];
    const t = performance.now();
    const markdown = hover(m.start + 1);
    if (k >= 50) samples.push(performance.now() - t);
    if (!markdown) empty++;
  }
  return { measured: true, perHoverMs: percentiles(samples), mentions: mentions.length, emptyCards: empty };
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
