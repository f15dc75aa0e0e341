// Measures what the editor does per keystroke: completion over 30,000 synthetic names (target:
// p95 ≤ 5 ms) and a full re-check of a 20,000-word chapter against the sample lore.
// Not a test (timings are not asserted); run it with:
//   npx esbuild test/features/completion.bench.ts --bundle --platform=node --loader:.txt=text --outfile=/tmp/lk-bench.js && node /tmp/lk-bench.js
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { checkManuscript, prepareLore } from '../../src/core/check';
import { CompletionIndex } from '../../src/core/features/completion';
import { buildLoreBase } from '../../src/core/lore/base';
import { parseLoreText } from '../../src/core/lore/load';

let seed = 42;
const random = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const SYLLABLES = ['ka', 'ri', 'lo', 'ma', 'jen', 'pic', 'ard', 'da', 'ta', 'sev', 'en', 'ur', 'ati', 'ro', 'mu', 'lan', 'tor', 'vash', 'zhat', 'el', 'nor', 'ras', 'fi', 'ho', 'bus', 'an', 'dor', 'lu', 'ke', 'sky', 'wal', 'ker', 'ob', 'i', 'wan'];
const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];
const word = (): string => {
  let w = '';
  for (let i = 0, n = 2 + Math.floor(random() * 3); i < n; i++) w += pick(SYLLABLES);
  return w[0].toUpperCase() + w.slice(1);
};

// On a busy machine wall time counts other processes' turns: LK_BENCH_CPU=1 measures CPU time instead.
const cpuTime = process.env.LK_BENCH_CPU === '1';
const now = (): number => {
  if (!cpuTime) return performance.now();
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

function percentiles(label: string, run: () => void, times = 1000): void {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = now();
    run();
    samples.push(now() - start);
  }
  samples.sort((a, b) => a - b);
  const at = (p: number): string => samples[Math.min(samples.length - 1, Math.floor(samples.length * p))].toFixed(3);
  console.log(`${label.padEnd(34)} p50 ${at(0.5)} ms  p95 ${at(0.95)} ms  p99 ${at(0.99)} ms`);
}

// --- completion over 30,000 names
const names: string[] = [];
const yaml: string[] = [];
for (let i = 0; i < 30_000; i++) {
  const name = random() < 0.7 ? `${word()} ${word()}` : random() < 0.5 ? word() : `${word()}-${word()} ${word()}`;
  names.push(name);
  const born = 2200 + Math.floor(random() * 200);
  yaml.push(`- name: "${name}"\n  id: e${i}\n  born: ${born}\n${random() < 0.4 ? `  died: ${born + 20 + Math.floor(random() * 80)}\n` : ''}`);
}
const big = buildLoreBase([{ name: 'lore', files: [parseLoreText('lore/big.yaml', yaml.join('')).file] }]);
let started = performance.now();
const index = new CompletionIndex(big);
console.log(`completion index over ${index.size} names built in ${(performance.now() - started).toFixed(0)} ms`);
const typo = (s: string): string => {
  const i = 1 + Math.floor(random() * (s.length - 2));
  const k = random();
  return k < 0.33 ? s.slice(0, i) + s.slice(i + 1) : k < 0.66 ? `${s.slice(0, i)}x${s.slice(i + 1)}` : s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
};
const date = { year: 2300 };
for (let i = 0; i < 300; i++) index.complete(pick(names).slice(0, 3), { date });
percentiles('completion, 1-letter prefix', () => index.complete(pick(names).slice(0, 1), { date }), 500);
percentiles('completion, 2-6-letter prefix', () => index.complete(pick(names).slice(0, 2 + Math.floor(random() * 5)), { date }), 2000);
percentiles('completion, later word of a name', () => index.complete(pick(names).split(/[ -]/).pop()!.slice(0, 3), { date }), 1000);
percentiles('completion, one typo', () => index.complete(typo(pick(names).slice(0, 4 + Math.floor(random() * 6))), { date }), 2000);

// --- re-checking a 20,000-word chapter against the sample lore
const files: string[] = [];
const walk = (dir: string): void => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (/\.ya?ml$/.test(name)) files.push(path);
  }
};
walk('lore');
const sample = prepareLore(buildLoreBase([{ name: 'lore', files: files.sort().map((f) => parseLoreText(f, readFileSync(f, 'utf8')).file) }]));
const story = readFileSync('examples/the-vineyard-at-dusk.md', 'utf8').replace(/^---[\s\S]*?---\n/, '');
let chapter = '---\ndate: 2399\n---\n';
while (chapter.split(/\s+/).length < 20_000) chapter += story;
started = performance.now();
const once = checkManuscript(sample, 'chapter.md', chapter);
console.log(`chapter: ${chapter.split(/\s+/).length} words, ${once.scan.mentions.length} mentions, ${once.diagnostics.length} diagnostics (first check ${(performance.now() - started).toFixed(1)} ms)`);
percentiles('re-check of the 20,000-word chapter', () => checkManuscript(sample, 'chapter.md', chapter), 100);
