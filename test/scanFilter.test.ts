// The scanner's first-word filter: every word that can start a name, a title or an ALL CAPS name
// gets through to the lookups (no false negatives), and most other words of prose do not.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { deserialize, serialize } from 'node:v8';
import { generate } from '../bench/generate.mjs';
import { checkManuscript, prepareLore } from '../src/core/check';
import { wordBits } from '../src/core/hash';
import { loadLore } from '../src/core/lore/load';
import { mayStartName } from '../src/core/mentions/scan';
import { nodeFileSystem } from '../src/cli/nodeFileSystem';
import { CANON, prepared } from './helpers';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

test('scan filter: every first word of the index passes, and most words of prose are skipped', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lorekeeper-filter-'));
  dirs.push(dir);
  generate({ entries: 2000, words: 20_000, chapters: 2, seed: 4, outDir: dir });
  const { base } = await loadLore(nodeFileSystem, [{ name: 'lore', path: join(dir, 'lore') }]);
  const lore = prepareLore(base);
  const keys = [...lore.index.firstWords(true)].filter((k) => /^[\x00-\x7f]*$/.test(k));
  assert.ok(keys.length > 2000);
  for (const key of keys) assert.ok(mayStartName(lore.index, key), key);
  const firsts = new Set(keys);
  const words = ['window', 'the', 'Beyond', 'quietly', 'lantern', 'Outside', 'walked', 'across', 'Somewhere', 'evening', 'harbour', 'ledger'];
  let skipped = 0;
  for (const w of words) if (!firsts.has(w) && !mayStartName(lore.index, w)) skipped++;
  assert.ok(skipped >= words.length - 2, `ordinary words are skipped: ${skipped} of ${words.length}`);
  // Restored from a snapshot, the index brings the filter it was kept with: the same bits, so the same words pass.
  const restored = prepareLore(base, deserialize(serialize(lore.index.toSnapshot()))).index;
  assert.equal(restored.restored, true);
  assert.deepEqual(restored.firstWordBits(), wordBits([...lore.index.firstWords(true)]));
  for (const w of [...keys.slice(0, 500), ...words]) assert.equal(mayStartName(restored, w), mayStartName(lore.index, w), w);
});

test('scan filter: names, titled names and ALL CAPS names are still found; capitalised non-names still reach unknown-name', async () => {
  const lore = await prepared(CANON);
  const text = '# DATA AND PICARD\n\nAdmiral Picard smiled. Data nodded at Jurrati. The window was open.\n';
  const { scan } = checkManuscript(lore, 'story.md', text);
  const found = scan.mentions.map((m) => text.slice(m.start, m.end));
  assert.ok(found.includes('DATA') && found.includes('PICARD'), `ALL CAPS heading: ${found}`);
  assert.ok(found.includes('Admiral Picard') || found.includes('Picard'), `titled: ${found}`);
  assert.ok(found.includes('Data'), `plain: ${found}`);
  const unknown = scan.unknownCapitalised.map((w) => text.slice(w.start, w.end));
  assert.ok(unknown.includes('Jurrati') && unknown.includes('The'), `capitalised non-names are kept for unknown-name: ${unknown}`);
  assert.ok(!found.includes('window') && !unknown.includes('window'), 'the near-miss: a lower-case word is neither');
});
