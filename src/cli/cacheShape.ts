// The shapes a cache file must have, checked in full before anything in it is used: a file of
// another shape (hand-edited, truncated by a full disk, written by another build) is a cache
// miss, never a crash later in the checks.
import type { ParsedLoreFile } from '../core/lore/parseFile';
import type { BaseBody, BaseHeader } from './cachedBase';

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

// The merged base's entries are checked by hand-written guards: a warm start checks every field of
// 50,000 entries, and a generic shape costs a closure call and a property search per field.
const isStoryDate: Guard = (value) => {
  if (!isObject(value)) return false;
  const { year, month, day } = value;
  return isInteger(year) && (month === undefined || isCount(month)) && (day === undefined || isCount(day));
};
const isOptionalDate: Guard = (value) => value === undefined || isStoryDate(value);
const isOptionalString: Guard = (value) => value === undefined || typeof value === 'string';
const isStrings = arrayOf(isString);

const isSpan = shape({ from: optional(isStoryDate), until: optional(isStoryDate), source: optional(isString) });
const isPeriod = shape({ value: isString, from: optional(isStoryDate), until: optional(isStoryDate), source: optional(isString) });
const isRelations = recordOf(isStrings);
const isOverrides = recordOf(isString);
const isPeriods = optional(recordOf(arrayOf(isPeriod)));
const isAliasSpans = optional(recordOf(arrayOf(isSpan)));

/** An entry as the cache packs it (cachedBase.ts): without its locations. */
const isPackedEntry: Guard = (value) => {
  if (!isObject(value)) return false;
  const e = value;
  return (
    typeof e.id === 'string' &&
    typeof e.name === 'string' &&
    typeof e.kind === 'string' &&
    isStrings(e.aliases) &&
    isOptionalDate(e.born) &&
    isOptionalDate(e.died) &&
    isOptionalDate(e.from) &&
    isOptionalDate(e.until) &&
    isOptionalDate(e.date) &&
    isOptionalString(e.summary) &&
    isOptionalString(e.death) &&
    isOptionalString(e.source) &&
    isOptionalString(e.image) &&
    typeof e.layer === 'string' &&
    isRelations(e.relations) &&
    isObject(e.extra) &&
    isOverrides(e.overrides) &&
    isPeriods(e.periods) &&
    isAliasSpans(e.aliasSpans)
  );
};
const isEra = shape({ name: isString, aliases: arrayOf(isString), offset: isNumber, before: (v) => typeof v === 'boolean' });

/** The header line of a cached base (see cachedBase.ts). */
export const isBaseHeader = shape({
  format: isNumber,
  key: isString,
  build: isString,
  endian: isString,
  files: isStrings,
  shapes: arrayOf(isStrings),
  body: isCount,
  entries: isCount,
  locations: isCount,
}) as (value: unknown) => value is BaseHeader;

/** The body of a cached base: the base without its entries' locations (checked against the entries as they are unpacked). */
export const isBaseBody = shape({
  title: optional(isString),
  calendar: shape({ eras: arrayOf(isEra), sampleYear: optional(isNumber) }),
  entries: arrayOf(isPackedEntry),
  problems: arrayOf(isDiagnostic),
  layers: isStrings,
}) as (value: unknown) => value is BaseBody;
