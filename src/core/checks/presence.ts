// dead-character, unborn-character, nonexistent-entity: someone or something acting in a scene
// dated outside its life or existence. Only presence counts (SPEC §2), never a mere reference.
import { isAfter, isBefore, parseStoryDate, type StoryDate } from '../dates';
import { isBeing, type Entry } from '../lore/entry';
import { SUSPENDING_MODES } from '../manuscript';
import { sentenceStart } from '../mentions/classify';
import type { Mention } from '../mentions/scan';
import { finding, formatDate, inOrOn, provenance, sceneOf, sceneWhenText, type CheckContext } from './context';
import type { Diagnostic } from '../types';

export function checkPresence(c: CheckContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const mention of c.scan.mentions) {
    if (!mention.presence) continue;
    const entry = mention.entry;
    if (entry.kind === 'event') continue;
    const scene = sceneOf(c, mention.start);
    if (!scene.date || (scene.mode && SUSPENDING_MODES.has(scene.mode))) continue;
    // A sentence that opens on a date of its own ("Back in 2370, Data walked these halls") is
    // judged at that date; any other at the scene's.
    const framed = frameDate(c, mention);
    const date = framed ?? scene.date;
    if (!outsideLife(entry, date)) continue;
    // The date is written into a message only for a finding (most presences are within the entry's life).
    const setting = framed ? `this sentence is set ${inOrOn(c, framed)}` : `this scene is set ${sceneWhenText(c, scene)}`;
    if (isBeing(entry)) {
      if (entry.died && isAfter(date, entry.died)) {
        const how = entry.death ? ` (${entry.death})` : '';
        out.push(finding(c, 'dead-character', mention.start, mention.end,
          `${entry.name} died ${inOrOn(c, entry.died)}${how}, but ${setting}.${provenance(entry, 'died')}`, { entity: entry.id }));
      } else if (entry.born && isBefore(date, entry.born)) {
        out.push(finding(c, 'unborn-character', mention.start, mention.end,
          `${entry.name} was born ${inOrOn(c, entry.born)}, but ${setting}.${provenance(entry, 'born')}`, { entity: entry.id }));
      }
      continue;
    }
    if (entry.until && isAfter(date, entry.until)) {
      const how = entry.death ? ` (${entry.death})` : '';
      out.push(finding(c, 'nonexistent-entity', mention.start, mention.end,
        `${entry.name} ceased to exist ${inOrOn(c, entry.until)}${how}, but ${setting}.${provenance(entry, 'until')}`, { entity: entry.id }));
    } else if (entry.from && isBefore(date, entry.from)) {
      out.push(finding(c, 'nonexistent-entity', mention.start, mention.end,
        `${entry.name} did not exist before ${formatDate(c, entry.from)}, but ${setting}.${provenance(entry, 'from')}`, { entity: entry.id }));
    }
  }
  return out;
}

/** Whether a date is outside the entry's life (a being) or existence (anything else). */
function outsideLife(entry: Entry, date: StoryDate): boolean {
  if (isBeing(entry)) return (entry.died !== undefined && isAfter(date, entry.died)) || (entry.born !== undefined && isBefore(date, entry.born));
  return (entry.until !== undefined && isAfter(date, entry.until)) || (entry.from !== undefined && isBefore(date, entry.from));
}

const frames = new WeakMap<object, RegExp>();

/**
 * The date of a phrase that opens the mention's sentence and sets its time: "In 2370, …", "Back in
 * 2370, …", "In the spring of 2370 …", "During 19 BBY, …" (a date of the base's calendar, with
 * or without a comma after it). "By 2370" is not one: it says no more than "at the latest".
 */
function frameDate(c: CheckContext, mention: Mention): StoryDate | undefined {
  const prose = c.manuscript.prose;
  const start = sentenceStart(prose, mention.start);
  // Cheapest first: a frame opens with "in", "back", "during" or "way".
  const first = start < 0 ? 0 : prose.charCodeAt(start) | 0x20;
  if (first !== 105 && first !== 98 && first !== 100 && first !== 119) return undefined;
  let frame = frames.get(c.base);
  if (!frame) {
    frame = new RegExp(`^(?:(?:way\\s+)?back\\s+)?(?:in|during)\\s+(?:the\\s+(?:year\\s+|(?:spring|summer|autumn|fall|winter)\\s+of\\s+)?)?(${c.dateSource})(?:\\s*,|\\s)`, 'iu');
    frames.set(c.base, frame);
  }
  const found = frame.exec(prose.slice(start, mention.start));
  if (!found) return undefined;
  const parsed = parseStoryDate(found[1], c.base.calendar);
  return parsed.ok ? parsed.date : undefined;
}

