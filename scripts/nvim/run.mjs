// A real second editor: Neovim, headless, with its built-in LSP client, on the sample story.
// Passes when Neovim shows Lorekeeper's diagnostics (one of each code the sample demonstrates)
// and the hover card of a name. Usage: node scripts/nvim/run.mjs (after npm run build).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const version = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
if (version.error || version.status !== 0) {
  console.error('nvim not found: install Neovim (apt-get install -y neovim) — .ci/run does.');
  process.exit(1);
}
const work = mkdtempSync(join(tmpdir(), 'lorekeeper-nvim-'));
const out = join(work, 'result.json');
const story = join(root, 'examples', 'the-vineyard-at-dusk.md');
const started = Date.now();
const run = spawnSync('nvim', ['--headless', '--clean', '-n', '-i', 'NONE', '-c', `luafile ${join(root, 'test', 'nvim', 'lorekeeper.lua')}`], {
  cwd: root,
  encoding: 'utf8',
  timeout: 60_000,
  env: { ...process.env, LK_ROOT: root, LK_CLI: join(root, 'dist', 'cli.js'), LK_OUT: out, XDG_STATE_HOME: work, XDG_DATA_HOME: work, XDG_CACHE_HOME: work },
});
let result;
try {
  result = JSON.parse(readFileSync(out, 'utf8'));
} catch {
  console.error(`Neovim wrote no result (status ${run.status}${run.error ? `, ${run.error.message}` : ''}).\n${run.stderr}`);
  process.exit(1);
} finally {
  rmSync(work, { recursive: true, force: true });
}

const failures = [];
const expect = (ok, what) => {
  if (!ok) failures.push(what);
};
const codes = [...new Set(result.diagnostics.map((d) => d.code))].sort();
const wanted = ['dead-character', 'nonexistent-entity', 'unborn-character', 'unknown-name', 'wrong-age', 'wrong-date', 'wrong-elapsed-time', 'wrong-title'];
expect(result.errors.length === 0, `no Lua errors (got ${result.errors.join('; ')})`);
expect(result.filetype === 'markdown', `the story opens as Markdown (got ${result.filetype})`);
expect(JSON.stringify(codes) === JSON.stringify(wanted), `diagnostics of every code the sample shows: ${wanted.join(', ')} (got ${codes.join(', ') || 'none'})`);
expect(result.diagnostics.length === wanted.length, `one diagnostic of each (got ${result.diagnostics.length})`);
expect(result.diagnostics.every((d) => d.source === 'Lorekeeper'), 'every diagnostic is Lorekeeper\'s');
expect(typeof result.hover === 'string' && result.hover.includes('### Jean-Luc Picard'), `a hover card for Picard (got ${JSON.stringify(result.hover).slice(0, 200)})`);
expect(typeof result.hover === 'string' && /\b94\b/.test(result.hover), 'the card gives his age at the scene\'s date');
// Every scene marker of the sample gets the date and mode understood there, in order, and so does
// the front matter's opening line (the sample's front matter gives the story's date).
const storyLines = readFileSync(story, 'utf8').split('\n');
const markers = [...(storyLines[0] === '---' ? [0] : []), ...storyLines.flatMap((text, line) => (/^<!--\s*when:/.test(text) ? [line] : []))];
const hints = result.inlayHints ?? [];
expect(hints.length === markers.length && hints.every((h, i) => h.line === markers[i]), `an inlay hint at the front matter and each scene marker (${markers.length}) (got lines ${hints.map((h) => h.line).join(', ') || 'none'})`);
expect(hints.some((h) => h.label === '5 April 2385 · memory') && hints.some((h) => h.label === '2399 · dream'), `the hints say the date and mode understood (got ${hints.map((h) => h.label).join(' | ')})`);
const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (failures.length > 0) {
  console.error(`Neovim + lorekeeper lsp: FAILED (${seconds} s)\n${failures.map((f) => `  ✖ ${f}`).join('\n')}`);
  process.exit(1);
}
console.log(`Neovim ${version.stdout.split('\n')[0].replace(/^NVIM /, '')} + lorekeeper lsp: ${result.diagnostics.length} diagnostics (${codes.join(', ')}) and the hover card of Picard, ${hints.length} marker hints, in ${seconds} s.`);
