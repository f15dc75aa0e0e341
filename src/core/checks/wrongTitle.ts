// wrong-title: a title or a timed name used, as a presence, at a date where it does not hold
// (`Admiral Picard walked in` in 2370; `Locutus` on a bridge in 2399). Only presence in a dated
// normal scene counts: dialogue keeps old titles, memories and dreams keep old names.
import { isAfter, isBefore, type StoryDate } from '../dates';
import { endOf, startOf, type Entry } from '../lore/entry';
import { formatSpan, holdsAt, periodsAt, titleOf, withArticle, type Period, type Span } from '../lore/periods';
import { SUSPENDING_MODES } from '../manuscript';
import type { TitledPart } from '../mentions/nameIndex';
import type { Mention } from '../mentions/scan';
import type { Diagnostic } from '../types';
import { finding, inOrOn, momentOf, sceneOf, type CheckContext } from './context';

export function checkWrongTitle(c: CheckContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const mention of c.scan.mentions) {
    const form = mention.form;
    if ((!form.title && !form.spans) || !mention.presence || mention.inDialogue) continue;
    const scene = sceneOf(c, mention.start);
    if (scene.mode && SUSPENDING_MODES.has(scene.mode)) continue;
    // "Back in 2370, Captain Picard…" is judged in 2370, whatever the scene's date.
    const moment = momentOf(c, mention.start, scene);
    if (!moment) continue;
    const entry = mention.entry;
    // Before the entity exists, unborn-character (or nonexistent-entity) says all there is to say.
    const start = startOf(entry);
    if (start && isBefore(moment.date, start)) continue;
    const found = form.title ? titleProblem(c, mention, form.title, moment.date, moment.when) : aliasProblem(c, mention, form.spans!, moment.date, moment.when);
    if (found) out.push(found);
  }
  return out;
}

function titleProblem(c: CheckContext, mention: Mention, title: TitledPart, date: StoryDate, when: string): Diagnostic | undefined {
  const entry = mention.entry;
  const periods = entry.periods?.[title.field] ?? [];
  const holding = periodsAt(periods, date);
  if (holding.some((p) => titleOf(p.value) === title.text)) return undefined;
  // A portrait of Admiral Picard long after his death: the last title is his for ever.
  if (afterEnd(entry, date) && periods.length > 0 && titleOf(periods[periods.length - 1].value) === title.text) return undefined;

  const mine = periods.filter((p) => titleOf(p.value) === title.text);
  const later = mine.find((p) => p.from && isAfter(p.from, date));
  const earlier = [...mine].reverse().find((p) => p.until && isBefore(p.until, date));
  const now = [...new Set(holding.map((p) => p.value))];
  const name = title.name;
  const first = now.length > 0
    ? `${name} was ${withArticle(now.join(' and '))} ${when}`
    : `${name} was ${later ? 'not yet' : 'no longer'} ${withArticle(title.text)} ${when}`;
  const what = now.length > 0 ? withArticle(title.text) : 'one';
  const second = later ? `became ${what} ${inOrOn(c, later.from!)}` : earlier ? `had been ${what} ${formatSpan(earlier, c.base.calendar)}` : undefined;
  const message = `${first}${second ? `, and ${second}` : ''}.${sources(entry, title.field, [...holding, ...(later ? [later] : earlier ? [earlier] : [])])}`;

  // The fix keeps the name as the prose writes it and puts the title that holds before it.
  const written = c.manuscript.text.slice(mention.start, mention.end);
  const bare = skipWords(written, title.words);
  const titles = [...new Set(holding.map((p) => titleOf(p.value)).filter((t) => t !== ''))];
  const fix = titles.length === 1 ? `${titles[0]} ${bare}` : titles.length === 0 ? bare : undefined;
  return finding(c, 'wrong-title', mention.start, mention.end, message, { entity: entry.id, ...(fix ? { fix } : {}) });
}

function aliasProblem(c: CheckContext, mention: Mention, spans: Span[], date: StoryDate, when: string): Diagnostic | undefined {
  const entry = mention.entry;
  if (spans.some((s) => holdsAt(s, date))) return undefined;
  // The name it bore at its death stays its name afterwards.
  const end = endOf(entry);
  if (end && afterEnd(entry, date) && spans.some((s) => holdsAt(s, end))) return undefined;
  const alias = mention.form.text;
  const later = spans.find((s) => s.from && isAfter(s.from, date));
  const earlier = [...spans].reverse().find((s) => s.until && isBefore(s.until, date));
  const message = later
    ? `${entry.name} was not yet called ${alias} ${when}, and took that name ${inOrOn(c, later.from!)}.`
    : `${entry.name} was no longer called ${alias} ${when}${earlier ? `: that name held ${formatSpan(earlier, c.base.calendar)}` : ''}.`;
  const span = later ?? earlier;
  return finding(c, 'wrong-title', mention.start, mention.end, `${message}${sources(entry, 'aliases', span ? [span] : [])}`, { entity: entry.id, fix: entry.name });
}

function afterEnd(entry: Entry, date: StoryDate): boolean {
  const end = endOf(entry);
  return end !== undefined && isAfter(date, end);
}

/** " Source: PIC: Remembrance." from the periods' own sources, else the entry's; and the layer that set the field. */
function sources(entry: Entry, field: string, periods: Array<Period | Span>): string {
  const own = [...new Set(periods.map((p) => p.source).filter((s): s is string => s !== undefined))];
  const parts: string[] = [];
  if (entry.overrides[field]) parts.push(`Set by the ${entry.overrides[field]} layer`);
  const source = own.length > 0 ? own.join('; ') : entry.source;
  if (source) parts.push(`Source: ${source}`);
  return parts.length > 0 ? ` ${parts.join('; ')}.` : '';
}

/** The text after its first `count` words and their separators: `Captain Picard` → `Picard`. */
function skipWords(text: string, count: number): string {
  let rest = text;
  for (let i = 0; i < count; i++) rest = rest.replace(/^[^\p{L}\p{N}\p{M}]*[\p{L}\p{N}\p{M}]+/u, '');
  return rest.replace(/^[^\p{L}\p{N}\p{M}]+/u, '');
}
