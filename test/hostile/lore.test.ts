// Issue 8, items 2, 11 and 13: lore files a writer or a shared pack can produce, read right.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfig } from '../../src/core/config';
import { parseLoreFile } from '../../src/core/lore/parseFile';
import { CANON, check, codes, loreFrom, prepared } from '../helpers';
import { describeGrowth, growth } from './growth';

const at = (p: { range: { start: { line: number; character: number } } }): [number, number] => [p.range.start.line + 1, p.range.start.character + 1];

test('lore: an entry with an id and an empty or null name is reported, not dropped', async () => {
  const { base } = await loreFrom({ 'lore/a.yaml': '- id: ghost\n  name: ""\n- id: shade\n  name: ~\n- id: blank\n  name: "   "\n- name: ""\n- id: fine\n  name: Fine\n' });
  const missing = base.problems.filter((p) => p.code === 'lore-missing-name');
  assert.deepEqual(missing.map(at).sort((a, b) => a[0] - b[0]), [[2, 9], [4, 9], [6, 9], [7, 3]]);
  assert.match(missing.find((p) => p.range.start.line === 1)!.message, /"ghost"/);
  assert.deepEqual(base.entries.map((e) => e.id), ['fine'], 'the near-miss: a named entry loads');
  assert.equal(base.problems.length, 4);
});

test('lore: a later layer cannot remove a name; naming an entry by id alone still overrides it', async () => {
  const { base } = await loreFrom({ 'lore/hugh.yaml': 'name: Hugh\nborn: 2348\n', 'au/hugh.yaml': 'id: hugh\nname: null\ndied: 2399\n' }, ['lore', 'au']);
  const problems = base.problems.filter((p) => p.code === 'lore-missing-name');
  assert.equal(problems.length, 1);
  assert.equal(problems[0].file, 'au/hugh.yaml');
  assert.deepEqual(at(problems[0]), [2, 7]);
  assert.equal(base.byId.get('hugh')?.name, 'Hugh', 'the earlier name stays');
  assert.deepEqual(base.byId.get('hugh')?.died, { year: 2399 }, 'the rest of the override applies');
});

test('lore: anchors, aliases and merge keys are resolved with the document as context', async () => {
  const { base } = await loreFrom({
    'lore/a.yaml': [
      '- &base',
      '  name: Template Ship',
      '  kind: ship',
      '  from: &launch 2363',
      '  class: Galaxy',
      '- name: USS Enterprise-D',
      '  <<: *base',
      '  aliases: &names [Enterprise-D, The Enterprise]',
      '- name: USS Yamato',
      '  <<: [*base]',
      '  from: 2364',
      '- name: Odyssey',
      '  kind: ship',
      '  from: *launch',
      '  aliases: *names',
      '',
    ].join('\n'),
  });
  const enterprise = base.byId.get('uss-enterprise-d')!;
  assert.equal(enterprise.kind, 'ship');
  assert.deepEqual(enterprise.from, { year: 2363 });
  assert.equal(enterprise.extra.class, 'Galaxy');
  assert.deepEqual(base.byId.get('uss-yamato')!.from, { year: 2364 }, 'a key written in the entry beats the merged one');
  assert.deepEqual(base.byId.get('odyssey')!.from, { year: 2363 }, '`from: *launch` is a date, not "a mapping"');
  assert.ok(!base.problems.some((p) => p.code === 'lore-invalid-date' || p.code === 'lore-wrong-type'), JSON.stringify(base.problems));
  // Odyssey shares the aliases on purpose: the duplicates are reported where Odyssey names them.
  const shared = base.problems.filter((p) => p.code === 'lore-duplicate-alias');
  assert.deepEqual(shared.map(at), [[15, 12], [15, 12]]);
  // A merged value is placed at the merge key's alias in the entry that inherits it.
  assert.deepEqual(enterprise.fieldLocations.class.range.start, { line: 6, character: 6 });
});

test('lore: aliases that expand without end are one problem, never a hang', () => {
  const rows = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 9; i++) rows.push(`${'abcdefghij'[i]}: &${'abcdefghij'[i]} [${Array(10).fill(`*${'abcdefghij'[i - 1]}`).join(', ')}]`);
  const parsed = parseLoreFile('lore/laughs.yaml', `${rows.join('\n')}\nname: Laughs\n`);
  assert.equal(parsed.entries.length, 0);
  assert.deepEqual(parsed.problems.map((p) => p.code), ['lore-invalid-yaml']);
  assert.match(parsed.problems[0].message, /expand far beyond the size of the file/);
});

test('lore: entries that merge and alias a shared anchor cost linear time', () => {
  const make = (n: number): string =>
    '- &base\n  name: Base\n  kind: ship\n  from: &launch 2300\n' +
    Array.from({ length: n }, (_, i) => `- name: Ship ${i}\n  <<: *base\n  until: *launch\n`).join('');
  const g = growth(make, (text) => parseLoreFile('lore/ships.yaml', text), 100);
  assert.ok(g.ratio <= 20, describeGrowth(g));
  const parsed = parseLoreFile('lore/ships.yaml', make(3));
  assert.deepEqual(parsed.entries[3].fields.kind.value, 'ship');
  assert.deepEqual(parsed.entries[3].fields.until.value, 2300);
});

test('lore: a chain of merge keys, each entry merging the one before, is read in linear time', () => {
  const make = (n: number): string =>
    '- &e0\n  name: E0\n  rank: x\n' + Array.from({ length: n }, (_, i) => `- &e${i + 1}\n  <<: *e${i}\n  name: E${i + 1}\n`).join('');
  const g = growth(make, (text) => parseLoreFile('lore/chain.yaml', text), 100);
  assert.ok(g.ratio <= 20, describeGrowth(g));
});

test('lore: a key written twice in an entry is reported at the second one', async () => {
  const { base } = await loreFrom({ 'lore/a.yaml': '- name: Data\n  born: 2338\n  born: 2335\n  relations: {brother: lore, brother: lal}\n- name: Lore\n- name: Lal\n' });
  const dup = base.problems.filter((p) => p.code === 'lore-duplicate-key');
  assert.deepEqual(dup.map(at), [[3, 3], [4, 30]]);
  assert.match(dup[0].message, /"born" appears twice/);
  assert.deepEqual(base.byId.get('data')!.born, { year: 2335 }, 'the rest of the file still loads');
  const clean = await loreFrom({ 'lore/a.yaml': '- name: Data\n  born: 2338\n- name: Lore\n  born: 2335\n' });
  assert.deepEqual(clean.base.problems, [], 'the same key in two entries is no duplicate');
});

test('lore: a CR-only file reads as lines, with problems on the right line', async () => {
  const { base } = await loreFrom({ 'lore/a.yaml': '- name: Data\r  born: 2338\r- name: Lore\r  born: soon\r' });
  assert.deepEqual(base.entries.map((e) => e.id), ['data', 'lore']);
  assert.deepEqual(base.problems.map((p) => [p.code, ...at(p)]), [['lore-invalid-date', 4, 9]]);
});

test('lore: calendar problems are placed at the offending node', async () => {
  const { base } = await loreFrom({
    'lore/settings.yaml': 'title: T\ncalendar:\n  eras:\n    - name: BBY\n      before: "yes"\n    - name: ABY\n      offset: "abc"\n      colour: red\n',
    'lore/a.yaml': 'name: A\n',
  });
  const problems = base.problems.map((p) => [p.message.split(':')[0], ...at(p)]);
  assert.deepEqual(problems, [
    ['calendar.eras.0.before', 5, 15],
    ['calendar.eras.1.colour', 8, 15],
    ['calendar.eras.1.offset', 7, 15],
  ]);
  const whole = await loreFrom({ 'lore/settings.yaml': 'calendar: [BBY]\n', 'lore/a.yaml': 'name: A\n' });
  assert.deepEqual(whole.base.problems.map(at), [[1, 11]], 'a problem with the calendar itself stays on it');
});

test('wrong-age: an age stated before the birth says "not yet born", never a negative age', async () => {
  const lore = await prepared(CANON);
  const found = codes(check(lore, '<!-- when: 2200 -->\nThe 80-year-old Picard smiled.\n'), 'wrong-age');
  assert.equal(found.length, 1);
  assert.doesNotMatch(found[0].message, / -\d/);
  assert.match(found[0].message, /not yet born in 2200, not 80/);
  assert.equal(found[0].fix, undefined, 'no age to offer as fix');
  const after = codes(check(lore, '<!-- when: 2385 -->\nThe 70-year-old Picard smiled.\n'), 'wrong-age');
  assert.match(after[0].message, /so is 79 or 80 in 2385, not 70/, 'the near-miss: after the birth, the age');
});

test('config: `lore: []` and `lore: ""` are configuration errors; an unknown tag is one line, no Node warning', async () => {
  assert.deepEqual(parseConfig('lore: []\n'), { ok: false, message: '`lore` is an empty list: name at least one lore folder (or leave `lore` out for ./lore)' });
  assert.equal(parseConfig('lore: ""\n').ok, false);
  assert.equal(parseConfig('exclude: [drafts, " "]\n').ok, false);
  assert.equal(parseConfig('lore: [lore, ./]\n').ok, false, 'the workspace itself as the lore');
  assert.equal(parseConfig('lore: .\n').ok, false);
  assert.equal(parseConfig('lore: ./lore\n').ok, true, 'the near-miss: a folder under it');
  assert.deepEqual(parseConfig('manuscripts: []\nlore: [lore, au]\n'), { ok: true, config: { manuscripts: [], lore: ['lore', 'au'] } }, 'near-miss: an empty manuscripts list is allowed');
  const warnings: string[] = [];
  const listener = (w: Error): void => void warnings.push(w.message);
  process.on('warning', listener);
  try {
    const result = parseConfig('lore: !!js/function "function () { return 1 }"\n');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(result.ok, false);
    assert.ok(!result.ok && !result.message.includes('\n'), 'one line');
    assert.deepEqual(warnings, []);
  } finally {
    process.off('warning', listener);
  }
});
