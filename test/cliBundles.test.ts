// The CLI loads the bundles of other commands only when they run (src/cli/onDemand.ts): a warm
// `check` compiles dist/cli.js alone, while `timeline`, `lsp` and a YAML read still work from theirs.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';

const CLI = resolve('dist/cli.js');
const ON_DEMAND = ['commands.js', 'server.js', 'yaml.js'];
const root = mkdtempSync(join(tmpdir(), 'lorekeeper-bundles-'));
after(() => rmSync(root, { recursive: true, force: true }));

// Preloaded into the CLI (and its workers): names each on-demand bundle as Node loads it.
const tracer = join(root, 'trace.cjs');
writeFileSync(
  tracer,
  `const Module = require('node:module'); const { basename } = require('node:path'); const load = Module._load;
Module._load = function (request, ...rest) {
  const name = basename(request);
  if (${JSON.stringify(ON_DEMAND)}.includes(name)) process.stderr.write('[bundle] ' + name + '\\n');
  return load.call(this, request, ...rest);
};
`,
);

function project(name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function run(cwd: string, args: string[]): { status: number | null; stdout: string; stderr: string; bundles: string[] } {
  const r = spawnSync(process.execPath, ['-r', tracer, CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: join(root, 'cache') } });
  const bundles = [...new Set(r.stderr.split('\n').filter((l) => l.startsWith('[bundle] ')).map((l) => l.slice('[bundle] '.length)))].sort();
  const stderr = r.stderr.split('\n').filter((l) => l && !l.startsWith('[bundle] ')).join('\n');
  return { status: r.status, stdout: r.stdout, stderr, bundles };
}

test('cli bundles: dist/cli.js holds none of the importer, the server or yaml; the bundles it loads do', () => {
  // The dev build names each bundled package in a comment (`// node_modules/saxes/…`).
  const packages = (file: string) => new Set([...readFileSync(resolve('dist', file), 'utf8').matchAll(/^\/\/ node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)].map((m) => m[1]));
  // dist/cli.js starts dist/lorekeeper.js, the CLI itself (with the code cache, src/cli/codeCache.ts).
  for (const bundle of ['cli.js', 'lorekeeper.js']) {
    const cli = packages(bundle);
    for (const name of ['saxes', 'unbzip2-stream', 'vscode-languageserver', 'vscode-jsonrpc', 'yaml']) assert.ok(!cli.has(name), `dist/${bundle} bundles ${name}`);
  }
  assert.ok(readFileSync(resolve('dist', 'cli.js')).length < 20_000, 'dist/cli.js is a small starter');
  assert.ok(packages('commands.js').has('saxes'));
  assert.ok(packages('server.js').has('vscode-languageserver'));
  assert.ok(packages('yaml.js').has('yaml'));
});

const LORE = '- name: Data\n  died: 2379\n';
const STORY = '---\ndate: 2399\n---\n\nData walked to the window.\n';

test('cli bundles: a warm check loads no other bundle, and gives what the cold one gave', () => {
  const dir = project('warm', { 'lore/crew.yaml': LORE, 'chapter.md': STORY });
  const cold = run(dir, ['check', 'chapter.md', '--format', 'json']);
  assert.equal(cold.status, 1, cold.stderr);
  const warm = run(dir, ['check', 'chapter.md', '--format', 'json']);
  assert.equal(warm.status, 1, warm.stderr);
  assert.deepEqual(warm.bundles, []);
  assert.equal(warm.stdout, cold.stdout);
  assert.match(warm.stdout, /"code": ?"dead-character"/);
  // On two threads, the worker starts dist/lorekeeper.js again, not another bundle.
  const threads = run(dir, ['check', 'chapter.md', 'chapter.md', '--format', 'json', '--threads', '2']);
  assert.deepEqual(threads.bundles, []);
});

test('cli bundles: a lorekeeper.yaml is read with the yaml bundle, loaded then, and its settings apply', () => {
  const dir = project('config', { 'lore/crew.yaml': LORE, 'chapter.md': STORY, 'lorekeeper.yaml': 'checks:\n  dead-character: error\n' });
  const r = run(dir, ['check', 'chapter.md', '--format', 'json']);
  assert.equal(r.status, 1, r.stderr);
  assert.deepEqual(r.bundles, ['yaml.js']);
  assert.match(r.stdout, /"severity": ?"error"/);
});

test('cli bundles: timeline runs from dist/commands.js, and its usage errors stay one line with exit 2', () => {
  const dir = project('timeline', { 'lore/crew.yaml': LORE, 'chapter.md': STORY });
  const ok = run(dir, ['timeline', 'chapter.md', '--format', 'json']);
  assert.equal(ok.status, 0, ok.stderr);
  assert.ok(ok.bundles.includes('commands.js'));
  assert.equal((JSON.parse(ok.stdout) as { version: number }).version, 1);
  // A UsageError thrown in dist/commands.js is that bundle's own class: still a usage error.
  const bad = run(dir, ['timeline', '--bogus']);
  assert.equal(bad.status, 2);
  assert.equal(bad.stderr.split('\n').length, 1, bad.stderr);
  assert.match(bad.stderr, /^lorekeeper: unknown option --bogus/);
});

test('cli bundles: lsp checks its flags before it loads the server, and check and import name theirs', () => {
  const dir = project('lsp', {});
  const help = run(dir, ['lsp', '--help']);
  assert.equal(help.status, 0);
  assert.deepEqual(help.bundles, []);
  const bad = run(dir, ['lsp', '--bogus']);
  assert.equal(bad.status, 2);
  assert.deepEqual(bad.bundles, []);
  const importBad = run(dir, ['import', 'mediawiki']);
  assert.equal(importBad.status, 2);
  assert.equal(importBad.stderr.split('\n').length, 1, importBad.stderr);
  assert.deepEqual(run(dir, ['--version']).bundles, []);
});
