// Dates as wikis write them in infoboxes → lore dates (SPEC §1), at the precision given.
// `13 July 2305`, `July 13, 2305, La Barre, France`, `[[19 BBY]], [[Polis Massa]]`, `2 May 1998`.
// Circa and ranges are never turned into a date: the importer reports them instead of guessing.
import { daysInMonth, formatStoryDate, type Calendar, type StoryDate } from '../dates';

export type WikiDate =
  | { kind: 'date'; value: string; date: StoryDate; place?: string }
  | { kind: 'approximate'; text: string }
  | { kind: 'unknown' }
  | { kind: 'unreadable'; text: string };

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const ORDINAL = '(?:st|nd|rd|th)?';
const YEAR = '(\\d{1,6})(?:\\s*(bce?|ad|ce))?';
const DAY_MONTH_YEAR = new RegExp(`^(\\d{1,2})${ORDINAL}\\s+(?:of\\s+)?${MONTH}\\s*,?\\s+${YEAR}`, 'i');
const MONTH_DAY_YEAR = new RegExp(`^${MONTH}\\s+(\\d{1,2})${ORDINAL}\\s*,?\\s+${YEAR}`, 'i');
const MONTH_YEAR = new RegExp(`^${MONTH}\\s*,?\\s+${YEAR}`, 'i');
const ISO = /^(-?\d{1,6})-(\d{2})(?:-(\d{2}))?(?![\d-])/;
const MONTH_NEXT = new RegExp(`^\\s*${MONTH}(?![\\p{L}])`, 'iu');
const PLAIN_YEAR = new RegExp(`^(-?)${YEAR}`, 'i');
const UNKNOWN = /^(?:unknown|unrevealed|unidentified|unspecified|undetermined|n\/a|none|tba|tbd|\?+|[-–—]+)(?:\W|$)/i;
const APPROXIMATE_START = /^(?:c\.|ca\.|circa\b|approx(?:\.|imately\b)|around\b|about\b|~|before\b|after\b|by\b|between\b|prior to\b|no later than\b|no earlier than\b|late\b|early\b|mid\b|mid-|sometime\b|some time\b|possibly\b|probably\b|presumably\b)/i;
// What may follow a date and still leave it exact: a place, a note in brackets, nothing.
const APPROXIMATE_AFTER = /^(?:s\b|\s*(?:or|to|and|until)\b|\s*[-–—/]\s*\d|\s*\?)/i;

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

const eraPatterns = new WeakMap<Calendar, { after: RegExp; before: RegExp } | null>();

function erasOf(calendar: Calendar): { after: RegExp; before: RegExp } | null {
  let cached = eraPatterns.get(calendar);
  if (cached !== undefined) return cached;
  const labels = calendar.eras.flatMap((e) => [e.name, ...e.aliases]).sort((a, b) => b.length - a.length).map(escapeRegex);
  cached = labels.length === 0 ? null : {
    after: new RegExp(`^(\\d{1,6})\\s*(${labels.join('|')})(?![\\p{L}\\p{N}])`, 'iu'),
    before: new RegExp(`^(${labels.join('|')})\\s*(\\d{1,6})(?![\\p{L}\\p{N}])`, 'iu'),
  };
  eraPatterns.set(calendar, cached);
  return cached;
}

function eraNamed(calendar: Calendar, label: string) {
  const l = label.toLowerCase();
  return calendar.eras.find((e) => e.name.toLowerCase() === l || e.aliases.some((a) => a.toLowerCase() === l));
}

/** Reads a date value already made plain text (links as labels, references gone). */
export function readWikiDate(plain: string, calendar: Calendar): WikiDate {
  const text = plain.replace(/\s+/g, ' ').trim();
  if (text === '' || UNKNOWN.test(text)) return { kind: 'unknown' };
  if (APPROXIMATE_START.test(text)) return { kind: 'approximate', text };
  // `Summer 1881`: the wiki gives the year, and a season is no month.
  const season = /^(?:spring|summer|autumn|fall|winter)(?:\s+of)?\s+(?=\d)/i.exec(text);
  if (season) {
    const rest = readWikiDate(text.slice(season[0].length), calendar);
    return rest.kind === 'date' ? { kind: 'date', value: formatStoryDate({ year: rest.date.year }, calendar), date: { year: rest.date.year }, ...(rest.place ? { place: rest.place } : {}) } : rest;
  }

  let date: StoryDate | undefined;
  let length = 0;
  let m: RegExpExecArray | null;
  const eras = erasOf(calendar);
  if (eras && ((m = eras.after.exec(text)) || (m = eras.before.exec(text)))) {
    const [num, label] = /^\d/.test(m[1]!) ? [m[1]!, m[2]!] : [m[2]!, m[1]!];
    const era = eraNamed(calendar, label)!;
    const n = Number(num);
    date = { year: (era.before ? era.offset - n : era.offset + n) + 0 };
    length = m[0].length;
  } else if (eras) {
    // On a wiki that counts in eras, a number without its era is no date, unless a range (`19–18 BBY`).
    return /^\d{1,6}\s*(?:[-–—/]|or\b|to\b|and\b)/i.test(text) ? { kind: 'approximate', text } : { kind: 'unreadable', text };
  } else if ((m = DAY_MONTH_YEAR.exec(text))) {
    date = dayDate(year(m[3]!, m[4]), monthOf(m[2]!), Number(m[1]));
    length = m[0].length;
  } else if ((m = MONTH_DAY_YEAR.exec(text))) {
    date = dayDate(year(m[3]!, m[4]), monthOf(m[1]!), Number(m[2]));
    length = m[0].length;
  } else if ((m = MONTH_YEAR.exec(text))) {
    date = { year: year(m[2]!, m[3]), month: monthOf(m[1]!) };
    length = m[0].length;
  } else if ((m = ISO.exec(text))) {
    date = m[3] === undefined ? { year: Number(m[1]), month: Number(m[2]) } : dayDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (date && (date.month! < 1 || date.month! > 12)) date = undefined;
    length = m[0].length;
  } else if ((m = PLAIN_YEAR.exec(text))) {
    date = { year: (m[1] === '-' ? -1 : 1) * year(m[2]!, m[3]) + 0 };
    length = m[0].length;
  }
  if (!date) return { kind: 'unreadable', text };

  const rest = text.slice(length);
  if (APPROXIMATE_AFTER.test(rest)) return { kind: 'approximate', text };
  if (/^[.,]\d/.test(rest)) return { kind: 'unreadable', text };
  // A word glued to the number that is no era of this calendar (`19 BBY` on a wiki without eras).
  if (/^\s*\p{Lu}{2,5}\.?(?:\s|,|$)/u.test(rest) && !/^\s*(?:AD|CE|BCE?)\b/.test(rest)) return { kind: 'unreadable', text };
  if (/^\p{L}/u.test(rest) || MONTH_NEXT.test(rest)) return { kind: 'unreadable', text };
  const place = placeAfter(rest);
  const value = formatStoryDate(date, calendar);
  return place ? { kind: 'date', value, date, place } : { kind: 'date', value, date };
}

function year(digits: string, era: string | undefined): number {
  const n = Number(digits);
  return era && /^bc/i.test(era) ? -n : n;
}

function monthOf(name: string): number {
  const lower = name.toLowerCase().replace(/\.$/, '');
  return MONTHS.findIndex((m) => m.startsWith(lower.slice(0, 3))) + 1;
}

function dayDate(y: number, month: number, day: number): StoryDate | undefined {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(y, month)) return undefined;
  return { year: y, month, day };
}

/** `, La Barre, France, Earth` or ` in Polis Massa` → the place; a bracketed note is no place. */
function placeAfter(rest: string): string | undefined {
  const m = /^\s*(?:,|\bin\b|\bon\b|\bat\b|\baboard\b)\s*(.+)$/i.exec(rest);
  if (!m) return undefined;
  const place = m[1]!.replace(/^(?:in|on|at|aboard)\s+/i, '').replace(/\s*\([^)]*\)\s*$/, '').trim().replace(/[,;.]+$/, '');
  return place.length > 0 ? place : undefined;
}
