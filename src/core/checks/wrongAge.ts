// wrong-age: an age stated for a character that its birth date contradicts at the scene's date
// ("the 80-year-old Picard", "eighty-year-old Picard", "Picard, 80,", "Picard was 80 years old").
import { isAfter, wholeYearsBetween } from '../dates';
import { parseAgeAdjectiveAt, parseNumberAt } from '../numbers';
import type { Diagnostic } from '../types';
import { finding, inOrOn, provenance, sceneOf, sceneWhenText, type CheckContext } from './context';
import { writeNumberLike } from './numberWords';
import { isSpaceCode } from '../mentions/words';

interface StatedAge {
  value: number;
  /** Offsets of the number itself, which a fix replaces. */
  start: number;
  end: number;
  text: string;
}

const AGE_ADJECTIVE_END = /[-‑ ]years?[-‑ ]old\s+$/;
const APPOSITIVE = /^,\s*(?:(?:now|aged|age)\s+)?([\p{L}\p{N}][\p{L}\p{N}‑-]*(?: [\p{L}‑-]+){0,3}?)(?:\s+years?\s+old)?\s*(?:,|\)|;|\.(?!\d))/u;
const PARENTHESIS = /^\s*\(\s*(?:aged?\s+)?(\d{1,3})\s*\)/;
const PREDICATE = /^\s+(?:was|is|had\s+turned|turned|turns)\s+(?:now\s+|just\s+|only\s+)?([\p{L}\p{N}][\p{L}\p{N}‑-]*(?: [\p{L}‑-]+){0,3}?)\s+years?\s+old/u;

export function checkWrongAge(c: CheckContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const mention of c.scan.mentions) {
    const entry = mention.entry;
    if (!entry.born) continue;
    const scene = sceneOf(c, mention.start);
    if (!scene.date || (entry.died && isAfter(scene.date, entry.died))) continue;
    const stated = statedAge(c.manuscript.prose, mention.start, mention.possessive ? -1 : mention.end);
    if (!stated) continue;
    const span = wholeYearsBetween(entry.born, scene.date);
    if (stated.value >= span.min && stated.value <= span.max) continue;
    // Before the birth there is no age to state ("so is -105" is no message for a writer).
    const low = Math.max(0, span.min);
    const possible = span.max < 0 ? 'not yet born' : low === span.max ? `${low}` : `${low} or ${span.max}`;
    const verb = span.max < 0 ? 'will be born' : 'was born';
    out.push(finding(c, 'wrong-age', stated.start, stated.end,
      `${entry.name} ${verb} ${inOrOn(c, entry.born)}, so is ${possible} ${sceneWhenText(c, scene)}, not ${stated.value}.${provenance(entry, 'born')}`,
      { entity: entry.id, ...(low === span.max ? { fix: writeNumberLike(low, stated.text) } : {}) }));
  }
  return out;
}

/** Cheap look-arounds that rule out almost every mention before any pattern runs. */
const MAY_FOLLOW = /^(?:,|\s*\(|\s+(?:was|is|had|turned|turns)\b)/;

/**
 * Cheap tests by char code that pass every name the patterns around it could match (and a few
 * more), so that most mentions cost no substring and no regex: "old" and a space just before the
 * name; a comma, a bracket, or spaces then a bracket or one of MAY_FOLLOW's verbs as a whole word after it.
 */
function hasOldBefore(prose: string, nameStart: number): boolean {
  if (nameStart < 4 || !isSpaceCode(prose.charCodeAt(nameStart - 1))) return false;
  for (let j = Math.max(0, nameStart - 12); j + 3 <= nameStart; j++) {
    if ((prose.charCodeAt(j) | 32) === 111 && (prose.charCodeAt(j + 1) | 32) === 108 && (prose.charCodeAt(j + 2) | 32) === 100) return true;
  }
  return false;
}

function mayFollow(prose: string, nameEnd: number): boolean {
  const c = prose.charCodeAt(nameEnd);
  if (c === 44 || c === 40) return true;
  if (!isSpaceCode(c)) return false;
  let j = nameEnd + 1;
  while (isSpaceCode(prose.charCodeAt(j))) j++;
  if (prose.charCodeAt(j) === 40) return true;
  for (const verb of FOLLOWING_VERBS) if (prose.startsWith(verb, j) && !isWordCode(prose.charCodeAt(j + verb.length))) return true;
  return false;
}

/** The verbs of MAY_FOLLOW, each followed there by a word boundary (`\b`). */
const FOLLOWING_VERBS = ['was', 'is', 'had', 'turned', 'turns'];

/** What `\w` matches, by code unit. */
function isWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

function statedAge(prose: string, nameStart: number, nameEnd: number): StatedAge | undefined {
  const mayPrecede = hasOldBefore(prose, nameStart) && /old\s+(?:the\s+)?$/i.test(prose.slice(Math.max(0, nameStart - 12), nameStart));
  if (!mayPrecede && (nameEnd < 0 || !mayFollow(prose, nameEnd) || !MAY_FOLLOW.test(prose.slice(nameEnd, nameEnd + 12)))) return undefined;
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
