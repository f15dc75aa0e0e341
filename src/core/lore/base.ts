// Parsed lore files of one or more layers → the merged, validated LoreBase the checks read.
import { appendAll } from '../arrays';
import { valuesAt } from '../persistentMap';
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
  byId: ReadonlyMap<string, Entry>;
  problems: Diagnostic[];
  layers: string[];
}

interface PendingEntry {
  id: string;
  layer: string;
  location: Location;
  /** The one raw entry that defines it, while no later layer has overridden it. */
  only?: RawEntry;
  /** Its fields, merged over the layers; gathered on first need (see fieldsOf). */
  fields?: Map<string, RawField>;
  /** The file of each field a later layer set (the others are in `location.file`); see fileOf. */
  fieldFiles?: Map<string, string>;
  overrides: Record<string, string>;
}

/**
 * Typed entries of unchanged files are reused across reloads: a lore parse cache hands back the
 * same RawEntry objects for an unchanged file, so only a changed file's entries are typed again.
 */
const defaultIds = new WeakMap<RawEntry, string>();
const typedOnce = new WeakMap<RawEntry, { key: string; entry: Entry | undefined; problems: Diagnostic[] }>();

const STRING_FIELDS = ['name', 'id', 'kind', 'summary', 'death', 'source', 'image'] as const;

/** The problems of the many entries that have none: one list, never written to (the base's lists are read only). */
const NO_PROBLEMS: Diagnostic[] = Object.freeze([]) as unknown as Diagnostic[];

/** `aliases.0`, `aliases.1`…: the keys of the aliases' locations, made once rather than once per entry. */
const ALIAS_KEYS = Array.from({ length: 32 }, (_, i) => `aliases.${i}`);
const aliasKey = (i: number): string => ALIAS_KEYS[i] ?? `aliases.${i}`;

/**
 * How a base was built, kept so that the next build after a few files changed can redo only what
 * those files touch (see `buildLoreBase`'s `previous`). Every list is in the order a full build
 * makes it, so that splicing a changed entry's part in gives exactly what a full build gives.
 */
interface BuildMemo {
  layers: LoreLayer[];
  calendarKey: string;
  /** Problems of the files and their settings, then those of the merge (ids, duplicates, overrides). */
  prologue: Diagnostic[];
  merge: Diagnostic[];
  /** How many raw entries give each id, over all layers (duplicates counted). */
  idCount: Map<string, number>;
  /** Each id's place in the merge order, and its entry's place in `entries` (absent when it was dropped). */
  orderIndex: Map<string, number>;
  entryIndex: Map<string, number>;
  /** Per merge-order id: the problems of typing its entry. */
  typing: Chunks;
  /** Per entry: its shared-name problems, then its unknown-relation problems. */
  shared: Chunks;
  relations: Chunks;
  /** A name or alias → the id of the first entry that has it. */
  owner: Map<string, string>;
  unreadable: Set<string>;
}

const memos = new WeakMap<LoreBase, BuildMemo>();

/**
 * Problems by place (an id's or an entry's): only the places that have any, and those places in
 * order. Most entries have none, so a reload that replaces a few places copies what is there,
 * not a list as long as the base.
 */
interface Chunks {
  at: ReadonlyMap<number, Diagnostic[]>;
  filled: readonly number[];
}

function chunksOf(lists: Array<Diagnostic[] | undefined>): Chunks {
  const at = new Map<number, Diagnostic[]>();
  const filled: number[] = [];
  lists.forEach((list, i) => {
    if (!list || list.length === 0) return;
    at.set(i, list);
    filled.push(i);
  });
  return { at, filled };
}

/** The chunks with some places' problems replaced (the earlier chunks stay as they were). */
function replacedChunks(chunks: Chunks, changes: Map<number, Diagnostic[] | undefined>): Chunks {
  let changed = false;
  for (const [i, list] of changes) {
    if (list !== chunks.at.get(i) && (list?.length ?? 0) + (chunks.at.get(i)?.length ?? 0) > 0) {
      changed = true;
      break;
    }
  }
  if (!changed) return chunks;
  const at = new Map(chunks.at);
  let added = false;
  for (const [i, list] of changes) {
    if (list && list.length > 0) {
      if (!at.has(i)) added = true;
      at.set(i, list);
    } else at.delete(i);
  }
  const filled = added ? [...at.keys()].sort((a, b) => a - b) : chunks.filled.filter((i) => at.has(i));
  return { at, filled };
}

function appendChunks(problems: Diagnostic[], chunks: Chunks): void {
  for (const i of chunks.filled) appendAll(problems, chunks.at.get(i)!);
}

/** The entries a base built from `previous` replaced, at their place in `entries` (see NameIndex). */
export interface BaseDerivation {
  /** The base it was built from, until what is made from that one has been made again (see `releaseSource`). */
  readonly from: LoreBase | undefined;
  readonly replaced: ReadonlyArray<{ index: number; old: Entry; entry: Entry }>;
}

const derivations = new WeakMap<LoreBase, BaseDerivation>();

/** When `base` was built from an earlier base by replacing a few entries (same ids, same names), which. */
export function derivationOf(base: LoreBase): BaseDerivation | undefined {
  return derivations.get(base);
}

/**
 * Says that what is derived from `base`'s source (its name index) has been made for `base`: its
 * derivation lets go of the earlier base, which an editing session then no longer keeps beside
 * the new one (with its index, most of a reload's garbage would live twice as long).
 */
export function releaseSource(base: LoreBase): void {
  const derivation = derivations.get(base);
  if (derivation?.from) derivations.set(base, { from: undefined, replaced: derivation.replaced });
}

/**
 * Merges the layers. With `previous` (a base built by this function from an earlier version of the
 * same files), only the files that changed are merged again when that gives the same result as a
 * full build — same ids in each changed file, each defined once, the same names, no settings —
 * and the whole base is merged otherwise. `shown` writes a file's path as messages name it (the
 * server's paths are `file:///` URIs; a writer reads `lore/characters.yaml`); by default the path as it is.
 * `reusable: false` says that the base will never be a later build's `previous` (a one-shot check
 * without a parse cache): then neither the parsed files nor the merge's bookkeeping are kept with
 * it, and a large canon's parse (most of a cold start's memory) can be freed once it is merged.
 */
export function buildLoreBase(layers: LoreLayer[], previous?: LoreBase, shown: (path: string) => string = (path) => path, reusable = true): LoreBase {
  const memo = previous ? memos.get(previous) : undefined;
  if (previous && memo) {
    const updated = updateBase(previous, memo, layers);
    if (updated) return updated;
  }
  return buildFull(layers, shown, reusable);
}

function buildFull(layers: LoreLayer[], shown: (path: string) => string, reusable: boolean): LoreBase {
  const problems: Diagnostic[] = [];
  const problem = (file: string, range: Range, code: LoreProblemCode, message: string, entity?: string): void => {
    problems.push({ file, range, severity: SEVERITY_OF.get(code) ?? 'error', code, message, ...(entity ? { entity } : {}) });
  };

  const settings = readSettings(layers);
  appendAll(problems, settings.problems);
  const { calendar, calendarKey } = settings;
  const prologueEnd = problems.length;

  // Merge layers field by field; an id seen twice inside one layer is a duplicate.
  const pending = new Map<string, PendingEntry>();
  const order: string[] = [];
  // The bookkeeping of a later incremental build, kept only when there can be one.
  const idCount = reusable ? new Map<string, number>() : undefined;
  for (const layer of layers) {
    const seenInLayer = new Set<string>();
    for (const file of layer.files) {
      for (const raw of file.entries) {
        const id = entryId(raw, file.path, pending, problem, reusable);
        if (id === undefined) continue;
        if (idCount) idCount.set(id, (idCount.get(id) ?? 0) + 1);
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
            else {
              existing.fields!.set(key, field);
              (existing.fieldFiles ??= new Map()).set(key, file.path);
            }
          }
        }
      }
    }
  }
  const merge = problems.slice(prologueEnd);

  const entries: Entry[] = [];
  const byId = new Map<string, Entry>();
  const typing: Diagnostic[][] = [];
  const orderIndex = reusable ? new Map<string, number>() : undefined;
  const entryIndex = reusable ? new Map<string, number>() : undefined;
  for (let index = 0; index < order.length; index++) {
    const id = order[index];
    const typed = typedOnceOrAgain(pending.get(id)!, calendar, calendarKey, reusable);
    if (typed.problems.length > 0) appendAll(problems, typed.problems);
    if (orderIndex) {
      orderIndex.set(id, index);
      typing.push(typed.problems);
    }
    if (!typed.entry) continue;
    if (entryIndex) entryIndex.set(id, entries.length);
    entries.push(typed.entry);
    byId.set(id, typed.entry);
  }

  const owner = new Map<string, string>();
  const shared = entries.map((entry) => sharedNameProblems(entry, owner, byId, true));
  for (const list of shared) if (list) appendAll(problems, list);
  // While a lore file is not valid YAML, a missing target may be in the part that cannot be read.
  const unreadable = new Set(layers.flatMap((layer) => layer.files.flatMap((file) => file.unreadableIds ?? [])));
  const relations = entries.map((entry) => relationProblems(entry, pending.get(entry.id)!, byId, unreadable));
  for (const list of relations) if (list) appendAll(problems, list);

  const base: LoreBase = { title: settings.title, calendar, entries, byId, problems, layers: layers.map((l) => l.name) };
  if (reusable) memos.set(base, { layers, calendarKey, prologue: problems.slice(0, prologueEnd), merge, idCount: idCount!, orderIndex: orderIndex!, entryIndex: entryIndex!, typing: chunksOf(typing), shared: chunksOf(shared), relations: chunksOf(relations), owner, unreadable });
  return base;
}

/** The settings of every file (title, calendar), with the sample year of the base's dates. */
function readSettings(layers: LoreLayer[]): { title?: string; calendar: Calendar; calendarKey: string; problems: Diagnostic[] } {
  const problems: Diagnostic[] = [];
  const problem = (file: string, range: Range, message: string): void => {
    problems.push({ file, range, severity: SEVERITY_OF.get('lore-wrong-type') ?? 'error', code: 'lore-wrong-type', message });
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
        else problem(file.path, settings.title.range, '`title` must be text.');
      }
      if (settings.calendar) {
        const parsed = parseCalendar(settings.calendar.value);
        calendar = parsed.calendar;
        for (const p of parsed.problems) problem(file.path, nodeAt(settings.calendar, p.path), `calendar.${p.path.join('.')}: ${p.message}`);
      }
    }
  }
  const sampleYear = typicalYear(layers, calendar);
  if (sampleYear !== undefined) calendar = { ...calendar, sampleYear };
  return { title, calendar, calendarKey: JSON.stringify(calendar), problems };
}

/**
 * The base after some files changed, merged again only where they touch it; undefined when the
 * change reaches further (ids added, removed or shared with other files, names changed, settings),
 * and the whole base must be merged.
 */
function updateBase(previous: LoreBase, memo: BuildMemo, layers: LoreLayer[]): LoreBase | undefined {
  if (layers.length !== memo.layers.length) return undefined;
  const changed: Array<{ layer: string; before: ParsedLoreFile; after: ParsedLoreFile }> = [];
  let fileCount = 0;
  for (let l = 0; l < layers.length; l++) {
    const now = layers[l];
    const then = memo.layers[l];
    if (now.name !== then.name || now.files.length !== then.files.length) return undefined;
    fileCount += now.files.length;
    for (let f = 0; f < now.files.length; f++) {
      const after = now.files[f];
      const before = then.files[f];
      if (after === before) continue;
      if (after.path !== before.path || after.settings || before.settings) return undefined;
      if (!sameList(after.unreadableIds ?? [], before.unreadableIds ?? [])) return undefined;
      changed.push({ layer: now.name, before, after });
    }
  }
  // Past a quarter of the files, merging again is about as quick, and simpler.
  if (changed.length === 0 || changed.length * 4 > fileCount) return changed.length === 0 ? previous : undefined;

  const settings = readSettings(layers);
  if (settings.calendarKey !== memo.calendarKey) return undefined;
  const { calendar, calendarKey } = settings;

  const typing = new Map<number, Diagnostic[]>();
  const entries = previous.entries.slice();
  // Ids and names are those of the previous base: its map answers `has`, and the first owner of each name.
  const { byId: previousById } = previous;
  const replaced: Array<BaseDerivation['replaced'][number]> = [];
  const update: Array<{ index: number; entry: Entry; pending: PendingEntry }> = [];
  for (const { layer, before, after } of changed) {
    if (before.entries.length !== after.entries.length) return undefined;
    for (let r = 0; r < after.entries.length; r++) {
      const raw = after.entries[r];
      const id = plainId(raw);
      if (id === undefined || id !== plainId(before.entries[r]) || memo.idCount.get(id) !== 1) return undefined;
      const pending: PendingEntry = { id, layer, location: { file: after.path, range: raw.range }, only: raw, overrides: {} };
      const typed = typedOnceOrAgain(pending, calendar, calendarKey, true);
      typing.set(memo.orderIndex.get(id)!, typed.problems);
      const index = memo.entryIndex.get(id);
      const old = index === undefined ? undefined : previous.entries[index];
      if ((old === undefined) !== (typed.entry === undefined)) return undefined;
      if (!old || !typed.entry) continue;
      if (!sameList(namesOfEntry(old), namesOfEntry(typed.entry))) return undefined;
      entries[index!] = typed.entry;
      replaced.push({ index: index!, old, entry: typed.entry });
      update.push({ index: index!, entry: typed.entry, pending });
    }
  }

  const sharedChanges = new Map<number, Diagnostic[] | undefined>();
  const relationChanges = new Map<number, Diagnostic[] | undefined>();
  for (const { index, entry, pending } of update) {
    sharedChanges.set(index, sharedNameProblems(entry, memo.owner, previousById, false));
    relationChanges.set(index, relationProblems(entry, pending, previousById, memo.unreadable));
  }
  // The ids and their places stay those of the previous base: a view of the new list, made in no time.
  const byId = valuesAt(memo.entryIndex, entries);
  const memoTyping = replacedChunks(memo.typing, typing);
  const shared = replacedChunks(memo.shared, sharedChanges);
  const relations = replacedChunks(memo.relations, relationChanges);
  const problems = settings.problems.slice();
  appendAll(problems, memo.merge);
  appendChunks(problems, memoTyping);
  appendChunks(problems, shared);
  appendChunks(problems, relations);

  const base: LoreBase = { title: settings.title, calendar, entries, byId, problems, layers: layers.map((l) => l.name) };
  memos.set(base, { ...memo, layers, prologue: settings.problems, typing: memoTyping, shared, relations });
  derivations.set(base, { from: previous, replaced });
  // Only the newest step is kept: each base holding the one it was made from would keep every
  // base of an editing session in memory. An index not made yet for `previous` is built whole.
  derivations.delete(previous);
  return base;
}

/** The id of an entry that a full merge takes without a word (else undefined: the merge has something to say). */
function plainId(raw: RawEntry): string | undefined {
  const idField = raw.fields.id;
  const nameField = raw.fields.name;
  if (!nameField || (typeof nameField.value !== 'string' && typeof nameField.value !== 'number') || nameField.value === '') return undefined;
  if (idField && idField.value !== null) return typeof idField.value === 'string' && idField.value.trim() !== '' ? idField.value.trim() : undefined;
  let id = defaultIds.get(raw);
  if (id === undefined) {
    id = defaultId(String(nameField.value));
    defaultIds.set(raw, id);
  }
  return id === '' ? undefined : id;
}

function namesOfEntry(entry: Entry): string[] {
  return [entry.name, ...entry.aliases];
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function entryId(
  raw: RawEntry,
  file: string,
  pending: Map<string, PendingEntry>,
  problem: (file: string, range: Range, code: LoreProblemCode, message: string) => void,
  remember: boolean,
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
    if (remember) defaultIds.set(raw, id);
  }
  if (id === '') {
    problem(file, nameField.range, 'lore-wrong-type', `Name "${nameField.value}" gives an empty id: add an \`id\`.`);
    return undefined;
  }
  return id;
}

function fieldsOf(pending: PendingEntry): Map<string, RawField> {
  if (!pending.fields) {
    pending.fields = new Map();
    const raw = pending.only!.fields;
    for (const key in raw) {
      const field = raw[key];
      if (field.value !== null) pending.fields.set(key, field);
    }
  }
  return pending.fields;
}

/** The file a field of the merged entry was written in. */
function fileOf(pending: PendingEntry, key: string): string {
  return pending.fieldFiles?.get(key) ?? pending.location.file;
}

/** The entry typed, or as typed before from the same raw entry; `remember`: kept for a later build (see buildLoreBase's `reusable`). */
function typedOnceOrAgain(pending: PendingEntry, calendar: Calendar, calendarKey: string, remember: boolean): { entry: Entry | undefined; problems: Diagnostic[] } {
  const key = `${pending.layer}\u0000${pending.id}\u0000${calendarKey}`;
  const memo = pending.only ? typedOnce.get(pending.only) : undefined;
  if (memo && memo.key === key) return memo;
  let own: Diagnostic[] = NO_PROBLEMS;
  const entry = typedEntry(pending, calendar, (file, range, code, message, entity, fix) => {
    if (own === NO_PROBLEMS) own = [];
    own.push({ file, range, severity: SEVERITY_OF.get(code) ?? 'error', code, message, ...(entity ? { entity } : {}), ...(fix !== undefined ? { fix } : {}) });
  });
  const typed = { key, entry, problems: own };
  if (pending.only && remember) typedOnce.set(pending.only, typed);
  return typed;
}

function typedEntry(
  pending: PendingEntry,
  calendar: Calendar,
  problem: (file: string, range: Range, code: LoreProblemCode, message: string, entity?: string, fix?: string) => void,
): Entry | undefined {
  const fields = fieldsOf(pending);
  const fieldLocations: Record<string, Location> = {};
  for (const [key, field] of fields) fieldLocations[key] = { file: fileOf(pending, key), range: field.range };
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
  const wrongType = (key: string, field: RawField, file: string, expected: string): void =>
    problem(file, field.range, 'lore-wrong-type', `\`${key}\` of ${entry.name || pending.id} must be ${expected}.`, pending.id);

  for (const key of STRING_FIELDS) {
    const field = fields.get(key);
    if (!field) continue;
    if (typeof field.value === 'string' || (key === 'name' && typeof field.value === 'number')) {
      const text = String(field.value);
      if (key === 'image') entry.image = resolveBeside(fileOf(pending, key), text);
      else if (key !== 'id') entry[key] = text;
    } else if (key !== 'id') {
      wrongType(key, field, fileOf(pending, key), 'text');
    }
  }
  entry.name = entry.name.trim();
  const nameValue = fields.get('name')?.value;
  if (!entry.name && (nameValue === undefined || typeof nameValue === 'string')) {
    // An entry with an id but an empty or null name is reported, never silently dropped.
    const at = (fields.has('name') ? { file: fileOf(pending, 'name'), range: fields.get('name')!.range } : undefined) ?? (pending.only?.fields.name ? { file: pending.location.file, range: pending.only.fields.name.range } : pending.location);
    problem(at.file, at.range, 'lore-missing-name', `Entry "${pending.id}" has an empty \`name\`: every entry needs one.`, pending.id);
    return undefined;
  }
  if (!entry.name) return undefined; // a name of the wrong type, reported above

  const aliases = fields.get('aliases');
  if (aliases) {
    const values = Array.isArray(aliases.value) ? aliases.value : typeof aliases.value === 'string' ? [aliases.value] : undefined;
    const aliasFile = fileOf(pending, 'aliases');
    if (!values) wrongType('aliases', aliases, aliasFile, 'a list of names');
    else {
      for (let index = 0; index < values.length; index++) {
        const alias: unknown = values[index];
        if (typeof alias === 'string' || typeof alias === 'number') {
          const text = String(alias).trim();
          if (text === '') continue;
          if (entry.aliases.includes(text)) continue;
          const range = aliases.itemRanges?.[index];
          if (range) fieldLocations[aliasKey(entry.aliases.length)] = { file: aliasFile, range };
          entry.aliases.push(text);
        } else if (alias !== null && typeof alias === 'object' && !Array.isArray(alias)) {
          // A timed alias: { name: Locutus, from: 2366-06, until: 2367 }.
          const timed = readAliasItem(alias as Record<string, unknown>, index, aliases, aliasFile, entry.name, calendar, (file, range, code, message) => problem(file, range, code, message, pending.id));
          if (!timed) continue;
          if (!entry.aliases.includes(timed.name)) {
            const range = aliases.itemFieldRanges?.[index]?.name ?? aliases.itemRanges?.[index];
            if (range) fieldLocations[aliasKey(entry.aliases.length)] = { file: aliasFile, range };
            entry.aliases.push(timed.name);
          }
          entry.aliasSpans ??= {};
          (entry.aliasSpans[timed.name] ??= []).push(timed.span);
        } else {
          const range = aliases.itemRanges?.[index] ?? aliases.range;
          problem(aliasFile, range, 'lore-wrong-type', `Each alias of ${entry.name} must be text, or a timed alias such as { name: Locutus, from: 2366, until: 2367 }.`, pending.id);
        }
      }
      // Written once without dates, an alias holds at every date.
      if (entry.aliasSpans) {
        for (const alias of values) {
          const text = typeof alias === 'string' || typeof alias === 'number' ? String(alias).trim() : '';
          if (text !== '') delete entry.aliasSpans[text];
        }
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
      problem(fileOf(pending, key), field.range, 'lore-invalid-date', `\`${key}\` of ${entry.name}: ${parsed.reason}.${meant}`, pending.id, fix);
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
      wrongType('relations', relations, fileOf(pending, 'relations'), 'a mapping of relation → id (e.g. `sister: soji-asha`)');
    } else {
      for (const [relation, target] of Object.entries(relations.value as Record<string, unknown>)) {
        const targets = Array.isArray(target) ? target : [target];
        const ids = targets.filter((t): t is string | number => typeof t === 'string' || typeof t === 'number').map(String);
        if (ids.length !== targets.length) wrongType(`relations.${relation}`, relations, fileOf(pending, 'relations'), 'an id or a list of ids');
        if (ids.length > 0) entry.relations[relation] = ids;
      }
    }
  }

  for (const [key, field] of fields) {
    if (KNOWN_FIELDS.has(key)) continue;
    // Kept and shown on the card as SPEC §1 says; a slip of a known field is worth a word.
    entry.extra[key] = field.value;
    const meant = nearestField(key);
    if (meant !== undefined && !fields.has(meant)) {
      const at = field.keyRange ?? field.range;
      problem(fileOf(pending, key), at, 'lore-unknown-field', `\`${key}\` of ${entry.name} is no field Lorekeeper reads (it is shown on the card as is). Did you mean \`${meant}\`?`, pending.id, meant);
    }
    if (isPeriodList(field.value)) {
      const periods = readPeriods(key, field.value, field, fileOf(pending, key), entry.name, calendar, (file, range, code, message) => problem(file, range, code, message, pending.id));
      if (periods.length > 0) (entry.periods ??= {})[key] = periods;
    }
  }
  return entry;
}

/** `nearestKnownField`, once per field name (a canon writes the same few descriptive fields on every entry). */
const nearestOf = new Map<string, string | undefined>();

function nearestField(key: string): string | undefined {
  if (nearestOf.has(key)) return nearestOf.get(key);
  const meant = nearestKnownField(key);
  if (nearestOf.size >= 10_000) nearestOf.clear();
  nearestOf.set(key, meant);
  return meant;
}

/**
 * A name or alias that two entries share makes a mention ambiguous: the entry's problems for it.
 * While building, `owner` is filled (entries in order); after, it is only read.
 */
function sharedNameProblems(entry: Entry, owner: Map<string, string>, byId: ReadonlyMap<string, Entry>, building: boolean): Diagnostic[] | undefined {
  let out: Diagnostic[] | undefined;
  // The name (index 0), then each alias.
  for (let index = 0; index <= entry.aliases.length; index++) {
    const name = index === 0 ? entry.name : entry.aliases[index - 1];
    const firstId = owner.get(name);
    if (firstId === undefined) {
      if (building) owner.set(name, entry.id);
      continue;
    }
    if (firstId === entry.id) continue;
    const first = byId.get(firstId)!;
    const isAlias = index > 0;
    const location = (isAlias ? entry.fieldLocations[`aliases.${index - 1}`] ?? entry.fieldLocations.aliases : entry.fieldLocations.name) ?? entry.location;
    const message = `"${name}" names both ${first.name} (${first.id}) and ${entry.name} (${entry.id}): in prose it will mean ${first.name}.`;
    (out ??= []).push({ file: location.file, range: location.range, severity: SEVERITY_OF.get('lore-duplicate-alias') ?? 'error', code: 'lore-duplicate-alias', message, entity: entry.id });
  }
  return out;
}

/** Relations that name no entry (nor one a file that is not valid YAML may hold). */
function relationProblems(entry: Entry, pending: PendingEntry, byId: ReadonlyMap<string, Entry>, unreadable: ReadonlySet<string>): Diagnostic[] | undefined {
  let out: Diagnostic[] | undefined;
  for (const relation in entry.relations) {
    const targets = entry.relations[relation];
    const location = entry.fieldLocations.relations;
    targets.forEach((target, index) => {
      if (byId.has(target) || unreadable.has(target)) return;
      const ranges = fieldsOf(pending).get('relations')!.entryRanges?.[relation];
      const range = Array.isArray(ranges) ? ranges[index] ?? location.range : ranges ?? location.range;
      const message = `Relation "${relation}" of ${entry.name} names "${target}", which is no entry's id.`;
      (out ??= []).push({ file: location.file, range, severity: SEVERITY_OF.get('lore-unknown-relation') ?? 'error', code: 'lore-unknown-relation', message, entity: entry.id });
    });
  }
  return out;
}

/** The range of the deepest node along `path` that the file recorded (else the whole field). */
function nodeAt(field: RawField, path: (string | number)[]): Range {
  for (let length = path.length; length > 0; length--) {
    const range = field.pathRanges?.[path.slice(0, length).join('.')];
    if (range) return range;
  }
  return field.range;
}

/**
 * A file's date values, read once per file and calendar: per entry, the year of each date field
 * written (NaN where it is no date), flat, with each entry's start; and, sorted, the year each
 * entry gives once 2000 have been gathered (its first date, when that one is a date).
 */
const fileYears = new WeakMap<ParsedLoreFile, FileYears>();

interface FileYears {
  calendarKey: string;
  values: Float64Array;
  starts: Int32Array;
  firsts: Float64Array;
  integers: boolean;
}

function yearsOf(file: ParsedLoreFile, calendar: Calendar, calendarKey: string): FileYears {
  const known = fileYears.get(file);
  if (known && known.calendarKey === calendarKey) return known;
  const values: number[] = [];
  const firsts: number[] = [];
  const starts = new Int32Array(file.entries.length + 1);
  file.entries.forEach((raw, i) => {
    starts[i] = values.length;
    for (const key of DATE_FIELDS) {
      const value = raw.fields[key]?.value;
      if (value === undefined || value === null) continue;
      const parsed = parseStoryDate(value, calendar);
      values.push(parsed.ok ? parsed.date.year : NaN);
    }
    if (values.length > starts[i] && !Number.isNaN(values[starts[i]])) firsts.push(values[starts[i]]);
  });
  starts[file.entries.length] = values.length;
  const sorted = Float64Array.from(firsts).sort();
  const read = { calendarKey, values: Float64Array.from(values), starts, firsts: sorted, integers: sorted.every(Number.isInteger) };
  fileYears.set(file, read);
  return read;
}

/**
 * The median year written in the base's date fields, for examples in its messages: every entry's
 * date years until 2000 are gathered, then the first date of each entry after.
 */
function typicalYear(layers: LoreLayer[], calendar: Calendar): number | undefined {
  const calendarKey = JSON.stringify(calendar);
  const years: number[] = [];
  // Files wholly past the first 2000 years give their sorted first dates: the median is selected from them.
  const after: FileYears[] = [];
  for (const layer of layers) {
    for (const file of layer.files) {
      const read = yearsOf(file, calendar, calendarKey);
      if (years.length >= 2000) {
        after.push(read);
        continue;
      }
      const { values, starts } = read;
      for (let e = 0; e + 1 < starts.length; e++) {
        for (let v = starts[e]; v < starts[e + 1]; v++) {
          if (!Number.isNaN(values[v])) years.push(values[v]);
          if (years.length >= 2000) break;
        }
      }
    }
  }
  const total = years.length + after.reduce((n, f) => n + f.firsts.length, 0);
  if (total === 0) return undefined;
  const head = Float64Array.from(years).sort();
  const median = after.every((f) => f.integers) && head.every(Number.isInteger) ? nthInteger([head, ...after.map((f) => f.firsts)], total >> 1) : nth([head, ...after.map((f) => f.firsts)], total >> 1);
  // To the decade: typed entries are reused across reloads while the calendar stays the same.
  return Math.round(median / 10) * 10;
}

/** The n-th smallest (from 0) of sorted lists of integers: the least year with more than n at or below it. */
function nthInteger(lists: Float64Array[], n: number): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (const list of lists) {
    if (list.length === 0) continue;
    lo = Math.min(lo, list[0]);
    hi = Math.max(hi, list[list.length - 1]);
  }
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    let count = 0;
    for (const list of lists) count += upperBound(list, mid);
    if (count > n) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function upperBound(list: Float64Array, value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function nth(lists: Float64Array[], n: number): number {
  const all = new Float64Array(lists.reduce((k, l) => k + l.length, 0));
  let at = 0;
  for (const list of lists) {
    all.set(list, at);
    at += list.length;
  }
  return all.sort()[n];
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
