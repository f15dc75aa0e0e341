// dead-character, unborn-character, nonexistent-entity: someone or something acting in a scene
// dated outside its life or existence. Only presence counts (SPEC §2), never a mere reference.
import { isAfter, isBefore } from '../dates';
import { isBeing } from '../lore/entry';
import { SUSPENDING_MODES } from '../manuscript';
import { finding, formatDate, inOrOn, provenance, sceneOf, sceneWhenText, sentenceDate, type CheckContext } from './context';
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
    const framed = sentenceDate(c, mention.start);
    const date = framed ?? scene.date;
    // The date is written into a message only for a finding (most presences are within the entry's life).
    const setting = (): string => (framed ? `this sentence is set ${inOrOn(c, framed)}` : `this scene is set ${sceneWhenText(c, scene)}`);
    if (isBeing(entry)) {
      if (entry.died && isAfter(date, entry.died)) {
        const how = entry.death ? ` (${entry.death})` : '';
        out.push(finding(c, 'dead-character', mention.start, mention.end,
          `${entry.name} died ${inOrOn(c, entry.died)}${how}, but ${setting()}.${provenance(entry, 'died')}`, { entity: entry.id }));
      } else if (entry.born && isBefore(date, entry.born)) {
        out.push(finding(c, 'unborn-character', mention.start, mention.end,
          `${entry.name} was born ${inOrOn(c, entry.born)}, but ${setting()}.${provenance(entry, 'born')}`, { entity: entry.id }));
      }
      continue;
    }
    if (entry.until && isAfter(date, entry.until)) {
      const how = entry.death ? ` (${entry.death})` : '';
      out.push(finding(c, 'nonexistent-entity', mention.start, mention.end,
        `${entry.name} ceased to exist ${inOrOn(c, entry.until)}${how}, but ${setting()}.${provenance(entry, 'until')}`, { entity: entry.id }));
    } else if (entry.from && isBefore(date, entry.from)) {
      out.push(finding(c, 'nonexistent-entity', mention.start, mention.end,
        `${entry.name} did not exist before ${formatDate(c, entry.from)}, but ${setting()}.${provenance(entry, 'from')}`, { entity: entry.id }));
    }
  }
  return out;
}
