// The vocabulary of codes (SPEC §3), shared by messages, settings, suppression comments, SARIF and docs.
import type { CheckCode, Severity } from './types';

export interface CodeInfo {
  code: CheckCode;
  severity: Severity;
  summary: string;
}

export const CODES: readonly CodeInfo[] = [
  { code: 'dead-character', severity: 'warning', summary: 'A character acts in a scene dated after their death.' },
  { code: 'unborn-character', severity: 'warning', summary: 'A character acts in a scene dated before their birth.' },
  { code: 'nonexistent-entity', severity: 'warning', summary: 'A ship, place, organisation or item is present outside its existence.' },
  { code: 'wrong-date', severity: 'warning', summary: 'A date in the prose contradicts the lore (an event, a birth or a death).' },
  { code: 'wrong-age', severity: 'warning', summary: "A stated age contradicts the character's birth date at the scene's date." },
  { code: 'wrong-elapsed-time', severity: 'warning', summary: "A stated span of years to an event contradicts the scene's date." },
  { code: 'unknown-name', severity: 'info', summary: 'A capitalised word that is no canon name but is very close to one.' },
  { code: 'wrong-title', severity: 'warning', summary: "A title or a timed name used where it does not hold at the scene's date." },
  { code: 'invalid-scene-date', severity: 'warning', summary: 'A scene marker or front matter date that cannot be read.' },
  { code: 'invalid-scene-marker', severity: 'warning', summary: 'A scene marker with an unknown mode, or a comment that starts like a marker but cannot be read.' },
  { code: 'unreadable-manuscript', severity: 'warning', summary: 'A manuscript (or a folder of them) that is binary, not UTF-8, too large, no regular file, or cannot be read.' },
  { code: 'lore-invalid-yaml', severity: 'error', summary: 'A lore file is not valid YAML.' },
  { code: 'lore-missing-name', severity: 'error', summary: 'A lore entry has no name.' },
  { code: 'lore-wrong-type', severity: 'error', summary: 'A lore field has the wrong type.' },
  { code: 'lore-invalid-date', severity: 'error', summary: 'A lore date cannot be read.' },
  { code: 'lore-date-order', severity: 'error', summary: 'A death or end comes before the birth or beginning.' },
  { code: 'lore-period-overlap', severity: 'error', summary: 'Two periods of one field hold at the same time.' },
  { code: 'lore-duplicate-id', severity: 'error', summary: 'Two entries of one layer share an id.' },
  { code: 'lore-duplicate-alias', severity: 'error', summary: 'Two entries share a name or alias.' },
  { code: 'lore-unknown-relation', severity: 'error', summary: 'A relation names no entry.' },
  { code: 'lore-unknown-field', severity: 'hint', summary: 'A lore field one slip from a field Lorekeeper reads (`bron` for `born`).' },
  { code: 'lore-unreadable-file', severity: 'error', summary: 'A lore file cannot be read: no regular file, too large, or not UTF-8 text.' },
  { code: 'lore-unreadable-folder', severity: 'error', summary: 'A lore folder cannot be listed, so its files are not loaded.' },
  { code: 'lore-duplicate-key', severity: 'error', summary: 'A key is written twice in one mapping of a lore file.' },
  { code: 'lore-empty', severity: 'warning', summary: 'The lore base has no entries.' },
];

export const SEVERITY_OF: ReadonlyMap<string, Severity> = new Map(CODES.map((c) => [c.code, c.severity]));

/** What a finding of each manuscript code is called in a sentence: one, many. */
const FINDING_WORDS: Readonly<Record<string, readonly [string, string]>> = {
  'dead-character': ['dead character acting', 'dead characters acting'],
  'unborn-character': ['character acting before their birth', 'characters acting before their birth'],
  'nonexistent-entity': ['ship, place or thing outside its existence', 'ships, places or things outside their existence'],
  'wrong-date': ['wrong date', 'wrong dates'],
  'wrong-age': ['wrong age', 'wrong ages'],
  'wrong-elapsed-time': ['wrong time since an event', 'wrong times since events'],
  'unknown-name': ['possibly misspelled name', 'possibly misspelled names'],
  'wrong-title': ['title or name that does not hold yet or any more', 'titles or names that do not hold yet or any more'],
  'invalid-scene-date': ['scene date that cannot be read', 'scene dates that cannot be read'],
  'invalid-scene-marker': ['scene marker that cannot be read', 'scene markers that cannot be read'],
  'unreadable-manuscript': ['manuscript that cannot be read', 'manuscripts that cannot be read'],
};

/** "2 dead characters acting", "1 wrong age", "3 lore problems": a count of findings in words, never a code. */
export function findingsInWords(code: string, count: number): string {
  const words = FINDING_WORDS[code] ?? (code.startsWith('lore-') ? ['lore problem', 'lore problems'] : ['other problem', 'other problems']);
  return `${count} ${count === 1 ? words[0] : words[1]}`;
}

/** The code's documentation page, relative to the project (or extension) root. */
export function docsPath(code: string): string {
  return `docs/checks/${code.startsWith('lore-') ? 'lore-problems' : code}.md`;
}
