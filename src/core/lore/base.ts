// Parsed lore files of one or more layers → the merged, validated LoreBase the checks read.
import { appendAll } from '../arrays';
import { GREGORIAN, whenInWords, isBefore, parseCalendar, parseStoryDate, type Calendar } from '../dates';
import type { Diagnostic, LoreProblemCode, Range } from '../types';
import { DATE_FIELDS, defaultId, KNOWN_FIELDS, type Entry, type Location } from './entry';
import { readAliasItem, isPeriodList, readPeriods } from './periodFields';
import type { ParsedLoreFile, RawEntry, RawField } from './parseFile';
import { nearestKnownField } from './fields';
import { normaliseDateText } from './dateText';
import { SEVERITY_OF } from '../codes';

export interface LoreLayer {
  /** The folder's name as the writer wrote it in the settings (`lore`, `au`). */
  name: string;
  /** Parsed files, in path order. */
  files: ParsedLoreFile[];
}

export interface LoreBase {
  title?: string;
  calendar: Calendar;
  entries: Entry[];
  byId: Map<string, Entry>;
  problems: Diagnostic[];
  layers: string[];
}

interface PendingField {
  value: unknown;
  location: Location;
  raw: RawField;
}

interface PendingEntry {
  id: string;
  layer: string;
  location: Location;
  /** The one raw entry that defines it, while no later layer has overridden it. */
  only?: RawEntry;
  /** Its fields, merged over the layers; gathered on first need (see fieldsOf). */
  fields?: Map<string, PendingField>;
  overrides: Record<string, string>;
}

/**
 * Typed entries of unchanged files are reused across reloads: a lore parse cache hands back the
 * same RawEntry objects for an unchanged file, so only a changed file's entries are typed again.
 */
const defaultIds = new WeakMap<RawEntry, string>();
const typedOnce = new WeakMap<RawEntry, { key: string; entry: Entry | undefined; problems: Diagnostic[] }>();

const STRING_FIELDS = ['name', 'id', 'kind', 'summary', 'death', 'source', 'image'] as const;

/**
 * Merges the layers. `shown` writes a file's path as messages name it (the server's paths are
 * `file:///` URIs; a writer reads `lore/characters.yaml`); by default the path as it is.
 */
export function buildLoreBase(layers: LoreLayer[], shown: (path: string) => string = (path) => path): LoreBase {
  const problems: Diagnostic[] = [];
  const problem = (file: string, range: Range, code: LoreProblemCode, message: string, entity?: string): void => {
    problems.push({ file, range, severity: SEVERITY_OF.get(code) ?? 'error', code, message, ...(entity ? { entity } : {}) });
  };

  // Settings first: dates in every file depend on the calendar.
  let calendar = GREGORIAN;
  let title: string | undefined;
  for (const layer of layers) {
    for (const file of layer.files) {
      appendAll(problems, file.problems);
      const settings = file.settings;
      if (!settings) continue;
      if (settings.title) {
        if (typeof settings.title.value === 'string') title = settings.title.value;
        else problem(file.path, settings.title.range, 'lore-wrong-type', '`title` must be text.');
      }
      if (settings.calendar) {
        const parsed = parseCalendar(settings.calendar.value);
        calendar = parsed.calendar;
        for (const p of parsed.problems) {
          problem(file.path, nodeAt(settings.calendar, p.path), 'lore-wrong-type', `calendar.${p.path.join('.')}: ${p.message}`);
        }
      }
    }
  }

  const sampleYear = typicalYear(layers, calendar);
  if (sampleYear !== undefined) calendar = { ...calendar, sampleYear };

  // Merge layers field by field; an id seen twice inside one layer is a duplicate.
  const pending = new Map<string, PendingEntry>();
  const order: string[] = [];
  for (const layer of layers) {
    const seenInLayer = new Set<string>();
    for (const file of layer.files) {
      for (const raw of file.entries) {
        const id = entryId(raw, file.path, pending, problem);
        if (id === undefined) continue;
        if (seenInLayer.has(id)) {
          const at = raw.fields.id?.range ?? raw.fields.name?.range ?? raw.range;
          const first = pending.get(id)!;
          problem(file.path, at, 'lore-duplicate-id', `Duplicate id "${id}": already defined in ${shown(first.location.file)}:${first.location.range.start.line + 1}.`, id);
          continue;
        }
        seenInLayer.add(id);
        const existing = pending.get(id);
        if (!existing) {
          // Fields are gathered only when needed: most entries of an unchanged file are reused typed.
          pending.set(id, { id, layer: layer.name, location: { file: file.path, range: raw.range }, only: raw, overrides: {} });
          order.push(id);
        } else {
          fieldsOf(existing);
          existing.only = undefined;
          for (const [key, field] of Object.entries(raw.fields)) {
            if (key === 'id') continue;
            const previous = existing.fields!.get(key);
            if (previous) existing.overrides[key] = `${layer.name} (was ${describeValue(previous.value)} in ${existing.layer})`;
            else existing.overrides[key] = layer.name;
            if (field.value === null && key === 'name') {
              // An entry cannot lose its name: the earlier layer's name stays, and the writer is told.
              problem(file.path, field.range, 'lore-missing-name', `\`name: null\` cannot remove the name of "${id}": an entry always has a name.`, id);
              delete existing.overrides[key];
            } else if (field.value === null) existing.fields!.delete(key);
            else existing.fields!.set(key, { value: field.value, location: { file: file.path, range: field.range }, raw: field });
          }
        }
      }
    }
  }

  const entries: Entry[] = [];
  const byId = new Map<string, Entry>();
  const calendarKey = JSON.stringify(calendar);
  for (const id of order) {
    const entry = typedOnceOrAgain(pending.get(id)!, calendar, calendarKey, problems);
    if (!entry) continue;
    entries.push(entry);
    byId.set(id, entry);
  }

  checkSharedNames(entries, problem);
  // While a lore file is not valid YAML, a missing target may be in the part that cannot be read.
  const unreadable = new Set(layers.flatMap((layer) => layer.files.flatMap((file) => file.unreadableIds ?? [])));
  for (const entry of entries) {
    for (const [relation, targets] of Object.entries(entry.relations)) {
      const location = entry.fieldLocations.relations;
      targets.forEach((target, index) => {
        if (byId.has(target) || unreadable.has(target)) return;
        const ranges = fieldsOf(pending.get(entry.id)!).get('relations')!.raw.entryRanges?.[relation];
        const range = Array.isArray(ranges) ? ranges[index] ?? location.range : ranges ?? location.range;
        problem(location.file, range, 'lore-unknown-relation', `Relation "${relation}" of ${entry.name} names "${target}", which is no entry's id.`, entry.id);
      });
    }
  }

  return { title, calendar, entries, byId, problems, layers: layers.map((l) => l.name) };
}

function entryId(
  raw: RawEntry,
  file: string,
  pending: Map<string, PendingEntry>,
  problem: (file: string, range: Range, code: LoreProblemCode, message: string) => void,
): string | undefined {
  const idField = raw.fields.id;
  const nameField = raw.fields.name;
  if (idField && typeof idField.value === 'string' && idField.value.trim() !== '') {
    // A later layer may override an entry by id alone, without repeating its name.
    if (!nameField && !pending.has(idField.value)) {
      problem(file, raw.range, 'lore-missing-name', `Entry "${idField.value}" has no \`name\` (and no earlier layer defines it).`);
      return undefined;
    }
    return idField.value.trim();
  }
  if (idField && idField.value !== null) {
    problem(file, idField.range, 'lore-wrong-type', '`id` must be text.');
  }
  if (!nameField || nameField.value === null || nameField.value === '') {
    problem(file, raw.range, 'lore-missing-name', 'Lore entry has no `name`: every entry needs one.');
    return undefined;
  }
  if (typeof nameField.value !== 'string' && typeof nameField.value !== 'number') {
    problem(file, nameField.range, 'lore-wrong-type', '`name` must be text.');
    return undefined;
  }
  let id = defaultIds.get(raw);
  if (id === undefined) {
    id = defaultId(String(nameField.value));
    defaultIds.set(raw, id);
  }
  if (id === '') {
    problem(file, nameField.range, 'lore-wrong-type', `Name "${nameField.value}" gives an empty id: add an \`id\`.`);
    return undefined;
  }
  return id;
}

function fieldsOf(pending: PendingEntry): Map<string, PendingField> {
  if (!pending.fields) {
    pending.fields = new Map();
    const raw = pending.only!;
    for (const [key, field] of Object.entries(raw.fields)) {
      if (field.value !== null) pending.fields.set(key, { value: field.value, location: { file: pending.location.file, range: field.range }, raw: field });
    }
  }
  return pending.fields;
}

function typedOnceOrAgain(pending: PendingEntry, calendar: Calendar, calendarKey: string, problems: Diagnostic[]): Entry | undefined {
  const key = `${pending.layer}\u0000${pending.id}\u0000${calendarKey}`;
  const memo = pending.only ? typedOnce.get(pending.only) : undefined;
  if (memo && memo.key === key) {
    appendAll(problems, memo.problems);
    return memo.entry;
  }
  const own: Diagnostic[] = [];
  const entry = typedEntry(pending, calendar, (file, range, code, message, entity, fix) => {
    own.push({ file, range, severity: SEVERITY_OF.get(code) ?? 'error', code, message, ...(entity ? { entity } : {}), ...(fix !== undefined ? { fix } : {}) });
  });
  appendAll(problems, own);
  if (pending.only) typedOnce.set(pending.only, { key, entry, problems: own });
  return entry;
}

function typedEntry(
  pending: PendingEntry,
  calendar: Calendar,
  problem: (file: string, range: Range, code: LoreProblemCode, message: string, entity?: string, fix?: string) => void,
): Entry | undefined {
  const fields = fieldsOf(pending);
  const fieldLocations: Record<string, Location> = {};
  for (const [key, field] of fields) fieldLocations[key] = field.location;
  const entry: Entry = {
    id: pending.id,
    name: '',
    kind: 'character',
    aliases: [],
    relations: {},
    extra: {},
    location: pending.location,
    fieldLocations,
    overrides: pending.overrides,
    layer: pending.layer,
  };
  const wrongType = (key: string, field: PendingField, expected: string): void =>
    problem(field.location.file, field.location.range, 'lore-wrong-type', `\`${key}\` of ${entry.name || pending.id} must be ${expected}.`, pending.id);

  for (const key of STRING_FIELDS) {
    const field = fields.get(key);
    if (!field) continue;
    if (typeof field.value === 'string' || (key === 'name' && typeof field.value === 'number')) {
      const text = String(field.value);
      if (key === 'image') entry.image = resolveBeside(field.location.file, text);
      else if (key !== 'id') entry[key] = text;
    } else if (key !== 'id') {
      wrongType(key, field, 'text');
    }
  }
  entry.name = entry.name.trim();
  const nameValue = fields.get('name')?.value;
  if (!entry.name && (nameValue === undefined || typeof nameValue === 'string')) {
    // An entry with an id but an empty or null name is reported, never silently dropped.
    const at = fields.get('name')?.location ?? (pending.only?.fields.name ? { file: pending.location.file, range: pending.only.fields.name.range } : pending.location);
    problem(at.file, at.range, 'lore-missing-name', `Entry "${pending.id}" has an empty \`name\`: every entry needs one.`, pending.id);
    return undefined;
  }
  if (!entry.name) return undefined; // a name of the wrong type, reported above

  const aliases = fields.get('aliases');
  if (aliases) {
    const values = Array.isArray(aliases.value) ? aliases.value : typeof aliases.value === 'string' ? [aliases.value] : undefined;
    if (!values) wrongType('aliases', aliases, 'a list of names');
    else {
      const untimed = new Set<string>();
      values.forEach((alias, index) => {
        if (typeof alias === 'string' || typeof alias === 'number') {
          if (String(alias).trim() === '') return;
          const range = aliases.raw.itemRanges?.[index];
          const text = String(alias).trim();
          untimed.add(text);
          if (entry.aliases.includes(text)) return;
          if (range) fieldLocations[`aliases.${entry.aliases.length}`] = { file: aliases.location.file, range };
          entry.aliases.push(text);
        } else if (alias !== null && typeof alias === 'object' && !Array.isArray(alias)) {
          // A timed alias: { name: Locutus, from: 2366-06, until: 2367 }.
          const timed = readAliasItem(alias as Record<string, unknown>, index, aliases.raw, aliases.location.file, entry.name, calendar, (file, range, code, message) => problem(file, range, code, message, pending.id));
          if (!timed) return;
          if (!entry.aliases.includes(timed.name)) {
            const range = aliases.raw.itemFieldRanges?.[index]?.name ?? aliases.raw.itemRanges?.[index];
            if (range) fieldLocations[`aliases.${entry.aliases.length}`] = { file: aliases.location.file, range };
            entry.aliases.push(timed.name);
          }
          entry.aliasSpans ??= {};
          (entry.aliasSpans[timed.name] ??= []).push(timed.span);
        } else {
          const range = aliases.raw.itemRanges?.[index] ?? aliases.location.range;
          problem(aliases.location.file, range, 'lore-wrong-type', `Each alias of ${entry.name} must be text, or a timed alias such as { name: Locutus, from: 2366, until: 2367 }.`, pending.id);
        }
      });
      // Written once without dates, an alias holds at every date.
      if (entry.aliasSpans) {
        for (const text of untimed) delete entry.aliasSpans[text];
        if (Object.keys(entry.aliasSpans).length === 0) delete entry.aliasSpans;
      }
    }
  }

  for (const key of DATE_FIELDS) {
    const field = fields.get(key);
    if (!field) continue;
    const parsed = parseStoryDate(field.value, calendar);
    if (parsed.ok) entry[key] = parsed.date;
    else {
      const fix = typeof field.value === 'string' ? normaliseDateText(field.value, calendar) : undefined;
      const meant = fix !== undefined ? ` Write it as \`${fix}\`.` : '';
      problem(field.location.file, field.location.range, 'lore-invalid-date', `\`${key}\` of ${entry.name}: ${parsed.reason}.${meant}`, pending.id, fix);
    }
  }
  for (const [start, end] of [['born', 'died'], ['from', 'until']] as const) {
    const a = entry[start];
    const b = entry[end];
    if (a && b && isBefore(b, a)) {
      const at = fieldLocations[end];
      problem(at.file, at.range, 'lore-date-order', `${entry.name} cannot have \`${end}\` ${whenInWords(b, calendar)} before \`${start}\` ${whenInWords(a, calendar)}.`, pending.id);
      delete entry[end];
    }
  }

  const relations = fields.get('relations');
  if (relations) {
    if (relations.value === null || typeof relations.value !== 'object' || Array.isArray(relations.value)) {
      wrongType('relations', relations, 'a mapping of relation → id (e.g. `sister: soji-asha`)');
    } else {
      for (const [relation, target] of Object.entries(relations.value as Record<string, unknown>)) {
        const targets = Array.isArray(target) ? target : [target];
        const ids = targets.filter((t): t is string | number => typeof t === 'string' || typeof t === 'number').map(String);
        if (ids.length !== targets.length) wrongType(`relations.${relation}`, relations, 'an id or a list of ids');
        if (ids.length > 0) entry.relations[relation] = ids;
      }
    }
  }

  for (const [key, field] of fields) {
    if (KNOWN_FIELDS.has(key)) continue;
    // Kept and shown on the card as SPEC §1 says; a slip of a known field is worth a word.
    entry.extra[key] = field.value;
    const meant = nearestKnownField(key);
    if (meant !== undefined && !fields.has(meant)) {
      const at = field.raw.keyRange ?? field.location.range;
      problem(field.location.file, at, 'lore-unknown-field', `\`${key}\` of ${entry.name} is no field Lorekeeper reads (it is shown on the card as is). Did you mean \`${meant}\`?`, pending.id, meant);
    }
    if (isPeriodList(field.value)) {
      const periods = readPeriods(key, field.value, field.raw, field.location.file, entry.name, calendar, (file, range, code, message) => problem(file, range, code, message, pending.id));
      if (periods.length > 0) (entry.periods ??= {})[key] = periods;
    }
  }
  return entry;
}

/** A name or alias that two entries share makes a mention ambiguous. */
function checkSharedNames(
  entries: Entry[],
  problem: (file: string, range: Range, code: LoreProblemCode, message: string, entity?: string) => void,
): void {
  const owner = new Map<string, Entry>();
  for (const entry of entries) {
    const names = [entry.name, ...entry.aliases];
    names.forEach((name, index) => {
      const first = owner.get(name);
      if (first === undefined) {
        owner.set(name, entry);
        return;
      }
      if (first === entry) return;
      const isAlias = index > 0;
      const location = (isAlias ? entry.fieldLocations[`aliases.${index - 1}`] ?? entry.fieldLocations.aliases : entry.fieldLocations.name) ?? entry.location;
      problem(
        location.file,
        location.range,
        'lore-duplicate-alias',
        `"${name}" names both ${first.name} (${first.id}) and ${entry.name} (${entry.id}): in prose it will mean ${first.name}.`,
        entry.id,
      );
    });
  }
}

/** The range of the deepest node along `path` that the file recorded (else the whole field). */
function nodeAt(field: RawField, path: (string | number)[]): Range {
  for (let length = path.length; length > 0; length--) {
    const range = field.pathRanges?.[path.slice(0, length).join('.')];
    if (range) return range;
  }
  return field.range;
}

/** The median year written in the base's date fields, for examples in its messages. */
function typicalYear(layers: LoreLayer[], calendar: Calendar): number | undefined {
  const years: number[] = [];
  for (const layer of layers) {
    for (const file of layer.files) {
      for (const raw of file.entries) {
        for (const key of DATE_FIELDS) {
          const value = raw.fields[key]?.value;
          if (value === undefined || value === null) continue;
          const parsed = parseStoryDate(value, calendar);
          if (parsed.ok) years.push(parsed.date.year);
          if (years.length >= 2000) break;
        }
      }
    }
  }
  if (years.length === 0) return undefined;
  years.sort((a, b) => a - b);
  // To the decade: typed entries are reused across reloads while the calendar stays the same.
  return Math.round(years[years.length >> 1] / 10) * 10;
}

function resolveBeside(file: string, relative: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(relative) || relative.startsWith('/')) return relative;
  const slash = file.lastIndexOf('/');
  return slash < 0 ? relative : `${file.slice(0, slash + 1)}${relative}`;
}

function describeValue(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}
