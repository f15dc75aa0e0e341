import type { StoryDate } from '../dates';
import type { Period, Span } from './periods';
import type { Range } from '../types';

export const DATE_FIELDS = ['born', 'died', 'from', 'until', 'date'] as const;
export type DateField = (typeof DATE_FIELDS)[number];

/** Fields the engine understands; every other field is descriptive and shown on the card as is. */
export const KNOWN_FIELDS = new Set<string>([
  'name', 'id', 'kind', 'aliases', ...DATE_FIELDS, 'summary', 'relations', 'death', 'image', 'source',
]);

export interface Location {
  file: string;
  range: Range;
}

/** One entity of the canon (a character, ship, place, organisation, event…), layers merged. */
export interface Entry {
  id: string;
  name: string;
  kind: string;
  aliases: string[];
  born?: StoryDate;
  died?: StoryDate;
  from?: StoryDate;
  until?: StoryDate;
  date?: StoryDate;
  summary?: string;
  death?: string;
  source?: string;
  /** Path of the portrait, resolved against the folder of the file that set it. */
  image?: string;
  relations: Record<string, string[]>;
  /** Descriptive fields (species, affiliation, actor, anything unknown), in the order written. */
  extra: Record<string, unknown>;
  /** Descriptive fields written as periods (SPEC §1 "Facts that change over time"), in date order. */
  periods?: Record<string, Period[]>;
  /** Timed aliases: the alias (as in `aliases`) → when it holds. Untimed aliases are not here. */
  aliasSpans?: Record<string, Span[]>;
  /** Where the entry is defined (the first layer that defined it). */
  location: Location;
  /** Where each field's value was set, after merging layers. */
  fieldLocations: Record<string, Location>;
  /** The layer each field came from, for fields a later layer overrode or removed. */
  overrides: Record<string, string>;
  /** The layer (folder) that first defined the entry. */
  layer: string;
}

/** The entry's life or existence span, whichever fields it uses. */
export function startOf(entry: Entry): StoryDate | undefined {
  return entry.born ?? entry.from;
}

export function endOf(entry: Entry): StoryDate | undefined {
  return entry.died ?? entry.until;
}

const BEINGS = new Set(['character', 'species']);

/** Living beings have births and deaths; everything else begins and ends. */
export function isBeing(entry: Entry): boolean {
  return BEINGS.has(entry.kind) || entry.born !== undefined || entry.died !== undefined;
}

/** SPEC §1: accents folded, lower-cased, each run of non-alphanumerics one `-`, trimmed. */
export function defaultId(name: string): string {
  return asciiId(name) ?? foldAccents(name)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * defaultId of an ASCII name without a regex (a canon's names are mostly ASCII, and a cold load
 * makes one id per entry): its runs of letters and digits, lower-cased, joined by `-`. Undefined
 * for any other name.
 */
function asciiId(name: string): string | undefined {
  let out = '';
  let run = -1;
  for (let i = 0; i <= name.length; i++) {
    const c = i < name.length ? name.charCodeAt(i) : 32;
    if (c >= 128) return undefined;
    const alphanumeric = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
    if (alphanumeric) {
      if (run < 0) run = i;
    } else if (run >= 0) {
      out = out === '' ? name.slice(run, i) : `${out}-${name.slice(run, i)}`;
      run = -1;
    }
  }
  return out.toLowerCase();
}

const foldCache = new Map<string, string>();

/** Removes diacritics: `Padmé` → `Padme`, `Château` → `Chateau`. Keeps length for BMP letters. */
export function foldAccents(text: string): string {
  // Fast path: plain ASCII needs no work (almost every word of an English manuscript).
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(text)) return text;
  let out = '';
  for (const char of text) {
    if (char.charCodeAt(0) < 128) {
      out += char;
      continue;
    }
    let folded = foldCache.get(char);
    if (folded === undefined) {
      const base = char.normalize('NFD').replace(/\p{M}+/gu, '');
      folded = base.length === char.length ? base : char;
      foldCache.set(char, folded);
    }
    out += folded;
  }
  return out;
}
