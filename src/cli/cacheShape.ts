// The shapes a cache file must have, checked in full before anything in it is used: a file of
// another shape (hand-edited, truncated by a full disk, written by another build) is a cache
// miss, never a crash later in the checks. (The merged base's entries are vouched for by its
// digest instead: cachedBase.ts.)
import type { ParsedLoreFile } from '../core/lore/parseFile';
import type { BaseHeader } from './cachedBase';

type Guard = (value: unknown) => boolean;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isString: Guard = (value) => typeof value === 'string';
const isCount: Guard = (value) => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const isNumber: Guard = (value) => typeof value === 'number' && Number.isFinite(value);

// Plain loops, no intermediate arrays: a warm start validates every entry of a large base.
const arrayOf = (item: Guard): Guard => (value) => {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (!item(value[i])) return false;
  return true;
};
const recordOf = (item: Guard): Guard => (value) => {
  if (!isObject(value)) return false;
  for (const key in value) if (Object.prototype.hasOwnProperty.call(value, key) && !item(value[key])) return false;
  return true;
};
const optional = (guard: Guard): Guard => (value) => value === undefined || guard(value);
const oneOf = (...guards: Guard[]): Guard => (value) => guards.some((guard) => guard(value));

/** An object whose listed fields pass their guards; other fields are allowed (a later build may add some). */
const shape = (fields: Record<string, Guard>): Guard => {
  const list = Object.entries(fields);
  return (value) => {
    if (!isObject(value)) return false;
    for (const [key, guard] of list) if (!guard(Object.prototype.hasOwnProperty.call(value, key) ? value[key] : undefined)) return false;
    return true;
  };
};

const isPosition = shape({ line: isCount, character: isCount });
const isRange = shape({ start: isPosition, end: isPosition });
const SEVERITIES = new Set(['error', 'warning', 'info', 'hint']);

const isDiagnostic = shape({
  file: isString,
  range: isRange,
  severity: (value) => typeof value === 'string' && SEVERITIES.has(value),
  code: isString,
  message: isString,
  entity: optional(isString),
  fix: optional(isString),
});

const isRawField = shape({
  range: isRange,
  itemRanges: optional(arrayOf(isRange)),
  entryRanges: optional(recordOf(oneOf(isRange, arrayOf(isRange)))),
});

export const isParsedLoreFile = shape({
  path: isString,
  entries: arrayOf(shape({ range: isRange, fields: recordOf(isRawField) })),
  settings: optional(shape({ range: isRange, title: optional(isRawField), calendar: optional(isRawField), lore: optional(isRawField) })),
  problems: arrayOf(isDiagnostic),
}) as (value: unknown) => value is ParsedLoreFile;

const isStrings = arrayOf(isString);

/** The header line of a cached base (see cachedBase.ts). */
export const isBaseHeader = shape({
  format: isNumber,
  key: isString,
  build: isString,
  endian: isString,
  files: isStrings,
  shapes: arrayOf(isStrings),
  objects: arrayOf(isStrings),
  numbers: arrayOf(isNumber),
  text: isCount,
  wide: (value) => typeof value === 'boolean',
  strings: isCount,
  words: isCount,
  entries: isCount,
  locations: isCount,
  digest: isString,
}) as (value: unknown) => value is BaseHeader;
