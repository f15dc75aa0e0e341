// Story dates (SPEC §1 "Dates"): a year, optionally with month and day, in an optional era calendar.
//
// Years are absolute and may be 0 or negative. Month/day follow the proleptic Gregorian calendar
// (leap years by the usual rule, applied to negative years too). Era dates ("19 BBY", "TA 3019")
// may carry a month and a day written after the year, as in any date: "TA 3019-03-15",
// "3019-03-15 TA", "19-05-04 BBY" ("19 BBY-05-04" puts them after the era, and is not a date).

export type DatePrecision = 'year' | 'month' | 'day';

/** An absolute year (may be 0 or negative); month 1–12; day 1–31 (only meaningful with a month). */
export interface StoryDate {
  year: number;
  month?: number;
  day?: number;
}

/**
 * An era: year N of the era is absolute year `offset + N`, or `offset - N` when `before` is true
 * (19 BBY = -19 with offset 0). Names and aliases are matched case-insensitively when parsing.
 */
export interface Era {
  name: string;
  aliases: string[];
  offset: number;
  before: boolean;
}

export interface Calendar {
  eras: Era[];
  /** A year typical of the base, for the examples in messages (set by the lore base). */
  sampleYear?: number;
}

/** Plain numbered years, no eras. */
export const GREGORIAN: Calendar = Object.freeze({ eras: Object.freeze([]) as unknown as Era[] });

export interface CalendarProblem {
  message: string;
  /** Path from the `calendar:` node to the offending node, e.g. `['eras', 1, 'offset']`. */
  path: (string | number)[];
}

/**
 * A date, or why there is none. When the value is no date at all, `notADate` holds the reason's two
 * parts (`reason` is "WHAT is not a date (HINT)"), so that a message can say them its own way.
 */
export type DateParse = { ok: true; date: StoryDate } | { ok: false; reason: string; notADate?: { what: string; hint: string } };

/** The failure "WHAT is not a date (HINT)", with its parts. */
function notADate(what: string, hint: string): DateParse {
  return { ok: false, reason: `${what} is not a date (${hint})`, notADate: { what, hint } };
}

export interface YearSpan {
  min: number;
  max: number;
}

// ---------------------------------------------------------------------------------------------
// Calendar settings

const ERA_FIELDS = new Set(['name', 'aliases', 'offset', 'before']);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (v instanceof Date) return 'a timestamp';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return JSON.stringify(v);
  return String(v);
}

/**
 * Reads the settings file's `calendar:` value: `{ eras: [ { name, aliases?, offset?, before? } ] }`.
 * Missing/null means no eras. Never throws: bad nodes are reported in `problems` (paths relative to
 * the `calendar:` node) and left out or defaulted. An era may also be written as a bare name string.
 */
export function parseCalendar(value: unknown): { calendar: Calendar; problems: CalendarProblem[] } {
  const problems: CalendarProblem[] = [];
  if (value === undefined || value === null) return { calendar: GREGORIAN, problems };
  if (!isRecord(value)) {
    problems.push({ message: `calendar must be a mapping with an eras: list, not ${describe(value)}`, path: [] });
    return { calendar: GREGORIAN, problems };
  }
  const rawEras = value.eras;
  if (rawEras === undefined || rawEras === null) return { calendar: GREGORIAN, problems };
  if (!Array.isArray(rawEras)) {
    problems.push({
      message: `eras must be a list such as [{ name: BBY, before: true }, { name: ABY }], not ${describe(rawEras)}`,
      path: ['eras'],
    });
    return { calendar: GREGORIAN, problems };
  }

  const eras: Era[] = [];
  const taken = new Map<string, string>(); // lower-cased label -> era name that owns it
  const claim = (label: string, owner: string, path: (string | number)[]): boolean => {
    const key = label.toLowerCase();
    const prev = taken.get(key);
    if (prev !== undefined) {
      problems.push({ message: `era label "${label}" is already used by era "${prev}"`, path });
      return false;
    }
    taken.set(key, owner);
    return true;
  };

  rawEras.forEach((raw, i) => {
    const rec: Record<string, unknown> | undefined = typeof raw === 'string' ? { name: raw } : isRecord(raw) ? raw : undefined;
    if (!rec) {
      problems.push({ message: `an era must be a mapping such as { name: ABY }, not ${describe(raw)}`, path: ['eras', i] });
      return;
    }
    const name = typeof rec.name === 'string' ? rec.name.trim() : '';
    if (!name) {
      problems.push({
        message: rec.name === undefined ? 'an era needs a name' : `an era name must be a non-empty string, not ${describe(rec.name)}`,
        path: rec.name === undefined ? ['eras', i] : ['eras', i, 'name'],
      });
      return;
    }
    if (!/\p{L}/u.test(name)) {
      problems.push({ message: `era name "${name}" must contain a letter`, path: ['eras', i, 'name'] });
      return;
    }
    for (const key of Object.keys(rec)) {
      if (!ERA_FIELDS.has(key)) {
        problems.push({ message: `unknown era field "${key}" (expected name, aliases, offset, before)`, path: ['eras', i, key] });
      }
    }
    if (!claim(name, name, ['eras', i, 'name'])) return;

    const aliases: string[] = [];
    const rawAliases = rec.aliases;
    const addAlias = (a: unknown, path: (string | number)[]) => {
      const s = typeof a === 'string' ? a.trim() : '';
      if (!s || !/\p{L}/u.test(s)) {
        problems.push({ message: `an era alias must be a string with a letter in it, not ${describe(a)}`, path });
      } else if (claim(s, name, path)) {
        aliases.push(s);
      }
    };
    if (typeof rawAliases === 'string') addAlias(rawAliases, ['eras', i, 'aliases']);
    else if (Array.isArray(rawAliases)) rawAliases.forEach((a, j) => addAlias(a, ['eras', i, 'aliases', j]));
    else if (rawAliases !== undefined && rawAliases !== null) {
      problems.push({ message: `aliases must be a list of strings, not ${describe(rawAliases)}`, path: ['eras', i, 'aliases'] });
    }

    let offset = 0;
    if (rec.offset !== undefined && rec.offset !== null) {
      if (typeof rec.offset === 'number' && Number.isSafeInteger(rec.offset)) offset = rec.offset + 0;
      else {
        problems.push({
          message: `offset must be a whole number (the absolute year of the era's year 0), not ${describe(rec.offset)}`,
          path: ['eras', i, 'offset'],
        });
      }
    }
    let before = false;
    if (rec.before !== undefined && rec.before !== null) {
      if (typeof rec.before === 'boolean') before = rec.before;
      else problems.push({ message: `before must be true or false, not ${describe(rec.before)}`, path: ['eras', i, 'before'] });
    }
    eras.push({ name, aliases, offset, before });
  });

  return { calendar: eras.length ? { eras } : GREGORIAN, problems };
}

// Era lookup by lower-cased label, cached per calendar (rebuilt if its eras array is replaced).
const eraIndexCache = new WeakMap<Calendar, { eras: Era[]; count: number; byLabel: Map<string, Era> }>();

function eraIndex(calendar: Calendar): Map<string, Era> {
  const hit = eraIndexCache.get(calendar);
  if (hit && hit.eras === calendar.eras && hit.count === calendar.eras.length) return hit.byLabel;
  const byLabel = new Map<string, Era>();
  for (const era of calendar.eras) {
    for (const label of [era.name, ...era.aliases]) {
      const key = label.trim().toLowerCase();
      if (key && !byLabel.has(key)) byLabel.set(key, era);
    }
  }
  eraIndexCache.set(calendar, { eras: calendar.eras, count: calendar.eras.length, byLabel });
  return byLabel;
}

// ---------------------------------------------------------------------------------------------
// Parsing

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const ISO_DATE = /^([+-]?)(\d{1,9})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/;
const ERA_AFTER = /^(\d{1,9})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*([^\d-].*)$/su;
const ERA_BEFORE = /^(.*?\D)\s*(\d{1,9})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/su;

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

function quote(s: string): string {
  return JSON.stringify(s.length > 40 ? s.slice(0, 39) + '…' : s);
}

/** How to write a date, with examples in the base's own years and eras (not another canon's). */
function usage(calendar: Calendar): string {
  const era = calendar.eras[0];
  const sample = calendar.sampleYear;
  if (era) {
    const own = sample !== undefined ? formatStoryDate({ year: sample }, calendar) : `19 ${era.name}`;
    const plain = sample ?? 2399;
    return `use an era date such as \`${own}\`, or a plain year such as \`${plain}\`, \`${plain}-03\` or \`${plain}-03-14\``;
  }
  // The default examples fit a base whose years are near them; others get their own years.
  const y = sample !== undefined && Math.abs(sample - 2399) > 100 ? sample : 2399;
  return `use \`${y}\`, \`${y}-03\`, \`${y}-03-14\` or \`-44\``;
}

function validated(year: number, month: number | undefined, day: number | undefined, calendar: Calendar): DateParse {
  if (month === undefined) return { ok: true, date: { year } };
  if (month < 1 || month > 12) return { ok: false, reason: `month ${month} is not between 1 and 12` };
  if (day === undefined) return { ok: true, date: { year, month } };
  if (day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, reason: `day ${day} is not in ${dateInWords({ year, month }, calendar)}` };
  }
  return { ok: true, date: { year, month, day } };
}

/**
 * Parses a lore or manuscript date: a number (2399, -44) or a string "2399", "2399-03",
 * "2399-03-14", "-44", "-0044-02", or an era date "19 BBY" / "BBY 19" / "TA 3019" (era name or
 * alias, any case), optionally with month and day after the year ("TA 3019-03-15",
 * "3019-03-15 TA"). Never throws; a failure carries a short human reason.
 */
export function parseStoryDate(input: unknown, calendar: Calendar): DateParse {
  if (typeof input === 'number') {
    if (!Number.isSafeInteger(input)) {
      // YAML's .nan and .inf are numbers too; say them as the writer wrote them.
      const written = Number.isNaN(input) ? '.nan' : input === Infinity ? '.inf' : input === -Infinity ? '-.inf' : String(input);
      // 1e20 is a whole number too, but past the years a number counts exactly.
      const rule = Number.isInteger(input) ? 'a year must be a whole number between -9007199254740991 and 9007199254740991' : 'a year must be a whole number';
      return notADate(written, rule);
    }
    return { ok: true, date: { year: input + 0 } };
  }
  if (typeof input !== 'string') {
    if (input === undefined || input === null) return { ok: false, reason: 'no date given' };
    if (input instanceof Date) {
      return { ok: false, reason: `a timestamp is not a story date (write it as a string such as \`2399-03-14\`)` };
    }
    return notADate(describe(input), usage(calendar));
  }

  const s = input.trim();
  if (!s) return { ok: false, reason: `an empty string is not a date (${usage(calendar)})` };

  const iso = ISO_DATE.exec(s);
  if (iso) {
    const year = (iso[1] === '-' ? -Number(iso[2]) : Number(iso[2])) + 0;
    return validated(year, iso[3] === undefined ? undefined : Number(iso[3]), iso[4] === undefined ? undefined : Number(iso[4]), calendar);
  }

  if (calendar.eras.length) {
    let m = ERA_AFTER.exec(s);
    let num = '';
    let label = '';
    let month: string | undefined;
    let day: string | undefined;
    if (m) {
      num = m[1]!;
      month = m[2];
      day = m[3];
      label = m[4]!.trim();
    } else if ((m = ERA_BEFORE.exec(s))) {
      label = m[1]!.trim();
      num = m[2]!;
      month = m[3];
      day = m[4];
    }
    if (label) {
      const era = eraIndex(calendar).get(label.toLowerCase());
      if (era) {
        const n = Number(num);
        const year = (era.before ? era.offset - n : era.offset + n) + 0;
        return validated(year, month === undefined ? undefined : Number(month), day === undefined ? undefined : Number(day), calendar);
      }
      if (/^[\p{L}.' ]+$/u.test(label)) {
        const known = calendar.eras.map((e) => e.name).join(', ');
        return { ok: false, reason: `${quote(s)} names no era of this calendar (eras: ${known})` };
      }
    }
  }
  return notADate(quote(s), usage(calendar));
}

// ---------------------------------------------------------------------------------------------
// Comparing

export function precisionOf(d: StoryDate): DatePrecision {
  return d.month === undefined ? 'year' : d.day === undefined ? 'month' : 'day';
}

/** <0, 0 or >0, compared at the coarser of the two precisions (2399-02 vs 2399-02-10 → 0). */
export function compareDates(a: StoryDate, b: StoryDate): number {
  if (a.year !== b.year) return a.year - b.year;
  const am = a.month;
  const bm = b.month;
  if (am === undefined || bm === undefined) return 0;
  if (am !== bm) return am - bm;
  const ad = a.day;
  const bd = b.day;
  if (ad === undefined || bd === undefined) return 0;
  return ad - bd;
}

export function isAfter(a: StoryDate, b: StoryDate): boolean {
  return compareDates(a, b) > 0;
}

export function isBefore(a: StoryDate, b: StoryDate): boolean {
  return compareDates(a, b) < 0;
}

/** Whole years completed between two exact dates; negative (rounded toward zero) when `to` < `from`. */
function exactWholeYears(fy: number, fm: number, fd: number, ty: number, tm: number, td: number): number {
  const forward = ty > fy || (ty === fy && (tm > fm || (tm === fm && td >= fd)));
  if (!forward) return -exactWholeYears(ty, tm, td, fy, fm, fd) || 0;
  let years = ty - fy;
  if (tm < fm || (tm === fm && td < fd)) years--;
  return years;
}

/**
 * Completed whole years from `from` to `to` (an age, an elapsed time). Exact (min === max) with
 * full dates on both sides; otherwise the range over every day the imprecise side(s) could be.
 * Negative when `to` is before `from` (-(years from `to` back to `from`)).
 */
export function wholeYearsBetween(from: StoryDate, to: StoryDate): YearSpan {
  // Earliest and latest possible day of each side.
  const fmLo = from.month ?? 1;
  const fmHi = from.month ?? 12;
  const fdLo = from.month !== undefined && from.day !== undefined ? from.day : 1;
  const fdHi = from.month !== undefined && from.day !== undefined ? from.day : daysInMonth(from.year, fmHi);
  const tmLo = to.month ?? 1;
  const tmHi = to.month ?? 12;
  const tdLo = to.month !== undefined && to.day !== undefined ? to.day : 1;
  const tdHi = to.month !== undefined && to.day !== undefined ? to.day : daysInMonth(to.year, tmHi);
  return {
    min: exactWholeYears(from.year, fmHi, fdHi, to.year, tmLo, tdLo),
    max: exactWholeYears(from.year, fmLo, fdLo, to.year, tmHi, tdHi),
  };
}

// ---------------------------------------------------------------------------------------------
// Writing

/**
 * Writes a date the way the canon writes it. No eras: "2399", "2399-03", "2399-03-14", "-44".
 * With eras: the year in the era that fits it with the smallest era year ("19 BBY", "4 ABY";
 * on a tie, e.g. year 0 in BBY/ABY, the first listed), month and day after the era year
 * ("3019-03-15 TA"). Falls back to plain numbers when no era covers the year.
 */
export function formatStoryDate(d: StoryDate, calendar: Calendar): string {
  const era = eraOf(d.year, calendar);
  const monthDay = d.month === undefined ? '' : `-${pad2(d.month)}${d.day === undefined ? '' : `-${pad2(d.day)}`}`;
  if (era) return `${era.n}${monthDay} ${era.era.name}`;
  return `${d.year}${monthDay}`;
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The era that writes a year with the smallest era year, and that era year (none: undefined). */
function eraOf(year: number, calendar: Calendar): { era: Era; n: number } | undefined {
  let best: { era: Era; n: number } | undefined;
  for (const era of calendar.eras) {
    const n = era.before ? era.offset - year : year - era.offset;
    if (n >= 0 && (!best || n < best.n)) best = { era, n };
  }
  return best;
}

/**
 * A date as a sentence writes it, at its precision, the year in the base's own notation:
 * "31 July 1980", "September 2399", "2379", "19 BBY", "15 March 3019 TA". The one formatter of
 * every message a writer reads (diagnostics, cards, the Scene view); `formatStoryDate` stays the
 * notation of lore files, fixes and machine output.
 */
export function dateInWords(d: StoryDate, calendar: Calendar): string {
  const era = eraOf(d.year, calendar);
  const year = era ? `${era.n} ${era.era.name}` : String(d.year);
  if (d.month === undefined || d.month < 1 || d.month > 12) return year;
  const month = MONTH_NAMES[d.month - 1];
  return d.day === undefined ? `${month} ${year}` : `${d.day} ${month} ${year}`;
}

/** "on 31 July 1980" for a day, "in September 2399" for a month, "in 2379" for a year. */
export function whenInWords(d: StoryDate, calendar: Calendar): string {
  return `${d.month !== undefined && d.day !== undefined ? 'on' : 'in'} ${dateInWords(d, calendar)}`;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * The look-behind that opens every dateRegexSource. After a space or an opening bracket it always
 * holds, so a pattern that puts the date there may drop it: each Unicode property class costs
 * about a millisecond to compile, and a run compiles the date patterns before its first check.
 */
export const DATE_LOOKBEHIND = '(?<![\\p{L}\\p{N}\\p{M}_]|\\d[.,]|\\p{Lu}[-\\u2010\\u2011\\u2013])';

/**
 * Source of a regex (use with flags 'gu'; it has no capture groups) matching a date as written in
 * prose: a bare 3–4 digit year not starting with 0, an ISO date 2399-03 / 2399-03-14, or an era
 * date in either order with any era name or alias (era year 1–5 digits). A match is never part of
 * a longer word or number: not in "2399th", "NCC-1701", "400-year-old", "1,500" or "3.1415".
 */
export function dateRegexSource(calendar: Calendar): string {
  const year = '[1-9]\\d{2,3}';
  const month = '(?:0[1-9]|1[0-2])';
  const day = '(?:0[1-9]|[12]\\d|3[01])';
  const labels = new Set<string>();
  for (const era of calendar.eras) {
    for (const label of [era.name, ...era.aliases]) {
      const t = label.trim();
      if (!t) continue;
      labels.add(t);
      labels.add(t.toUpperCase());
      labels.add(t.toLowerCase());
    }
  }
  const alternatives: string[] = [];
  if (labels.size) {
    const era = `(?:${[...labels].sort((a, b) => b.length - a.length).map(escapeRegex).join('|')})`;
    const monthDay = `(?:-${month}(?:-${day})?)?`;
    alternatives.push(`\\d{1,5}${monthDay}\\s?${era}`, `${era}\\s?\\d{1,5}${monthDay}`);
  }
  alternatives.push(`${year}-${month}-${day}`, `${year}-${month}`, year);
  const after = '(?![\\p{L}\\p{N}\\p{M}_]|[.,]\\d|[-\\u2010\\u2011\\u2013]\\p{L})';
  return `${DATE_LOOKBEHIND}(?:${alternatives.join('|')})${after}`;
}
