// The language server's lore cache between runs: the one `lorekeeper check` keeps, read by a second
// start instead of parsing the lore, never stale (a file changed between runs or while the server
// runs is read again), shared with the CLI in both directions, and off with `--no-cache`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CLI, testBench, type LspClient, type Published, type Range } from './client';

const PEOPLE = `
- name: Data
  born: 2338
  died: 2379
  image: portraits/data.png
- name: Jean-Luc Picard
  aliases: [Picard]
  born: 2305
`;
// people.yaml is plain block YAML, which the fast reader reads (its parse is made again rather than
// kept on disk: that is quicker than reading it back); places.yaml has a comment inside an entry,
// so the `yaml` document model reads it, and the disk cache keeps its parse.
const PLACES = `
- name: Enterprise
  # the ship, not the book
  kind: ship
`;
const CHAPTER = `<!-- when: 2399 -->
Data walked the Enterprise with Picard.
Pickard smiled.
`;

const bench = testBench({ 'lore/people.yaml': PEOPLE, 'lore/places.yaml': PLACES, 'chapters/one.md': CHAPTER }, after);
const homes: string[] = [];
after(() => {
  for (const home of homes) rmSync(home, { recursive: true, force: true });
});

/** A cache folder of its own (the projects have no node_modules, so the cache goes to XDG_CACHE_HOME). */
function cacheHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'lorekeeper-lsp-cache-test-'));
  homes.push(home);
  return home;
}

const codes = (p: Published) => p.diagnostics.map((d) => d.code).sort();

/** The server's line on a load: `… N files, P parsed[, the merged base from the lore cache].` */
async function loadLine(c: LspClient, nth = 1): Promise<{ parsed: number; fromCache: boolean }> {
  const lines = (): string[] =>
    c.notifications
      .filter((n) => n.method === 'window/logMessage')
      .map((n) => (n.params as { message: string }).message)
      .filter((m) => /lore loaded/.test(m));
  await c.waitFor(() => lines().length >= nth, 20_000);
  const line = lines()[nth - 1];
  return { parsed: Number(/(\d+) parsed/.exec(line)?.[1]), fromCache: /from the lore cache/.test(line) };
}

/** Starts a server on the project, opens the chapter, and returns its first diagnostics. */
async function start(dir: string, uri: string, home: string, args: string[] = ['--stdio']) {
  const c = bench.client({ env: { XDG_CACHE_HOME: home }, args });
  await c.initialize([dir]);
  c.open(uri, CHAPTER);
  const first = await c.diagnosticsFor(uri, 0, () => true, 20_000);
  return { c, first, load: await loadLine(c) };
}

/** A fresh project and cache folder, after one server start that filled the cache (its first diagnostics kept). */
async function warmedProject() {
  const p = bench.project();
  const home = cacheHome();
  const uri = p.uri('chapters/one.md');
  const one = await start(p.dir, uri, home);
  await one.c.shutdown();
  return { p, home, uri, one };
}

test('lsp cache: a second start reads the merged base from the cache and parses nothing; the answers are the same', async () => {
  const p = bench.project();
  const home = cacheHome();
  const uri = p.uri('chapters/one.md');
  const one = await start(p.dir, uri, home);
  assert.deepEqual(one.load, { parsed: 2, fromCache: false });
  // The cache is written after the load (here at the latest on shutdown), where the CLI keeps it.
  await one.c.shutdown();
  assert.ok(readdirSync(join(home, 'lorekeeper')).some((f) => f.endsWith('.base.json')), 'the merged base was written');
  assert.ok(readdirSync(join(home, 'lorekeeper')).some((f) => f.endsWith('.names.bin')), 'and its name index');
  assert.ok(readdirSync(join(home, 'lorekeeper')).some((f) => f.endsWith('.typos.bin')), 'and the typo index the unknown-name check built');

  const two = await start(p.dir, uri, home);
  assert.deepEqual(two.load, { parsed: 0, fromCache: true });
  assert.ok(two.c.notifications.some((n) => n.method === 'window/logMessage' && /the merged base, its name index and its typo index from the lore cache/.test((n.params as { message: string }).message)), 'the name and typo indexes restored, not rebuilt');
  assert.deepEqual(two.first.diagnostics, one.first.diagnostics);
  assert.deepEqual(codes(two.first), ['dead-character', 'unknown-name']);
  // What the base holds is in the server's terms again: URIs of the lore files, not the cache's relative paths.
  const def = await two.c.request<{ uri: string; range: Range }>('textDocument/definition', { textDocument: { uri }, position: { line: 1, character: 1 } });
  assert.equal(def.uri, p.uri('lore/people.yaml'));
  const hover = await two.c.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 1 } });
  assert.match(hover.contents.value, /Data/);
  await two.c.shutdown();
});

test('lsp cache: a cached base whose name and typo indexes are missing (an older cache) gets them written, and the next start restores them', async () => {
  const { p, home, uri, one } = await warmedProject();
  const folder = join(home, 'lorekeeper');
  const derived = (): string[] => readdirSync(folder).filter((f) => /\.(names|typos)\.bin$/.test(f)).sort();
  assert.equal(derived().length, 2);
  for (const file of derived()) rmSync(join(folder, file));
  const loadMessage = (c: LspClient): string | undefined => c.notifications.map((n) => (n.params as { message?: string }).message ?? '').find((m) => /lore loaded/.test(m));
  const two = await start(p.dir, uri, home);
  assert.deepEqual(two.load, { parsed: 0, fromCache: true });
  assert.match(loadMessage(two.c) ?? '', /, the merged base from the lore cache/, 'the indexes built, not restored');
  await two.c.shutdown();
  assert.equal(derived().length, 2, 'written beside the cached base once built');
  const three = await start(p.dir, uri, home);
  assert.match(loadMessage(three.c) ?? '', /the merged base, its name index and its typo index from the lore cache/);
  assert.deepEqual(three.first.diagnostics, one.first.diagnostics);
  await three.c.shutdown();
  // The near miss: a start that restored both writes neither again.
  const written = derived().map((f) => statSync(join(folder, f)).mtimeMs);
  const four = await start(p.dir, uri, home);
  await four.c.shutdown();
  assert.deepEqual(derived().map((f) => statSync(join(folder, f)).mtimeMs), written, 'nothing rewritten');
});

test('lsp cache: a lore file changed between runs is read again (only it), never served stale', async () => {
  const { p, home, uri } = await warmedProject();

  // Data lives on in this story now: the dead-character warning must go.
  writeFileSync(join(p.dir, 'lore/people.yaml'), PEOPLE.replace('  died: 2379\n', ''));
  const two = await start(p.dir, uri, home);
  assert.deepEqual(two.load, { parsed: 1, fromCache: false });
  assert.deepEqual(codes(two.first), ['unknown-name']);
  await two.c.shutdown();

  // The third start takes the base the second one wrote.
  const three = await start(p.dir, uri, home);
  assert.deepEqual(three.load, { parsed: 0, fromCache: true });
  assert.deepEqual(codes(three.first), ['unknown-name']);
  await three.c.shutdown();
});

test('lsp cache: after a warm start, a lore file edited on disk while the server runs is read again', async () => {
  const { p, home, uri } = await warmedProject();

  const { c, load, first } = await start(p.dir, uri, home);
  assert.deepEqual(load, { parsed: 0, fromCache: true });
  assert.deepEqual(codes(first), ['dead-character', 'unknown-name']);
  // Once idle, the server reads the parses behind the cached base, for quick reloads: places.yaml's
  // from the disk cache, people.yaml's made again by the fast reader (never kept on disk).
  const warmUp = await c.waitFor((n) => n.method === 'window/logMessage' && /parses read for quick reloads/.test((n.params as { message: string }).message), 20_000);
  assert.match((warmUp.params as { message: string }).message, /\(1 parsed\)/);
  writeFileSync(join(p.dir, 'lore/people.yaml'), PEOPLE.replace('  died: 2379\n', '').replace('Picard]', 'Picard, Pickard]'));
  const from = c.notifications.length;
  c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: p.uri('lore/people.yaml'), type: 2 }] });
  assert.deepEqual(codes(await c.diagnosticsAfterReload(uri, from)), []);
  // The unchanged file came from the parses in memory; the changed one was parsed.
  assert.deepEqual(await loadLine(c, 2), { parsed: 1, fromCache: false });
  await c.shutdown();
});

test('lsp cache: lorekeeper check and the server warm each other', async () => {
  const p = bench.project();
  const uri = p.uri('chapters/one.md');
  const check = (home: string) =>
    spawnSync(process.execPath, [CLI, 'check', 'chapters', '--format', 'json'], { cwd: p.dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', LOREKEEPER_TIMING: '1', XDG_CACHE_HOME: home } });

  // The CLI first: the server then parses nothing, and finds what the CLI found.
  const cliFirst = cacheHome();
  const cold = check(cliFirst);
  assert.match(cold.stderr, /load lore \(2 parsed\)/);
  const server = await start(p.dir, uri, cliFirst);
  assert.deepEqual(server.load, { parsed: 0, fromCache: true });
  assert.ok(server.c.notifications.some((n) => n.method === 'window/logMessage' && /the merged base, its name index and its typo index from the lore cache/.test((n.params as { message: string }).message)), "the CLI's name and typo indexes restored");
  const found = (JSON.parse(cold.stdout) as { diagnostics: Array<{ code: string }> }).diagnostics.map((d) => d.code).sort();
  assert.deepEqual(codes(server.first), found);
  const def = await server.c.request<{ uri: string }>('textDocument/definition', { textDocument: { uri }, position: { line: 1, character: 1 } });
  assert.equal(def.uri, p.uri('lore/people.yaml'));
  await server.c.shutdown();

  // The server first: the CLI then parses nothing, and its output is the same as from a cold run.
  const serverFirst = cacheHome();
  await (await start(p.dir, uri, serverFirst)).c.shutdown();
  const warm = check(serverFirst);
  assert.match(warm.stderr, /load lore \(0 parsed\)/);
  assert.equal(warm.stdout, cold.stdout);
});

test('lsp cache: --no-cache parses every file and writes nothing; a near miss, the default, writes the cache', async () => {
  const p = bench.project();
  const uri = p.uri('chapters/one.md');
  const off = cacheHome();
  const first = await start(p.dir, uri, off, ['--stdio', '--no-cache']);
  assert.deepEqual(first.load, { parsed: 2, fromCache: false });
  await first.c.shutdown();
  assert.equal(existsSync(join(off, 'lorekeeper')), false);
  const second = await start(p.dir, uri, off, ['--stdio', '--no-cache']);
  assert.deepEqual(second.load, { parsed: 2, fromCache: false });
  await second.c.shutdown();

  const on = cacheHome();
  await (await start(p.dir, uri, on)).c.shutdown();
  assert.equal(existsSync(join(on, 'lorekeeper')), true);
});

test('lsp cache: a cache file that is not a cache (garbage) is a cold start, not a failure', async () => {
  const p = bench.project();
  const uri = p.uri('chapters/one.md');
  const home = cacheHome();
  await (await start(p.dir, uri, home)).c.shutdown();
  for (const name of readdirSync(join(home, 'lorekeeper'))) writeFileSync(join(home, 'lorekeeper', name), '{"format": 7, "build": "x", "files": [1, 2');
  const { c, load, first } = await start(p.dir, uri, home);
  assert.deepEqual(load, { parsed: 2, fromCache: false });
  assert.deepEqual(codes(first), ['dead-character', 'unknown-name']);
  await c.shutdown();
});
