// The merged base as the disk cache stores it (format 8: locations as one list of integers, field
// locations made on first read): what comes back is the base that was built, field for field; a
// file cut short, filled with garbage or of another format is a miss.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { DiskLoreCache } from '../src/cli/loreCache';
import { checkManuscript, prepareLore } from '../src/core/check';
import { loadLore } from '../src/core/lore/load';
import { MemoryFileSystem } from '../src/core/memoryFileSystem';

const LORE = [{ name: 'lore', path: 'lore' }];
const temporary: string[] = [];
after(() => temporary.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

// Two layers, so that an overridden field's location is in another file than its entry, on a line
// before the entry's own (a negative line offset in the packed list).
const FILES = {
  'lore/people.yaml': [
    '# people',
    '- name: Jean-Luc Picard',
    '  aliases: [Picard, Captain Picard]',
    '  born: 2305-07-13',
    '  rank:',
    '    - value: Captain',
    '      from: 2364',
    '  relations:',
    '    brother: robert-picard',
    '',
    '- name: Robert Picard',
    '  born: 2300',
    '  died: 2371',
    '  species: Human',
    '',
  ].join('\n'),
  'lore/places.yaml': '- name: Château Picard\n  kind: place\n  summary: "The family vineyard, in La Barre."\n',
  'au/over.yaml': '- id: robert-picard\n  died: null\n  summary: Lives on here.\n',
};

async function built(): Promise<{ dir: string; file: string; fs: MemoryFileSystem; cold: Awaited<ReturnType<typeof loadLore>> }> {
  const dir = mkdtempSync(join(tmpdir(), 'lorekeeper-format-'));
  temporary.push(dir);
  const file = join(dir, 'lore-x.json');
  const fs = new MemoryFileSystem(FILES);
  const writer = new DiskLoreCache(file, 'build-a');
  const cold = await loadLore(fs, [...LORE, { name: 'au', path: 'au' }], writer);
  writer.save();
  return { dir, file, fs, cold };
}

test('cache format: the base read back is the base built, field locations included, and checks the same', async () => {
  const { file, fs, cold } = await built();
  const warm = await loadLore(fs, [...LORE, { name: 'au', path: 'au' }], new DiskLoreCache(file, 'build-a'));
  assert.equal(warm.parsedCount, 0, 'served from the cache');
  assert.notEqual(warm.base, cold.base);
  // (JSON keeps no `title: undefined`: the parts are compared one by one.)
  assert.deepEqual(warm.base.entries, cold.base.entries);
  assert.deepEqual(warm.base.byId, cold.base.byId);
  assert.deepEqual([warm.base.title, warm.base.calendar, warm.base.problems, warm.base.layers], [cold.base.title, cold.base.calendar, cold.base.problems, cold.base.layers]);
  const robert = warm.base.byId.get('robert-picard')!;
  assert.equal(robert.fieldLocations.summary.file, 'au/over.yaml', 'a field set by a later layer keeps its own file');
  assert.deepEqual(robert.fieldLocations.summary.range, cold.base.byId.get('robert-picard')!.fieldLocations.summary.range);
  // A warm entry behaves as a plain object: copied, serialised, its field locations replaced.
  const picard = warm.base.byId.get('jean-luc-picard')!;
  assert.deepEqual({ ...picard }, { ...cold.base.byId.get('jean-luc-picard')! });
  assert.deepEqual(JSON.parse(JSON.stringify(picard)), JSON.parse(JSON.stringify(cold.base.byId.get('jean-luc-picard'))));
  const fresh = await loadLore(fs, [...LORE, { name: 'au', path: 'au' }], new DiskLoreCache(file, 'build-a'));
  const entry = fresh.base.byId.get('jean-luc-picard')!;
  entry.fieldLocations = { name: entry.location };
  assert.deepEqual(Object.keys(entry.fieldLocations), ['name'], 'an assignment before the first read wins');
  assert.ok(!Object.keys(entry).some((key) => !(key in cold.base.byId.get('jean-luc-picard')!)), 'no bookkeeping field shows');
  const text = '<!-- when: 2380 -->\nRobert Picard and Captain Picard walked to Chateau Picard.\n';
  assert.deepEqual(checkManuscript(prepareLore(warm.base), 'a.md', text).diagnostics, checkManuscript(prepareLore(cold.base), 'a.md', text).diagnostics);
});

test('cache format: a base file cut short, garbage or of another format is a miss, never a crash', async () => {
  const { dir, file, fs } = await built();
  const baseFile = join(dir, 'lore-x.base.json');
  const good = readFileSync(baseFile, 'utf8');
  const stored = JSON.parse(good);
  const layers = [...LORE, { name: 'au', path: 'au' }];
  assert.ok(new DiskLoreCache(file, 'build-a').getBase(stored.key), 'near miss: the file as written is served');
  const bad = [good.slice(0, good.length >> 1), good.slice(0, -1), 'garbage\u0000\u0001', '', JSON.stringify({ ...stored, format: 7 }), JSON.stringify({ ...stored, locations: stored.locations.slice(5) })];
  for (const content of bad) {
    writeFileSync(baseFile, content);
    assert.equal(new DiskLoreCache(file, 'build-a').getBase(stored.key), undefined, content.slice(0, 80));
    // Through the whole load: the base is built again from the files, as cold.
    const loaded = await loadLore(fs, layers, new DiskLoreCache(file, 'build-a'));
    assert.equal(loaded.base.entries.length, 3);
    assert.equal(loaded.base.byId.get('jean-luc-picard')!.fieldLocations.born.range.start.line, 3);
  }
});
