// Facts that change over time (SPEC §1): a rank, a title, an affiliation, a name that holds only
// for a while. Periods are read once when the lore loads; these helpers answer "what held then?".
import { dateInWords, isAfter, isBefore, type Calendar, type StoryDate } from '../dates';

/** A stretch of story time; an open end holds from the start, or for ever. */
export interface Span {
  from?: StoryDate;
  /** The end: the `until` the lore wrote or, without one, the next period's `from`. */
  until?: StoryDate;
  /** Where this one fact comes from, when the lore says. */
  source?: string;
}

/** One value of a descriptive field that changes over time. */
export interface Period extends Span {
  value: string;
}

/** The fields whose values, written before a name, make a titled form (`Captain Picard`). */
export const TITLE_FIELDS = ['rank', 'title'] as const;

/** Compared at the coarser precision, as everywhere: a 2381 scene is inside `until: 2381`. */
export function holdsAt(span: Span, date: StoryDate): boolean {
  if (span.from && isBefore(date, span.from)) return false;
  return !(span.until && isAfter(date, span.until));
}

/** The periods holding at a date (two at a boundary seen at the coarser precision). */
export function periodsAt<T extends Span>(periods: readonly T[], date: StoryDate): T[] {
  return periods.filter((p) => holdsAt(p, date));
}

/** A title as prose writes it before a name: `Admiral (retired)` → `Admiral`. */
export function titleOf(value: string): string {
  return value.replace(/\s*\([^)]*\)/g, '').replace(/\s+/g, ' ').trim();
}

/** "2333–2381", "March 2333 – 2381", "from 2385", "until 2367" (in words), or "" for a span open at both ends. */
export function formatSpan(span: Span, calendar: Calendar): string {
  const from = span.from ? dateInWords(span.from, calendar) : undefined;
  const until = span.until ? dateInWords(span.until, calendar) : undefined;
  if (from && until) return from === until ? from : `${from}${/\s/.test(from + until) ? ' – ' : '–'}${until}`;
  if (from) return `from ${from}`;
  if (until) return `until ${until}`;
  return '';
}

/** "Captain 2333–2381, Admiral 2381–2385, Admiral (retired) from 2385": a field's history. */
export function formatHistory(periods: readonly Period[], calendar: Calendar): string {
  return periods.map((p) => [p.value, formatSpan(p, calendar)].filter(Boolean).join(' ')).join(', ');
}

/** "a Captain", "an Admiral": the article English puts before a title. */
export function withArticle(title: string): string {
  return `${/^[AEIOU]/i.test(title) && !/^(?:Uni|Use|Eu|One)/i.test(title) ? 'an' : 'a'} ${title}`;
}
