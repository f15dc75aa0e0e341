// The card's view of facts that change over time (SPEC §1): each timed field's value at the
// scene's date with its history, and when each timed alias holds. Kept apart from card.ts so
// that the card's layout and these lines change independently.
import { dateInWords, type Calendar, type StoryDate } from '../dates';
import type { Entry } from '../lore/entry';
import { formatHistory, formatSpan, periodsAt } from '../lore/periods';

type Escape = (text: string) => string;

/**
 * "**Rank in 2399:** Admiral (retired) — Captain 2333–2381, Admiral 2381–2385"; undated,
 * "**Rank:** Captain 2333–2381, Admiral 2381–2385, Admiral (retired) from 2385".
 */
export function timedFieldLines(entry: Entry, calendar: Calendar, date: StoryDate | undefined, label: (key: string) => string, escape: Escape): string[] {
  const lines: string[] = [];
  for (const [key, periods] of Object.entries(entry.periods ?? {})) {
    if (!date) {
      lines.push(`**${label(key)}:** ${escape(formatHistory(periods, calendar))}`);
      continue;
    }
    const now = periodsAt(periods, date);
    const others = periods.filter((p) => !now.includes(p));
    const value = now.length > 0 ? now.map((p) => p.value).join(', ') : 'none';
    const history = others.length > 0 ? ` — ${formatHistory(others, calendar)}` : '';
    lines.push(`**${label(key)} in ${dateInWords(date, calendar)}:** ${escape(value + history)}`);
  }
  return lines;
}

/** "*Picard*, *Locutus* (2366-06–2367)": the aliases, each timed one with its period. */
export function aliasList(entry: Entry, calendar: Calendar, escape: Escape, max = Infinity): string {
  const shown = entry.aliases.slice(0, max).map((alias) => {
    const spans = entry.aliasSpans?.[alias];
    const when = spans ? spans.map((s) => formatSpan(s, calendar)).filter(Boolean).join(', ') : '';
    return `*${escape(alias)}*${when ? ` (${escape(when)})` : ''}`;
  });
  if (entry.aliases.length > max) shown.push(`*… and ${entry.aliases.length - max} more*`);
  return shown.join(', ');
}
