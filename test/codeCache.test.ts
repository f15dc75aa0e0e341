// dist/cli.js runs the CLI's bundle with V8's code cache of an earlier check (src/cli/codeCache.ts):
// a check writes it, the next one uses it, and a damaged, foreign or refused cache file is a run
// compiled as without one — the same output, never a crash — after which it is written again.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { readCodeCache, writeCodeCache } from '../src/cli/codeCache';

const CLI = resolve('dist/cli.js');
const root = mkdtempSync(join(tmpdir(), 'lorekeeper-code-cache-'));
after(() => rmSync(root, { recursive: true, force: true }));

function project(name: string): { dir: string; cache: string } {
  const dir = join(root, name);
  mkdirSync(join(dir, 'lore'), { recursive: true });
  writeFileSync(join(dir, 'lore', 'crew.yaml'), '- name: Data\n  died: 2379\n');
  writeFileSync(join(dir, 'chapter.md'), '---\ndate: 2399\n---\n\nData walked to the window.\n');
  return { dir, cache: join(dir, 'cache') };
}

function run(p: { dir: string; cache: string }, args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; use: string | undefined; server: string | undefined } {
  // (stdin empty and closed: a language server started ends at once.)
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: p.dir, encoding: 'utf8', input: '', env: { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: p.cache, LOREKEEPER_TIMING: '1', ...env } });
  const use = /^code cache of lorekeeper\.js: (\w+)$/m.exec(r.stderr)?.[1];
  const server = /^code cache of server\.js: (\w+)$/m.exec(r.stderr)?.[1];
  return { status: r.status, stdout: r.stdout, use, server };
}

const codeFiles = (p: { cache: string }): string[] => {
  const folder = join(p.cache, 'lorekeeper');
  return existsSync(folder) ? readdirSync(folder).filter((f) => f.startsWith('code-')).map((f) => join(folder, f)) : [];
};

const CHECK = ['check', 'chapter.md', '--format', 'json'];

test('code cache: a check writes it, the next check uses it, and the output is the same', () => {
  const p = project('warm');
  const first = run(p, CHECK);
  assert.equal(first.use, 'missing');
  assert.equal(first.status, 1);
  assert.match(first.stdout, /"code": ?"dead-character"/);
  const [file] = codeFiles(p);
  assert.ok(file && readCodeCache(file), 'a whole cache file was left');
  const second = run(p, CHECK);
  assert.equal(second.use, 'used');
  assert.equal(second.stdout, first.stdout);
  assert.equal(second.status, 1);
  // Two threads: the worker runs the bundle itself, without the cache, to the same result.
  assert.equal(run(p, [...CHECK, 'chapter.md', '--threads', '2']).status, 1);
});

test('code cache: garbage, a digest that does not match, or code V8 refuses is a run without it, then written again', () => {
  const p = project('damaged');
  const cold = run(p, CHECK);
  const [file] = codeFiles(p);
  const good = readFileSync(file);
  const newline = good.indexOf(10);
  const flipped = Buffer.from(good);
  flipped[flipped.length - 1] ^= 0xff;
  const damages: Array<[string, () => void, string]> = [
    ['garbage', () => writeFileSync(file, 'garbage\n\u0000\u0001'), 'missing'],
    ['empty', () => writeFileSync(file, ''), 'missing'],
    ['cut short', () => writeFileSync(file, good.subarray(0, good.length >> 1)), 'missing'],
    ['one byte changed', () => writeFileSync(file, flipped), 'missing'],
    ['another header', () => writeFileSync(file, Buffer.concat([Buffer.from('{"format":2}\n'), good.subarray(newline + 1)])), 'missing'],
    // Whole by its digest, but not V8's code (as from another Node): V8 refuses it.
    ['not V8 code', () => writeCodeCache(file, Buffer.from('not the code of this bundle, nor of any'), CLI), 'refused'],
    ['a folder', () => (rmSync(file), mkdirSync(file)), 'missing'],
  ];
  for (const [name, damage, use] of damages) {
    damage();
    const r = run(p, CHECK);
    assert.equal(r.use, use, name);
    assert.equal(r.stdout, cold.stdout, name);
    assert.equal(r.status, 1, name);
    if (name === 'a folder') continue;
    assert.equal(run(p, CHECK).use, 'used', `${name}: written again`);
  }
});

test('code cache: LOREKEEPER_CODE_CACHE=off, --no-cache and other commands write none; the near miss, a check, does', () => {
  const p = project('off');
  assert.equal(run(p, CHECK, { LOREKEEPER_CODE_CACHE: 'off' }).use, 'off');
  assert.deepEqual(codeFiles(p), []);
  const cold = run(p, [...CHECK, '--no-cache']);
  assert.equal(cold.use, 'missing');
  assert.equal(cold.status, 1);
  assert.deepEqual(codeFiles(p), [], '--no-cache writes nothing');
  assert.equal(run(p, ['--version']).status, 0);
  assert.deepEqual(codeFiles(p), [], 'only a check writes the code cache');
  assert.equal(run(p, CHECK).stdout, cold.stdout);
  assert.equal(codeFiles(p).length, 1);
});

test('code cache: a file of an older source of the same bundle is removed when a new one is written', () => {
  const p = project('older');
  const folder = join(p.cache, 'lorekeeper');
  mkdirSync(folder, { recursive: true });
  const older = join(folder, 'code-lorekeeper-0123456789abcdef.bin');
  const other = join(folder, 'code-server-0123456789abcdef.bin');
  writeFileSync(older, 'x');
  writeFileSync(other, 'x');
  run(p, CHECK);
  assert.equal(existsSync(older), false);
  assert.equal(existsSync(other), true, "another bundle's file stays");
});

test('code cache: `lsp` starts the server with its own cache, without the CLI bundle; --no-cache writes none', () => {
  const p = project('lsp');
  const first = run(p, ['lsp', '--stdio']);
  assert.equal(first.use, undefined, 'dist/lorekeeper.js is not run');
  assert.equal(first.server, 'missing');
  assert.equal(codeFiles(p).filter((f) => /code-server-/.test(f)).length, 1);
  assert.equal(run(p, ['lsp', '--stdio']).server, 'used');
  const off = project('lsp-off');
  assert.equal(run(off, ['lsp', '--stdio', '--no-cache']).server, 'missing');
  assert.deepEqual(codeFiles(off), []);
  // Its flags are checked before the server is loaded.
  const bad = run(off, ['lsp', '--bogus']);
  assert.equal(bad.status, 2);
  assert.equal(bad.server, undefined);
});

test("code cache: a check lowers V8's inlining budget and compiles its regexes once, leaves a flag given to node as it is, and the cache still serves it", () => {
  const p = project('flags');
  const flags = (nodeArgs: string[]): { line: string | undefined; use: string | undefined; stdout: string } => {
    const r = spawnSync(process.execPath, [...nodeArgs, CLI, ...CHECK], { cwd: p.dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: p.cache, LOREKEEPER_TIMING: '1' } });
    return { line: /^V8 flags of a check: (.*)$/m.exec(r.stderr)?.[1], use: /^code cache of lorekeeper\.js: (\w+)$/m.exec(r.stderr)?.[1], stdout: r.stdout };
  };
  const own = flags([]);
  assert.equal(own.line, '--max-inlined-bytecode-size=150 --max-inlined-bytecode-size-cumulative=300 --no-regexp-tier-up');
  const again = flags([]);
  assert.equal(again.use, 'used', 'the code cache written under the lowered budget is taken by the next check');
  assert.equal(again.stdout, own.stdout);
  assert.equal(flags(['--max_inlined_bytecode_size=460']).line, '--max-inlined-bytecode-size-cumulative=300 --no-regexp-tier-up');
  // A flag given to node is left as given, whichever way it is spelt (`--x`, `--no-x`, `--x=…`).
  assert.equal(flags(['--regexp-tier-up']).line, '--max-inlined-bytecode-size=150 --max-inlined-bytecode-size-cumulative=300');
  assert.equal(flags(['--no-regexp_tier_up']).line, '--max-inlined-bytecode-size=150 --max-inlined-bytecode-size-cumulative=300');
  const given = flags(['--max-inlined-bytecode-size=460', '--max-inlined-bytecode-size-cumulative=920', '--regexp-tier-up']);
  assert.equal(given.line, 'none (given to node)');
  assert.equal(given.stdout, own.stdout);
  // Only a check: another command runs with V8's defaults.
  const r = spawnSync(process.execPath, [CLI, '--version'], { cwd: p.dir, encoding: 'utf8', env: { ...process.env, LOREKEEPER_TIMING: '1' } });
  assert.doesNotMatch(r.stderr, /V8 flags/);
});
