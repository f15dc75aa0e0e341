// The typo index of unknown-name (NearNames) against a plain reference: the string-keyed index of
// every canon word and its one-letter deletions it replaced. Same verdict, same tie-breaks, on
// the words of a generated canon with random slips, for speed without a change of output.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { deserialize, serialize } from 'node:v8';
import { generate, mulberry32 } from '../../bench/generate.mjs';
import { prepareLore } from '../../src/core/check';
import { isEnglishWord } from '../../src/core/checks/english';
import { NearNames, editDistance } from '../../src/core/checks/unknownName';
import { loadLore } from '../../src/core/lore/load';
import type { NameIndex } from '../../src/core/mentions/nameIndex';
import { nodeFileSystem } from '../../src/cli/nodeFileSystem';
import { prepared } from '../helpers';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

interface RefTarget { spelling: string; role: 'name' | 'part'; english: boolean }

/** The index as it was: a Map from each lower-cased word and one-letter deletion to its targets. */
function reference(index: NameIndex): (word: string) => RefTarget | null {
  const capitalised = (w: string) => {
    const c0 = w.charCodeAt(0);
    const c1 = w.charCodeAt(1);
    if (!(c0 >= 65 && c0 <= 90) && w[0] === w[0].toLowerCase()) return false;
    return !(c1 >= 65 && c1 <= 90 && w === w.toUpperCase());
  };
  const dels = (w: string) => [...w].map((_, i) => w.slice(0, i) + w.slice(i + 1));
  const targets = new Map<string, RefTarget>();
  const byLetters = new Map<string, RefTarget>();
  const byDeletion = new Map<string, RefTarget[]>();
  for (const form of index.forms) {
    form.words.forEach((w, k) => {
      if (w.length < 4 || !capitalised(w)) return;
      const t = targets.get(w);
      if (t) { if (k === form.words.length - 1) t.role = 'name'; }
      else targets.set(w, { spelling: w, role: k === form.words.length - 1 ? 'name' : 'part', english: isEnglishWord(w.toLowerCase()) });
    });
    const { words, separators } = form;
    if (words.length > 1 && words.every(capitalised) && separators.every((s) => s === ' ' || s === '-' || s === "'")) {
      const joined = words.join('').toLowerCase();
      if (joined.length >= 4 && !byLetters.has(joined)) byLetters.set(joined, { spelling: words.map((w, k) => (k === 0 ? w : separators[k - 1] + w)).join(''), role: 'name', english: false });
    }
  }
  let longest = 0;
  for (const t of targets.values()) {
    const key = t.spelling.toLowerCase();
    longest = Math.max(longest, key.length);
    if (!byLetters.has(key)) byLetters.set(key, t);
    for (const k of [key, ...dels(key)]) {
      const list = byDeletion.get(k) ?? [];
      if (!list.includes(t)) list.push(t);
      byDeletion.set(k, list);
    }
  }
  return (word) => {
    const lower = word.toLowerCase();
    if (lower.length > longest + 2) return null;
    const same = byLetters.get(lower);
    if (same) return same.spelling !== word ? same : null;
    const keys = new Set([lower, ...dels(lower)]);
    if (lower.length >= 8) for (const d of dels(lower)) for (const dd of dels(d)) keys.add(dd);
    let best: RefTarget | null = null;
    let bestDistance = Infinity;
    for (const key of keys) {
      for (const t of byDeletion.get(key) ?? []) {
        const canon = t.spelling.toLowerCase();
        const limit = t.role === 'part' ? (canon.length >= 7 ? 1 : 0) : canon.length >= 7 ? 2 : 1;
        if (limit === 0) continue;
        const doubled = lower.length === canon.length + 1 && [...lower].some((c, i) => i > 0 && c === lower[i - 1] && lower.slice(0, i) + lower.slice(i + 1) === canon);
        if (t.english && !doubled) continue;
        const d = editDistance(lower, canon, limit);
        if (d > 0 && d <= limit && d < bestDistance) { bestDistance = d; best = t; }
      }
    }
    return best;
  };
}

test('NearNames: the same nearest canon word as the string-keyed reference, for slips of one and two letters and for far words', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lorekeeper-near-'));
  dirs.push(dir);
  generate({ entries: 600, words: 100, chapters: 1, seed: 11, outDir: dir });
  const { base } = await loadLore(nodeFileSystem, [{ name: 'lore', path: join(dir, 'lore') }]);
  const { index } = prepareLore(base);
  const near = new NearNames(index);
  // The index as the lore cache keeps it (v8-serialised) and restores it: the same answers.
  const restored = NearNames.fromSnapshot(index, deserialize(serialize(new NearNames(index).toSnapshot(index.forms.length))));
  assert.ok(restored, 'a snapshot of this index fits it');
  const expected = reference(index);
  const random = mulberry32(5);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const letters = 'abcdefghijklmnoprstuvyz';
  const slip = (w: string): string => {
    const i = Math.floor(random() * w.length);
    switch (Math.floor(random() * 4)) {
      case 0: return w.slice(0, i) + w.slice(i + 1);
      case 1: return w.slice(0, i) + pick([...letters]) + w.slice(i);
      case 2: return w.slice(0, i) + pick([...letters]) + w.slice(i + 1);
      default: return i + 1 < w.length ? w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2) : w + w[i];
    }
  };
  const words = [...new Set(index.forms.flatMap((f) => f.words).filter((w) => w.length >= 4))];
  assert.ok(words.length > 500, 'a canon of many words');
  // Names of several words, to be written as one ("Laforge" for "La Forge").
  const joinable = index.forms.filter((f) => f.words.length > 1).map((f) => f.words);
  assert.ok(joinable.length > 100);
  let found = 0;
  let tried = 0;
  for (let n = 0; n < 6000; n++) {
    const word = pick(words);
    const multi = pick(joinable);
    const joined = multi.join('');
    const query = n % 5 === 1 ? joined : n % 5 === 2 ? joined.toLowerCase().replace(/^./, (c) => c.toUpperCase()) : n % 3 === 0 ? slip(slip(word)) : n % 7 === 0 ? word.toLowerCase().replace(/^./, (c) => c.toUpperCase()) : slip(word);
    if (query.length < 2) continue;
    const want = expected(query);
    const got = near.nearest(query);
    tried++;
    assert.equal(got?.spelling ?? null, want?.spelling ?? null, `"${query}" (from "${word}")`);
    assert.equal(got?.role ?? null, want?.role ?? null, `"${query}"`);
    assert.equal(restored.nearest(query)?.spelling ?? null, want?.spelling ?? null, `"${query}" from the restored index`);
    if (want) found++;
  }
  // Both sides must be exercised: many typos found, and many words left without a target.
  assert.ok(found > tried * 0.2 && found < tried * 0.95, `found ${found} of ${tried}`);
  assert.equal(near.nearest('Qqqqzzzz'), null, 'a word far from every name');
});

test('NearNames: of two canon words at the same distance, the one the lore names first wins (as before), whichever it is', async () => {
  const lore = (first: string, second: string) => ({
    'lore/settings.yaml': 'title: Ties\n',
    'lore/characters.yaml': `- name: ${first}\n  kind: character\n- name: ${second}\n  kind: character\n`,
  });
  for (const [a, b] of [['Tobias Marlowe', 'Tobias Barlowe'], ['Tobias Barlowe', 'Tobias Marlowe']]) {
    const { index } = await prepared(lore(a, b));
    const near = new NearNames(index);
    assert.equal(near.nearest('Carlowe')?.spelling, a.split(' ')[1], `${a} before ${b}`);
    assert.equal(near.nearest('Marlowe'), null, 'a canon word as written is no typo');
    assert.equal(near.nearest('Zyxwvut'), null, 'the near-miss: a word far from both');
  }
});

test('NearNames snapshot: one that does not fit the index is refused, never trusted', async () => {
  const { index } = await prepared({
    'lore/settings.yaml': 'title: Snapshots\n',
    'lore/characters.yaml': '- name: Tobias Marlowe\n  kind: character\n- name: Geordi La Forge\n  kind: character\n',
  });
  const good = new NearNames(index).toSnapshot(index.forms.length);
  const restored = NearNames.fromSnapshot(index, good)!;
  assert.equal(restored.nearest('Marlwe')?.spelling, 'Marlowe');
  assert.equal(restored.nearest('Marlowr')?.spelling, 'Marlowe');
  assert.equal(restored.nearest('Qqqqzzzz'), null);
  const tampered = (change: (s: Record<string, unknown>) => void) => {
    const copy = deserialize(serialize(good)) as Record<string, unknown>;
    change(copy);
    return NearNames.fromSnapshot(index, copy);
  };
  assert.equal(tampered(() => undefined)?.nearest('Marlwe')?.spelling, 'Marlowe', 'an exact copy is taken');
  assert.equal(NearNames.fromSnapshot(index, undefined), undefined, 'nothing cached');
  assert.equal(NearNames.fromSnapshot(index, 'garbage'), undefined);
  assert.equal(tampered((s) => { s.version = 0; }), undefined, 'another version');
  assert.equal(tampered((s) => { s.forms = (s.forms as number) + 1; }), undefined, 'built from another index');
  assert.equal(tampered((s) => { (s.keyNext as Int32Array)[0] = 1 << 30; }), undefined, 'a link out of range');
  assert.equal(tampered((s) => { (s.keyTargets as Int32Array)[0] = -1; }), undefined, 'a target out of range');
  assert.equal(tampered((s) => { s.heads = new Int32Array(1000); }), undefined, 'a bucket table that is no power of two');
  assert.equal(tampered((s) => { s.keyHashes = Array.from(s.keyHashes as Int32Array); }), undefined, 'a plain array for a typed one');
  assert.equal(tampered((s) => { (s.spellings as string[]).pop(); }), undefined, 'fewer spellings than roles');
});
