// The CLI as a user runs it: a real process, real files, exit statuses and output formats (SPEC §4).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, openSync, ftruncateSync, closeSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';

const CLI = resolve('dist/cli.js');

function run(args: string[], cwd = process.cwd()) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: join(tmpdir(), 'lorekeeper-test-cache') } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonDiagnostic { file: string; line: number; column: number; endLine: number; endColumn: number; severity: string; code: string; message: string; entity?: string; fix?: string }

const temporary: string[] = [];
after(() => {
  for (const dir of [...temporary, join(tmpdir(), 'lorekeeper-test-cache')]) rmSync(dir, { recursive: true, force: true });
});

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'lorekeeper-cli-'));
  temporary.push(dir);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

test('cli: the sample story shows one contradiction of every code and nothing else', () => {
  const { status, stdout } = run(['check', 'examples/', '--lore', 'lore', '--format', 'json']);
  assert.equal(status, 1);
  const { version, diagnostics } = JSON.parse(stdout) as { version: number; diagnostics: JsonDiagnostic[] };
  assert.equal(version, 1);
  assert.deepEqual(diagnostics.map((d) => d.code).sort(), [
    'dead-character', 'nonexistent-entity', 'unborn-character', 'unknown-name', 'wrong-age', 'wrong-date', 'wrong-elapsed-time', 'wrong-title',
  ]);
  for (const d of diagnostics) {
    assert.equal(d.file, 'examples/the-vineyard-at-dusk.md');
    assert.ok(d.line >= 1 && d.column >= 1 && d.endLine >= d.line && d.endColumn > d.column, JSON.stringify(d));
    assert.ok(typeof d.entity === 'string' && d.entity.length > 0);
  }
  assert.equal(diagnostics.find((d) => d.code === 'wrong-date')!.fix, '2385');
  assert.equal(diagnostics.find((d) => d.code === 'unknown-name')!.fix, 'Jurati');
  assert.equal(diagnostics.find((d) => d.code === 'wrong-title')!.fix, 'Admiral Picard');
});

test('cli: text output is file:line:col  severity  message  code, with a summary', () => {
  const { status, stdout } = run(['check', 'examples/the-vineyard-at-dusk.md']);
  assert.equal(status, 1);
  const lines = stdout.trim().split('\n');
  assert.match(lines[0], /^examples\/the-vineyard-at-dusk\.md:\d+:\d+ {2}(warning|info) {2}.+ {2}[a-z-]+$/);
  assert.match(lines[lines.length - 1], /^8 problems \(7 warnings, 1 info\) in 1 file checked\.$/);
});

test('cli: SARIF 2.1.0 with a rule for every code and results pointing into the file', () => {
  const { status, stdout } = run(['check', 'examples/', '--format=sarif']);
  assert.equal(status, 1);
  const sarif = JSON.parse(stdout);
  assert.equal(sarif.version, '2.1.0');
  const rules = sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id);
  for (const code of ['dead-character', 'unborn-character', 'nonexistent-entity', 'wrong-date', 'wrong-age', 'wrong-elapsed-time', 'unknown-name', 'wrong-title', 'lore-invalid-yaml', 'lore-period-overlap']) {
    assert.ok(rules.includes(code), code);
  }
  const results = sarif.runs[0].results;
  assert.equal(results.length, 8);
  assert.equal(results[0].locations[0].physicalLocation.artifactLocation.uri, 'examples/the-vineyard-at-dusk.md');
  assert.equal(rules[results[0].ruleIndex], results[0].ruleId);
});

test('cli: the Star Wars canon (an era calendar) is checked exactly as its fixture expects', () => {
  const dir = resolve('test/fixtures/starwars');
  const { stdout } = run(['check', 'manuscripts', '--format', 'json'], dir);
  const actual = (JSON.parse(stdout).diagnostics as JsonDiagnostic[]).map((d) => ({ file: d.file, line: d.line, code: d.code, entity: d.entity, fix: d.fix }));
  const expected = (JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')).diagnostics as Array<Record<string, unknown>>)
    .map((d) => ({ file: d.file, line: d.line, code: d.code, entity: d.entity, fix: d.fix }));
  assert.deepEqual(actual, expected);
});

test('cli: exit 0 when clean, and lorekeeper.yaml sets lore, manuscripts, exclude and per-code severities', () => {
  const dir = workspace({
    'canon/a.yaml': 'name: Data\nborn: 2338\ndied: 2379\n',
    'book/ch1.md': '<!-- when: 2399 -->\nData walked in.\n',
    'book/drafts/old.md': '<!-- when: 2399 -->\nData walked in.\n',
    'notes.md': '<!-- when: 2399 -->\nData walked in.\n',
    'lorekeeper.yaml': 'lore: canon\nmanuscripts: ["book/**/*.md"]\nexclude: [book/drafts]\nchecks:\n  dead-character: info\n',
  });
  const { status, stdout } = run(['check', '--format', 'json'], dir);
  const { diagnostics } = JSON.parse(stdout) as { diagnostics: JsonDiagnostic[] };
  assert.deepEqual(diagnostics.map((d) => [d.file, d.severity]), [['book/ch1.md', 'info']]);
  assert.equal(status, 0, 'info is below warning: exit 0');
  writeFileSync(join(dir, 'lorekeeper.yaml'), 'lore: canon\nmanuscripts: ["book/*.md"]\nchecks:\n  dead-character: off\n');
  assert.deepEqual(JSON.parse(run(['check', '--format', 'json'], dir).stdout).diagnostics, []);
});

test('cli: usage and configuration errors exit 2 with one line on stderr', () => {
  const cases: Array<[string[], RegExp, string?]> = [
    [['check', '--bogus'], /^lorekeeper: unknown option --bogus/],
    [['check', '--format', 'xml'], /^lorekeeper: unknown format "xml"/],
    [['check', '--lore', 'no/such/folder', 'examples'], /^lorekeeper: lore folder not found: no\/such\/folder/],
    [['check', 'no-such-file.md'], /^lorekeeper: no such file or folder: no-such-file\.md/],
    [['frobnicate'], /^lorekeeper: unknown command "frobnicate"/],
    [['check', '--config', 'missing.yaml'], /^lorekeeper: cannot read config file missing\.yaml/],
  ];
  for (const [args, pattern] of cases) {
    const { status, stderr, stdout } = run(args);
    assert.equal(status, 2, args.join(' '));
    assert.match(stderr, pattern);
    assert.equal(stderr.trim().split('\n').length, 1, 'one line');
    assert.equal(stdout, '');
  }
  const bad = workspace({ 'lore/a.yaml': 'name: A\n', 'lorekeeper.yaml': 'checks:\n  dead-charcter: off\n' });
  const result = run(['check'], bad);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /^lorekeeper: lorekeeper\.yaml: unknown check code "dead-charcter"/);
  const noLore = workspace({ 'story.md': 'x\n' });
  assert.equal(run(['check'], noLore).status, 2);
});

test('cli: broken lore, binary, non-UTF-8 and huge manuscripts are explained, never a crash', () => {
  const dir = resolve('test/fixtures/broken');
  const { status, stdout, stderr } = run(['check', 'manuscripts', '--format', 'json', '--no-cache'], dir);
  assert.equal(stderr, '');
  assert.equal(status, 1);
  const diagnostics = JSON.parse(stdout).diagnostics as JsonDiagnostic[];
  const byFile = (file: string) => diagnostics.filter((d) => d.file === file).map((d) => d.code);
  assert.deepEqual(byFile('manuscripts/binary.md'), ['unreadable-manuscript']);
  assert.deepEqual(byFile('manuscripts/latin1.txt'), ['unreadable-manuscript']);
  assert.deepEqual(byFile('manuscripts/ok.md'), []);
  assert.ok(byFile('lore/bad-yaml.yaml').includes('lore-invalid-yaml'));

  const big = workspace({ 'lore/a.yaml': 'name: Data\n' });
  const fd = openSync(join(big, 'huge.md'), 'w');
  ftruncateSync(fd, 50 * 1024 * 1024);
  closeSync(fd);
  const huge = run(['check', 'huge.md', '--format', 'json'], big);
  assert.equal(huge.status, 1);
  const [d] = JSON.parse(huge.stdout).diagnostics as JsonDiagnostic[];
  assert.equal(d.code, 'unreadable-manuscript');
  assert.match(d.message, /50\.0 MB, over the 20 MB limit/);
});

test('cli: --help and --version', () => {
  assert.match(run(['--help']).stdout, /^Usage: lorekeeper check \[PATH\.\.\.\]/);
  assert.match(run(['--version']).stdout, /^\d+\.\d+\.\d+\n$/);
  assert.equal(run(['check', '--help']).status, 0);
});

test('cli: a warm cache gives the same answer as a cold run', () => {
  const dir = workspace({ 'lore/a.yaml': 'name: Data\nborn: 2338\ndied: 2379\n', 'node_modules/.keep': '', 'a.md': '<!-- when: 2399 -->\nData walked in.\n' });
  const cold = run(['check', 'a.md', '--format', 'json'], dir);
  const warm = run(['check', 'a.md', '--format', 'json'], dir);
  assert.equal(warm.stdout, cold.stdout);
  writeFileSync(join(dir, 'lore/a.yaml'), 'name: Data\nborn: 2338\n');
  assert.deepEqual(JSON.parse(run(['check', 'a.md', '--format', 'json'], dir).stdout).diagnostics, [], 'an edited lore file is never served stale');
});

test('cli: a cold start parsed on worker threads gives the same answer as one thread', () => {
  const files: Record<string, string> = { 'story.md': '<!-- when: 2399 -->\nName7 walked in. Name1201 smiled. Nmae33 waited.\n' };
  for (let f = 0; f < 12; f++) {
    const entries = [];
    for (let e = 0; e < 250; e++) {
      const n = f * 250 + e;
      entries.push(`- name: Name${n}\n  born: ${2300 + (n % 50)}\n  died: ${2380 + (n % 10)}\n  summary: ${'A character of the generated canon, with a summary long enough to matter. '.repeat(2)}\n  relations: { friend: name${(n + 1) % 3000} }`);
    }
    files[`lore/part${String(f).padStart(2, '0')}.yaml`] = `${entries.join('\n')}\n`;
  }
  const dir = workspace(files);
  const env = (threads: string) => ({ ...process.env, LOREKEEPER_THREADS: threads, NO_COLOR: '1' });
  const once = (threads: string) => spawnSync(process.execPath, [CLI, 'check', 'story.md', '--format', 'json', '--no-cache'], { cwd: dir, encoding: 'utf8', env: env(threads) });
  const serial = once('1');
  const parallel = once('2');
  assert.equal(parallel.stderr, '');
  assert.equal(parallel.stdout, serial.stdout);
  assert.deepEqual(JSON.parse(parallel.stdout).diagnostics.map((d: JsonDiagnostic) => d.code), ['dead-character', 'dead-character', 'unknown-name']);
});

test('cli: an importer-shaped base (read by the fast YAML reader) checks the same cold and warm, on one thread and two', () => {
  const files: Record<string, string> = { 'story.md': '<!-- when: 2399 -->\nName Seven walked in. Name Twelve smiled. Name Thirtty waited.\n' };
  const words = ['Seven', 'Twelve', 'Thirty', 'Four', 'Nine', 'Eleven'];
  for (let f = 0; f < 8; f++) {
    const entries = [];
    for (let e = 0; e < 300; e++) {
      const n = f * 300 + e;
      const nameOf = (k: number): string => (k < words.length ? `Name ${words[k]}` : `Name ${k}`);
      const name = nameOf(n);
      entries.push(`- name: ${name}\n  kind: character\n  born: "${2300 + (n % 50)}"\n  died: "${2380 + (n % 10)}"\n  affiliation:\n    - Starfleet\n    - "Section 31"\n  relations:\n    father: ${nameOf((n + 1) % 2400).toLowerCase().replace(' ', '-')}\n  summary: "${'A character of an imported canon, with a summary long enough to matter. '.repeat(2).trim()}"\n`);
    }
    files[`lore/imported/part${f}.yaml`] = `# Imported.\n${entries.join('')}`;
  }
  const dir = workspace(files);
  const cache = mkdtempSync(join(tmpdir(), 'lorekeeper-cache-'));
  const once = (threads: string, ...flags: string[]) =>
    spawnSync(process.execPath, [CLI, 'check', 'story.md', '--lore', 'lore', '--format', 'json', ...flags], { cwd: dir, encoding: 'utf8', env: { ...process.env, LOREKEEPER_THREADS: threads, NO_COLOR: '1', XDG_CACHE_HOME: cache } });
  const runs = [once('1', '--no-cache'), once('2', '--no-cache'), once('2'), once('1'), once('2')];
  for (const r of runs) assert.equal(r.stderr, '');
  for (const r of runs.slice(1)) assert.equal(r.stdout, runs[0].stdout);
  assert.deepEqual(JSON.parse(runs[0].stdout).diagnostics.map((d: JsonDiagnostic) => d.code), ['dead-character', 'dead-character', 'unknown-name']);
  rmSync(cache, { recursive: true, force: true });
});
