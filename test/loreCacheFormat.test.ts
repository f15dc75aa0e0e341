// The merged base as the disk cache stores it (format 9: a header line, the body in ASCII JSON, the
// locations as 32-bit integers; field locations made on first read): what comes back is the base
// that was built, field for field; a file cut short, filled with garbage or of another format is a miss.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { DiskLoreCache } from '../src/cli/loreCache';
import { checkManuscript, prepareLore } from '../src/core/check';
import { loadLore } from '../src/core/lore/load';
import { MemoryFileSystem } from '../src/core/memoryFileSystem';
import { readBaseFile, writeBaseFile, type BaseFileParts } from './baseFile';

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
  // The entry's own location is made on first read too, and is then a plain value; an assignment before it wins.
  const robertWarm = fresh.base.byId.get('robert-picard')!;
  assert.equal(Object.getOwnPropertyDescriptor(robertWarm, 'location')?.get !== undefined, true, 'not made before it is read');
  assert.deepEqual(robertWarm.location, cold.base.byId.get('robert-picard')!.location);
  assert.equal(robertWarm.location, robertWarm.location, 'made once');
  assert.ok('value' in Object.getOwnPropertyDescriptor(robertWarm, 'location')!);
  assert.deepEqual(robertWarm.fieldLocations, cold.base.byId.get('robert-picard')!.fieldLocations, 'the field locations after the location');
  const moved = { file: 'elsewhere.yaml', range: { start: { line: 9, character: 0 }, end: { line: 9, character: 1 } } };
  const place = fresh.base.byId.get('chateau-picard')!;
  place.location = moved;
  assert.equal(place.location, moved);
  assert.deepEqual(place.fieldLocations, cold.base.byId.get('chateau-picard')!.fieldLocations);
  assert.deepEqual(Object.keys(place).slice(-2), ['location', 'fieldLocations'], 'both in their places, as plain members');
  assert.ok(!Object.keys(entry).some((key) => !(key in cold.base.byId.get('jean-luc-picard')!)), 'no bookkeeping field shows');
  const text = '<!-- when: 2380 -->\nRobert Picard and Captain Picard walked to Chateau Picard.\n';
  assert.deepEqual(checkManuscript(prepareLore(warm.base), 'a.md', text).diagnostics, checkManuscript(prepareLore(cold.base), 'a.md', text).diagnostics);
});

test('cache format: a base file cut short, garbage or of another format is a miss, never a crash', async () => {
  const { dir, file, fs } = await built();
  const baseFile = join(dir, 'lore-x.base.json');
  const good = readFileSync(baseFile);
  const stored = readBaseFile(baseFile);
  const key = stored.header.key as string;
  const layers = [...LORE, { name: 'au', path: 'au' }];
  assert.ok(new DiskLoreCache(file, 'build-a').getBase(key), 'near miss: the file as written is served');
  const write = (parts: BaseFileParts) => () => writeBaseFile(baseFile, parts);
  const bad = [
    () => writeFileSync(baseFile, good.subarray(0, good.length >> 1)),
    () => writeFileSync(baseFile, good.subarray(0, -1)),
    () => writeFileSync(baseFile, 'garbage\u0000\u0001'),
    () => writeFileSync(baseFile, ''),
    write({ ...stored, header: { ...stored.header, format: 8 } }),
    write({ ...stored, ints: stored.ints.slice(0, -5) }),
  ];
  for (const damage of bad) {
    damage();
    assert.equal(new DiskLoreCache(file, 'build-a').getBase(key), undefined, damage.toString());
    // Through the whole load: the base is built again from the files, as cold.
    const loaded = await loadLore(fs, layers, new DiskLoreCache(file, 'build-a'));
    assert.equal(loaded.base.entries.length, 3);
    assert.equal(loaded.base.byId.get('jean-luc-picard')!.fieldLocations.born.range.start.line, 3);
  }
});

test('cache format: a base of many entries (several chunks of the body), text of any script, read back equal; the parses too', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lorekeeper-format-'));
  temporary.push(dir);
  const file = join(dir, 'lore-x.json');
  const names = ['Zoë', 'Ærøskøbing', '李小龍', 'Ἀχιλλεύς', 'Data 🖖', 'Plain'];
  const files: Record<string, string> = {};
  for (let f = 0; f < 9; f++) {
    const lines: string[] = [];
    for (let i = 0; i < 500; i++) {
      const n = f * 500 + i;
      lines.push(`- name: ${names[n % names.length]} ${n}`, `  born: ${2000 + (n % 300)}`, `  summary: "Line ${n} \\u00e9 \\t tab, \\"quoted\\" ${names[(n + 1) % names.length]}"`, `  species: Being ${n % 7}`, '');
    }
    files[`lore/part-${f}.yaml`] = lines.join('\n');
  }
  const fs = new MemoryFileSystem(files);
  const writer = new DiskLoreCache(file, 'build-a');
  const cold = await loadLore(fs, LORE, writer);
  writer.save();
  assert.equal(cold.base.entries.length, 4500);
  const warm = await loadLore(fs, LORE, new DiskLoreCache(file, 'build-a'));
  assert.equal(warm.parsedCount, 0);
  assert.notEqual(warm.base, cold.base);
  assert.deepEqual(warm.base.entries, cold.base.entries);
  assert.equal(warm.base.byId.get(cold.base.entries[4].id)!.name, 'Data 🖖 4');
  // Without the merged base, every file comes from the parse cache (streamed to disk one file at a time).
  rmSync(join(dir, 'lore-x.base.json'));
  const fromParses = await loadLore(fs, LORE, new DiskLoreCache(file, 'build-a'));
  assert.equal(fromParses.parsedCount, 0, 'every parse served');
  assert.deepEqual(fromParses.base.entries, cold.base.entries);
});

test('cache format: the parse of a file the fast reader reads is made again, never kept on disk; a parse of the yaml model is kept', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lorekeeper-format-'));
  temporary.push(dir);
  const file = join(dir, 'lore-x.json');
  // Plain block YAML (what an import writes): the fast reader's. A comment inside an entry: the yaml model's.
  const files = {
    'lore/plain.yaml': '- name: Jean-Luc Picard\n  born: 2305\n- name: Data\n  born: 2338\n  died: 2379\n',
    'lore/commented.yaml': '- name: Enterprise\n  # the ship\n  kind: ship\n',
  };
  const fs = new MemoryFileSystem(files);
  const writer = new DiskLoreCache(file, 'build-a');
  const cold = await loadLore(fs, LORE, writer);
  writer.save();
  assert.equal(cold.parsedCount, 2);
  const kept = Object.keys((JSON.parse(readFileSync(file, 'utf8')) as { files: Record<string, unknown> }).files);
  assert.deepEqual(kept.map((key) => key.split('\0')[0]), ['lore/commented.yaml']);
  // Without the merged base: the kept parse is served, the other file is read again, and the base is the same.
  rmSync(join(dir, 'lore-x.base.json'));
  const again = await loadLore(fs, LORE, new DiskLoreCache(file, 'build-a'));
  assert.equal(again.parsedCount, 1, 'only the fast reader\'s file parsed again');
  assert.deepEqual(again.base.entries, cold.base.entries);
  assert.deepEqual(again.base.problems, cold.base.problems);
  // Another build's file of parses is not read (its first bytes say whose it is): every file parsed.
  writeFileSync(file, readFileSync(file, 'utf8').replace('"build":"build-a"', '"build":"build-b"'));
  rmSync(join(dir, 'lore-x.base.json'), { force: true });
  const other = await loadLore(fs, LORE, new DiskLoreCache(file, 'build-a'));
  assert.equal(other.parsedCount, 2);
  assert.deepEqual(other.base.entries, cold.base.entries);
});
