// `lorekeeper import mediawiki` as a writer runs it (SPEC §5): real processes, real files.
// The expected output of each fixture is committed under test/fixtures/import/expected/<preset>/;
// after a deliberate change, refresh it with UPDATE_IMPORT_SNAPSHOTS=1 npm test and review the diff.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, test } from 'node:test';

const CLI = resolve('dist/cli.js');
const FIXTURES = resolve('test/fixtures/import');
const PRESETS = ['memory-alpha', 'wookieepedia', 'harry-potter'] as const;

function run(args: string[], cwd: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: join(cwd, '.cache'), ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const temporary: string[] = [];
after(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

function workspace(files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'lorekeeper-import-'));
  temporary.push(dir);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/** Every file under a folder, by relative path. */
function tree(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) Object.assign(out, tree(dir, rel));
    else out[rel] = readFileSync(join(dir, rel), 'utf8');
  }
  return out;
}

function importFixture(preset: string, file = `${preset}.xml`, extra: string[] = []) {
  const dir = workspace();
  const result = run(['import', 'mediawiki', join(FIXTURES, file), '--out', 'lore/imported', ...extra], dir);
  return { dir, ...result };
}

for (const preset of PRESETS) {
  test(`import ${preset}: the fixture imports to exactly the expected entries`, () => {
    const { dir, status, stderr } = importFixture(preset, `${preset}.xml`, ['--preset', preset]);
    assert.equal(stderr, '');
    assert.equal(status, 1, 'the fixtures hold unreadable values on purpose: exit 1');
    const actual = tree(join(dir, 'lore/imported'));
    const expectedDir = join(FIXTURES, 'expected', preset);
    if (process.env.UPDATE_IMPORT_SNAPSHOTS) {
      rmSync(expectedDir, { recursive: true, force: true });
      for (const [path, text] of Object.entries(actual)) {
        mkdirSync(join(expectedDir, path, '..'), { recursive: true });
        writeFileSync(join(expectedDir, path), text);
      }
    }
    assert.deepEqual(actual, tree(expectedDir));
  });

  test(`import ${preset}: the preset is guessed from the export's site name; .xml, .bz2, .7z and .gz give the same bytes`, () => {
    const plain = tree(join(importFixture(preset).dir, 'lore/imported'));
    for (const file of [`${preset}.xml.bz2`, `${preset}.xml.7z`]) {
      const { dir, status, stderr } = importFixture(preset, file);
      assert.equal(stderr, '', file);
      assert.equal(status, 1, file);
      assert.deepEqual(tree(join(dir, 'lore/imported')), plain, file);
    }
    const gz = workspace({ 'dump.xml.gz': gzipSync(readFileSync(join(FIXTURES, `${preset}.xml`))) });
    assert.equal(run(['import', 'mediawiki', 'dump.xml.gz'], gz).status, 1);
    assert.deepEqual(tree(join(gz, 'lore/imported')), plain);
  });
}

test('import: a large plain export read on two threads gives the same bytes as one thread, and the same errors', () => {
  const split = { LOREKEEPER_IMPORT_SPLIT_BYTES: '1', LOREKEEPER_THREADS: '2' };
  for (const preset of PRESETS) {
    const one = importFixture(preset);
    const dir = workspace();
    const two = run(['import', 'mediawiki', join(FIXTURES, `${preset}.xml`), '--format', 'json'], dir, split);
    assert.equal(two.stderr, '', preset);
    assert.equal(two.status, 1, preset);
    assert.deepEqual(tree(join(dir, 'lore/imported')), tree(join(one.dir, 'lore/imported')), preset);
  }
  const xml = readFileSync(join(FIXTURES, 'wookieepedia.xml'));
  const dir = workspace({ 'cut.xml': xml.subarray(0, xml.length - 200) });
  const cut = run(['import', 'mediawiki', 'cut.xml'], dir, split);
  assert.equal(cut.status, 2);
  assert.match(cut.stderr, /cut\.xml: the export ends in the middle/);
  assert.ok(!existsSync(join(dir, 'lore')));
});

test('import: a re-import gives byte-identical files and leaves the writer’s own layer alone', () => {
  const { dir } = importFixture('memory-alpha');
  const first = tree(join(dir, 'lore/imported'));
  writeFileSync(join(dir, 'lore/corrections.yaml'), '- id: data\n  name: Data\n  died: null\n');
  const again = run(['import', 'mediawiki', join(FIXTURES, 'memory-alpha.xml'), '--out', 'lore/imported'], dir);
  assert.equal(again.status, 1);
  assert.deepEqual(tree(join(dir, 'lore/imported')), first);
  assert.equal(readFileSync(join(dir, 'lore/corrections.yaml'), 'utf8'), '- id: data\n  name: Data\n  died: null\n');
  assert.deepEqual(readdirSync(join(dir, 'lore')).sort(), ['corrections.yaml', 'imported']);
});

interface JsonDiagnostic { code: string; entity?: string; line: number; severity: string }

function checkAgainst(dir: string, manuscript: string): JsonDiagnostic[] {
  writeFileSync(join(dir, 'lorekeeper.yaml'), 'lore: [lore/imported]\n');
  writeFileSync(join(dir, 'story.md'), manuscript);
  const { stdout, stderr } = run(['check', 'story.md', '--format', 'json'], dir);
  assert.equal(stderr, '');
  const diagnostics = (JSON.parse(stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics;
  // The imported base itself loads without a single lore problem (no shared alias, no bad relation).
  assert.deepEqual(diagnostics.filter((d) => d.code.startsWith('lore-')), []);
  return diagnostics.filter((d) => d.code !== 'unknown-name');
}

test('import memory-alpha → check: Data acting after 2379 is flagged; Picard, and Data in 2379, are not', () => {
  const { dir } = importFixture('memory-alpha');
  const found = checkAgainst(dir, [
    '<!-- when: 2379 -->', '', 'Data walked to the window.', '',
    '<!-- when: 2380 -->', '', 'Jean-Luc Picard smiled.', '', 'Data walked to the window.', '',
    'Tasha Yar laughed.', '',
  ].join('\n'));
  assert.deepEqual(found.map((d) => [d.code, d.entity, d.line]), [['dead-character', 'data', 9], ['dead-character', 'tasha-yar', 11]]);
});

test('import wookieepedia → check in BBY/ABY: Obi-Wan after 0 BBY and Darth Vader (a redirect) after 4 ABY are flagged', () => {
  const { dir } = importFixture('wookieepedia');
  const found = checkAgainst(dir, [
    '<!-- when: 3 ABY -->', '', 'Luke Skywalker ran.', '', 'Darth Vader walked in.', '', 'Obi-Wan Kenobi smiled.', '',
    '<!-- when: 5 ABY -->', '', 'Darth Vader walked in.', '',
  ].join('\n'));
  assert.deepEqual(found.map((d) => [d.code, d.entity, d.line]), [['dead-character', 'obi-wan-kenobi', 7], ['dead-character', 'anakin-skywalker', 11]]);
});

test('import harry-potter → check: Fred Weasley acting after 2 May 1998 is flagged; Harry is not', () => {
  const { dir } = importFixture('harry-potter');
  const found = checkAgainst(dir, [
    '<!-- when: 1998-05-02 -->', '', 'Fred Weasley laughed.', '',
    '<!-- when: 1998-09-01 -->', '', 'Harry Potter walked to the castle.', '', 'Fred Weasley laughed.', '',
  ].join('\n'));
  assert.deepEqual(found.map((d) => [d.code, d.entity, d.line]), [['dead-character', 'fred-weasley', 9]]);
});

test('import: Legends pages are skipped unless --include Legends, and then kept apart from the canon entry', () => {
  const { dir, stdout } = importFixture('wookieepedia', 'wookieepedia.xml', ['--include', 'Legends', '--format', 'json']);
  const report = JSON.parse(stdout);
  assert.equal(report.skipped.Legends, undefined);
  const characters = readFileSync(join(dir, 'lore/imported/characters.yaml'), 'utf8');
  assert.match(characters, /name: Anakin Skywalker \(Legends\)\n {2}kind: character\n/);
  assert.match(characters, /- name: Anakin Skywalker\n {2}kind: character\n {2}aliases:\n {4}- Darth Vader\n/);
  assert.match(characters, /continuity: Legends/);
  assert.equal(checkAgainst(dir, '<!-- when: 3 ABY -->\n\nLuke Skywalker ran.\n').length, 0);
});

test('import: the JSON report counts pages, entries by kind, skips by reason and every unreadable value', () => {
  const { stdout, status } = importFixture('wookieepedia', 'wookieepedia.xml', ['--format', 'json']);
  assert.equal(status, 1);
  const report = JSON.parse(stdout);
  assert.equal(report.version, 1);
  assert.equal(report.pagesRead, 20);
  assert.equal(report.preset, 'wookieepedia');
  assert.deepEqual(report.entriesByKind, { character: 6, event: 1, organization: 1, place: 1, ship: 2 });
  assert.deepEqual(report.skipped, { Legends: 1, 'no infobox this mapping knows': 1, 'not an article (talk, user, template or other namespace)': 1 });
  assert.deepEqual(report.aliasDecisions, [{ alias: 'Ben', droppedFrom: ['BN-7 (bn-7)', 'Obi-Wan Kenobi (obi-wan-kenobi)'] }]);
  assert.deepEqual(report.problems.map((p: { page: string; field?: string }) => `${p.page}/${p.field ?? ''}`), ['Mystery Jedi/', 'Mystery Jedi/birth', 'Obi-Wan Kenobi/birth']);
});

test('import: an export whose every value reads exits 0', () => {
  const xml = readFileSync(join(FIXTURES, 'harry-potter.xml'), 'utf8');
  const clean = xml.replace(/<page>\s*<title>(Albus Dumbledore|Hogwarts School of Witchcraft and Wizardry|Unfinished wizard)<\/title>[\s\S]*?<\/page>/g, '');
  const dir = workspace({ 'hp.xml': clean });
  const { status, stdout, stderr } = run(['import', 'mediawiki', 'hp.xml'], dir);
  assert.equal(stderr, '');
  assert.equal(status, 0, stdout);
  assert.match(stdout, /^Imported 6 entries from Harry Potter Wiki \(9 pages read, 1 redirects\): 4 character, 1 event, 1 organization\./);
});

function assertRefused(dir: string, args: string[], message: RegExp): void {
  const { status, stdout, stderr } = run(args, dir);
  assert.equal(status, 2, stderr);
  assert.equal(stdout, '');
  assert.match(stderr, message);
  assert.equal(stderr.trim().split('\n').length, 1, `one line: ${stderr}`);
  assert.doesNotMatch(stderr, /\n\s+at /);
}

test('import: every bad input is one line, exit 2, and nothing written — not even over an earlier import', () => {
  const xml = readFileSync(join(FIXTURES, 'memory-alpha.xml'));
  const sevenZip = readFileSync(join(FIXTURES, 'memory-alpha.xml.7z'));
  const bz2 = readFileSync(join(FIXTURES, 'memory-alpha.xml.bz2'));
  const dir = workspace({
    'notes.txt': 'Just some notes, not XML at all.\n',
    'feed.xml': '<?xml version="1.0"?><rss><channel><title>News</title></channel></rss>',
    'half.xml': xml.subarray(0, xml.length >> 1),
    'half.xml.gz': gzipSync(xml).subarray(0, 600),
    'half.xml.bz2': bz2.subarray(0, bz2.length >> 1),
    'half.xml.7z': sevenZip.subarray(0, sevenZip.length >> 1),
    'broken-mapping.yaml': 'wiki: Mine\ntemplates:\n  - names: [infobox\n',
    'wrong-mapping.yaml': 'wiki: Mine\ntemplates:\n  - names: [infobox]\n    kind: character\n    colour: blue\n',
    'unknown-site.xml': xml.toString('utf8').replace('<sitename>Memory Alpha</sitename>', '<sitename>Some Wiki</sitename>').replace('enmemoryalpha', 'somewiki'),
    'lore/mine.yaml': '- name: My own character\n',
  });
  assert.equal(run(['import', 'mediawiki', join(FIXTURES, 'memory-alpha.xml')], dir).status, 1);
  const before = tree(join(dir, 'lore'));
  const cases: Array<[string[], RegExp]> = [
    [['notes.txt'], /notes\.txt: not an XML file/],
    [['feed.xml'], /feed\.xml: XML, but no MediaWiki export \(its root element is <rss>/],
    [['half.xml'], /half\.xml: the export ends in the middle/],
    [['half.xml.gz'], /half\.xml\.gz: damaged or truncated gzip archive/],
    [['half.xml.bz2'], /half\.xml\.bz2: damaged or truncated bzip2 archive/],
    [['half.xml.7z'], /half\.xml\.7z: damaged or truncated 7z archive/],
    [['missing.xml'], /missing\.xml: no such file/],
    [['unknown-site.xml'], /cannot tell which wiki this export is from \(site "Some Wiki"\): use --preset/],
    [['notes.txt', '--preset', 'memory-beta'], /unknown preset "memory-beta" \(presets: harry-potter, memory-alpha, wookieepedia/],
    [['notes.txt', '--mapping', 'broken-mapping.yaml'], /broken-mapping\.yaml:\d+:\d+: invalid YAML/],
    [['notes.txt', '--mapping', 'wrong-mapping.yaml'], /wrong-mapping\.yaml: templates\[0\]: unknown key "colour"/],
    [['notes.txt', '--mapping', 'nowhere.yaml'], /cannot read mapping file nowhere\.yaml/],
    [['notes.txt', '--frobnicate'], /unknown option --frobnicate/],
    [[], /no export file given/],
  ];
  for (const [args, message] of cases) {
    assertRefused(dir, ['import', 'mediawiki', ...args.map((a) => (a.startsWith('-') || a.endsWith('.yaml') || a === 'memory-beta' ? a : join(dir, a)))], message);
    assert.deepEqual(tree(join(dir, 'lore')), before, `${args.join(' ')} changed the lore`);
    assert.deepEqual(readdirSync(dir).filter((n) => n.startsWith('.') && n !== '.cache'), [], 'no temporary folder left');
  }
  assertRefused(dir, ['import', 'wordpress', 'x.xml'], /unknown import source "wordpress"/);
});

test('import: a folder holding the writer’s own files is never replaced', () => {
  const dir = workspace({ 'lore/mine.yaml': '- name: My own character\n' });
  assertRefused(dir, ['import', 'mediawiki', join(FIXTURES, 'memory-alpha.xml'), '--out', 'lore'], /lore holds files that no import wrote/);
  assert.equal(readFileSync(join(dir, 'lore/mine.yaml'), 'utf8'), '- name: My own character\n');
  assert.ok(!existsSync(join(dir, 'lore/settings.yaml')));
});

test('started with a message channel (the editor), the importer tells how far it has read, then that it writes', async () => {
  const { fork } = await import('node:child_process');
  const dir = workspace();
  const messages: Array<Record<string, unknown>> = [];
  const file = join(FIXTURES, 'memory-alpha.xml');
  const code = await new Promise<number | null>((done) => {
    const child = fork(CLI, ['import', 'mediawiki', file, '--out', 'lore/imported', '--format', 'json'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe', 'ipc'], env: { ...process.env, XDG_CACHE_HOME: join(dir, '.cache') } });
    child.on('message', (m) => messages.push(m as Record<string, unknown>));
    child.on('exit', (c) => done(c));
  });
  assert.ok(code === 0 || code === 1, `imported (exit ${code})`);
  const progress = messages.filter((m) => m.lorekeeperImport === 'progress');
  assert.ok(progress.length >= 1, 'at least one progress message');
  assert.equal(progress[0].file, file);
  assert.ok(typeof progress[0].fraction === 'number' && (progress[0].fraction as number) > 0 && (progress[0].fraction as number) <= 1);
  assert.equal(typeof progress[0].pages, 'number');
  const writing = messages.at(-1)!;
  assert.equal(writing.lorekeeperImport, 'writing', 'the last message says it writes the lore');
  assert.ok((writing.entries as number) > 0);
  // From a terminal (no channel), nothing changes: the JSON report alone on stdout.
  const plain = run(['import', 'mediawiki', file, '--out', 'lore/again', '--format', 'json'], dir);
  assert.doesNotThrow(() => JSON.parse(plain.stdout));
});
