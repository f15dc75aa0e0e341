// The timeline's cost on the benchmark corpus: the model from checked manuscripts, and its
// drawings. The checks themselves are measured elsewhere; here they are done once, untimed.
// Bundled by bench/run.mjs into bench/.work/timeline.cjs; prints one JSON document on stdout.
//
//   node bench/.work/timeline.cjs --corpus DIR [--runs N]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { nodeFileSystem } from '../src/cli/nodeFileSystem';
import { checkManuscript, prepareLore } from '../src/core/check';
import { loadLore } from '../src/core/lore/load';
import { renderTimelineHtml } from '../src/core/timeline/html';
import { formatTimelineJson } from '../src/core/timeline/json';
import { buildTimeline } from '../src/core/timeline/model';
import { renderTimelineSvg } from '../src/core/timeline/svg';

const argv = process.argv.slice(2);
const arg = (flag: string): string | undefined => {
  const i = argv.indexOf(flag);
  return i >= 0 ? argv[i + 1] : undefined;
};
const corpus = arg('--corpus') ?? 'bench/.work/c1m';
const runs = Number(arg('--runs') ?? 7);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function timed<T>(fn: () => T): { value: T; ms: number; cpuMs: number } {
  fn(); // warm-up
  const samples: number[] = [];
  const cpu: number[] = [];
  let value!: T;
  // With --expose-gc, the garbage of the checks before is collected first, not billed to the timeline.
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let k = 0; k < runs; k++) {
    gc?.();
    const t = performance.now();
    const c = process.cpuUsage();
    value = fn();
    const used = process.cpuUsage(c);
    samples.push(performance.now() - t);
    cpu.push((used.user + used.system) / 1000);
  }
  // CPU time as well as wall time: on a shared machine the wall clock also counts the neighbours.
  return { value, ms: median(samples), cpuMs: median(cpu) };
}

async function main(): Promise<void> {
  const loaded = await loadLore(nodeFileSystem, [{ name: 'lore', path: join(corpus, 'lore') }]);
  const lore = prepareLore(loaded.base);
  const folder = join(corpus, 'manuscripts');
  const files = readdirSync(folder).filter((f) => /\.(md|txt)$/.test(f)).sort();
  const checks = files.map((f) => checkManuscript(lore, join(folder, f), readFileSync(join(folder, f), 'utf8')));
  const model = timed(() => buildTimeline(loaded.base, checks));
  const svg = timed(() => renderTimelineSvg(model.value));
  const html = timed(() => renderTimelineHtml(model.value));
  const json = timed(() => formatTimelineJson(model.value));
  const drawn = (svg.value.match(/<(circle|rect|path|line|text)\b/g) ?? []).length;
  const result = {
    entries: loaded.base.entries.length,
    manuscripts: files.length,
    scenes: model.value.scenes.length,
    lanes: model.value.entries.length,
    events: model.value.events.length,
    diagnostics: model.value.diagnostics.length,
    modelMs: model.ms,
    modelCpuMs: model.cpuMs,
    svgMs: svg.ms,
    svgCpuMs: svg.cpuMs,
    htmlMs: html.ms,
    htmlCpuMs: html.cpuMs,
    jsonMs: json.ms,
    svgBytes: svg.value.length,
    htmlBytes: html.value.length,
    drawnElements: drawn,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
