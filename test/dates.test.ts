import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  GREGORIAN,
  compareDates,
  DATE_LOOKBEHIND,
  dateRegexSource,
  formatStoryDate,
  isAfter,
  isBefore,
  parseCalendar,
  parseStoryDate,
  precisionOf,
  wholeYearsBetween,
  type Calendar,
  type StoryDate,
} from '../src/core/dates';

const starWars: Calendar = parseCalendar({
  eras: [
    { name: 'BBY', aliases: ['B.B.Y.'], before: true },
    { name: 'ABY', aliases: ['A.B.Y.'] },
  ],
}).calendar;

const tolkien: Calendar = parseCalendar({
  eras: [
    { name: 'FA', offset: 0 },
    { name: 'SA', offset: 590 },
    { name: 'TA', offset: 4031 },
  ],
}).calendar;

function date(input: unknown, cal: Calendar = GREGORIAN): StoryDate {
  const r = parseStoryDate(input, cal);
  if (!r.ok) assert.fail(`expected ${JSON.stringify(input)} to parse, got: ${r.reason}`);
  return r.date;
}

function reason(input: unknown, cal: Calendar = GREGORIAN): string {
  const r = parseStoryDate(input, cal);
  if (r.ok) assert.fail(`expected ${JSON.stringify(input)} to be rejected, got ${JSON.stringify(r.date)}`);
  return r.reason;
}

test('parseStoryDate: numbers and ISO strings', () => {
  assert.deepEqual(date(2399), { year: 2399 });
  assert.deepEqual(date(-44), { year: -44 });
  assert.deepEqual(date(0), { year: 0 });
  assert.deepEqual(date('2399'), { year: 2399 });
  assert.deepEqual(date('  2399-03 '), { year: 2399, month: 3 });
  assert.deepEqual(date('2399-03-14'), { year: 2399, month: 3, day: 14 });
  assert.deepEqual(date('-44'), { year: -44 });
  assert.deepEqual(date('-0044-02'), { year: -44, month: 2 });
  assert.deepEqual(date('-0'), { year: 0 });
  assert.ok(Object.is(date('-0').year, 0));
  assert.ok(Object.is(date(-0).year, 0));
});

test('parseStoryDate: month and day validation, leap years', () => {
  assert.match(reason('2399-13-45'), /month 13/);
  assert.equal(reason('2399-13'), 'month 13 is not between 1 and 12');
  assert.equal(reason('2399-00'), 'month 0 is not between 1 and 12');
  assert.equal(reason('2399-12-45'), 'day 45 is not in December 2399');
  assert.deepEqual(date('2400-02-29'), { year: 2400, month: 2, day: 29 });
  assert.match(reason('2399-02-29'), /day 29 is not in February 2399/);
  assert.match(reason('2300-02-29'), /day 29/); // century, not a leap year
  assert.deepEqual(date('2000-02-29'), { year: 2000, month: 2, day: 29 });
  assert.deepEqual(date('-4-02-29'), { year: -4, month: 2, day: 29 }); // proleptic rule for negative years
  assert.match(reason('-5-02-29'), /day 29/);
  assert.match(reason('2399-04-31'), /day 31/);
  assert.match(reason('2399-03-00'), /day 0/);
});

test('parseStoryDate: rejects non-dates with clear reasons', () => {
  assert.equal(
    reason('next tuesday'),
    '"next tuesday" is not a date (use `2399`, `2399-03`, `2399-03-14` or `-44`)',
  );
  assert.match(reason('next tuesday', starWars), /era date such as `19 BBY`/);
  assert.match(reason(true), /true is not a date/);
  assert.match(reason({ year: 1 }), /mapping is not a date/);
  assert.match(reason([2399]), /list is not a date/);
  assert.match(reason(new Date('2399-03-14')), /timestamp/);
  assert.match(reason(2399.5), /whole number/);
  assert.match(reason(Number.NaN), /whole number/);
  // 1e20 is whole, but past the years a number counts exactly: the reason says so, not "whole number" alone.
  assert.equal(reason(1e20), '100000000000000000000 is not a date (a year must be a whole number between -9007199254740991 and 9007199254740991)');
  assert.deepEqual(date(Number.MAX_SAFE_INTEGER), { year: Number.MAX_SAFE_INTEGER });
  assert.match(reason(''), /empty/);
  assert.match(reason(null), /no date/);
  assert.match(reason('2399-03-14T10:00'), /is not a date/);
  assert.match(reason('19 BBY'), /is not a date/); // no eras in this calendar
  assert.match(reason('19 XYZ', starWars), /names no era.*BBY, ABY/);
  assert.match(reason('19 BBY-05-04', starWars), /is not a date/); // month and day go after the year, not the era
  assert.match(reason('TA 3019-02-30', tolkien), /day 30 is not in February 3019 TA/);
  assert.match(reason('3019-13 TA', tolkien), /month 13/);
});

test('parseStoryDate: era dates', () => {
  assert.deepEqual(date('19 BBY', starWars), { year: -19 });
  assert.deepEqual(date('BBY 19', starWars), { year: -19 });
  assert.deepEqual(date('0 BBY', starWars), { year: 0 });
  assert.deepEqual(date('4 ABY', starWars), { year: 4 });
  assert.deepEqual(date('19 B.B.Y.', starWars), { year: -19 }); // alias
  assert.deepEqual(date('19 bby', starWars), { year: -19 }); // any case
  assert.deepEqual(date(' 19BBY ', starWars), { year: -19 });
  assert.deepEqual(date('TA 3019', tolkien), { year: 4031 + 3019 });
  assert.deepEqual(date('3019 TA', tolkien), { year: 7050 });
  assert.deepEqual(date('2399-03-14', starWars), { year: 2399, month: 3, day: 14 }); // ISO still works
  assert.ok(isBefore(date('19 BBY', starWars), date('4 ABY', starWars)));
});

test('parseStoryDate: era dates with a month and a day, in either order', () => {
  assert.deepEqual(date('TA 3019-03-15', tolkien), { year: 7050, month: 3, day: 15 });
  assert.deepEqual(date('3019-03-15 TA', tolkien), { year: 7050, month: 3, day: 15 });
  assert.deepEqual(date('3019-03 TA', tolkien), { year: 7050, month: 3 });
  assert.deepEqual(date('19-05-04 BBY', starWars), { year: -19, month: 5, day: 4 });
  assert.deepEqual(date('BBY 19-05', starWars), { year: -19, month: 5 });
  // Compared at the coarser precision, as any date.
  assert.ok(isBefore(date('TA 3019-03-15', tolkien), date('TA 3019-03-25', tolkien)));
  assert.ok(!isBefore(date('TA 3019-03-15', tolkien), date('TA 3019', tolkien)));
});

test('parseCalendar: shapes and problems', () => {
  assert.deepEqual(parseCalendar(undefined), { calendar: GREGORIAN, problems: [] });
  assert.deepEqual(parseCalendar({}).calendar.eras, []);
  assert.deepEqual(starWars.eras[0], { name: 'BBY', aliases: ['B.B.Y.'], offset: 0, before: true });
  assert.deepEqual(starWars.eras[1], { name: 'ABY', aliases: ['A.B.Y.'], offset: 0, before: false });

  assert.deepEqual(parseCalendar('BBY').problems.map((p) => p.path), [[]]);
  assert.deepEqual(parseCalendar({ eras: 'BBY' }).problems.map((p) => p.path), [['eras']]);

  const r = parseCalendar({
    eras: [
      { name: 'BBY', before: true },
      { name: 'ABY', offset: 'soon' },
      42,
      { aliases: ['X'] },
      { name: 'CE', before: 'yes', aliases: ['C.E.', 7] },
      { name: 'bby' },
      { name: 'NE', offest: 3 },
    ],
  });
  const paths = r.problems.map((p) => JSON.stringify(p.path));
  assert.ok(paths.includes('["eras",1,"offset"]'), paths.join(' '));
  assert.ok(paths.includes('["eras",2]'));
  assert.ok(paths.includes('["eras",3]'));
  assert.ok(paths.includes('["eras",4,"before"]'));
  assert.ok(paths.includes('["eras",4,"aliases",1]'));
  assert.ok(paths.includes('["eras",5,"name"]')); // duplicate of BBY
  assert.ok(paths.includes('["eras",6,"offest"]'));
  // Bad nodes are defaulted or dropped, the rest is kept.
  assert.deepEqual(r.calendar.eras.map((e) => e.name), ['BBY', 'ABY', 'CE', 'NE']);
  assert.equal(r.calendar.eras[1]!.offset, 0);
  assert.deepEqual(r.calendar.eras[2]!.aliases, ['C.E.']);
  for (const p of r.problems) assert.equal(typeof p.message, 'string');
});

test('precisionOf', () => {
  assert.equal(precisionOf({ year: 2399 }), 'year');
  assert.equal(precisionOf({ year: 2399, month: 3 }), 'month');
  assert.equal(precisionOf({ year: 2399, month: 3, day: 14 }), 'day');
});

test('compareDates at the coarser precision', () => {
  assert.equal(compareDates(date(2379), date(2379)), 0);
  assert.equal(compareDates(date('2379'), date('2379-05-01')), 0);
  assert.equal(compareDates(date('2399-02'), date('2399-02-10')), 0);
  assert.ok(compareDates(date(2379), date(2380)) < 0);
  assert.ok(compareDates(date('2399-03'), date('2399-02-28')) > 0);
  assert.ok(compareDates(date('2399-02-09'), date('2399-02-10')) < 0);
  assert.ok(isBefore(date(2379), date(2380)));
  assert.ok(!isAfter(date(2379), date('2379-12-31')));
  assert.ok(!isBefore(date(2379), date('2379-12-31')));
  assert.ok(isAfter(date('2399-02-11'), date('2399-02-10')));
  assert.ok(isBefore(date(-44), date(0)));
});

test('wholeYearsBetween', () => {
  const y = (a: unknown, b: unknown) => wholeYearsBetween(date(a), date(b));
  assert.deepEqual(y('2305-07-13', 2399), { min: 93, max: 94 });
  assert.deepEqual(y(2305, 2399), { min: 93, max: 94 });
  assert.deepEqual(y('2305-07-13', '2399-07-13'), { min: 94, max: 94 });
  assert.deepEqual(y('2305-07-13', '2399-07-12'), { min: 93, max: 93 });
  assert.deepEqual(y('2305-07', '2399-07'), { min: 93, max: 94 });
  assert.deepEqual(y('2305-07', '2399-08'), { min: 94, max: 94 });
  assert.deepEqual(y('2305-07-13', '2399-06'), { min: 93, max: 93 });
  assert.deepEqual(y(2399, 2399), { min: 0, max: 0 });
  assert.deepEqual(y('2000-02-29', '2001-02-28'), { min: 0, max: 0 });
  assert.deepEqual(y('2000-02-29', '2001-03-01'), { min: 1, max: 1 });
  assert.deepEqual(y(2387, 2399), { min: 11, max: 12 });
  // Backwards: negative, rounded toward zero.
  assert.deepEqual(y('2399-07-13', '2305-07-13'), { min: -94, max: -94 });
  assert.deepEqual(y('2399-07-12', '2305-07-13'), { min: -93, max: -93 });
  assert.deepEqual(y(2399, 2305), { min: -94, max: -93 });
  const same = y('2399-07-12', '2399-01-01');
  assert.ok(Object.is(same.min, 0) && Object.is(same.max, 0));
  // Era dates
  const sw = (a: string, b: string) => wholeYearsBetween(date(a, starWars), date(b, starWars));
  assert.deepEqual(sw('19 BBY', '4 ABY'), { min: 22, max: 23 });
});

test('formatStoryDate', () => {
  assert.equal(formatStoryDate({ year: 2399 }, GREGORIAN), '2399');
  assert.equal(formatStoryDate({ year: 2399, month: 3 }, GREGORIAN), '2399-03');
  assert.equal(formatStoryDate({ year: 2399, month: 3, day: 4 }, GREGORIAN), '2399-03-04');
  assert.equal(formatStoryDate({ year: -44 }, GREGORIAN), '-44');
  assert.equal(formatStoryDate({ year: -19 }, starWars), '19 BBY');
  assert.equal(formatStoryDate({ year: 4 }, starWars), '4 ABY');
  assert.equal(formatStoryDate({ year: 0 }, starWars), '0 BBY'); // tie: first listed
  assert.equal(formatStoryDate({ year: -19, month: 5, day: 4 }, starWars), '19-05-04 BBY'); // month and day after the era year
  assert.equal(formatStoryDate({ year: 7050, month: 3 }, tolkien), '3019-03 TA');
  assert.equal(formatStoryDate({ year: 7050 }, tolkien), '3019 TA'); // the latest era that fits
  assert.equal(formatStoryDate({ year: 600 }, tolkien), '10 SA');
  assert.equal(formatStoryDate({ year: -5 }, tolkien), '-5'); // no era covers it
});

test('formatStoryDate round-trips through parseStoryDate', () => {
  const plain = ['2399', '2399-03', '2399-03-14', '-44', '0', '-44-02-29', '5'];
  for (const s of plain) {
    const d = date(s);
    assert.deepEqual(date(formatStoryDate(d, GREGORIAN)), d, s);
  }
  for (const year of [-1000, -19, -1, 0, 1, 4, 2399]) {
    assert.deepEqual(date(formatStoryDate({ year }, starWars), starWars), { year });
  }
  for (const year of [0, 589, 590, 4030, 4031, 7050, -3]) {
    assert.deepEqual(date(formatStoryDate({ year }, tolkien), tolkien), { year });
  }
});

function matches(cal: Calendar, text: string): string[] {
  return [...text.matchAll(new RegExp(dateRegexSource(cal), 'gu'))].map((m) => m[0]);
}

test('dateRegexSource: plain calendar', () => {
  const src = dateRegexSource(GREGORIAN);
  assert.equal(new RegExp(`(${src})|(x)`, 'u').exec('x')!.length, 3, 'no capture groups of its own');
  assert.deepEqual(matches(GREGORIAN, 'In 2399, on 2399-03-14 and in 2399-03, he was 12.'), ['2399', '2399-03-14', '2399-03']);
  assert.deepEqual(matches(GREGORIAN, 'the 2399th time'), []);
  assert.deepEqual(matches(GREGORIAN, 'abc2399 and 2399abc and x_2399'), []);
  assert.deepEqual(matches(GREGORIAN, 'deck 12, 7 of 9, 12 years'), []);
  assert.deepEqual(matches(GREGORIAN, 'the (2387) attack; in 776.'), ['2387', '776']);
  assert.deepEqual(matches(GREGORIAN, 'USS Enterprise NCC-1701-D, a 400-year-old tree'), []);
  assert.deepEqual(matches(GREGORIAN, '1,500 ships, pi is 3.1415, stardate 47988.1'), []);
  assert.deepEqual(matches(GREGORIAN, 'from 1999-2001, in mid-2385'), ['1999', '2001', '2385']);
  assert.deepEqual(matches(GREGORIAN, 'month 2399-13 is no month'), ['2399']);
  assert.deepEqual(matches(GREGORIAN, '19 BBY'), []);
});

test('dateRegexSource: every source opens on DATE_LOOKBEHIND (wrong-date leaves it out after a space)', () => {
  for (const cal of [GREGORIAN, starWars, tolkien]) assert.ok(dateRegexSource(cal).startsWith(DATE_LOOKBEHIND));
  // After a space or "(" the look-behind cannot fail: the same dates are found with or without it.
  const bare = new RegExp(`(?<=[\\s(])(?:${dateRegexSource(starWars).slice(DATE_LOOKBEHIND.length)})`, 'gu');
  const full = new RegExp(`(?<=[\\s(])(?:${dateRegexSource(starWars)})`, 'gu');
  const text = 'in 19 BBY, (2399-03) x_ 2399 é\u0301 2385 A-\u00a02380 1.\t2380 4 ABY';
  assert.deepEqual([...text.matchAll(bare)].map((m) => [m.index, m[0]]), [...text.matchAll(full)].map((m) => [m.index, m[0]]));
});

test('dateRegexSource: era calendar', () => {
  assert.deepEqual(
    matches(starWars, 'Born 19 BBY, he fell in BBY 19; by 4 ABY (or 4 A.B.Y.) in 2399-03 and 2399.'),
    ['19 BBY', 'BBY 19', '4 ABY', '4 A.B.Y.', '2399-03', '2399'],
  );
  assert.deepEqual(matches(starWars, '19 BBYX, ABBY 19, 19 ABYSS'), []);
  assert.deepEqual(matches(tolkien, 'In TA 3019 and 3019 TA, and 12019 TA'), ['TA 3019', '3019 TA', '12019 TA']);
  assert.deepEqual(matches(tolkien, 'In TA 301912'), []);
  assert.deepEqual(matches(tolkien, 'On TA 3019-03-15, or 3019-03-25 TA, in TA 3019-03.'), ['TA 3019-03-15', '3019-03-25 TA', 'TA 3019-03']);
  // Era names are escaped.
  const odd = parseCalendar({ eras: [{ name: 'A+B' }, { name: 'C.D' }] }).calendar;
  assert.deepEqual(matches(odd, 'in 5 A+B and 6 CxD and 7 C.D'), ['5 A+B', '7 C.D']);
});
