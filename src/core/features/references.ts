// Definitions and references: which entry a position names, where an entry is defined, and every
// place a manuscript mentions it.
import type { PreparedLore } from '../check';
import type { Entry } from '../lore/entry';
import { parseManuscript, rangeOf, type Manuscript } from '../manuscript';
import { scanMentions, type Mention, type ScanResult } from '../mentions/scan';
import type { Position, Range } from '../types';

/** The mention covering `offset` (its end included, so a cursor just after a name finds it). */
export function mentionAt(scan: ScanResult, offset: number): Mention | undefined {
  const mentions = scan.mentions;
  let lo = 0;
  let hi = mentions.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = mentions[mid];
    if (offset < m.start) hi = mid - 1;
    else if (offset > m.end) lo = mid + 1;
    else return m;
  }
  return undefined;
}

export interface Reference {
  path: string;
  range: Range;
  /** The entity acts in the scene, rather than being talked or thought about. */
  presence: boolean;
}

/** Every mention of the entry in one manuscript, given its text or its already parsed form. */
export function referencesIn(lore: PreparedLore, entryId: string, path: string, text: string): Reference[];
export function referencesIn(lore: PreparedLore, entryId: string, manuscript: Manuscript, scan?: ScanResult): Reference[];
export function referencesIn(lore: PreparedLore, entryId: string, source: string | Manuscript, extra?: string | ScanResult): Reference[] {
  const manuscript = typeof source === 'string' ? parseManuscript(source, extra as string, lore.base.calendar) : source;
  const scan = typeof source !== 'string' && extra && typeof extra !== 'string' ? extra : scanMentions(manuscript, lore.index);
  return scan.mentions
    .filter((m) => m.entry.id === entryId)
    .map((m) => ({ path: manuscript.path, range: rangeOf(manuscript.lineStarts, m.start, m.end), presence: m.presence }));
}

/** The entry whose definition in a lore file covers `position` (the innermost, latest-starting one). */
export function entryDefinedAt(entries: readonly Entry[], file: string, position: Position): Entry | undefined {
  let found: Entry | undefined;
  for (const entry of entries) {
    for (const location of [entry.location, ...Object.values(entry.fieldLocations)]) {
      if (location.file !== file || !contains(location.range, position)) continue;
      // A later layer's fields live in another file: a match there still names this entry.
      if (!found || compare(location.range.start, found.location.range.start) > 0) found = entry;
    }
  }
  return found;
}

function contains(range: Range, p: Position): boolean {
  return compare(range.start, p) <= 0 && compare(p, range.end) <= 0;
}

function compare(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}
