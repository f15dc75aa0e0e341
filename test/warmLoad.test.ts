// A warm start reads the merged base only: the per-file parse cache (many times larger) is asked
// only when a file changed, and then only for that load.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadLore } from '../src/core/lore/load';
import { MemoryFileSystem } from '../src/core/memoryFileSystem';
import { FullCache } from './helpers';

const lore = (died: string) =>
  new MemoryFileSystem({
    'lore/characters.yaml': `- name: Data\n  kind: character\n  died: ${died}\n`,
    'lore/places.yaml': '- name: Chateau Picard\n  kind: place\n',
  });

test('a warm load takes the merged base without asking the parse cache about any file', async () => {
  const cache = new FullCache();
  const cold = await loadLore(lore('2379'), [{ name: 'lore', path: 'lore' }], cache);
  assert.equal(cold.parsedCount, 2);
  cache.gets = 0;
  const warm = await loadLore(lore('2379'), [{ name: 'lore', path: 'lore' }], cache);
  assert.equal(cache.gets, 0, 'the per-file cache was read on a warm start');
  assert.equal(warm.parsedCount, 0);
  assert.deepEqual(warm.base.entries.map((e) => e.name), ['Data', 'Chateau Picard']);
});

test('after one file changes, the unchanged file comes from the parse cache and the changed one is parsed', async () => {
  const cache = new FullCache();
  await loadLore(lore('2379'), [{ name: 'lore', path: 'lore' }], cache);
  cache.gets = 0;
  const changed = await loadLore(lore('2380'), [{ name: 'lore', path: 'lore' }], cache);
  assert.equal(changed.parsedCount, 1, 'only the changed file is parsed');
  assert.ok(cache.gets >= 1, 'the unchanged file was looked up in the parse cache');
  assert.equal(changed.base.byId.get('data')?.died?.year, 2380);
});
