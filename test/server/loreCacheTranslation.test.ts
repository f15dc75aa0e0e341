// The node server shares the CLI's lore cache: paths go between the server's URIs and the CLI's
// relative paths, exactly and both ways, and what does not translate is never shared.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { LoreBase } from '../../src/core/lore/base';
import type { Entry } from '../../src/core/lore/entry';
import { GREGORIAN } from '../../src/core/dates';
import { diskLoreCacheFor, PathTranslation, translateBase, translateParsed } from '../../src/server/node/loreCache';
import { loadLore } from '../../src/core/lore/load';
import { MemoryFileSystem } from '../../src/core/memoryFileSystem';

const ROOT = 'file:///home/writer/My%20Story';
const paths = new PathTranslation(ROOT);
const toUri = (p: string) => paths.toUri(p);
const toRelative = (p: string) => {
  const r = paths.toRelative(p);
  if (r === undefined) throw new Error(`untranslatable ${p}`);
  return r;
};
const range = { start: { line: 1, character: 2 }, end: { line: 1, character: 6 } };

function entry(file: string, image?: string): Entry {
  return {
    id: 'data',
    name: 'Data',
    kind: 'character',
    aliases: [],
    relations: {},
    extra: {},
    overrides: {},
    layer: 'lore',
    location: { file, range },
    fieldLocations: { name: { file, range }, ...(image === undefined ? {} : { image: { file, range } }) },
    ...(image === undefined ? {} : { image }),
  };
}

function base(entries: Entry[], problemFile: string): LoreBase {
  return { calendar: GREGORIAN, entries, byId: new Map(entries.map((e) => [e.id, e])), layers: ['lore'], problems: [{ file: problemFile, range, severity: 'warning', code: 'lore-empty', message: 'm' }] };
}

test('lore cache paths: URIs under the folder become the CLI relative paths and back, escapes decoded; others do not translate', () => {
  assert.equal(paths.toRelative(`${ROOT}/lore/people%20of%20Earth.yaml`), 'lore/people of Earth.yaml');
  assert.equal(paths.toUri('lore/people of Earth.yaml'), `${ROOT}/lore/people%20of%20Earth.yaml`);
  assert.equal(paths.toRelative(ROOT), '.');
  // A lore folder beside the story (`lore: [../shared]`) is spelt as the CLI spells it.
  assert.equal(paths.toRelative(`${ROOT}/../shared/x.yaml`), '../shared/x.yaml');
  assert.equal(paths.toUri('../shared/x.yaml'), `${ROOT}/../shared/x.yaml`);
  // Near misses: a sibling folder whose name starts the same, another scheme, a broken escape.
  assert.equal(paths.toRelative('file:///home/writer/My%20Story2/lore/x.yaml'), undefined);
  assert.equal(paths.toRelative('vscode-vfs://github/x/lore/x.yaml'), undefined);
  assert.equal(paths.toRelative(`${ROOT}/lore/%E0%A4%A.yaml`), undefined);
});

test('lore cache keys: every path in a file key or a base key is translated, hashes untouched; one untranslatable path is a miss', () => {
  const fileKey = `${ROOT}/lore/a%20b.yaml\0b0123456789abcdef`;
  assert.equal(paths.key(fileKey, (p) => paths.toRelative(p)), 'lore/a b.yaml\0b0123456789abcdef');
  const baseKey = `lore\u0001${ROOT}/lore/a.yaml\0b01\u0001${ROOT}/lore/b.yaml\0unreadable\0ff\u0002au\u0001${ROOT}/au/c.yaml\0b02`;
  assert.equal(paths.key(baseKey, (p) => paths.toRelative(p)), 'lore\u0001lore/a.yaml\0b01\u0001lore/b.yaml\0unreadable\0ff\u0002au\u0001au/c.yaml\0b02');
  assert.equal(paths.key(paths.key(baseKey, (p) => paths.toRelative(p))!, toUri), baseKey);
  assert.equal(paths.key(`lore\u0001vscode-vfs://x/lore/a.yaml\0b01`, (p) => paths.toRelative(p)), undefined);
});

test('lore cache bases: locations, portraits and problems are translated; a portrait given absolutely is kept as written', () => {
  const uriFile = `${ROOT}/lore/people.yaml`;
  const uriBase = base([entry(uriFile, `${ROOT}/lore/portraits/data one.png`), { ...entry(uriFile, 'https://example.org/p.png'), id: 'lore' }, { ...entry(uriFile), id: 'x' }], `${ROOT}/lore`);
  const relative = translateBase(uriBase, toRelative);
  assert.equal(relative.entries[0].location.file, 'lore/people.yaml');
  assert.equal(relative.entries[0].fieldLocations.image.file, 'lore/people.yaml');
  assert.equal(relative.entries[0].image, 'lore/portraits/data one.png');
  assert.equal(relative.entries[1].image, 'https://example.org/p.png');
  assert.equal(relative.entries[2].image, undefined);
  assert.equal(relative.problems[0].file, 'lore');
  assert.equal(relative.byId.get('data'), relative.entries[0]);
  // A copy: the server's own base is left as it was.
  assert.equal(uriBase.entries[0].location.file, uriFile);

  // Back: the same as the server built.
  const back = translateBase(relative, toUri);
  assert.deepEqual(back.entries, uriBase.entries);
  assert.deepEqual(back.problems, uriBase.problems);
  assert.equal(back.byId.get('data'), back.entries[0]);
});

test('lore cache bases: a portrait beside a file at the top of the folder (lore: [.]) translates too', () => {
  const uriBase = base([entry(`${ROOT}/people.yaml`, `${ROOT}/data.png`), { ...entry(`${ROOT}/people.yaml`, '/srv/portraits/p.png'), id: 'p' }], ROOT);
  const relative = translateBase(uriBase, toRelative);
  assert.equal(relative.entries[0].image, 'data.png');
  assert.equal(relative.entries[1].image, '/srv/portraits/p.png');
  assert.equal(relative.problems[0].file, '.');
  assert.deepEqual(translateBase(relative, toUri).entries, uriBase.entries);
});

test('lore cache parses: the file path and its problems translate; entries are shared, not copied', () => {
  const parsed = { path: `${ROOT}/lore/a.yaml`, entries: [{ range, fields: {} }], problems: [{ file: `${ROOT}/lore/a.yaml`, range, severity: 'error' as const, code: 'lore-invalid-yaml' as const, message: 'm' }] };
  const relative = translateParsed(parsed, toRelative);
  assert.equal(relative.path, 'lore/a.yaml');
  assert.equal(relative.problems[0].file, 'lore/a.yaml');
  assert.equal(relative.entries, parsed.entries);
  assert.equal(parsed.path, `${ROOT}/lore/a.yaml`);
  assert.deepEqual(translateParsed(relative, toUri), parsed);
});

test('lore cache bases: the base the server saved is read back in its own terms (URIs of locations, field locations, portraits, problems)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lorekeeper-server-cache-'));
  try {
    mkdirSync(join(dir, 'node_modules')); // the cache goes in node_modules/.cache/lorekeeper
    const root = pathToFileURL(dir).href;
    const uris = new PathTranslation(root);
    const fs = new MemoryFileSystem({
      'lore/people.yaml': '- name: Data\n  born: 2338\n  image: portraits/data.png\n  relations:\n    brother: lore-unknown\n- name: Lal\n  image: https://example.org/lal.png\n',
      'lore/ships/ships.yaml': '- name: Enterprise\n  kind: ship\n  from: 2363\n',
    });
    const built = (await loadLore(fs, [{ name: 'lore', path: 'lore' }])).base;
    assert.ok(built.problems.length > 0, 'a problem in a lore file, to translate');
    const serverBase = translateBase(built, (p) => uris.toUri(p));
    const cache = diskLoreCacheFor(root, ['lore'])!;
    const key = `lore\u0001${root}/lore/people.yaml\0b01\u0001${root}/lore/ships/ships.yaml\0b02`;
    cache.save(new Map(), key, serverBase);
    const read = diskLoreCacheFor(root, ['lore'])!.getBase(key)!;
    assert.ok(read, 'served');
    assert.deepEqual(read.entries, serverBase.entries);
    assert.deepEqual(read.problems, serverBase.problems);
    assert.equal(read.byId.get('data')!.fieldLocations.born.file, `${root}/lore/people.yaml`);
    assert.equal(read.byId.get('data')!.image, `${root}/lore/portraits/data.png`);
    assert.equal(read.byId.get('lal')!.image, 'https://example.org/lal.png');
    assert.equal(read.byId.get('enterprise')!.location.file, `${root}/lore/ships/ships.yaml`);
    // Near miss: another key is not served.
    assert.equal(diskLoreCacheFor(root, ['lore'])!.getBase(`${key}x`), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
