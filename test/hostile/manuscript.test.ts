// Issue 8, items 4 and 5: hostile manuscripts cost linear time; a check that is off never runs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CHECKS, checkManuscript, type RegisteredCheck } from '../../src/core/check';
import type { CheckContext } from '../../src/core/checks/context';
import { GREGORIAN } from '../../src/core/dates';
import { isSuppressed, parseManuscript, sceneAt } from '../../src/core/manuscript';
import { CANON, check, codes, prepared } from '../helpers';
import { describeGrowth, growth } from './growth';

const parse = (text: string, path = 'story.md') => parseManuscript(path, text, GREGORIAN);

test('check off: a check whose every code is off is never called; one that is on is', async () => {
  const lore = await prepared(CANON);
  let calls = 0;
  const spy: RegisteredCheck = {
    codes: ['unknown-name'],
    run: (_c: CheckContext) => {
      calls++;
      return [];
    },
  };
  checkManuscript(lore, 'story.md', 'Jurrati waited.\n', { severities: { 'unknown-name': 'off' } }, [spy]);
  assert.equal(calls, 0, 'off: not run');
  checkManuscript(lore, 'story.md', 'Jurrati waited.\n', { severities: { 'unknown-name': 'info' } }, [spy]);
  checkManuscript(lore, 'story.md', 'Jurrati waited.\n', {}, [spy]);
  assert.equal(calls, 2, 'on, or left at its default: run');
  const presence: RegisteredCheck = { codes: ['dead-character', 'unborn-character'], run: spy.run };
  checkManuscript(lore, 'story.md', 'x\n', { severities: { 'dead-character': 'off' } }, [presence]);
  assert.equal(calls, 3, 'a check with one of its codes still on runs');
});

test('check off: every shipped check declares the codes it reports', async () => {
  const lore = await prepared(CANON);
  const text = '---\ndate: 2399\n---\nData walked in. The 80-year-old Picard smiled. Jurrati waited. Twenty years after the attack on Mars, in 2390, it rained.\n';
  const all = checkManuscript(lore, 'story.md', text).diagnostics;
  assert.ok(all.length >= 4, 'the text has findings of several checks');
  for (const d of all) {
    if (d.code === 'invalid-scene-date') continue;
    assert.ok(CHECKS.some((c) => c.codes.includes(d.code)), `${d.code} is declared by a check`);
  }
});

test('check off: unknown-name off skips its work on pathological words (timed against harmless ones)', async () => {
  const lore = await prepared(CANON);
  let seed = 8;
  const letter = (): string => String.fromCharCode(97 + ((seed = (seed * 1103515245 + 12345) % 2147483648) % 26));
  // A fresh 601-letter word on every run: the check caches its verdict per word.
  const word = (): string => 'P' + Array.from({ length: 600 }, letter).join('');
  const off = { severities: { 'unknown-name': 'off' as const } };
  const g = growth(
    (n) => (n === 1 ? () => `${word().toLowerCase()} waited.\n` : () => `${word()} waited.\n`),
    (text) => checkManuscript(lore, 'story.md', text(), off),
    1,
    10,
  );
  assert.ok(g.ratio < 20, describeGrowth(g));
});

test('markup: `](` with no closing parenthesis, repeated on one line, costs linear time', () => {
  const g = growth((n) => `Data${'](x'.repeat(n)}\n`, (text) => parse(text), 20_000);
  assert.ok(g.ratio <= 20, describeGrowth(g));
  // And the near-miss: a closed link target is still blanked; an unclosed one stays prose.
  const m = parse('See [Data](http://Data) and ](Data\n');
  assert.equal([...m.prose.matchAll(/Data/g)].length, 2);
});

test('markup: unmatched backtick runs cost linear time, and a code span closes only on a run of its own length', () => {
  const g = growth((n) => `Data ${'`` x `'.repeat(n)}\n`, (text) => parse(text), 5_000);
  assert.ok(g.ratio <= 20, describeGrowth(g));
  const m = parse('`Data` ``a ` Data`` ```Data`` Data\n');
  const visible = [...m.prose.matchAll(/Data/g)].length;
  assert.equal(visible, 2, 'the two spans are code; the unclosed triple run leaves the rest as prose');
});

test('suppression: thousands of disable X … enable Y directives cost linear time', () => {
  const make = (n: number): string => '<!-- lorekeeper-disable wrong-age -->\n'.repeat(n) + '<!-- lorekeeper-enable wrong-date -->\n'.repeat(n);
  const g = growth(make, (text) => parse(text), 1_000);
  assert.ok(g.ratio <= 20, describeGrowth(g));
});

test('suppression: disable-next-line lookups are indexed, not a scan per diagnostic', () => {
  const make = (n: number) => parse('<!-- lorekeeper-disable-next-line dead-character -->\nx\n'.repeat(n));
  const g = growth(
    (n) => ({ m: make(n), n }),
    ({ m, n }) => {
      for (let line = 0; line < 2 * n; line++) isSuppressed(m, line, 'wrong-age');
    },
    2_000,
  );
  assert.ok(g.ratio <= 20, describeGrowth(g));
});

test('suppression: enable re-enables only the codes it names; a bare enable closes every block', () => {
  const text = [
    '<!-- lorekeeper-disable wrong-age, dead-character -->', // 0
    'a', // 1
    '<!-- lorekeeper-enable wrong-age -->', // 2
    'b', // 3
    '<!-- lorekeeper-disable -->', // 4
    '<!-- lorekeeper-enable dead-character -->', // 5
    'c', // 6
    '<!-- lorekeeper-enable -->', // 7
    'd', // 8
  ].join('\n');
  const m = parse(text);
  assert.equal(isSuppressed(m, 1, 'wrong-age'), true);
  assert.equal(isSuppressed(m, 3, 'wrong-age'), false, 'wrong-age is back on');
  assert.equal(isSuppressed(m, 3, 'dead-character'), true, 'dead-character is still off');
  assert.equal(isSuppressed(m, 6, 'wrong-date'), true, 'a bare disable is not closed by enable CODE');
  assert.equal(isSuppressed(m, 6, 'dead-character'), true);
  assert.equal(isSuppressed(m, 8, 'wrong-date'), false);
  assert.equal(isSuppressed(m, 8, 'dead-character'), false);
});

test('line endings: a CR-only file keeps its front matter, markers and line numbers', async () => {
  const text = '---\rdate: 2399\r---\rData walked in.\r<!-- when: 2370 -->\rData walked in.\r';
  const m = parse(text);
  assert.deepEqual(sceneAt(m, text.indexOf('Data')).date, { year: 2399 });
  assert.deepEqual(sceneAt(m, text.lastIndexOf('Data')).date, { year: 2370 });
  const lore = await prepared(CANON);
  const dead = codes(check(lore, text), 'dead-character');
  assert.deepEqual(dead.map((d) => d.range.start.line), [3], 'only the 2399 scene, on the fourth line');
  // The near-miss: CRLF keeps one line per CRLF, not two.
  assert.deepEqual(codes(check(lore, text.replace(/\r/g, '\r\n')), 'dead-character').map((d) => d.range.start.line), [3]);
});

test('front matter: a mapping as date is "a mapping", never "[object Object]", placed at the value', () => {
  const m = parse('---\ntitle: T\ndate: {a: 1}\n---\nx\n');
  assert.equal(m.problems.length, 1);
  assert.doesNotMatch(m.problems[0].message, /object Object/);
  assert.match(m.problems[0].message, /^The scene date is a mapping, not a date \(use `2399`/);
  assert.deepEqual(m.problems[0].range.start, { line: 2, character: 6 });
  assert.deepEqual(sceneAt(parse('---\ndate: 2399-03\n---\nx\n'), 20).date, { year: 2399, month: 3 }, 'a good date still reads');
  assert.deepEqual(sceneAt(parse('---\ndate:\nwhen: 2380\n---\nx\n'), 25).date, { year: 2380 }, 'an empty date: leaves when: in force');
});

test('scene dates: the problem says once what is wrong, and quotes a number as the writer wrote it', () => {
  const message = (text: string): string => {
    const m = parse(text);
    assert.equal(m.problems.length, 1, text);
    return m.problems[0].message;
  };
  // "X is not a date" is not said twice over.
  assert.equal(message('---\ndate: next Tuesday\n---\nx\n'), 'The scene date "next Tuesday" is not a date (use `2399`, `2399-03`, `2399-03-14` or `-44`). The scene is treated as undated.');
  assert.equal(message('<!-- when: April 2385 -->\nx\n'), 'The scene date "April 2385" is not a date (use `2399`, `2399-03`, `2399-03-14` or `-44`). The scene is treated as undated.');
  // A reason of its own is kept after a colon.
  assert.equal(message('<!-- when: 2399-13 -->\nx\n'), 'The scene date "2399-13" is not a date: month 13 is not between 1 and 12. The scene is treated as undated.');
  // YAML reads these as numbers (1e20, 2380.5): the message quotes the digits on the page.
  assert.match(message('---\ndate: 99999999999999999999\n---\nx\n'), /^The scene date "99999999999999999999" is not a date/);
  assert.match(message('---\ndate: 2380.5\n---\nx\n'), /^The scene date "2380\.5" is not a date/);
  // A marker's range is the whole comment: its text is never quoted as the date.
  assert.match(message('<!-- when: 1e300 -->\nx\n'), /^The scene date "1e300" is not a date/);
});

test('front matter: an unknown tag is a problem, with no warning printed by Node', async () => {
  const warnings: string[] = [];
  const listener = (w: Error): void => void warnings.push(w.message);
  process.on('warning', listener);
  try {
    const m = parse('---\ndate: !!js/function "function () {}"\n---\nx\n');
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(warnings, []);
    assert.equal(sceneAt(m, 0).date, undefined);
  } finally {
    process.off('warning', listener);
  }
});
