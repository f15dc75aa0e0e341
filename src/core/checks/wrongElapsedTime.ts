// wrong-elapsed-time: a span of years between an event and the scene's present that the dates
// contradict ("It had been twenty years since the attack on Mars", "the supernova, five years ago").
import { precisionOf, wholeYearsBetween, type StoryDate } from '../dates';
import { parseDurationAt } from '../numbers';
import { writeNumberLike } from './numberWords';
import type { Diagnostic } from '../types';
import { capitalise, finding, inOrOn, provenance, sceneDateText, sceneOf, type CheckContext } from './context';

type Direction = 'after' | 'since' | 'before' | 'ago';

/** Where "N years after X" speaks of the story's present rather than of another event in the sentence. */
const PRESENT_LEAD = /(?:^|[.!?;:—(\n]\s*|["“]\s*|\b(?:it|that)\s+(?:had\s+been|has\s+been|was|is|['’]s\s+been|['’]s)\s+|\bnow,?\s+)(?:(?:almost|nearly|about|some|over|just|exactly|barely|more\s+than|less\s+than|well\s+over)\s+)?$/i;

export function checkWrongElapsedTime(c: CheckContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const prose = c.manuscript.prose;
  for (const mention of c.scan.mentions) {
    const entry = mention.entry;
    if (!entry.date && entry.kind !== 'event') continue;
    const scene = sceneOf(c, mention.start);
    if (!scene.date) continue;
    const stated = statedSpan(prose, mention.start, mention.possessive ? -1 : mention.end);
    if (!stated) continue;
    const event = stated.direction === 'before' ? entry.date ?? entry.from : entry.date ?? entry.until ?? entry.from;
    if (!event) continue;
    const [from, to] = stated.direction === 'before' ? [scene.date, event] : [event, scene.date];
    const { low, high, nominal } = acceptable(from, to, stated.tolerance);
    // The span the dates give, written as the writer writes numbers; none when the event is on the other side of the scene.
    if (stated.years >= low && stated.years <= high) continue;
    const eventAfterScene = stated.direction === 'before' ? nominal : -nominal;
    const apart = Math.abs(eventAfterScene);
    const relation = `${apart} year${apart === 1 ? '' : 's'} ${eventAfterScene > 0 ? 'after' : 'before'} this scene`;
    out.push(finding(c, 'wrong-elapsed-time', stated.start, stated.end,
      `${capitalise(entry.name)} happened ${inOrOn(c, event)}, ${relation} (${sceneDateText(c, scene)}), not ${stated.text.toLowerCase()}.${provenance(entry, 'date')}`,
      { entity: entry.id, ...(nominal >= 0 ? { fix: intervalLike(nominal, stated.text) } : {}) }));
  }
  return out;
}

/** "fourteen years", "14 years", "one year": the interval the dates give, in the writer's style. */
function intervalLike(years: number, stated: string): string {
  return `${writeNumberLike(years, stated.replace(/^(?:an?|A|An)\b/, 'one'))} year${years === 1 ? '' : 's'}`;
}

interface StatedSpan {
  years: number;
  direction: Direction;
  start: number;
  end: number;
  text: string;
  tolerance: number;
}

function statedSpan(prose: string, nameStart: number, nameEnd: number): StatedSpan | undefined {
  const headStart = Math.max(0, nameStart - 80);
  const raw = prose.slice(headStart, nameStart);
  // Most names have none of the three prepositions before them: no pattern runs then.
  const mayLead = raw.includes('after') || raw.includes('since') || raw.includes('before');
  const head = mayLead ? raw.replace(/\b(?:the|The)\s+$/, (m) => ' '.repeat(m.length)) : raw;
  const preposition = mayLead ? /(?:^|[^\p{L}])(after|since|before)\s+$/u.exec(head) : null;
  if (preposition) {
    const direction = preposition[1] as Direction;
    const spanEnd = head.slice(0, preposition.index + preposition[0].indexOf(preposition[1])).trimEnd().length;
    const words = [...head.slice(0, spanEnd).matchAll(/[\p{L}\p{N}]+/gu)].slice(-5);
    for (const word of words) {
      const span = parseDurationAt(head, word.index!);
      if (!span || word.index! + span.length !== spanEnd) continue;
      if (direction !== 'since' && !PRESENT_LEAD.test(head.slice(0, word.index!))) return undefined;
      const text = head.slice(word.index!, spanEnd);
      return { years: span.years, direction, start: headStart + word.index!, end: headStart + spanEnd, text, tolerance: toleranceOf(text) };
    }
  }
  if (nameEnd < 0) return undefined;
  const tail = prose.slice(nameEnd, nameEnd + 60);
  if (!tail.includes('ago')) return undefined;
  const lead = /^\s*(?:,|\()?\s*/.exec(tail)![0].length;
  const span = parseDurationAt(tail, lead);
  if (span && /^\s+ago\b/.test(tail.slice(lead + span.length))) {
    const text = tail.slice(lead, lead + span.length);
    return { years: span.years, direction: 'ago', start: nameEnd + lead, end: nameEnd + lead + span.length, text, tolerance: toleranceOf(text) };
  }
  return undefined;
}

/** Decades and centuries are round figures: they allow more slack than a count of years. */
function toleranceOf(text: string): number {
  if (/centur|millenni/i.test(text)) return 10;
  if (/decade/i.test(text)) return 2;
  return 0;
}

/**
 * The whole years from one date to another that the dates allow (SPEC §3). When both dates give
 * at least the month, the span is known to within the unknown days (2385-04 → 2399-09 is 14;
 * 2385-09 → 2399-09 is 13 or 14) and nothing is added. When a side gives only its year, the
 * writer may count years by the calendar: ±1 around the difference of the years.
 */
function acceptable(from: StoryDate, to: StoryDate, tolerance: number): { low: number; high: number; nominal: number } {
  const years = to.year - from.year;
  if (precisionOf(from) !== 'year' && precisionOf(to) !== 'year') {
    const { min, max } = wholeYearsBetween(from, to);
    const nominal = Math.min(max, Math.max(min, years));
    return { low: min - tolerance, high: max + tolerance, nominal };
  }
  return { low: years - 1 - tolerance, high: years + 1 + tolerance, nominal: years };
}
