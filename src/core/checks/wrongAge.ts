// wrong-age: an age stated for a character that its birth date contradicts at the scene's date
// ("the 80-year-old Picard", "eighty-year-old Picard", "Picard, 80,", "Picard, who was 80,", "Picard was 80 years old").
import { isAfter, wholeYearsBetween } from '../dates';
import { parseAgeAdjectiveAt, parseNumberAt } from '../numbers';
import type { Diagnostic } from '../types';
import { finding, inOrOn, momentOf, provenance, sceneOf, type CheckContext } from './context';
import { writeNumberLike } from './numberWords';

interface StatedAge {
  value: number;
  /** Offsets of the number itself, which a fix replaces. */
  start: number;
  end: number;
  text: string;
}

const AGE_ADJECTIVE_END = /[-‑ ]years?[-‑ ]old\s+$/;
const APPOSITIVE = /^,\s*(?:(?:now|aged|age|who\s+(?:was|is)(?:\s+now)?)\s+)?([\p{L}\p{N}][\p{L}\p{N}‑-]*(?: [\p{L}‑-]+){0,3}?)(?:\s+years?\s+old)?\s*(?:,|\)|;|\.(?!\d))/u;
const PARENTHESIS = /^\s*\(\s*(?:aged?\s+)?(\d{1,3})\s*\)/;
const PREDICATE = /^\s+(?:was|is|had\s+turned|turned|turns)\s+(?:now\s+|just\s+|only\s+)?([\p{L}\p{N}][\p{L}\p{N}‑-]*(?: [\p{L}‑-]+){0,3}?)\s+years?\s+old/u;

export function checkWrongAge(c: CheckContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const mention of c.scan.mentions) {
    const entry = mention.entry;
    if (!entry.born) continue;
    const scene = sceneOf(c, mention.start);
    if (!scene.date) continue;
    const stated = statedAge(c.manuscript.prose, mention.start, mention.possessive ? -1 : mention.end);
    if (!stated) continue;
    // "In 2370, Picard, 64, …" is the age in 2370, whatever the scene's date.
    const moment = momentOf(c, mention.start, scene)!;
    if (entry.died && isAfter(moment.date, entry.died)) continue;
    const span = wholeYearsBetween(entry.born, moment.date);
    if (stated.value >= span.min && stated.value <= span.max) continue;
    // Before the birth there is no age to state ("so is -105" is no message for a writer).
    const low = Math.max(0, span.min);
    const possible = span.max < 0 ? 'not yet born' : low === span.max ? `${low}` : `${low} or ${span.max}`;
    const verb = span.max < 0 ? 'will be born' : 'was born';
    out.push(finding(c, 'wrong-age', stated.start, stated.end,
      `${entry.name} ${verb} ${inOrOn(c, entry.born)}, so is ${possible} ${moment.when}, not ${stated.value}.${provenance(entry, 'born')}`,
      { entity: entry.id, ...(low === span.max ? { fix: writeNumberLike(low, stated.text) } : {}) }));
  }
  return out;
}

/** Cheap look-arounds that rule out almost every mention before any pattern runs. */
const MAY_FOLLOW = /^(?:,|\s*\(|\s+(?:was|is|had|turned|turns)\b)/;

function statedAge(prose: string, nameStart: number, nameEnd: number): StatedAge | undefined {
  const mayPrecede = /old\s+(?:the\s+)?$/i.test(prose.slice(Math.max(0, nameStart - 12), nameStart));
  if (!mayPrecede && (nameEnd < 0 || !MAY_FOLLOW.test(prose.slice(nameEnd, nameEnd + 12)))) return undefined;
  // Before the name: "the ninety-four-year-old Picard".
  const headStart = Math.max(0, nameStart - 60);
  const head = prose.slice(headStart, nameStart);
  const adjective = mayPrecede ? AGE_ADJECTIVE_END.exec(head) : null;
  if (adjective) {
    const words = [...head.slice(0, adjective.index).matchAll(/[\p{L}\p{N}]+/gu)].slice(-4);
    for (const word of words) {
      const match = parseAgeAdjectiveAt(head, word.index!);
      if (match && word.index! + match.length === adjective.index + adjective[0].trimEnd().length) {
        const number = parseNumberAt(head, word.index!)!;
        const start = headStart + word.index!;
        return { value: match.value, start, end: start + number.length, text: head.slice(word.index!, word.index! + number.length) };
      }
    }
  }
  if (nameEnd < 0) return undefined;
  // After the name: "Picard, 94," / "Picard (94)" / "Picard was ninety-four years old".
  const tail = prose.slice(nameEnd, nameEnd + 60);
  for (const pattern of [APPOSITIVE, PARENTHESIS, PREDICATE]) {
    const match = pattern.exec(tail);
    if (!match) continue;
    const offset = match[0].indexOf(match[1], match[0].search(/[\p{L}\p{N}]/u));
    const number = parseNumberAt(tail, offset);
    if (!number || number.length !== match[1].length) continue;
    // A bare number after a comma is an age only when it could be one (never a year like 2399).
    if (pattern === APPOSITIVE && !/^\d{1,3}$|^\p{L}/u.test(match[1])) continue;
    return { value: number.value, start: nameEnd + offset, end: nameEnd + offset + number.length, text: match[1] };
  }
  return undefined;
}
