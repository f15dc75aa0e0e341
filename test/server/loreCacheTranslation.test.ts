// The node server shares the CLI's lore cache: paths go between the server's URIs and the CLI's
// relative paths, exactly and both ways, and what does not translate is never shared.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LoreBase } from '../../src/core/lore/base';
import type { Entry } from '../../src/core/lore/entry';
import { GREGORIAN } from '../../src/core/dates';
import { PathTranslation, translateBase, translateParsed } from '../../src/server/node/loreCache';

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

  // Back, in place (as a base fresh from the cache file is): the same as the server built.
  const back = translateBase(relative, toUri, true);
  assert.equal(back, relative);
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

/** An entry whose field locations are computed on first read, as the cache's reader gives them. */
function lazyEntry(id: string, file: string, counter: { reads: number }, image?: string): Entry {
  const plain = entry(file, image);
  const { fieldLocations, ...rest } = plain;
  const lazy = { ...rest, id } as Entry;
  Object.defineProperty(lazy, 'fieldLocations', {
    get() {
      counter.reads++;
      return { name: { ...fieldLocations.name }, ...(fieldLocations.image ? { image: { ...fieldLocations.image } } : {}) };
    },
    enumerable: true,
    configurable: true,
  });
  return lazy;
}

test('lore cache bases: field locations still to be computed are translated when first read, once, not up front', () => {
  const counter = { reads: 0 };
  const relative = base([lazyEntry('a', 'lore/people.yaml', counter), lazyEntry('b', 'lore/people.yaml', counter)], 'lore');
  const back = translateBase(relative, toUri, true);
  assert.equal(counter.reads, 0, 'nothing computed by the translation');
  assert.equal(back.entries[0].location.file, `${ROOT}/lore/people.yaml`);
  const first = back.entries[0].fieldLocations;
  assert.equal(first.name.file, `${ROOT}/lore/people.yaml`);
  assert.deepEqual(first.name.range, range);
  // Read again: the same object, not translated twice (a URI given to toUri again would be wrong).
  assert.equal(back.entries[0].fieldLocations, first);
  assert.equal(first.name.file, `${ROOT}/lore/people.yaml`);
  assert.equal(counter.reads, 1, 'only the entry read');
  // Set before any read: the value set is what is read, never recomputed.
  const set = { name: { file: `${ROOT}/lore/other.yaml`, range } };
  back.entries[1].fieldLocations = set;
  assert.equal(back.entries[1].fieldLocations, set);
  assert.equal(counter.reads, 1);
  // Back to relative paths for the cache file: as the server built it.
  assert.equal(translateBase(back, toRelative).entries[0].fieldLocations.name.file, 'lore/people.yaml');
});

test('lore cache bases: a lazily computed entry with a portrait is translated up front (its folder decides the portrait path)', () => {
  const counter = { reads: 0 };
  const back = translateBase(base([lazyEntry('p', 'lore/people.yaml', counter, 'lore/portraits/p.png')], 'lore'), toUri, true);
  assert.equal(back.entries[0].image, `${ROOT}/lore/portraits/p.png`);
  assert.equal(back.entries[0].fieldLocations.image.file, `${ROOT}/lore/people.yaml`);
  assert.equal(back.entries[0].fieldLocations.name.file, `${ROOT}/lore/people.yaml`);
});
