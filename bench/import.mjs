// Benchmark of `lorekeeper import mediawiki` (issue: ≥ 20 MB/s, ≤ 500 MiB peak RSS over a 1.5 GB dump).
// Generates a seeded MediaWiki export in the shape of Memory Alpha (infobox pages, redirects, talk
// pages, articles without infobox) into bench/.work/import/ (never committed), imports it, then loads
// the imported base and checks a generated 100,000-word manuscript against it. Writes its own section
// of bench/REPORT.md (between the import-bench markers; bench/run.mjs keeps that section).
//
//   node bench/import.mjs            200,000 pages (~1.5 GB), about 3 minutes on 2 cores
//   node bench/import.mjs --quick    10,000 pages, report to bench/.work/import/REPORT-quick.md
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { loadavg, cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const work = join(root, 'bench', '.work', 'import');
const quick = process.argv.includes('--quick');
const plan = quick
  ? { pages: 10_000, entries: 2_500, redirects: 1_500, words: 100_000, compressedMB: 5 }
  : { pages: 200_000, entries: 50_000, redirects: 30_000, words: 100_000, compressedMB: 50 };
const SEED = 9;
const cli = join(root, 'dist', 'cli.js');
const START = '<!-- import-bench:start -->';
const END = '<!-- import-bench:end -->';

const log = (m) => process.stderr.write(`[bench:import] ${m}\n`);

/** mulberry32: small, fast, seeded. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ['ka', 'ra', 'to', 'mi', 'sel', 'dan', 'vor', 'li', 'qua', 'zen', 'tor', 'bel', 'nor', 'shi', 'mar', 'ek', 'ul', 'fan', 'gri', 'hol', 'jas', 'ko', 'lun', 'pe', 'rix', 'sa', 'tev', 'ub', 'wen', 'yar'];
const WORDS = 'the of and to in a was he she it with for as on at by from that his her an they were had which their ship crew station planet council war fleet captain officer signal engine course sector border treaty colony mission patrol report log archive sensor shield warp orbit survey envoy delegation outpost academy science medical command security tactical'.split(' ');

function makeName(rand, used) {
  for (;;) {
    const part = () => {
      let s = '';
      const n = 2 + Math.floor(rand() * 2);
      for (let i = 0; i < n; i++) s += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
      return s[0].toUpperCase() + s.slice(1);
    };
    const name = `${part()} ${part()}`;
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
}

function xmlEscape(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Writes the export; returns what it holds. */
function generateDump(file) {
  const rand = prng(SEED);
  const used = new Set();
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const entryNames = Array.from({ length: plan.entries }, () => makeName(rand, used));
  const paragraphs = Array.from({ length: 1500 }, () => {
    let p = '';
    while (p.length < 560) {
      const w = pick(WORDS);
      const r = rand();
      p += r < 0.03 ? `[[${pick(entryNames)}]] ` : r < 0.04 ? `'''${w}''' ` : r < 0.045 ? `${w}<ref>A log entry.</ref> ` : `${w} `;
    }
    return `${p.trim()}.`;
  });
  const body = (n) => Array.from({ length: n }, () => pick(paragraphs)).join('\n\n');
  const kinds = [];
  const fd = openSync(file, 'w');
  let buffer = [];
  let buffered = 0;
  let bytes = 0;
  const out = (s) => {
    buffer.push(s);
    buffered += s.length;
    if (buffered > 4 << 20) flush();
  };
  const flush = () => {
    const chunk = Buffer.from(buffer.join(''), 'utf8');
    writeSync(fd, chunk);
    bytes += chunk.length;
    buffer = [];
    buffered = 0;
  };
  out('<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11" xml:lang="en">\n  <siteinfo>\n    <sitename>Memory Alpha</sitename>\n    <dbname>enmemoryalpha</dbname>\n  </siteinfo>\n');
  let id = 0;
  const page = (title, ns, text, redirect) => {
    id++;
    out(`  <page>\n    <title>${xmlEscape(title)}</title>\n    <ns>${ns}</ns>\n    <id>${id}</id>\n${redirect ? `    <redirect title="${xmlEscape(redirect).replace(/"/g, '&quot;')}" />\n` : ''}    <revision>\n      <id>${1_000_000 + id}</id>\n      <timestamp>2024-01-01T00:00:00Z</timestamp>\n      <text bytes="${text.length}" xml:space="preserve">${xmlEscape(text)}</text>\n    </revision>\n  </page>\n`);
  };
  // Pages in a shuffled order of types, as a real dump interleaves them.
  const plain = plan.pages - plan.entries - plan.redirects;
  const types = [...Array(plan.entries).fill('e'), ...Array(plan.redirects).fill('r'), ...Array(plain).fill('p')];
  for (let i = types.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [types[i], types[j]] = [types[j], types[i]];
  }
  let entry = 0;
  let dead = 0;
  for (const type of types) {
    if (type === 'e') {
      const name = entryNames[entry++];
      const r = rand();
      const year = 2200 + Math.floor(rand() * 200);
      let box;
      if (r < 0.7) {
        const died = rand() < 0.4 ? year + 20 + Math.floor(rand() * 60) : undefined;
        if (died) dead++;
        box = `{{sidebar individual\n| name = ${name}\n| species = [[Human]]\n| affiliation = [[Starfleet]]<br />[[${pick(entryNames)}]]\n| rank = [[Lieutenant]]\n| born = {{d|${1 + Math.floor(rand() * 28)}|July|${year}}}, [[Earth]]<ref>Stated.</ref>\n${died ? `| died = [[${died}]], [[${pick(entryNames)}]]\n| status = Deceased\n` : '| status = Active\n'}| father = [[${pick(entryNames)}]]\n| sibling = [[${pick(entryNames)}]]\n}}`;
        kinds.push('character');
      } else if (r < 0.8) {
        box = `{{sidebar starship\n| name = ${name}\n| registry = NCC-${Math.floor(rand() * 90000)}\n| status = Destroyed\n| datestatus = [[${year + 30}]]\n}}`;
        kinds.push('ship');
      } else if (r < 0.9) {
        box = `{{sidebar planet\n| name = ${name}\n| location = [[Beta Quadrant]]\n}}`;
        kinds.push('place');
      } else if (r < 0.95) {
        box = `{{sidebar organization\n| name = ${name}\n| founded = [[${year}]]\n}}`;
        kinds.push('organization');
      } else {
        box = `{{sidebar event\n| name = ${name}\n| date = [[${1 + Math.floor(rand() * 28)} March]] [[${year}]]\n}}`;
        kinds.push('event');
      }
      page(name, 0, `${box}\n'''${name}''' was ${pick(paragraphs)}\n\n==History==\n${body(13)}`);
    } else if (type === 'r') {
      const target = pick(entryNames);
      page(makeName(rand, used), 0, `#REDIRECT [[${target}]]`, target);
    } else {
      const talk = rand() < 0.1;
      page(talk ? `Talk:${makeName(rand, used)}` : makeName(rand, used), talk ? 1 : 0, `{{incomplete}}\n${body(16)}`);
    }
  }
  out('</mediawiki>\n');
  flush();
  closeSync(fd);
  return { bytes, pages: types.length, entries: plan.entries, names: entryNames, dead };
}

function timed(args, options = {}) {
  const t = performance.now();
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, ...args], { ...options, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 512 << 20 });
  const wall = performance.now() - t;
  const stderr = r.stderr.toString();
  const rss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? NaN);
  const cpu = Number(/User time \(seconds\): ([\d.]+)/.exec(stderr)?.[1] ?? 0) + Number(/System time \(seconds\): ([\d.]+)/.exec(stderr)?.[1] ?? 0);
  return { wall, rssKB: rss, cpuS: cpu, status: r.status, stdout: r.stdout.toString(), stderr };
}

function manuscript(names, words) {
  const rand = prng(SEED + 1);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const lines = ['---', 'date: 2380', '---', ''];
  let count = 0;
  while (count < words) {
    if (rand() < 0.05) lines.push(`<!-- when: ${2250 + Math.floor(rand() * 200)} -->`, '');
    const sentence = [];
    for (let i = 0; i < 12; i++) sentence.push(pick(WORDS));
    const name = pick(names);
    const line = `${name} walked to the ${pick(WORDS)}. ${sentence.join(' ')}.`;
    count += line.split(' ').length;
    lines.push(line, '');
  }
  return lines.join('\n');
}

function compressedSample(dump, sampleFile) {
  // The first N MB of the dump, cut at a page boundary, closed as an export.
  const fd = openSync(dump, 'r');
  const buf = Buffer.alloc(plan.compressedMB << 20);
  const n = readSync(fd, buf);
  closeSync(fd);
  let text = buf.subarray(0, n).toString('utf8');
  text = `${text.slice(0, text.lastIndexOf('</page>') + 8)}</mediawiki>\n`;
  writeFileSync(sampleFile, text);
  spawnSync('sh', ['-c', `gzip -1 -kc '${sampleFile}' > '${sampleFile}.gz' && bzip2 -1 -kc '${sampleFile}' > '${sampleFile}.bz2'`]);
  const sevenZip = join(root, 'node_modules', '7zip-bin', 'linux', process.arch, '7za');
  spawnSync(sevenZip, ['a', '-mx1', '-bd', '-bso0', `${sampleFile}.7z`, sampleFile]);
  return statSync(sampleFile).size;
}

let loadStart = 0;

function main() {
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `node esbuild.mjs` first (npm run bench:import does)');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const dump = join(work, 'dump.xml');
  loadStart = loadavg()[0];
  log(`generating ${plan.pages.toLocaleString('en')} pages…`);
  let t = performance.now();
  const generated = generateDump(dump);
  log(`  ${(generated.bytes / 1e9).toFixed(2)} GB in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const ws = join(work, 'workspace');
  mkdirSync(ws, { recursive: true });
  log('importing…');
  const imported = timed([cli, 'import', 'mediawiki', dump, '--preset', 'memory-alpha', '--out', 'lore/imported', '--format', 'json'], { cwd: ws });
  if (imported.status !== 0 && imported.status !== 1) throw new Error(`import failed: ${imported.stderr.slice(0, 800)}`);
  const report = JSON.parse(imported.stdout);
  const mbps = generated.bytes / 1e6 / (imported.wall / 1000);
  log(`  ${(imported.wall / 1000).toFixed(1)} s, ${mbps.toFixed(1)} MB/s, peak RSS ${(imported.rssKB / 1024).toFixed(0)} MiB, ${report.entries} entries`);
  log('importing again on one thread…');
  const single = timed([cli, 'import', 'mediawiki', dump, '--preset', 'memory-alpha', '--out', 'lore/imported-1', '--format', 'json'], { cwd: ws, env: { ...process.env, LOREKEEPER_THREADS: '1' } });
  const same = spawnSync('diff', ['-r', join(ws, 'lore/imported'), join(ws, 'lore/imported-1')]).status === 0;
  rmSync(join(ws, 'lore/imported-1'), { recursive: true, force: true });
  log(`  ${(single.wall / 1000).toFixed(1)} s, peak RSS ${(single.rssKB / 1024).toFixed(0)} MiB, same files: ${same}`);

  log('checking a manuscript against the imported base…');
  writeFileSync(join(ws, 'lorekeeper.yaml'), 'lore: [lore/imported]\n');
  mkdirSync(join(ws, 'chapters'), { recursive: true });
  writeFileSync(join(ws, 'chapters', 'story.md'), manuscript(generated.names, plan.words));
  const env = { ...process.env, XDG_CACHE_HOME: join(work, 'cache'), NO_COLOR: '1' };
  const cold = timed([cli, 'check', 'chapters', '--format', 'json', '--no-cache'], { cwd: ws, env });
  const firstWarm = timed([cli, 'check', 'chapters', '--format', 'json'], { cwd: ws, env });
  const warm = timed([cli, 'check', 'chapters', '--format', 'json'], { cwd: ws, env });
  const diagnostics = JSON.parse(cold.stdout).diagnostics;
  const byCode = {};
  for (const d of diagnostics) byCode[d.code] = (byCode[d.code] ?? 0) + 1;
  log(`  cold ${(cold.wall / 1000).toFixed(1)} s, warm ${(warm.wall / 1000).toFixed(1)} s; ${diagnostics.length} diagnostics`);

  log(`compressed formats on a ${plan.compressedMB} MB slice…`);
  const sample = join(work, 'sample.xml');
  const sampleBytes = compressedSample(dump, sample);
  const formats = [];
  let reference;
  for (const ext of ['', '.gz', '.bz2', '.7z']) {
    const out = `lore/sample${ext.replace('.', '-') || '-xml'}`;
    const r = timed([cli, 'import', 'mediawiki', sample + ext, '--preset', 'memory-alpha', '--out', out, '--format', 'json'], { cwd: ws });
    const files = spawnSync('sh', ['-c', `cd '${join(ws, out)}' && cat $(ls | sort) | md5sum`]).stdout.toString().trim();
    reference ??= files;
    formats.push({ ext: ext || '.xml', wall: r.wall, rssKB: r.rssKB, cpuS: r.cpuS, fileBytes: statSync(sample + ext).size, same: files === reference, status: r.status });
    log(`  ${ext || '.xml'}: ${(sampleBytes / 1e6 / (r.wall / 1000)).toFixed(1)} MB/s of XML, same output: ${files === reference}`);
  }

  const mib = (kb) => `${(kb / 1024).toFixed(0)} MiB`;
  const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
  const ok = (b) => (b ? '✅ yes' : '❌ no');
  const section = `${START}
## Import (\`lorekeeper import mediawiki\`)

\`npm run bench:import\` (bench/import.mjs, seed ${SEED}): a generated MediaWiki export in Memory Alpha's shape — ${generated.pages.toLocaleString('en')} pages, ${(generated.bytes / 1e9).toFixed(2)} GB of XML (${plan.entries.toLocaleString('en')} infobox pages, ${plan.redirects.toLocaleString('en')} redirects, the rest articles without infobox and talk pages; refs, links, nested \`{{d|…}}\` dates) — generated into bench/.work/import/, never committed. Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, shared: load average ${loadStart.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end, Node ${process.version}. Wall times on a shared machine depend on its load; CPU seconds less so.

| target | goal | measured | met |
|---|---|---|---|
| import throughput (XML bytes / wall time) | ≥ 20 MB/s | ${mbps.toFixed(1)} MB/s (${s(imported.wall)}, CPU ${imported.cpuS.toFixed(1)} s) | ${ok(mbps >= 20)} |
| the same on one thread (\`LOREKEEPER_THREADS=1\`) | — | ${(generated.bytes / 1e6 / (single.wall / 1000)).toFixed(1)} MB/s (${s(single.wall)}, CPU ${single.cpuS.toFixed(1)} s, ${mib(single.rssKB)}); same files as two threads: ${ok(same)} | |
| XML bytes per CPU second (what a quiet machine gives per core) | — | two threads ${(generated.bytes / 1e6 / imported.cpuS).toFixed(1)} MB/s, one thread ${(generated.bytes / 1e6 / single.cpuS).toFixed(1)} MB/s | |
| peak memory of the import (max RSS) | ≤ 500 MiB | ${mib(imported.rssKB)} | ${ok(imported.rssKB <= 500 * 1024)} |
| entries written | ${plan.entries.toLocaleString('en')} | ${report.entries.toLocaleString('en')} (${Object.entries(report.entriesByKind).map(([k, n]) => `${n} ${k}`).join(', ')}); ${report.redirects.toLocaleString('en')} redirects; lore problems when loaded: ${byCode['lore-duplicate-alias'] ?? 0} shared aliases, ${Object.entries(byCode).filter(([c]) => c.startsWith('lore-')).reduce((a, [, n]) => a + n, 0)} in all | ${ok(report.entries === plan.entries)} |
| load the imported base + check a ${plan.words.toLocaleString('en')}-word manuscript | runs | cold (\`--no-cache\`) ${s(cold.wall)}, ${mib(cold.rssKB)}; warm ${s(warm.wall)}, ${mib(warm.rssKB)} (first warm run, writing the cache: ${s(firstWarm.wall)}); ${diagnostics.length} diagnostics (${Object.entries(byCode).map(([c, n]) => `${n} ${c}`).join(', ') || 'none'}) | ${ok(cold.status === 0 || cold.status === 1)} |

Compressed inputs, on the first ${plan.compressedMB} MB of the same dump (${(sampleBytes / 1e6).toFixed(1)} MB of XML; MB/s counts XML bytes):

| input | file size | wall | MB/s of XML | CPU | peak RSS | same files as .xml |
|---|---:|---:|---:|---:|---:|---|
${formats.map((f) => `| ${f.ext} | ${(f.fileBytes / 1e6).toFixed(1)} MB | ${s(f.wall)} | ${(sampleBytes / 1e6 / (f.wall / 1000)).toFixed(1)} | ${f.cpuS.toFixed(1)} s | ${mib(f.rssKB)} | ${ok(f.same)} |`).join('\n')}

.gz is Node's zlib, .bz2 is \`unbzip2-stream\` (pure JavaScript), .7z is the 7-Zip binary of \`7zip-bin\` streaming to stdout (\`7za x -so\`), which runs beside the importer on the second core.
${END}`;
  const reportFile = quick ? join(work, 'REPORT-quick.md') : join(root, 'bench', 'REPORT.md');
  const previous = existsSync(reportFile) ? readFileSync(reportFile, 'utf8') : '';
  const at = previous.indexOf(START);
  const end = previous.indexOf(END);
  const next = at >= 0 && end > at ? `${previous.slice(0, at)}${section}${previous.slice(end + END.length)}` : `${previous.trimEnd()}\n\n${section}\n`;
  writeFileSync(reportFile, next);
  log(`wrote ${reportFile}`);
  if (!quick) rmSync(dump, { force: true });
}

main();
