// Facts that hold only for a while (SPEC §1 "Facts that change over time"): any descriptive field
// written as a list of `{ value, from, until }` periods. Read generically from the entry's fields,
// so that a new timed field (`title`, `location`, `status`…) shows on the timeline unasked.
import { compareDates, parseStoryDate, type Calendar, type StoryDate } from '../dates';
import type { Entry } from '../lore/entry';

export interface TimedFact {
  field: string;
  value: string;
  /** Undefined: holds from the start. */
  from?: StoryDate;
  /** Undefined: holds until the next period's `from`, or for ever. */
  until?: StoryDate;
}

function isPeriod(item: unknown): item is Record<string, unknown> {
  return typeof item === 'object' && item !== null && !Array.isArray(item) && 'value' in item;
}

function dateOf(value: unknown, calendar: Calendar): StoryDate | undefined {
  if (value === undefined || value === null) return undefined;
  const parsed = parseStoryDate(value, calendar);
  return parsed.ok ? parsed.date : undefined;
}

interface TypedSpan {
  from?: StoryDate;
  until?: StoryDate;
}

/**
 * The shapes a lore loader that types periods itself may add to an entry (`periods`, timed
 * aliases in `aliasSpans`); read when present, so that the timeline and the cards agree.
 */
interface WithTypedPeriods {
  periods?: Record<string, Array<TypedSpan & { value: string }>>;
  aliasSpans?: Record<string, TypedSpan[]>;
}

/** Every timed field of the entry, periods in the order of their start, each closed by the next. */
export function timedFacts(entry: Entry, calendar: Calendar): TimedFact[] {
  const out: TimedFact[] = [];
  const typed = (entry as Entry & WithTypedPeriods).periods;
  for (const [field, raw] of Object.entries(entry.extra)) {
    const known = typed?.[field];
    if (known) {
      for (const p of known) out.push({ field, value: p.value, ...(p.from ? { from: p.from } : {}), ...(p.until ? { until: p.until } : {}) });
      continue;
    }
    if (!Array.isArray(raw) || raw.length === 0 || !raw.every(isPeriod)) continue;
    const periods = raw.map((item, index) => ({
      index,
      value: String(item.value ?? ''),
      from: dateOf(item.from, calendar),
      until: dateOf(item.until, calendar),
    }));
    // Without `from`, a period holds from the start: it sorts first; otherwise by start, then as written.
    periods.sort((a, b) => (a.from && b.from ? compareDates(a.from, b.from) : a.from ? 1 : b.from ? -1 : 0) || a.index - b.index);
    periods.forEach((period, i) => {
      const next = periods.slice(i + 1).find((p) => p.from !== undefined);
      const until = period.until ?? next?.from;
      out.push({ field, value: period.value, ...(period.from ? { from: period.from } : {}), ...(until ? { until } : {}) });
    });
  }
  // A name that holds only for a while (`Locutus`, `Darth Vader`) is a fact of the entry too.
  for (const [name, spans] of Object.entries((entry as Entry & WithTypedPeriods).aliasSpans ?? {})) {
    for (const span of spans) out.push({ field: 'alias', value: name, ...(span.from ? { from: span.from } : {}), ...(span.until ? { until: span.until } : {}) });
  }
  return out;
}
