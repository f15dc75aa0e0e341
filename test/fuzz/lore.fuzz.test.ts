// Fuzz: the lore parser and the lore base never throw, and every problem is inside its file.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { loadLore } from '../../src/core/lore/load';
import { parseLoreFile } from '../../src/core/lore/parseFile';
import { MemoryFileSystem } from '../../src/core/memoryFileSystem';
import { describeGrowth, growth } from '../hostile/growth';
import { calendarValue, loreEntry, loreFileText, sharedValues, withShared, yamlish } from './arbitraries';
import { params, samples } from './budget';
import { assertInside } from './positions';

test('fuzz lore: parseLoreFile on YAML-like noise never throws; its problems are inside the file', () => {
  fc.assert(
    fc.property(yamlish, (text) => {
      const parsed = parseLoreFile('lore/x.yaml', text);
      for (const p of parsed.problems) assertInside(p, text);
      JSON.stringify(parsed); // plain data: the cache stores it as JSON
    }),
    params(),
  );
});

test('fuzz lore: whole bases of generated files and layers load, every problem placed in its own file', async () => {
  const layerFiles = fc.dictionary(fc.constantFrom('a.yaml', 'b.yml', 'deep/c.yaml', 'settings.yaml', 'x.txt'), loreFileText, { maxKeys: 4 });
  await fc.assert(
    fc.asyncProperty(layerFiles, layerFiles, fc.option(calendarValue), async (canon, story, calendar) => {
      const files: Record<string, string> = {};
      for (const [name, text] of Object.entries(canon)) files[`lore/${name}`] = text;
      for (const [name, text] of Object.entries(story)) files[`au/${name}`] = text;
      if (calendar !== null) files['lore/zz-settings.yaml'] = stringify({ calendar }, { lineWidth: 0 });
      const { base } = await loadLore(new MemoryFileSystem(files), [{ name: 'lore', path: 'lore' }, { name: 'au', path: 'au' }]);
      for (const p of base.problems) {
        if (p.code === 'lore-empty') continue; // placed on the folder, not in a file
        assert.ok(p.file in files, `problem in ${p.file}, which is no file`);
        assertInside(p, files[p.file]);
      }
      for (const entry of base.entries) {
        assert.ok(entry.name.trim().length > 0, 'every entry has a name');
        assert.equal(base.byId.get(entry.id), entry);
      }
    }),
    params(60),
  );
});

test('fuzz lore: parse time grows linearly with the number of generated entries', () => {
  const entries = samples(loreEntry, 200).map((entry, i) => ({ ...entry, name: `Entry ${i}`, id: `entry-${i}` }));
  const g = growth(
    (n) => stringify(entries.slice(0, n), { lineWidth: 0 }),
    (text) => parseLoreFile('lore/x.yaml', text),
    20,
  );
  assert.ok(g.ratio <= 20, describeGrowth(g));
});

test('fuzz lore: entries sharing anchored values (aliases at scale) parse in linear time, never throwing', () => {
  const entries = samples(loreEntry, 200, 4).map((entry, i) => ({ ...entry, name: `Entry ${i}` }));
  const [shared] = samples(sharedValues, 1, 5);
  const g = growth(
    (n) => stringify(withShared(entries.slice(0, n), shared), { lineWidth: 0 }),
    (text) => parseLoreFile('lore/x.yaml', text),
    20,
  );
  assert.ok(g.ratio <= 20, describeGrowth(g));
  fc.assert(
    fc.property(fc.array(loreEntry, { maxLength: 6 }), sharedValues, (list, pool) => {
      const text = stringify(withShared(list, pool), { lineWidth: 0 });
      const parsed = parseLoreFile('lore/x.yaml', text);
      for (const p of parsed.problems) assertInside(p, text);
    }),
    params(60),
  );
});

test('fuzz lore: loading a base of generated files costs the same per byte at ten times the files', async () => {
  const texts = samples(loreFileText, 300, 1);
  const load = (n: number): Promise<unknown> => {
    const files: Record<string, string> = {};
    texts.slice(0, n).forEach((text, i) => (files[`lore/f${i}.yaml`] = text));
    return loadLore(new MemoryFileSystem(files), [{ name: 'lore', path: 'lore' }]);
  };
  // loadLore is async, but its work in memory is synchronous: the fastest of a few runs by the
  // wall clock is the work itself. (The process's CPU clock also counts V8's collector and compiler
  // threads, which made the larger load look up to twice as dear per byte as the smaller.)
  const measure = async (n: number, repeats: number): Promise<number> => {
    let best = Infinity;
    for (let i = 0; i < repeats; i++) {
      const start = performance.now();
      await load(n);
      best = Math.min(best, performance.now() - start);
    }
    return best;
  };
  // Generated files differ in size (the first 15 held ~4 KB, the first 150 ~61 KB: 14× the bytes),
  // so the time is judged per byte of YAML: linear work costs about the same per byte at both sizes
  // (0.6–1.5× in 12 runs), quadratic work some fourteen times as much. Judged per file, a linear load
  // read 12–21× against a bound of 20 and failed CI now and then; 30 and 300 files, not 15 and 150,
  // so that both loads run long enough to meet the collector alike.
  const bytes = (n: number): number => texts.slice(0, n).reduce((sum, text) => sum + text.length, 0);
  const byteRatio = bytes(300) / bytes(30);
  await measure(300, 1);
  let ratio = Infinity;
  for (let attempt = 0; attempt < 3 && ratio / byteRatio > 2.5; attempt++) ratio = Math.min(ratio, (await measure(300, 5)) / Math.max(await measure(30, 9), 0.5));
  const perByte = ratio / byteRatio;
  assert.ok(perByte <= 2.5, `10× the files (${byteRatio.toFixed(1)}× the bytes) took ${ratio.toFixed(1)}× the time: ${perByte.toFixed(2)}× the cost per byte`);
});
