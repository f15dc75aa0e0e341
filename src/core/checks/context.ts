// What every manuscript check receives, and how it reports.
import { dateInWords, formatStoryDate, parseStoryDate, whenInWords, type StoryDate } from '../dates';
import type { LoreBase } from '../lore/base';
import type { Entry } from '../lore/entry';
import { rangeOf, sceneAt, type Manuscript, type Scene } from '../manuscript';
import { sentenceStart } from '../mentions/classify';
import type { NameIndex } from '../mentions/nameIndex';
import type { ScanResult } from '../mentions/scan';
import { SEVERITY_OF } from '../codes';
import type { CheckCode, Diagnostic } from '../types';

export interface CheckContext {
  base: LoreBase;
  index: NameIndex;
  manuscript: Manuscript;
  scan: ScanResult;
  /** A regex (flags `gu`) source matching one date as prose writes it in this canon. */
  dateSource: string;
}

export type Check = (context: CheckContext) => Diagnostic[];


export function finding(
  c: CheckContext,
  code: CheckCode,
  start: number,
  end: number,
  message: string,
  extra: { entity?: string; fix?: string } = {},
): Diagnostic {
  return {
    file: c.manuscript.path,
    range: rangeOf(c.manuscript.lineStarts, start, end),
    severity: SEVERITY_OF.get(code) ?? 'warning',
    code,
    message,
    ...(extra.entity !== undefined ? { entity: extra.entity } : {}),
    ...(extra.fix !== undefined ? { fix: extra.fix } : {}),
  };
}

export function sceneOf(c: CheckContext, offset: number): Scene {
  return sceneAt(c.manuscript, offset);
}

/** A date in a message, in words: "31 July 1980", "September 2399", "19 BBY". */
export function formatDate(c: CheckContext, date: StoryDate): string {
  return dateInWords(date, c.base.calendar);
}

/** A date as a fix writes it back into the prose: the base's own notation ("2385", "19 BBY"). */
export function fixDate(c: CheckContext, date: StoryDate): string {
  return formatStoryDate(date, c.base.calendar);
}

/** "in 2379" for a year, "in September 2399" for a month, "on 31 July 1980" for a day. */
export function inOrOn(c: CheckContext, date: StoryDate): string {
  return whenInWords(date, c.base.calendar);
}

/** " Source: Star Trek: Nemesis." and where a story layer changed the fact, which layer. */
export function provenance(entry: Entry, field?: string): string {
  const parts: string[] = [];
  if (field && entry.overrides[field]) parts.push(`Set by the ${entry.overrides[field]} layer`);
  if (entry.source) parts.push(`Source: ${entry.source}`);
  return parts.length > 0 ? ` ${parts.join('; ')}.` : '';
}

/** How the scene's date is written in messages: "September 2399", or "an undated scene". */
export function sceneDateText(c: CheckContext, scene: Scene): string {
  return scene.date ? formatDate(c, scene.date) : 'an undated scene';
}

/** "in September 2399", "on 2 September 1998", or "in an undated scene". */
export function sceneWhenText(c: CheckContext, scene: Scene): string {
  return scene.date ? inOrOn(c, scene.date) : 'in an undated scene';
}

/** When a check judges the text at an offset: the date its sentence opens on (see sentenceDate), else its scene's. */
export function momentOf(c: CheckContext, offset: number, scene: Scene): { date: StoryDate; when: string } | undefined {
  if (!scene.date) return undefined;
  const framed = sentenceDate(c, offset);
  return framed ? { date: framed, when: `${inOrOn(c, framed)} (this sentence's date)` } : { date: scene.date, when: sceneWhenText(c, scene) };
}

const frames = new WeakMap<object, RegExp>();

/**
 * The date of a phrase that opens the sentence at `offset` and sets its time: "In 2370, …", "Back in
 * 2370, …", "In the spring of 2370 …", "During 19 BBY, …" (a date of the base's calendar, with
 * or without a comma after it). "By 2370" is not one: it says no more than "at the latest".
 */
export function sentenceDate(c: CheckContext, offset: number): StoryDate | undefined {
  const prose = c.manuscript.prose;
  const start = sentenceStart(prose, offset);
  // Cheapest first: a frame opens with "in", "back", "during" or "way".
  const first = start < 0 ? 0 : prose.charCodeAt(start) | 0x20;
  if (first !== 105 && first !== 98 && first !== 100 && first !== 119) return undefined;
  let frame = frames.get(c.base);
  if (!frame) {
    frame = new RegExp(`^(?:(?:way\\s+)?back\\s+)?(?:in|during)\\s+(?:the\\s+(?:year\\s+|(?:spring|summer|autumn|fall|winter)\\s+of\\s+)?)?(${c.dateSource})(?:\\s*,|\\s)`, 'iu');
    frames.set(c.base, frame);
  }
  const found = frame.exec(prose.slice(start, offset));
  if (!found) return undefined;
  const parsed = parseStoryDate(found[1], c.base.calendar);
  return parsed.ok ? parsed.date : undefined;
}

export function capitalise(text: string): string {
  return text.length > 0 ? text[0].toUpperCase() + text.slice(1) : text;
}
