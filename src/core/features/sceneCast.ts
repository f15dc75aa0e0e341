// Who is in the scene at the cursor: every entry the scene mentions, those present first, each
// with where it stands at the scene's date (age, dead for how long, not yet born).
import { dateInWords, type Calendar } from '../dates';
import { isBeing, type Entry } from '../lore/entry';
import { sceneAt, type Manuscript, type Scene } from '../manuscript';
import type { ScanResult } from '../mentions/scan';
import { formatAge, lifeStatusAt, years, type LifeStatus } from './lifeStatus';

export interface CastMember {
  entry: Entry;
  /** It acts in the scene somewhere (rather than only being talked or thought about). */
  present: boolean;
  /** Offset of its first mention in the scene. */
  firstAt: number;
  status: LifeStatus;
  /** `age 17`, `dead for 2 years († 1997)`, `not yet born (born 1999)`, `in existence`… */
  note: string;
}

export interface SceneCast {
  scene: Scene;
  /** Offsets of the scene in the text: [start, end). */
  start: number;
  end: number;
  /** The scene's date in the base's calendar, or undefined when undated. */
  dateText?: string;
  members: CastMember[];
}

export function sceneCast(manuscript: Manuscript, scan: ScanResult, offset: number, calendar: Calendar): SceneCast {
  const scene = sceneAt(manuscript, offset);
  const next = manuscript.scenes.find((s) => s.start > scene.start);
  const end = next ? next.start : manuscript.text.length;
  const byId = new Map<string, CastMember>();
  for (const mention of scan.mentions) {
    if (mention.start < scene.start || mention.start >= end) continue;
    const known = byId.get(mention.entry.id);
    if (known) {
      known.present ||= mention.presence;
      continue;
    }
    const status = lifeStatusAt(mention.entry, scene.date);
    byId.set(mention.entry.id, { entry: mention.entry, present: mention.presence, firstAt: mention.start, status, note: statusNote(mention.entry, status, calendar) });
  }
  const members = [...byId.values()].sort((a, b) => Number(b.present) - Number(a.present) || a.firstAt - b.firstAt);
  return { scene, start: scene.start, end, dateText: scene.date ? dateInWords(scene.date, calendar) : undefined, members };
}

/** Where an entry stands at the scene's date, in a few words. */
export function statusNote(entry: Entry, status: LifeStatus, calendar: Calendar): string {
  const being = isBeing(entry);
  switch (status.state) {
    case 'alive':
      return status.age ? `age ${formatAge(status.age)}` : being ? 'alive' : 'in existence';
    case 'ended': {
      const end = entry.died ?? entry.until;
      const when = end ? ` (${being ? '†' : 'until'} ${dateInWords(end, calendar)})` : '';
      const since = status.years ? ` for ${years(status.years)}` : '';
      return `${being ? 'dead' : 'gone'}${since}${when}`;
    }
    case 'not-yet': {
      const start = entry.born ?? entry.from;
      return `${being ? 'not yet born' : 'not yet in existence'}${start ? ` (${entry.born ? 'born' : 'from'} ${dateInWords(start, calendar)})` : ''}`;
    }
    default:
      return 'undated scene';
  }
}
