// Reading the lore's time-bound shapes (SPEC §1 "Facts that change over time"): a descriptive
// field written as a list of periods, and a timed alias. Every problem lands on its own YAML node.
import { dateInWords, isBefore, whenInWords, parseStoryDate, type Calendar, type StoryDate } from '../dates';
import type { LoreProblemCode, Range } from '../types';
import type { RawField } from './parseFile';
import type { Period, Span } from './periods';

type Problem = (file: string, range: Range, code: LoreProblemCode, message: string) => void;

const PERIOD_KEYS = ['value', 'from', 'until'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A list is periods when one of its mappings has `value`, `from` or `until`; other lists are plain values. */
export function isPeriodList(value: unknown): value is unknown[] {
  return Array.isArray(value) && value.some((item) => isRecord(item) && PERIOD_KEYS.some((key) => key in item));
}

/** Reads `from`/`until` of one list item; a bad date or an end before the start is reported and dropped. */
function readSpan(item: Record<string, unknown>, index: number, raw: RawField, file: string, what: string, calendar: Calendar, problem: Problem): Span {
  const span: Span = {};
  const at = (key: string): Range => raw.itemFieldRanges?.[index]?.[key] ?? raw.itemRanges?.[index] ?? raw.range;
  for (const key of ['from', 'until'] as const) {
    const value = item[key];
    if (value === undefined || value === null) continue;
    const parsed = parseStoryDate(value, calendar);
    if (parsed.ok) span[key] = parsed.date;
    else problem(file, at(key), 'lore-invalid-date', `\`${key}\` of ${what}: ${parsed.reason}.`);
  }
  if (span.from && span.until && isBefore(span.until, span.from)) {
    problem(file, at('until'), 'lore-date-order', `${capitalise(what)} cannot have \`until\` ${whenInWords(span.until, calendar)} before \`from\` ${whenInWords(span.from, calendar)}.`);
    delete span.until;
  }
  if (typeof item.source === 'string' && item.source.trim() !== '') span.source = item.source.trim();
  return span;
}

/** `{ name: Locutus, from: 2366-06, until: 2367 }` → the alias and when it holds. */
export function readAliasItem(
  item: Record<string, unknown>,
  index: number,
  raw: RawField,
  file: string,
  entryName: string,
  calendar: Calendar,
  problem: Problem,
): { name: string; span: Span } | undefined {
  const at = raw.itemFieldRanges?.[index]?.name ?? raw.itemRanges?.[index] ?? raw.range;
  const name = typeof item.name === 'string' || typeof item.name === 'number' ? String(item.name).trim() : '';
  if (name === '') {
    const message = item.name === undefined
      ? `A timed alias of ${entryName} needs a \`name\`: write { name: Locutus, from: 2366, until: 2367 }.`
      : `The \`name\` of a timed alias of ${entryName} must be text.`;
    problem(file, at, 'lore-wrong-type', message);
    return undefined;
  }
  return { name, span: readSpan(item, index, raw, file, `alias "${name}" of ${entryName}`, calendar, problem) };
}

/**
 * `rank: [{ value: Captain, from: 2333 }, { value: Admiral, from: 2381 }]` → periods in date order,
 * each ending where the lore says or, without an `until`, where the next one begins. Overlaps
 * (one period beginning before another's written `until`) are reported at the later one.
 */
export function readPeriods(key: string, items: unknown[], raw: RawField, file: string, entryName: string, calendar: Calendar, problem: Problem): Period[] {
  const read: Array<{ period: Period; index: number; untilWritten: boolean }> = [];
  items.forEach((item, index) => {
    const itemRange = raw.itemRanges?.[index] ?? raw.range;
    if (!isRecord(item)) {
      problem(file, itemRange, 'lore-wrong-type', `Each period of \`${key}\` of ${entryName} must be a mapping such as { value: Captain, from: 2333 }.`);
      return;
    }
    const value = item.value;
    if (value === undefined || value === null || (typeof value !== 'string' && typeof value !== 'number') || String(value).trim() === '') {
      const at = value === undefined ? itemRange : raw.itemFieldRanges?.[index]?.value ?? itemRange;
      problem(file, at, 'lore-wrong-type', `A period of \`${key}\` of ${entryName} has no \`value\`: write { value: …, from: …, until: … }.`);
      return;
    }
    const text = String(value).trim();
    const span = readSpan(item, index, raw, file, `\`${key}\` ${text} of ${entryName}`, calendar, problem);
    read.push({ period: { value: text, ...span }, index, untilWritten: span.until !== undefined });
  });

  // Date order; a period without `from` holds from the start, so it sorts first.
  const order = (d: StoryDate | undefined): number => (d ? d.year * 10000 + (d.month ?? 0) * 100 + (d.day ?? 0) : -Infinity);
  read.sort((a, b) => order(a.period.from) - order(b.period.from) || a.index - b.index);

  let latest: { period: Period; until: StoryDate } | undefined;
  read.forEach(({ period, index }, k) => {
    const other = k === 0 ? undefined : period.from === undefined ? read[0].period : latest && isBefore(period.from, latest.until) ? latest.period : undefined;
    if (other) {
      const at = raw.itemFieldRanges?.[index]?.from ?? raw.itemRanges?.[index] ?? raw.range;
      const since = period.from ? `begins ${whenInWords(period.from, calendar)}` : 'has no `from`, so holds from the start';
      const end = other.until ? `until ${dateInWords(other.until, calendar)}` : 'from the start';
      problem(file, at, 'lore-period-overlap', `\`${key}\` of ${entryName}: ${period.value} ${since}, while ${other.value} still holds (${end}).`);
    }
    const explicit = read[k].untilWritten ? period.until : undefined;
    if (explicit && (!latest || isBefore(latest.until, explicit))) latest = { period, until: explicit };
  });
  // An open end closes where the next period begins.
  for (let k = 0; k < read.length; k++) {
    const next = read[k + 1]?.period.from;
    if (!read[k].untilWritten && next) read[k].period.until = next;
  }
  return read.map((r) => r.period);
}

function capitalise(text: string): string {
  return text.length > 0 ? text[0].toUpperCase() + text.slice(1) : text;
}
