import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadLore } from '../src/core/lore/load';
import { InMemoryFileSystem, MapCache, loreFrom } from './helpers';

test('lore: one entry, a list and an entries: mapping, in nested folders, with default ids and unknown fields kept', async () => {
  const { base } = await loreFrom({
    'lore/one.yaml': 'name: Jean-Luc Picard\nfavourite-tea: Earl Grey, hot\n',
    'lore/list.yaml': '- name: James T. Kirk\n- name: Château Picard\n  kind: place\n',
    'lore/deep/er/entries.yaml': 'entries:\n  - name: Data\n    species: Android\n',
  });
  assert.deepEqual(base.entries.map((e) => e.id).sort(), ['chateau-picard', 'data', 'james-t-kirk', 'jean-luc-picard']);
  assert.equal(base.byId.get('jean-luc-picard')!.extra['favourite-tea'], 'Earl Grey, hot');
  assert.equal(base.byId.get('data')!.extra.species, 'Android');
  assert.equal(base.byId.get('chateau-picard')!.kind, 'place');
  assert.equal(base.byId.get('james-t-kirk')!.kind, 'character', 'kind defaults to character');
  assert.deepEqual(base.problems, []);
});

test('lore: the settings file sets the title and an era calendar used by every date', async () => {
  const { base } = await loreFrom({
    'lore/zz-settings.yaml': 'title: Star Wars\ncalendar:\n  eras:\n    - { name: BBY, before: true }\n    - { name: ABY }\n',
    'lore/a.yaml': '- name: Luke Skywalker\n  born: 19 BBY\n- name: Yoda\n  born: BBY 896\n  died: 4 ABY\n',
  });
  assert.equal(base.title, 'Star Wars');
  assert.deepEqual(base.byId.get('luke-skywalker')!.born, { year: -19 });
  assert.deepEqual(base.byId.get('yoda')!.died, { year: 4 });
  assert.deepEqual(base.problems, []);
});

test('lore: a later layer overrides field by field, null removes, and the entry says which layer', async () => {
  const { base } = await loreFrom(
    {
      'lore/hugh.yaml': 'name: Hugh\nborn: 2348\ndied: 2399\nspecies: Borg\nsummary: A liberated drone.\n',
      'au/hugh.yaml': 'id: hugh\ndied: null\nsummary: A liberated drone who survives the Artifact.\n',
    },
    ['lore', 'au'],
  );
  const hugh = base.byId.get('hugh')!;
  assert.equal(hugh.died, undefined);
  assert.equal(hugh.summary, 'A liberated drone who survives the Artifact.');
  assert.equal(hugh.extra.species, 'Borg');
  assert.deepEqual(hugh.born, { year: 2348 });
  assert.match(hugh.overrides.died, /^au \(was 2399 in lore\)$/);
  assert.equal(hugh.fieldLocations.summary.file, 'au/hugh.yaml');
  assert.deepEqual(base.problems, []);
});

test('lore: every problem of SPEC §1 at the offending node, and a broken file never stops the rest', async () => {
  const root = 'test/fixtures/broken';
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const name of readdirSync(join(root, dir))) {
      const rel = `${dir}/${name}`;
      if (statSync(join(root, rel)).isDirectory()) walk(rel);
      else files[rel] = readFileSync(join(root, rel), 'utf8');
    }
  };
  walk('lore');
  const { base } = await loadLore(new InMemoryFileSystem(files), [{ name: 'lore', path: 'lore' }]);
  const expected = JSON.parse(readFileSync(join(root, 'expected.json'), 'utf8')) as Array<{ file: string; line: number; column: number; code: string }>;
  const actual = base.problems.map((p) => ({ file: p.file, line: p.range.start.line + 1, column: p.range.start.character + 1, code: p.code }));
  const key = (p: { file: string; line: number; code: string }): string => `${p.file}:${p.line}:${p.code}`;
  assert.deepEqual(actual.map(key).sort(), expected.map(key).sort());
  for (const e of expected) assert.ok(actual.some((a) => key(a) === key(e) && a.column === e.column), `column of ${key(e)}`);
  assert.ok(base.byId.has('zeta'), 'the good file still loads');
  assert.equal(base.byId.get('unknown-field-kept')?.extra['favourite-colour'] ?? [...base.entries].find((e) => 'favourite-colour' in e.extra)?.extra['favourite-colour'], 'teal');
});

test('lore: odd dates are reported, not crashed on', async () => {
  const { base } = await loreFrom({ 'lore/a.yaml': '- name: A\n  born: 2399-13-45\n- name: B\n  born: next tuesday\n- name: C\n  born: [1, 2]\n- name: D\n  died: 2399-02-30\n' });
  assert.deepEqual(base.problems.map((p) => [p.code, p.range.start.line + 1]), [
    ['lore-invalid-date', 2], ['lore-invalid-date', 4], ['lore-invalid-date', 6], ['lore-invalid-date', 8],
  ]);
  assert.match(base.problems[0].message, /month 13/);
  assert.equal(base.entries.length, 4, 'entries with a bad date still load');
});

test('lore: a missing folder is reported, an empty lore is a warning, comments-only files are fine', async () => {
  const missing = await loadLore(new InMemoryFileSystem({}), [{ name: 'lore', path: 'lore' }]);
  assert.deepEqual(missing.missingFolders.map((f) => f.path), ['lore']);
  const empty = await loreFrom({ 'lore/empty.yaml': '', 'lore/comment.yaml': '# nothing yet\n' });
  assert.deepEqual(empty.base.problems.map((p) => p.code), ['lore-empty']);
});

test('lore: unchanged files come from the cache, a changed file is parsed again', async () => {
  const cache = new MapCache();
  const files: Record<string, string> = { 'lore/a.yaml': 'name: A\n', 'lore/b.yaml': 'name: B\n' };
  const fs = new InMemoryFileSystem(files);
  const folders = [{ name: 'lore', path: 'lore' }];
  assert.equal((await loadLore(fs, folders, cache)).parsedCount, 2);
  assert.equal((await loadLore(fs, folders, cache)).parsedCount, 0);
  files['lore/b.yaml'] = 'name: B2\n';
  const reloaded = await loadLore(fs, folders, cache);
  assert.equal(reloaded.parsedCount, 1);
  assert.ok(reloaded.base.byId.has('b2'), 'never a stale entry');
});

test('lore: binary and non-UTF-8 lore files are reported as unreadable', async () => {
  const fs = new InMemoryFileSystem({ 'lore/a.yaml': new Uint8Array([0, 1, 2, 3]), 'lore/b.yaml': new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xe9]), 'lore/c.yaml': 'name: C\n' });
  const { base } = await loadLore(fs, [{ name: 'lore', path: 'lore' }]);
  assert.deepEqual(base.problems.map((p) => [p.file, p.code]), [['lore/a.yaml', 'lore-unreadable-file'], ['lore/b.yaml', 'lore-unreadable-file']]);
  assert.ok(base.byId.has('c'));
});

test('lore: a reload reuses the typed entries of unchanged files, and never a stale one', async () => {
  const cache = new MapCache();
  const files: Record<string, string> = {
    'lore/a.yaml': '- name: Luke\n  born: 19 BBY\n',
    'lore/b.yaml': '- name: Leia\n  born: 19\n',
    'lore/settings.yaml': 'calendar:\n  eras:\n    - { name: BBY, before: true }\n',
  };
  const fs = new InMemoryFileSystem(files);
  const folders = [{ name: 'lore', path: 'lore' }];
  const first = (await loadLore(fs, folders, cache)).base;
  files['lore/b.yaml'] = '- name: Leia\n  born: 20\n';
  const second = (await loadLore(fs, folders, cache)).base;
  assert.equal(second.byId.get('luke'), first.byId.get('luke'), 'the unchanged file’s entry is reused');
  assert.deepEqual(second.byId.get('leia')!.born, { year: 20 });
  files['lore/settings.yaml'] = 'calendar:\n  eras:\n    - { name: BBY, before: true, offset: 100 }\n';
  const third = (await loadLore(fs, folders, cache)).base;
  assert.deepEqual(third.byId.get('luke')!.born, { year: 81 }, 'a new calendar re-reads every date');
});
