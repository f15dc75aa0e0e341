// Where an entry stands at a scene's date: alive (and how old), dead (and how long since), not
// yet born; for ships, places and organisations, existing or not. Shared by cards, completion
// and the lore tree, so that all three say the same thing.
import { dateInWords, isAfter, isBefore, wholeYearsBetween, type Calendar, type StoryDate, type YearSpan } from '../dates';
import { endOf, isBeing, startOf, type Entry } from '../lore/entry';

export type LifeState =
  /** Alive, or in existence, at the date (or no known span contradicts it). */
  | 'alive'
  /** Died, or ceased to exist, before the date. */
  | 'ended'
  /** Not yet born, or not yet in existence, at the date. */
  | 'not-yet'
  /** No date to compare with. */
  | 'unknown';

export interface LifeStatus {
  state: LifeState;
  /** Age at the date, for a being with a known birth who is alive then. */
  age?: YearSpan;
  /** Whole calendar years between the date and the end (state `ended`) or the start (`not-yet`). */
  years?: number;
}

/** The entry's status at `date` (undefined: an undated scene, where nothing is known). */
export function lifeStatusAt(entry: Entry, date: StoryDate | undefined): LifeStatus {
  if (!date) return { state: 'unknown' };
  const start = startOf(entry);
  const end = endOf(entry);
  if (end && isAfter(date, end)) return { state: 'ended', years: date.year - end.year };
  if (start && isBefore(date, start)) return { state: 'not-yet', years: start.year - date.year };
  const status: LifeStatus = { state: 'alive' };
  if (isBeing(entry) && entry.born) status.age = wholeYearsBetween(entry.born, date);
  return status;
}

/** "94", or "93 or 94" when the dates allow both. */
export function formatAge(age: YearSpan): string {
  return age.min === age.max ? String(age.min) : `${age.min} or ${age.max}`;
}

/** "1 year", "20 years". */
export function years(count: number): string {
  return `${count} year${count === 1 ? '' : 's'}`;
}

/** "† 2379" for a being that dies, "until 2371" for a thing that ends; timeless (for the lore tree). */
export function endNote(entry: Entry, calendar: Calendar): string | undefined {
  if (entry.died) return `† ${dateInWords(entry.died, calendar)}`;
  if (entry.until && entry.kind !== 'event') return `until ${dateInWords(entry.until, calendar)}`;
  return undefined;
}
