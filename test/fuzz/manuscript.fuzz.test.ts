// Fuzz: the manuscript parser and every check never throw, keep offsets, and place each
// diagnostic inside the file; their time grows linearly with the text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { checkManuscript, prepareLore, type PreparedLore } from '../../src/core/check';
import { GREGORIAN, parseCalendar } from '../../src/core/dates';
import { parseManuscript, sceneAt } from '../../src/core/manuscript';
import { CANON, prepared } from '../helpers';
import { loadLore } from '../../src/core/lore/load';
import { MemoryFileSystem } from '../../src/core/memoryFileSystem';
import { describeGrowth, growth } from '../hostile/growth';
import { manuscriptText } from './arbitraries';
import { params, samples } from './budget';
import { assertInside } from './positions';

let canon: PreparedLore | undefined;
let eras: PreparedLore | undefined;
async function lores(): Promise<PreparedLore[]> {
  canon ??= await prepared(CANON);
  if (!eras) {
    const files = { ...CANON, 'lore/settings.yaml': 'title: T\ncalendar:\n  eras:\n    - { name: BBY, before: true }\n    - { name: ABY, aliases: [A.B.Y.] }\n' };
    eras = prepareLore((await loadLore(new MemoryFileSystem(files), [{ name: 'lore', path: 'lore' }])).base);
  }
  return [canon, eras];
}

const path = fc.constantFrom('story.md', 'story.txt', 'notes.markdown');

test('fuzz manuscript: parsing keeps every offset; scenes are in order', () => {
  fc.assert(
    fc.property(manuscriptText, path, (text, file) => {
      const m = parseManuscript(file, text, GREGORIAN);
      assert.equal(m.prose.length, m.text.length, 'prose keeps every offset');
      for (let i = 1; i < m.scenes.length; i++) assert.ok(m.scenes[i].start >= m.scenes[i - 1].start, 'scenes in order');
      assert.ok(sceneAt(m, m.text.length) !== undefined);
      for (const p of m.problems) assertInside(p, m.text);
    }),
    params(),
  );
});

test('fuzz manuscript: every check runs without throwing and places its diagnostics inside the file', async () => {
  const [plain, withEras] = await lores();
  fc.assert(
    fc.property(manuscriptText, path, fc.boolean(), (text, file, useEras) => {
      const result = checkManuscript(useEras ? withEras : plain, file, text);
      for (const d of result.diagnostics) {
        assertInside(d, result.manuscript.text);
        if (d.fix !== undefined) assert.equal(typeof d.fix, 'string');
      }
    }),
    params(),
  );
});

test('fuzz manuscript: checking time grows linearly with the number of generated paragraphs', async () => {
  const [plain] = await lores();
  const paragraphs = samples(manuscriptText, 600, 2).map((p) => `${p}\n\n`);
  const g = growth((n) => paragraphs.slice(0, n).join(''), (text) => checkManuscript(plain, 'story.md', text), 60);
  assert.ok(g.ratio <= 20, describeGrowth(g));
});

test('fuzz manuscript: one long generated line costs linear time too', () => {
  const pieces = samples(manuscriptText, 400, 3).map((p) => p.replace(/[\r\n\u2028]/g, ' '));
  const g = growth((n) => `${pieces.slice(0, n).join(' ')}\n`, (text) => parseManuscript('story.md', text, GREGORIAN), 40);
  assert.ok(g.ratio <= 20, describeGrowth(g));
});

test('fuzz manuscript: calendars of any shape give a date pattern that compiles', () => {
  fc.assert(
    fc.property(fc.jsonValue({ maxDepth: 3 }), (value) => {
      const { calendar } = parseCalendar(value);
      parseManuscript('story.md', '<!-- when: 19 BBY -->\nx\n', calendar);
    }),
    params(),
  );
});

// Issue 8, item 4 (first half): unknown-name's cost grew with the
// cube of a word's length. Fresh words every run: the check caches its verdict per word.
test('fuzz manuscript: checking time grows linearly with the length of one capitalised word', async () => {
  const [plain] = await lores();
  let seed = 15;
  const letter = (): string => String.fromCharCode(97 + ((seed = (seed * 1103515245 + 12345) % 2147483648) % 26));
  const g = growth(
    (length) => () => `She met ${'Q' + Array.from({ length }, letter).join('')} there.\n`,
    (text) => checkManuscript(plain, 'story.md', text()),
    16,
    10,
  );
  assert.ok(g.ratio <= 20, describeGrowth(g));
});
