// The shapes a cache file must have, checked in full before anything in it is used: a file of
// another shape (hand-edited, truncated by a full disk, written by another build) is a cache
// miss, never a crash later in the checks.
import type { ParsedLoreFile } from '../core/lore/parseFile';

type Guard = (value: unknown) => boolean;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isString: Guard = (value) => typeof value === 'string';
const isCount: Guard = (value) => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const isInteger: Guard = (value) => typeof value === 'number' && Number.isSafeInteger(value);
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

const isStoryDate = shape({ year: isInteger, month: optional(isCount), day: optional(isCount) });

const isSpan = shape({ from: optional(isStoryDate), until: optional(isStoryDate), source: optional(isString) });
const isPeriod = shape({ value: isString, from: optional(isStoryDate), until: optional(isStoryDate), source: optional(isString) });

const isPackedEntry = shape({
  id: isString,
  name: isString,
  kind: isString,
  aliases: arrayOf(isString),
  born: optional(isStoryDate),
  died: optional(isStoryDate),
  from: optional(isStoryDate),
  until: optional(isStoryDate),
  date: optional(isStoryDate),
  summary: optional(isString),
  death: optional(isString),
  source: optional(isString),
  image: optional(isString),
  relations: recordOf(arrayOf(isString)),
  extra: isObject,
  periods: optional(recordOf(arrayOf(isPeriod))),
  aliasSpans: optional(recordOf(arrayOf(isSpan))),
  overrides: recordOf(isString),
  layer: isString,
});
const isEra = shape({ name: isString, aliases: arrayOf(isString), offset: isNumber, before: (v) => typeof v === 'boolean' });

/**
 * A base as the cache packs it (see loreCache.ts): entries without their locations, which are one
 * list of integers beside them (checked against the entries as they are unpacked).
 */
export const isPackedBase = shape({
  format: isNumber,
  key: isString,
  build: isString,
  files: arrayOf(isString),
  shapes: arrayOf(arrayOf(isString)),
  fields: Array.isArray,
  locations: Array.isArray,
  base: shape({
    title: optional(isString),
    calendar: shape({ eras: arrayOf(isEra) }),
    entries: arrayOf(isPackedEntry),
    problems: arrayOf(isDiagnostic),
    layers: arrayOf(isString),
  }),
});
