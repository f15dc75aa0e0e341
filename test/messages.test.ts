// Messages read as prose (issue 11): every check writes a date in words at its precision — "on
// 30 June 1997", "in June 1997", "in 1997", "in 19 BBY", "on 4 May 19 BBY" — never an ISO date
// inside a sentence, while fixes and data keep the base's own notation.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { nodeFileSystem } from '../src/cli/nodeFileSystem';
import { checkManuscript, prepareLore } from '../src/core/check';
import { dateInWords, GREGORIAN, parseCalendar, whenInWords } from '../src/core/dates';
import { findingsInWords } from '../src/core/codes';
import { summariseContinuity } from '../src/core/features/continuityReport';
import { loadLore, shownPath } from '../src/core/lore/load';
import type { Diagnostic } from '../src/core/types';
import { check, codes, InMemoryFileSystem, loreFrom, prepared } from './helpers';

const ERAS = 'calendar:\n  eras:\n    - { name: BBY, before: true }\n    - { name: ABY }\n';

/** One lore date at each precision: how it is written in lore, in words, and scenes after and before it. */
const PRECISIONS = [
  { name: 'a full date', settings: '', lore: '1997-06-30', words: 'on 30 June 1997', after: '1998-05-02', afterWords: 'on 2 May 1998', before: '1990-01-01', beforeWords: 'on 1 January 1990', otherYear: '1990' },
  { name: 'a year and month', settings: '', lore: '1997-06', words: 'in June 1997', after: '1998-05', afterWords: 'in May 1998', before: '1990-01', beforeWords: 'in January 1990', otherYear: '1990' },
  { name: 'a year', settings: '', lore: '1997', words: 'in 1997', after: '1999', afterWords: 'in 1999', before: '1990', beforeWords: 'in 1990', otherYear: '1990' },
  { name: 'an era year', settings: ERAS, lore: '19 BBY', words: 'in 19 BBY', after: '4 ABY', afterWords: 'in 4 ABY', before: '32 BBY', beforeWords: 'in 32 BBY', otherYear: '32 BBY' },
  { name: 'an era date with month and day', settings: ERAS, lore: '19-05-04 BBY', words: 'on 4 May 19 BBY', after: '4-01-10 ABY', afterWords: 'on 10 January 4 ABY', before: '32 BBY', beforeWords: 'in 32 BBY', otherYear: '32 BBY' },
] as const;

/** An ISO-like date (`1997-06`, `1997-06-30`) in a message, outside quotes and code spans. */
const ISO_IN_SENTENCE = /(?<![\d-])\d{1,5}-\d{2}(?:-\d{2})?(?![\d-])/;

function sentenceText(message: string): string {
  // What the writer wrote ("2399-02-30" is not a date) and notation (`born: 1980-07-31`) are quoted, not prose.
  return message.replace(/`[^`]*`/g, '`…`').replace(/"[^"]*"/g, '"…"');
}

export function assertProse(diagnostics: Diagnostic[], where: string): void {
  for (const d of diagnostics) {
    assert.doesNotMatch(sentenceText(d.message), ISO_IN_SENTENCE, `${where}: an ISO date in the sentence of ${d.code}: ${d.message}`);
    assert.doesNotMatch(d.message, /file:\/\//, `${where}: an internal address in ${d.code}: ${d.message}`);
  }
}

function lore(p: (typeof PRECISIONS)[number]): Record<string, string> {
  return {
    ...(p.settings ? { 'lore/_settings.yaml': p.settings } : {}),
    'lore/people.yaml': `
- name: Albus Dumbledore
  born: ${p.settings ? '100 BBY' : '1881'}
  died: ${p.lore}
- name: Harry Potter
  born: ${p.lore}
- name: Severus Snape
  aliases: [Snape]
  rank:
    - { value: Headmaster, from: ${p.lore} }
- name: Grey Heron
  kind: ship
  until: ${p.lore}
- name: Silver Gull
  kind: ship
  from: ${p.lore}
- name: the Great Storm
  kind: event
  date: ${p.lore}
`,
  };
}

function only(diagnostics: Diagnostic[], code: string): Diagnostic {
  const found = codes(diagnostics, code);
  assert.equal(found.length, 1, `one ${code}: ${JSON.stringify(diagnostics.map((d) => d.message))}`);
  return found[0];
}

for (const p of PRECISIONS) {
  test(`messages in words, ${p.name} (${p.lore}): every dated check`, async () => {
    const base = await prepared(lore(p));
    assert.deepEqual(base.base.problems, []);
    const after = check(base, `<!-- when: ${p.after} -->\nAlbus Dumbledore walked into the hall. The Grey Heron sailed in.\n`);
    assert.equal(only(after, 'dead-character').message, `Albus Dumbledore died ${p.words}, but this scene is set ${p.afterWords}.`);
    assert.equal(only(after, 'nonexistent-entity').message, `Grey Heron ceased to exist ${p.words}, but this scene is set ${p.afterWords}.`);
    assertProse(after, p.name);

    const before = check(base, `<!-- when: ${p.before} -->\nHarry Potter walked in. The Silver Gull sailed in. Headmaster Snape walked in.\n`);
    assert.equal(only(before, 'unborn-character').message, `Harry Potter was born ${p.words}, but this scene is set ${p.beforeWords}.`);
    assert.match(only(before, 'nonexistent-entity').message, new RegExp(`^Silver Gull did not exist before ${p.words.replace(/^(on|in) /, '')}, but this scene is set ${p.beforeWords}\\.`));
    assert.match(only(before, 'wrong-title').message, new RegExp(`^Snape was not yet a Headmaster ${p.beforeWords}, and became one ${p.words}\\.`));
    assertProse(before, p.name);

    const stated = check(base, `<!-- when: ${p.after} -->\nThey spoke of the Great Storm in ${p.otherYear}. Harry Potter, 99, walked in. Ninety years after the Great Storm, it rained.\n`);
    const wrongDate = only(stated, 'wrong-date');
    assert.equal(wrongDate.message, `The Great Storm happened ${p.words}, not ${p.otherYear}.`);
    assert.equal(wrongDate.fix, p.lore.endsWith('BBY') ? '19 BBY' : '1997', 'the fix keeps the base notation, at the precision the prose wrote');
    assert.match(only(stated, 'wrong-age').message, new RegExp(`^Harry Potter was born ${p.words}, so is [\\d or]+ ${p.afterWords}, not 99\\.$`));
    assert.match(only(stated, 'wrong-elapsed-time').message, new RegExp(`^The Great Storm happened ${p.words}, \\d+ years before this scene \\(${p.afterWords.replace(/^(on|in) /, '')}\\), not ninety years\\.$`));
    assertProse(stated, p.name);
  });
}

test('messages in words: a birth or death stated in the prose, and the lore problems with dates', async () => {
  const base = await prepared(lore(PRECISIONS[0]));
  const stated = only(check(base, '<!-- when: 1999 -->\nAlbus Dumbledore, who died in 1995, was remembered.\n'), 'wrong-date');
  assert.equal(stated.message, 'Albus Dumbledore died on 30 June 1997, not 1995.');
  assert.equal(stated.fix, '1997');
  const { base: broken } = await loreFrom({
    'lore/a.yaml': '- name: Ann\n  born: 1990-03-04\n  died: 1980-05\n- name: Bo\n  rank:\n    - { value: Captain, from: 2333-02, until: 2381 }\n    - { value: Admiral, from: 2370-07-01 }\n- name: Cy\n  born: 2399-02-30\n',
  });
  assert.equal(codes(broken.problems, 'lore-date-order')[0].message, 'Ann cannot have `died` in May 1980 before `born` on 4 March 1990.');
  assert.match(codes(broken.problems, 'lore-period-overlap')[0].message, /Admiral begins on 1 July 2370, while Captain still holds \(until 2381\)\./);
  assert.match(codes(broken.problems, 'lore-invalid-date')[0].message, /day 30 is not in February 2399/);
  assertProse(broken.problems, 'lore problems');
});

test('dateInWords / whenInWords: the precision decides the preposition; eras in the base notation', () => {
  const wars = parseCalendar({ eras: [{ name: 'BBY', before: true }, { name: 'ABY' }] }).calendar;
  const tolkien = parseCalendar({ eras: [{ name: 'TA', offset: 0 }] }).calendar;
  assert.equal(whenInWords({ year: 1980, month: 7, day: 31 }, GREGORIAN), 'on 31 July 1980');
  assert.equal(whenInWords({ year: 2399, month: 9 }, GREGORIAN), 'in September 2399');
  assert.equal(whenInWords({ year: 2379 }, GREGORIAN), 'in 2379');
  assert.equal(whenInWords({ year: -19 }, wars), 'in 19 BBY');
  assert.equal(whenInWords({ year: 0 }, wars), 'in 0 BBY', 'a tie goes to the first era listed, as the notation does');
  assert.equal(dateInWords({ year: 3019, month: 3, day: 15 }, tolkien), '15 March 3019 TA');
  assert.equal(dateInWords({ year: -44 }, GREGORIAN), '-44', 'a year before 0 with no era stays the base number');
  // Near miss: a day without a month (never written by the parser) is read as the year alone.
  assert.equal(whenInWords({ year: 2000, day: 3 }, GREGORIAN), 'in 2000');
});

test('the Check Continuity summary names checks in words, not codes', () => {
  const summary = summariseContinuity({ files: 3, byCode: { 'dead-character': 2, 'wrong-age': 1, 'unknown-name': 1, 'lore-invalid-date': 1 }, total: 5, loreProblems: 0, cancelled: false });
  assert.equal(summary, '5 contradictions in 3 manuscripts: 2 dead characters acting, 1 lore problem, 1 possibly misspelled name, 1 wrong age.');
  assert.doesNotMatch(summary, /dead-character|wrong-age|unknown-name/);
  assert.equal(summariseContinuity({ files: 1, byCode: {}, total: 0, loreProblems: 2, cancelled: false }), 'No contradictions in 1 manuscript. The lore has 2 problems.');
  assert.equal(findingsInWords('wrong-elapsed-time', 1), '1 wrong time since an event');
  assert.equal(findingsInWords('nonexistent-entity', 2), '2 ships, places or things outside their existence');
});

test('lore messages name files as the writer does, never by an internal file:/// address', async () => {
  const folders = [{ name: 'lore', path: 'file:///ws/lore' }, { name: 'lore/au', path: 'file:///ws/lore/au/' }];
  assert.equal(shownPath(folders, 'file:///ws/lore/people.yaml'), 'lore/people.yaml');
  assert.equal(shownPath(folders, 'file:///ws/lore/au/my%20people.yaml'), 'lore/au/my people.yaml', 'the deepest folder, unescaped');
  assert.equal(shownPath(folders, 'file:///ws/lorekeeper.yaml'), 'file:///ws/lorekeeper.yaml', 'near miss: a sibling named like the folder is no file of it');
  // As the language server loads it: every path a URI.
  const fs = new InMemoryFileSystem({ 'file:///ws/lore/a.yaml': '- name: Ann\n  id: ann\n- name: Ann B\n  id: ann\n' });
  const { base } = await loadLore(fs, [{ name: 'lore', path: 'file:///ws/lore' }]);
  const duplicate = codes(base.problems, 'lore-duplicate-id')[0];
  assert.equal(duplicate.file, 'file:///ws/lore/a.yaml', 'the machine field keeps the address');
  assert.match(duplicate.message, /already defined in lore\/a\.yaml:1\.$/);
  assertProse(base.problems, 'lore loaded by URI');
  const empty = await loadLore(new InMemoryFileSystem({ 'file:///ws/lore/a.yaml': '# nothing yet\n' }), [{ name: 'lore', path: 'file:///ws/lore' }]);
  assert.match(codes(empty.base.problems, 'lore-empty')[0].message, /^The lore base in lore has no entries yet/);
  assertProse(empty.base.problems, 'an empty lore loaded by URI');
});

/** Every corpus the project ships or tests on: the lore folder and the folder of manuscripts. */
const CORPORA = [
  { root: '.', lore: 'lore', manuscripts: 'examples' },
  { root: 'test/fixtures/broken', lore: 'lore', manuscripts: 'manuscripts' },
  { root: 'test/fixtures/holmes', lore: 'lore', manuscripts: 'manuscripts' },
  { root: 'test/fixtures/potter', lore: 'lore', manuscripts: 'manuscripts' },
  { root: 'test/fixtures/starwars', lore: 'lore', manuscripts: 'manuscripts' },
  { root: 'test/vscode/fixtures/workspace', lore: 'lore', manuscripts: 'chapters' },
];

function manuscriptsUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? manuscriptsUnder(path) : /\.(md|markdown|txt)$/i.test(e.name) ? [path] : [];
  });
}

test('no message in the sample or the test corpora has an ISO date in a sentence or a file:// address', async () => {
  let seen = 0;
  const dated = new Set<string>();
  for (const corpus of CORPORA) {
    const loaded = await loadLore(nodeFileSystem, [{ name: corpus.lore, path: join(corpus.root, corpus.lore) }]);
    const base = prepareLore(loaded.base);
    const all = [...loaded.base.problems];
    for (const file of manuscriptsUnder(join(corpus.root, corpus.manuscripts))) all.push(...checkManuscript(base, file, readFileSync(file, 'utf8')).diagnostics);
    assertProse(all, corpus.root);
    seen += all.length;
    for (const d of all) if (/\b(?:in|on) (?:\d+ )?(?:January|February|March|April|May|June|July|August|September|October|November|December) /.test(d.message)) dated.add(d.code);
  }
  assert.ok(seen > 30, `the corpora give messages to look at (${seen})`);
  assert.ok(dated.size >= 3, `month names appear where the lore gives months: ${[...dated].join(', ')}`);
});
