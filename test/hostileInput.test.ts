// Hostile and broken input to the engine and the CLI's pieces, in process (issue 8): folders that
// cannot be listed, files that are no regular files, caches of the wrong shape or build, control
// characters in output, SARIF against the official schema.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { checkManuscript, prepareLore } from '../src/core/check';
import { appendAll } from '../src/core/arrays';
import { FileRefusedError } from '../src/core/fileSystem';
import { loadLore } from '../src/core/lore/load';
import type { ParsedLoreFile } from '../src/core/lore/parseFile';
import { MemoryFileSystem } from '../src/core/memoryFileSystem';
import type { Diagnostic } from '../src/core/types';
import { DiskLoreCache } from '../src/cli/loreCache';
import { readRegularFile } from '../src/cli/nodeFileSystem';
import { readBaseFile, writeBaseFile, type BaseFileParts } from './baseFile';
import { FullCache } from './helpers';
import { escapeControlCharacters, formatSarif, formatText, pathToUriReference } from '../src/cli/output';

const LORE = [{ name: 'lore', path: 'lore' }];
const temporary: string[] = [];
after(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

const where = (problems: Diagnostic[]): string[][] => problems.map((p) => [p.file, p.code, p.severity]);

test('lore: a sub-folder that cannot be listed is an error at that folder, and the rest of the base loads', async () => {
  const files = { 'lore/a.yaml': 'name: Data\n', 'lore/secret/b.yaml': 'name: Lore\n', 'lore/z/c.yaml': 'name: Hugh\n' };
  const loaded = await loadLore(new MemoryFileSystem(files, { unlistable: ['lore/secret'] }), LORE);
  assert.deepEqual(where(loaded.base.problems), [['lore/secret', 'lore-unreadable-folder', 'error']]);
  assert.match(loaded.base.problems[0].message, /^Cannot read lore folder lore\/secret: EACCES\. Its files are not loaded\.$/);
  assert.deepEqual(loaded.base.entries.map((e) => e.name), ['Data', 'Hugh']);
  assert.deepEqual(loaded.files, ['lore/a.yaml', 'lore/z/c.yaml'], 'the folder is no file that was read');
  assert.deepEqual(loaded.missingFolders, []);
  // Near miss: the same tree, all readable.
  const fine = await loadLore(new MemoryFileSystem(files), LORE);
  assert.deepEqual(fine.base.problems, []);
  assert.equal(fine.base.entries.length, 3);
});

test('lore: a layer folder that exists but cannot be listed is a problem, not a missing folder; a missing one stays missing', async () => {
  const unlistable = await loadLore(new MemoryFileSystem({ 'lore/a.yaml': 'name: Data\n' }, { unlistable: ['lore'] }), LORE);
  assert.deepEqual(where(unlistable.base.problems), [['lore', 'lore-unreadable-folder', 'error']]);
  assert.deepEqual(unlistable.missingFolders, []);
  assert.ok(!unlistable.base.problems.some((p) => p.code === 'lore-empty'), 'not "no entries yet": the lore could not be read');
  const missing = await loadLore(new MemoryFileSystem({ 'other/a.yaml': 'name: Data\n' }), LORE);
  assert.deepEqual(missing.missingFolders.map((f) => f.path), ['lore']);
  assert.deepEqual(missing.base.problems, []);
});

test('lore: a named pipe, a device or an unreadable file is reported as lore-unreadable-file; the others load', async () => {
  const fs = new MemoryFileSystem(
    { 'lore/a.yaml': 'name: Data\n', 'lore/fifo.yaml': { special: 'named pipe' }, 'lore/zero.yaml': { special: 'character device' }, 'lore/locked.yaml': 'name: X\n' },
    { unreadable: ['lore/locked.yaml'] },
  );
  const { base } = await loadLore(fs, LORE);
  assert.deepEqual(base.problems.map((p) => [p.file, p.code, p.message]), [
    ['lore/fifo.yaml', 'lore-unreadable-file', 'Cannot read lore file: not a regular file (it is a named pipe).'],
    ['lore/locked.yaml', 'lore-unreadable-file', 'Cannot read lore file: EACCES.'],
    ['lore/zero.yaml', 'lore-unreadable-file', 'Cannot read lore file: not a regular file (it is a character device).'],
  ]);
  assert.deepEqual(base.entries.map((e) => e.name), ['Data']);
});

test('lore: a file over the size limit is refused before it is read', async () => {
  let read = false;
  const fs = new MemoryFileSystem({ 'lore/a.yaml': 'name: Data\n' });
  const sized = {
    ...fs,
    join: fs.join.bind(fs),
    readDirectory: async () => [{ name: 'a.yaml', isDirectory: false }, { name: 'huge.yaml', isDirectory: false }],
    readFile: async (path: string, options?: { maxBytes?: number }) => {
      if (path === 'lore/huge.yaml') {
        // What a disk says of a 1.5 GB sparse file: refused from its size, never read.
        if ((options?.maxBytes ?? Infinity) < 1.5 * 1024 ** 3) throw new FileRefusedError('file is 1536.0 MB, over the 20 MB limit');
        read = true;
        return new Uint8Array(0);
      }
      return fs.readFile(path);
    },
  };
  const { base } = await loadLore(sized, LORE);
  assert.equal(read, false, 'the engine always passes a limit');
  assert.deepEqual(base.problems.map((p) => p.message), ['Cannot read lore file: file is 1536.0 MB, over the 20 MB limit.']);
});

test('lore: an unreadable file whose reason changed is never served from a cached base', async () => {
  const files: Record<string, string | { special: string }> = { 'lore/a.yaml': 'name: Data\n', 'lore/b.yaml': { special: 'named pipe' } };
  const cache = new FullCache();
  const first = await loadLore(new MemoryFileSystem(files), LORE, cache);
  assert.match(first.base.problems[0].message, /named pipe/);
  files['lore/b.yaml'] = { special: 'socket' };
  const second = await loadLore(new MemoryFileSystem(files), LORE, cache);
  assert.match(second.base.problems[0].message, /socket/);
  // Near miss: nothing changed, the cached base is served.
  const third = await loadLore(new MemoryFileSystem(files), LORE, cache);
  assert.equal(third.base, second.base);
});

test('nodeFileSystem: a read is bounded even where stat says nothing of the size (/proc), and only regular files are read', () => {
  // /proc files report size 0 and hold more: the read stops at the limit instead of trusting stat.
  assert.throws(() => readRegularFile('/proc/self/maps', 16), (e) => e instanceof FileRefusedError && /over the/.test(e.message));
  assert.ok(readRegularFile('/proc/self/status', 1024 * 1024).length > 16, 'within the limit, the whole content');
  assert.throws(() => readRegularFile('/dev/zero', 1024), (e) => e instanceof FileRefusedError && e.message === 'not a regular file (it is a character device)');
  assert.throws(() => readRegularFile('/proc', 1024), (e) => e instanceof FileRefusedError && /folder/.test(e.message));
  const dir = mkdtempSync(join(tmpdir(), 'lorekeeper-read-'));
  temporary.push(dir);
  writeFileSync(join(dir, 'a.yaml'), 'x'.repeat(100));
  assert.equal(readRegularFile(join(dir, 'a.yaml'), 100).length, 100);
  assert.throws(() => readRegularFile(join(dir, 'a.yaml'), 99), FileRefusedError);
  writeFileSync(join(dir, 'big.yaml'), 'y'.repeat(3 * 1024 * 1024 + 7));
  assert.equal(readRegularFile(join(dir, 'big.yaml'), 4 * 1024 * 1024).length, 3 * 1024 * 1024 + 7, 'read in several chunks');
});

test('check: more than 125,000 diagnostics in one manuscript, without overflowing the stack', async () => {
  const big = Array.from({ length: 300_000 }, (_, i) => i);
  assert.equal(appendAll([-1], big).length, 300_001);
  const lore = prepareLore((await loadLore(new MemoryFileSystem({ 'lore/a.yaml': 'name: Data\nborn: 2338\ndied: 2379\n' }), LORE)).base);
  const text = `<!-- when: 2399 -->\n${'Data walked in.\n'.repeat(130_000)}`;
  const { diagnostics } = checkManuscript(lore, 'a.md', text);
  assert.equal(diagnostics.length, 130_000);
  assert.ok(diagnostics.every((d) => d.code === 'dead-character'));
});

test('cache: a file of the right format but another shape is a miss, never a crash', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lorekeeper-cache-'));
  temporary.push(dir);
  const file = join(dir, 'lore-x.json');
  const good = new DiskLoreCache(file, 'build-a');
  const parsed: ParsedLoreFile = { path: 'lore/a.yaml', entries: [], problems: [] };
  good.set('k', parsed);
  good.save();
  assert.deepEqual(new DiskLoreCache(file, 'build-a').get('k'), parsed, 'the same build reads its own cache');
  assert.equal(new DiskLoreCache(file, 'build-b').get('k'), undefined, 'another build never serves it');
  const stored = JSON.parse(readFileSync(file, 'utf8'));
  const shapes: unknown[] = [
    { ...stored, files: null },
    { ...stored, files: [] },
    { ...stored, files: { k: null } },
    { ...stored, files: { k: { path: 'lore/a.yaml', entries: null, problems: [] } } },
    { ...stored, files: { k: { path: 'lore/a.yaml', entries: [{ range: null, fields: {} }], problems: [] } } },
    { ...stored, files: { k: { path: 'lore/a.yaml', entries: [], problems: [{ file: 1 }] } } },
    'just a string',
    [1, 2, 3],
  ];
  for (const shape of shapes) {
    writeFileSync(file, JSON.stringify(shape));
    assert.equal(new DiskLoreCache(file, 'build-a').get('k'), undefined, JSON.stringify(shape));
  }
  writeFileSync(file, '{"format":5,');
  assert.equal(new DiskLoreCache(file, 'build-a').get('k'), undefined, 'truncated');
});

test('cache: a merged base of another shape or build is a miss', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lorekeeper-cache-'));
  temporary.push(dir);
  const file = join(dir, 'lore-x.json');
  const fs = new MemoryFileSystem({ 'lore/a.yaml': 'name: Data\nborn: 2338\n' });
  const writer = new DiskLoreCache(file, 'build-a');
  await loadLore(fs, LORE, writer);
  writer.save();
  const baseFile = join(dir, 'lore-x.base.json');
  const stored = readBaseFile(baseFile);
  assert.equal((await loadLore(fs, LORE, new DiskLoreCache(file, 'build-a'))).parsedCount, 0, 'warm');
  const key = stored.header.key as string;
  assert.ok(new DiskLoreCache(file, 'build-a').getBase(key));
  assert.equal(new DiskLoreCache(file, 'build-b').getBase(key), undefined);
  const { header, body, ints } = stored;
  const entries = body.entries as Array<Record<string, unknown>>;
  // The integers: the entry's field list (one entry), then its location and its fields' locations.
  const at = (i: number, n: number) => ints.map((v, k) => (k === i ? n : v));
  const broken: Array<BaseFileParts & { keepLength?: true; freshDigest?: true }> = [
    // The body changed, its digest not: a file damaged or edited by hand, whatever the change.
    { header, body: null, ints },
    { header, body: { ...body, entries: [{ ...entries[0], aliases: 'Data' }] }, ints },
    { header, body: { ...body, entries: [{ ...entries[0], born: { year: '2338' } }] }, ints },
    { header, body: { ...body, entries: [{ ...entries[0], name: 'Dáta' }] }, ints },
    { header, body, ints, text: 'Dat' },
    // The body changed and its digest made again: what unpacking relies on is still checked.
    { header, body: null, ints, freshDigest: true },
    { header, body: { ...body, entries: null }, ints, freshDigest: true },
    { header, body: { ...body, entries: [null] }, ints, freshDigest: true },
    { header, body: { ...body, entries: [{ ...entries[0], id: 7 }] }, ints, freshDigest: true },
    { header, body: { ...body, entries: [] }, ints, freshDigest: true },
    // Text that the strings' lengths do not add up to.
    { header, body, ints, text: 'Dat', freshDigest: true },
    { header, body, ints, text: `${'x'.repeat(200)}`, freshDigest: true },
    { header: { ...header, format: 9 }, body, ints },
    { header: { ...header, endian: header.endian === 'LE' ? 'BE' : 'LE' }, body, ints },
    { header: { ...header, key: `${key}x` }, body, ints },
    { header: { ...header, files: null }, body, ints },
    { header: { ...header, digest: null }, body, ints },
    { header: { ...header, objects: [['id']] }, body, ints, keepLength: true },
    { header: { ...header, text: (header.text as number) + 4 }, body, ints, keepLength: true },
    { header: { ...header, strings: (header.strings as number) + 1 }, body, ints, keepLength: true },
    { header: { ...header, wide: !header.wide }, body, ints, keepLength: true },
    { header: { ...header, words: (header.words as number) + 1 }, body, ints, keepLength: true },
    { header, body, ints: at(1, 99) },
    { header, body, ints: ints.slice(0, -1) },
    { header, body, ints: [...ints, 0, 0, 0, 0, 0] },
    { header: { ...header, locations: (header.locations as number) + 5 }, body, ints: [...ints, 0, 0, 0, 0, 0] },
    { header, body, ints: at(3, -1) },
    { header, body, ints: at(4, -1) },
    { header, body, ints: at(2, 0x7fffffff).map((v, k) => (k === 4 ? 5 : v)) },
    { header: { ...header, locations: null }, body, ints },
    { header, body, ints: at(0, 99) },
    { header: { ...header, entries: 0 }, body, ints },
    { header: { ...header, shapes: [[1]] }, body, ints },
  ];
  for (const [i, { keepLength, freshDigest, ...parts }] of broken.entries()) {
    writeBaseFile(baseFile, parts, keepLength, freshDigest);
    assert.equal(new DiskLoreCache(file, 'build-a').getBase(key), undefined, `damage ${i}: ${JSON.stringify(parts).slice(0, 300)}`);
  }
  // One byte of the strings' text changed: the digest no longer matches.
  writeBaseFile(baseFile, stored);
  const flipped = readFileSync(baseFile);
  flipped[flipped.indexOf('Data', flipped.indexOf(10)) + 1] = 0x65;
  writeFileSync(baseFile, flipped);
  assert.equal(new DiskLoreCache(file, 'build-a').getBase(key), undefined, 'Data -> Deta');
  // Near miss: the file put together again as it was is served.
  writeBaseFile(baseFile, stored);
  assert.ok(new DiskLoreCache(file, 'build-a').getBase(key), 'the parts as read, written again');
  // The whole file cut short at any point is a miss.
  const whole = readFileSync(baseFile);
  for (const cut of [0, 1, whole.indexOf(10), whole.indexOf(10) + 1, whole.length >> 1, whole.length - 4, whole.length - 1]) {
    writeFileSync(baseFile, whole.subarray(0, cut));
    assert.equal(new DiskLoreCache(file, 'build-a').getBase(key), undefined, `cut at ${cut}`);
  }
  // Formats before this one are ignored, never misread: one JSON document (8), the body as JSON (9).
  writeFileSync(baseFile, JSON.stringify({ format: 8, build: 'build-a', key, files: [], shapes: [], fields: [], locations: [], base: body }));
  assert.equal(new DiskLoreCache(file, 'build-a').getBase(key), undefined, 'format 8');
  const bodyJson = Buffer.from(JSON.stringify(body), 'latin1');
  const format9 = JSON.stringify({ format: 9, build: 'build-a', key, endian: header.endian, files: header.files, shapes: header.shapes, body: bodyJson.length, entries: 1, locations: ints.length - 1 });
  writeFileSync(baseFile, Buffer.concat([Buffer.from(`${format9}\n`), bodyJson, Buffer.from(Int32Array.from(ints).buffer)]));
  assert.equal(new DiskLoreCache(file, 'build-a').getBase(key), undefined, 'format 9');
});

const diagnostic = (file: string, message: string, fix?: string): Diagnostic => ({
  file,
  range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } },
  severity: 'warning',
  code: 'dead-character',
  message,
  ...(fix !== undefined ? { fix } : {}),
});

test('text output: control characters in names, messages, fixes and file names are escaped', () => {
  assert.equal(escapeControlCharacters('a\x1b[2Jb\x1b]0;owned\x07c\nd\re\tf\x7fg\u009bh\u202ei'), 'a\\x1b[2Jb\\x1b]0;owned\\x07c\\nd\\re\\tf\\x7fg\\x9bh\\u202ei');
  const out = formatText({ diagnostics: [diagnostic('ch\n1.md', 'Da\x1b[2Jta died.', 'Da\x1bta')], filesChecked: 1 }, false);
  assert.ok(!out.includes('\x1b'), out);
  const lines = out.trimEnd().split('\n');
  assert.equal(lines.length, 3, 'one result line, a blank line, the summary');
  assert.equal(lines[0], 'ch\\n1.md:1:1  warning  Da\\x1b[2Jta died. (fix: Da\\x1bta)  dead-character');
  // Near miss: ordinary Unicode (accents, curly quotes, emoji) is printed as written.
  assert.match(formatText({ diagnostics: [diagnostic('Padmé’s 🌟.md', 'Padmé “Amidala”')], filesChecked: 1 }, false), /^Padmé’s 🌟\.md:1:1 {2}warning {2}Padmé “Amidala” {2}dead-character$/m);
});

test('SARIF: valid against the official SARIF 2.1.0 schema, with absolute helpUri and percent-encoded artifact URIs', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const schema = ajv.compile(JSON.parse(readFileSync('test/fixtures/sarif/sarif-schema-2.1.0.json', 'utf8')));
  // A plain boolean: the schema's type guard would narrow the parsed log to `unknown`.
  const validate = Object.assign((value: unknown): boolean => schema(value), { get errors() { return schema.errors; } });
  const report = {
    diagnostics: [diagnostic('my chapters/100% #2.md', 'Data died in 2379.', '2385'), diagnostic('../lore/a b.yaml', 'A lore problem.'), diagnostic('plain.md', 'x')],
    filesChecked: 2,
  };
  const sarif = JSON.parse(formatSarif(report, '1.2.3', '/work/my book'));
  assert.ok(validate(sarif), JSON.stringify(validate.errors, null, 2));
  const run = sarif.runs[0];
  assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: 'file:///work/my%20book/' } });
  for (const rule of run.tool.driver.rules) assert.match(rule.helpUri, /^https:\/\/github\.com\/lorekeeper\/lorekeeper\/blob\/main\/docs\/checks\/[a-z-]+\.md$/);
  const locations = run.results.map((r: { locations: Array<{ physicalLocation: { artifactLocation: unknown } }> }) => r.locations[0].physicalLocation.artifactLocation);
  assert.deepEqual(locations, [
    { uri: 'my%20chapters/100%25%20%232.md', uriBaseId: '%SRCROOT%' },
    { uri: '../lore/a%20b.yaml', uriBaseId: '%SRCROOT%' },
    { uri: 'plain.md', uriBaseId: '%SRCROOT%' },
  ]);
  assert.equal(run.results[0].fixes[0].artifactChanges[0].artifactLocation.uri, 'my%20chapters/100%25%20%232.md');
  // The schema does catch what the old output did: a relative helpUri.
  const relative = structuredClone(sarif);
  relative.runs[0].tool.driver.rules[0].helpUri = 'docs/checks/dead-character.md';
  assert.equal(validate(relative), false);
  assert.equal(pathToUriReference('a:b/c?d.md'), 'a%3Ab/c%3Fd.md', 'no segment reads as a scheme or a query');
  assert.equal(pathToUriReference('bad\ud800.md'), 'bad%EF%BF%BD.md', 'a lone surrogate never throws');
});

test('source: no call spreads an array into its arguments (push(...list) overflows the stack past ~125,000 items)', () => {
  const offenders: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (path.endsWith('.ts')) {
        readFileSync(path, 'utf8').split('\n').forEach((line, i) => {
          const code = line.replace(/\/\/.*$/, '');
          if (/\.(push|unshift)\(\s*\.\.\.|Math\.(max|min)\(\s*\.\.\.|String\.from(CharCode|CodePoint)\(\s*\.\.\./.test(code)) offenders.push(`${path}:${i + 1}: ${line.trim()}`);
        });
      }
    }
  };
  walk('src');
  assert.deepEqual(offenders, [], 'use appendAll (src/core/arrays.ts) or a loop');
});
