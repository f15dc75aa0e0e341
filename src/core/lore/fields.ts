// The fields of a lore entry as a writer meets them (SPEC §1): what each means, for completion and
// hover in lore files, and the "did you mean `born`?" of a field name one slip from a known one.
import { DATE_FIELDS, KNOWN_FIELDS } from './entry';

export interface FieldInfo {
  name: string;
  /** One line for completion and hover. */
  summary: string;
  /** An example value, as it would be written after `name: `. */
  example: string;
  /** Read by the engine (dates, names) rather than only shown on the card. */
  engine: boolean;
}

export const ENTRY_KINDS = ['character', 'place', 'ship', 'organization', 'event', 'item', 'species', 'concept'] as const;

export const FIELDS: readonly FieldInfo[] = [
  { name: 'name', summary: 'The canonical name, as prose writes it. Required.', example: 'Hermione Granger', engine: true },
  { name: 'id', summary: 'A unique id; by default the name lower-cased with `-` between words.', example: 'hermione-granger', engine: true },
  { name: 'kind', summary: `What it is: ${ENTRY_KINDS.join(', ')} (default character).`, example: 'character', engine: true },
  { name: 'aliases', summary: 'Other names that refer to it in prose; an alias may hold for a while (`{ name: …, from: …, until: … }`).', example: '[Hermione, Miss Granger]', engine: true },
  { name: 'born', summary: "A living being's birth date: checked against every scene's date and stated ages.", example: '1979-09-19', engine: true },
  { name: 'died', summary: "A living being's death date: a presence after it is a dead-character warning.", example: '1998-05-02', engine: true },
  { name: 'from', summary: 'When a ship, place, organisation or item comes into existence (or an event starts).', example: '1990', engine: true },
  { name: 'until', summary: 'When it ends: a presence after it is a nonexistent-entity warning.', example: '1998', engine: true },
  { name: 'date', summary: "An event's date: a year stated for the event in prose is checked against it.", example: '1981-10-31', engine: true },
  { name: 'summary', summary: 'One paragraph for the hover card.', example: 'Muggle-born witch, top of her year.', engine: true },
  { name: 'relations', summary: 'A mapping of relation → entry id (or a list of ids).', example: '{ friend: [harry-potter, ron-weasley] }', engine: true },
  { name: 'death', summary: 'How or where it died, shown with the death date.', example: 'Killed in the Battle of Hogwarts', engine: true },
  { name: 'image', summary: 'A portrait for the hover card, relative to this file.', example: 'portraits/hermione.png', engine: true },
  { name: 'source', summary: 'Where the facts come from (a book, an episode), named in messages.', example: 'Philosopher’s Stone, ch. 6', engine: true },
  { name: 'species', summary: 'Shown on the card.', example: 'Human', engine: false },
  { name: 'affiliation', summary: 'Shown on the card; may be a list of periods (`- { value: …, from: … }`).', example: 'Gryffindor', engine: false },
  { name: 'rank', summary: 'Shown on the card; a list of periods makes titled forms (`Captain Picard`) checked by date.', example: '[{ value: Captain, from: 2333 }]', engine: false },
  { name: 'title', summary: 'Like rank: a list of periods makes titled forms checked by date.', example: 'Minister for Magic', engine: false },
  { name: 'occupation', summary: 'Shown on the card; may be a list of periods.', example: 'Auror', engine: false },
  { name: 'location', summary: 'Shown on the card; may be a list of periods.', example: 'Hogwarts', engine: false },
  { name: 'status', summary: 'Shown on the card; may be a list of periods.', example: 'Student', engine: false },
];

export const FIELD_INFO: ReadonlyMap<string, FieldInfo> = new Map(FIELDS.map((f) => [f.name, f]));

/** Fields whose value is a date of the base's calendar. */
export const DATE_FIELD_NAMES: ReadonlySet<string> = new Set(DATE_FIELDS);

/**
 * The known field an unknown one is a slip of (`bron` → `born`, `alias` → `aliases`), or
 * undefined for a truly custom field (`actor`, `wand`). One edit for fields of four letters or
 * more, two for fields of seven or more; never for short keys, where one edit is another word.
 */
export function nearestKnownField(key: string): string | undefined {
  if (KNOWN_FIELDS.has(key) || key.length < 4) return undefined;
  const lower = key.toLowerCase();
  if (KNOWN_FIELDS.has(lower)) return lower;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const known of KNOWN_FIELDS) {
    if (known.length < 4) continue;
    const allowed = known.length >= 7 ? 2 : 1;
    const distance = editDistance(lower, known, allowed);
    if (distance <= allowed && distance < bestDistance) {
      best = known;
      bestDistance = distance;
    }
  }
  return best;
}

/** Optimal string alignment distance (a swap of neighbours is one edit), capped at `max + 1`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
    }
  }
  return rows[a.length][b.length];
}
