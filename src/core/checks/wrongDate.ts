// wrong-date: a date written next to a name that contradicts the lore — an event's year
// ("the attack on Mars in 2387", "the 2387 attack on Mars", "the attack on Mars (2387)") or a
// birth, death, launch or loss stated for an entry ("Data, who died in 2380,").
import { compareDates, DATE_LOOKBEHIND, parseStoryDate, type StoryDate } from '../dates';
import type { DateField, Entry } from '../lore/entry';
import type { Mention } from '../mentions/scan';
import type { Diagnostic } from '../types';
import { capitalise, finding, fixDate, formatDate, inOrOn, provenance, type CheckContext } from './context';

const STARTS = 'born|activated|created|constructed|launched|commissioned|founded|established|built';
const ENDS = 'died|perished|killed|destroyed|lost|dissolved|decommissioned|disbanded|murdered|assassinated|deactivated';
const START_VERBS = new Set(STARTS.split('|'));
const HAS_DIGIT = /[0-9]/;

interface Patterns {
  eventAfter: RegExp;
  eventBefore: RegExp;
  lifeAfter: RegExp;
}

const cache = new WeakMap<object, Patterns>();

function patterns(c: CheckContext): Patterns {
  let p = cache.get(c.base);
  if (!p) {
    const date = `(${c.dateSource})`;
    // Where a space or "(" stands just before the date, its look-behind holds whatever the text,
    // and its own look-ahead already rules out a letter or digit after it: both are left out there.
    const spaced = `(${c.dateSource.startsWith(DATE_LOOKBEHIND) ? c.dateSource.slice(DATE_LOOKBEHIND.length) : c.dateSource})`;
    p = {
      // "… in 2387", "… of 2387", "… (2387)", "… in the year 2387" — directly after the name.
      eventAfter: new RegExp(`^\\s+(?:in|of|during)\\s+(?:the\\s+year\\s+)?${spaced}|^\\s*\\(\\s*${spaced}\\s*\\)`, 'u'),
      // "the 2387 attack on Mars", "2387's attack on Mars" — directly before it, and written as the
      // event's own date: after a determiner, or possessive. "By spring 2390 the attack on Mars"
      // dates the sentence, not the event.
      eventBefore: new RegExp(`(?:(?:^|[^\\p{L}\\p{N}])(?:the|The|THE|a|an|that|That|this|This|its|their|his|her)\\s+${spaced}|(?:^|[^\\p{L}\\p{N}])${date}['’]s)\\s+$`, 'u'),
      lifeAfter: new RegExp(
        `^\\s*,?\\s*(?:(?:who|which|that)\\s+)?(?:(?:was|were|had been|has been|had|is)\\s+)?(${STARTS}|${ENDS})\\s+(?:(?:in|on|during)\\s+)?(?:the\\s+year\\s+)?${spaced}`,
        'u',
      ),
    };
    cache.set(c.base, p);
  }
  return p;
}

export function checkWrongDate(c: CheckContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const prose = c.manuscript.prose;
  const p = patterns(c);
  for (const mention of c.scan.mentions) {
    const entry = mention.entry;
    // An entry with no date of any kind has nothing a stated date could contradict: no text is read.
    if (!isDated(entry)) continue;
    const tail = prose.slice(mention.end, mention.end + 80);
    // Every date of dateSource has a digit: a stretch without one needs no pattern run over it.
    const dated = HAS_DIGIT.test(tail);
    const life = dated ? p.lifeAfter.exec(tail) : null;
    if (life) {
      const field = lifeField(entry, life[1]);
      if (field) {
        const start = mention.end + life.index + life[0].length - life[2].length;
        const problem = compare(c, mention, entry, field, life[2], start);
        if (problem) out.push(problem);
      }
      continue;
    }
    if (entry.kind !== 'event' && !entry.date) continue;
    const after = dated ? p.eventAfter.exec(tail) : null;
    if (after) {
      const stated = after[1] ?? after[2];
      const at = mention.end + after.index + after[0].lastIndexOf(stated);
      const problem = compareEvent(c, mention, entry, stated, at);
      if (problem) out.push(problem);
      continue;
    }
    const head = prose.slice(Math.max(0, mention.start - 40), mention.start);
    const before = HAS_DIGIT.test(head) ? p.eventBefore.exec(head) : null;
    if (before) {
      const stated = before[1] ?? before[2];
      const at = mention.start - head.length + before.index + before[0].indexOf(stated);
      const problem = compareEvent(c, mention, entry, stated, at);
      if (problem) out.push(problem);
    }
  }
  return out;
}

/** Whether either rule below can report on the entry: a life field to compare with, or an event's date or span. */
function isDated(entry: Entry): boolean {
  return entry.born !== undefined || entry.from !== undefined || entry.died !== undefined || entry.until !== undefined || entry.date !== undefined || entry.kind === 'event';
}

function lifeField(entry: Entry, verb: string): DateField | undefined {
  if (START_VERBS.has(verb)) return entry.born ? 'born' : entry.from ? 'from' : undefined;
  return entry.died ? 'died' : entry.until ? 'until' : undefined;
}

function compare(c: CheckContext, mention: Mention, entry: Entry, field: DateField, stated: string, at: number): Diagnostic | undefined {
  const truth = entry[field]!;
  const parsed = parseStoryDate(stated.trim(), c.base.calendar);
  if (!parsed.ok || compareDates(parsed.date, truth) === 0) return undefined;
  const verb = field === 'born' ? 'was born' : field === 'died' ? 'died' : field === 'from' ? 'came into being' : 'ceased to exist';
  return finding(c, 'wrong-date', at, at + stated.length,
    `${entry.name} ${verb} ${inOrOn(c, truth)}, not ${formatDate(c, parsed.date)}.${provenance(entry, field)}`,
    { entity: mention.entry.id, fix: fixDate(c, atPrecisionOf(truth, parsed.date)) });
}

function compareEvent(c: CheckContext, mention: Mention, entry: Entry, stated: string, at: number): Diagnostic | undefined {
  const parsed = parseStoryDate(stated.trim(), c.base.calendar);
  if (!parsed.ok) return undefined;
  const s: StoryDate = parsed.date;
  if (entry.date) {
    if (compareDates(s, entry.date) === 0) return undefined;
    return finding(c, 'wrong-date', at, at + stated.length,
      `${capitalise(entry.name)} happened ${inOrOn(c, entry.date)}, not ${formatDate(c, s)}.${provenance(entry, 'date')}`,
      { entity: mention.entry.id, fix: fixDate(c, atPrecisionOf(entry.date, s)) });
  }
  const from = entry.from;
  const until = entry.until;
  if (!from && !until) return undefined;
  if ((!from || compareDates(s, from) >= 0) && (!until || compareDates(s, until) <= 0)) return undefined;
  const span = from && until ? `from ${formatDate(c, from)} to ${formatDate(c, until)}` : from ? `from ${formatDate(c, from)}` : `until ${formatDate(c, until!)}`;
  return finding(c, 'wrong-date', at, at + stated.length,
    `${capitalise(entry.name)} lasted ${span}, so not ${formatDate(c, s)}.${provenance(entry)}`, { entity: mention.entry.id });
}

/** The fix is written as precisely as the writer wrote the date: "2385", not "2385-04-05". */
function atPrecisionOf(truth: StoryDate, stated: StoryDate): StoryDate {
  if (stated.day !== undefined) return truth;
  if (stated.month !== undefined) return { year: truth.year, ...(truth.month !== undefined ? { month: truth.month } : {}) };
  return { year: truth.year };
}
