// Fuzz: dates and calendars — never a throw, a reason for every refusal, and the algebra holds.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { compareDates, dateRegexSource, formatStoryDate, GREGORIAN, parseCalendar, parseStoryDate, wholeYearsBetween, type StoryDate } from '../../src/core/dates';
import { calendarValue } from './arbitraries';
import { params } from './budget';

const storyDate: fc.Arbitrary<StoryDate> = fc.oneof(
  fc.record({ year: fc.integer({ min: -99_999, max: 99_999 }) }),
  fc.record({ year: fc.integer({ min: -9999, max: 9999 }), month: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ year: fc.integer({ min: -9999, max: 9999 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) }),
);

const dateInput = fc.oneof(fc.string({ maxLength: 24 }), fc.string({ unit: 'binary', maxLength: 12 }), fc.double(), fc.integer(), fc.jsonValue({ maxDepth: 2 }), fc.date(), fc.constantFrom('19 BBY', 'BBY 19', '-0044-02', '2399-02-29', '2400-02-29', '+2399', '999999999', ' 2399 '));

test('fuzz dates: any calendar value is read without throwing; its problems name a path', () => {
  fc.assert(
    fc.property(calendarValue, (value) => {
      const { calendar, problems } = parseCalendar(value);
      for (const p of problems) {
        assert.ok(p.message.length > 0 && Array.isArray(p.path));
        assert.doesNotMatch(p.message, /\[object Object\]/);
      }
      assert.doesNotThrow(() => new RegExp(dateRegexSource(calendar), 'gu'), 'the prose date pattern compiles');
    }),
    params(),
  );
});

test('fuzz dates: any input parses or gives a one-line reason, never a throw', () => {
  fc.assert(
    fc.property(dateInput, calendarValue, (input, value) => {
      const { calendar } = parseCalendar(value);
      const parsed = parseStoryDate(input, calendar);
      if (parsed.ok) {
        assert.ok(Number.isSafeInteger(parsed.date.year));
        if (parsed.date.month !== undefined) assert.ok(parsed.date.month >= 1 && parsed.date.month <= 12);
      } else {
        assert.ok(parsed.reason.length > 0 && !parsed.reason.includes('\n') && !parsed.reason.includes('[object Object]'), parsed.reason);
      }
    }),
    params(),
  );
});

test('fuzz dates: written dates read back as the same date, in plain and era calendars', () => {
  const eras = parseCalendar({ eras: [{ name: 'BBY', before: true }, { name: 'ABY' }] }).calendar;
  fc.assert(
    fc.property(storyDate, (generated) => {
      const date = { ...generated }; // fast-check's records have no prototype; parsed dates do
      const plain = parseStoryDate(formatStoryDate(date, GREGORIAN), GREGORIAN);
      assert.deepEqual(plain.ok && plain.date, date);
      const era = parseStoryDate(formatStoryDate({ year: date.year }, eras), eras);
      assert.deepEqual(era.ok && era.date, { year: date.year });
    }),
    params(),
  );
});

test('fuzz dates: comparison is antisymmetric; ages are ordered ranges that swap sign with their ends', () => {
  fc.assert(
    fc.property(storyDate, storyDate, (a, b) => {
      assert.equal(Math.sign(compareDates(a, b)), -Math.sign(compareDates(b, a)) || 0);
      const span = wholeYearsBetween(a, b);
      assert.ok(span.min <= span.max, JSON.stringify({ a, b, span }));
      assert.ok(Number.isInteger(span.min) && Number.isInteger(span.max));
    }),
    params(),
  );
});
