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
const typedOnce = new WeakMap<RawEntry, { layer: string; id: string; calendarKey: string; entry: Entry | undefined; problems: Diagnostic[] }>();

/** The problems of the many entries that have none: one list, never written to (the base's lists are read only). */
const NO_PROBLEMS: Diagnostic[] = Object.freeze([]) as unknown as Diagnostic[];

/**
 * The overrides, relations and descriptive fields of the many entries that have none: one empty
 * mapping each, shared and frozen, replaced by an entry's own when it has one (three objects less
 * per entry, kept as long as the base: a 50,000-entry canon's cold peak is tight).
 */
const NOTHING_OVERRIDDEN: Record<string, string> = Object.freeze({}) as Record<string, string>;
const NO_RELATIONS: Record<string, string[]> = Object.freeze({}) as Record<string, string[]>;
const NO_EXTRA: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

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

// The whole build is in phases, each its own function with small per-entry steps: a cold start
// runs each loop once, and a long function's loops wait for the compiler (and leave it, on the
// first line it never ran) where a small step called 10,000 times is compiled early and cheaply.
function buildFull(layers: LoreLayer[], shown: (path: string) => string, reusable: boolean): LoreBase {
  const problems: Diagnostic[] = [];
  const problem: MergeProblem = (file, range, code, message, entity) => {
    problems.push({ file, range, severity: SEVERITY_OF.get(code) ?? 'error', code, message, ...(entity ? { entity } : {}) });
  };

  const settings = readSettings(layers);
  appendAll(problems, settings.problems);
  const { calendar, calendarKey } = settings;
  const prologueEnd = problems.length;

  const merged = new Merge(shown, problem, reusable);
  for (const layer of layers) merged.addLayer(layer);
  const merge = problems.slice(prologueEnd);

  const { pending, order, idCount } = merged;
  const typed = typedAll(order, pending, calendar, calendarKey, reusable, problems);
  const { entries, byId } = typed;

  const owner = new Map<string, string>();
  const shared: Array<Diagnostic[] | undefined> = new Array(entries.length);
  for (let i = 0; i < entries.length; i++) shared[i] = sharedNameProblems(entries[i], owner, byId, true);
  for (let i = 0; i < shared.length; i++) if (shared[i]) appendAll(problems, shared[i]!);
  // While a lore file is not valid YAML, a missing target may be in the part that cannot be read.
  const unreadable = new Set(layers.flatMap((layer) => layer.files.flatMap((file) => file.unreadableIds ?? [])));
  const relations: Array<Diagnostic[] | undefined> = new Array(entries.length);
  for (let i = 0; i < entries.length; i++) relations[i] = relationProblems(entries[i], pending.get(entries[i].id)!, byId, unreadable);
  for (let i = 0; i < relations.length; i++) if (relations[i]) appendAll(problems, relations[i]!);

  const base: LoreBase = { title: settings.title, calendar, entries, byId, problems, layers: layers.map((l) => l.name) };
  if (reusable) memos.set(base, { layers, calendarKey, prologue: problems.slice(0, prologueEnd), merge, idCount: idCount!, orderIndex: typed.orderIndex!, entryIndex: typed.entryIndex!, typing: chunksOf(typed.typing), shared: chunksOf(shared), relations: chunksOf(relations), owner, unreadable });
  return base;
}

type MergeProblem = (file: string, range: Range, code: LoreProblemCode, message: string, entity?: string) => void;

/** The layers merged field by field, in order; an id seen twice inside one layer is a duplicate. */
class Merge {
  readonly pending = new Map<string, PendingEntry>();
  readonly order: string[] = [];
  /** The bookkeeping of a later incremental build, kept only when there can be one. */
  readonly idCount: Map<string, number> | undefined;

  constructor(
    private readonly shown: (path: string) => string,
    private readonly problem: MergeProblem,
    private readonly reusable: boolean,
  ) {
    this.idCount = reusable ? new Map() : undefined;
  }

  addLayer(layer: LoreLayer): void {
    const seenInLayer = new Set<string>();
    for (const file of layer.files) {
      const { entries } = file;
      for (let r = 0; r < entries.length; r++) this.add(entries[r], file.path, layer.name, seenInLayer);
    }
  }

  private add(raw: RawEntry, file: string, layer: string, seenInLayer: Set<string>): void {
    const { pending } = this;
    const id = entryId(raw, file, pending, this.problem, this.reusable);
    if (id === undefined) return;
    if (this.idCount) this.idCount.set(id, (this.idCount.get(id) ?? 0) + 1);
    if (seenInLayer.has(id)) {
      this.duplicate(raw, file, id);
      return;
    }
    seenInLayer.add(id);
    const existing = pending.get(id);
    if (existing) this.override(existing, raw, file, layer);
    else {
      // Fields are gathered only when needed: most entries of an unchanged file are reused typed.
      pending.set(id, { id, layer, location: { file, range: raw.range }, only: raw, overrides: NOTHING_OVERRIDDEN });
      this.order.push(id);
    }
  }

  private duplicate(raw: RawEntry, file: string, id: string): void {
    const at = raw.fields.id?.range ?? raw.fields.name?.range ?? raw.range;
    const first = this.pending.get(id)!;
    this.problem(file, at, 'lore-duplicate-id', `Duplicate id "${id}": already defined in ${this.shown(first.location.file)}:${first.location.range.start.line + 1}.`, id);
  }

  /** A later layer's fields over the entry an earlier one defined. */
  private override(existing: PendingEntry, raw: RawEntry, file: string, layer: string): void {
    const { id } = existing;
    fieldsOf(existing);
    existing.only = undefined;
    if (existing.overrides === NOTHING_OVERRIDDEN) existing.overrides = {};
    for (const [key, field] of Object.entries(raw.fields)) {
      if (key === 'id') continue;
      const previous = existing.fields!.get(key);
      if (previous) existing.overrides[key] = `${layer} (was ${describeValue(previous.value)} in ${existing.layer})`;
      else existing.overrides[key] = layer;
      if (field.value === null && key === 'name') {
        // An entry cannot lose its name: the earlier layer's name stays, and the writer is told.
        this.problem(file, field.range, 'lore-missing-name', `\`name: null\` cannot remove the name of "${id}": an entry always has a name.`, id);
        delete existing.overrides[key];
      } else if (field.value === null) existing.fields!.delete(key);
      else {
        existing.fields!.set(key, field);
        (existing.fieldFiles ??= new Map()).set(key, file);
      }
    }
  }
}

/** Every merged entry typed, in merge order (an entry typing drops is in no list but `typing`'s). */
function typedAll(order: string[], pending: Map<string, PendingEntry>, calendar: Calendar, calendarKey: string, reusable: boolean, problems: Diagnostic[]) {
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
  return { entries, byId, typing, orderIndex, entryIndex };
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
      const pending: PendingEntry = { id, layer, location: { file: after.path, range: raw.range }, only: raw, overrides: NOTHING_OVERRIDDEN };
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
  const memo = pending.only ? typedOnce.get(pending.only) : undefined;
  if (memo && memo.layer === pending.layer && memo.id === pending.id && memo.calendarKey === calendarKey) return memo;
  const problems = new EntryProblems(pending.id);
  const entry = typedEntry(pending, calendar, problems);
  const typed = { layer: pending.layer, id: pending.id, calendarKey, entry, problems: problems.list };
  if (pending.only && remember) typedOnce.set(pending.only, typed);
  return typed;
}

/** The problems of typing one entry, each about that entry: none for most entries (one shared empty list). */
class EntryProblems {
  list: Diagnostic[] = NO_PROBLEMS;

  constructor(private readonly id: string) {}

  add(file: string, range: Range, code: LoreProblemCode, message: string, fix?: string): void {
    if (this.list === NO_PROBLEMS) this.list = [];
    const { id } = this;
    this.list.push({ file, range, severity: SEVERITY_OF.get(code) ?? 'error', code, message, ...(id ? { entity: id } : {}), ...(fix !== undefined ? { fix } : {}) });
  }

  /** The callback form the period readers take. */
  callback(): (file: string, range: Range, code: LoreProblemCode, message: string) => void {
    return (file, range, code, message) => this.add(file, range, code, message);
  }
}

/**
 * A field of the merged entry (a `null` one is no field). An entry defined once — nearly every
 * entry — reads its raw fields as they are, with no map made of them.
 */
function fieldAt(pending: PendingEntry, key: string): RawField | undefined {
  if (pending.fields) return pending.fields.get(key);
  const field = pending.only!.fields[key];
  return field === undefined || field.value === null ? undefined : field;
}

// Typing is split in small functions, each with one job and the rare cases (problems, timed
// aliases, periods) out of line: one large function took the compiler longer than the typing of
// every entry of a 10,000-entry canon, and was compiled twice.
function typedEntry(pending: PendingEntry, calendar: Calendar, problems: EntryProblems): Entry | undefined {
  const entry = {
    id: pending.id,
    name: '',
    kind: 'character',
    aliases: [],
    relations: NO_RELATIONS,
    extra: NO_EXTRA,
    location: pending.location,
  } as unknown as Entry;
  // The locations in the order of the keys an entry has always had (a property added, never one turned into an accessor: that makes a slow object).
  const lazy = pending.only !== undefined && locatedLater(entry, pending.only);
  if (!lazy) entry.fieldLocations = locationsOf(pending);
  entry.overrides = pending.overrides;
  entry.layer = pending.layer;
  const name = fieldAt(pending, 'name');
  const nameText = textOf(pending, entry, 'name', name, problems);
  if (nameText !== undefined) entry.name = nameText;
  const kind = textOf(pending, entry, 'kind', fieldAt(pending, 'kind'), problems);
  if (kind !== undefined) entry.kind = kind;
  const summary = textOf(pending, entry, 'summary', fieldAt(pending, 'summary'), problems);
  if (summary !== undefined) entry.summary = summary;
  const death = textOf(pending, entry, 'death', fieldAt(pending, 'death'), problems);
  if (death !== undefined) entry.death = death;
  const source = textOf(pending, entry, 'source', fieldAt(pending, 'source'), problems);
  if (source !== undefined) entry.source = source;
  const image = textOf(pending, entry, 'image', fieldAt(pending, 'image'), problems);
  if (image !== undefined) entry.image = resolveBeside(fileOf(pending, 'image'), image);
  entry.name = entry.name.trim();
  if (!entry.name) {
    // An entry with an id but an empty or null name is reported, never silently dropped.
    if (name === undefined || typeof name.value === 'string') missingName(pending, name, problems);
    return undefined; // else a name of the wrong type, reported above
  }

  const aliases = fieldAt(pending, 'aliases');
  if (aliases) readAliases(pending, entry, aliases, calendar, problems, lazy);

  for (let k = 0; k < DATE_FIELDS.length; k++) {
    const key = DATE_FIELDS[k];
    const field = fieldAt(pending, key);
    if (!field) continue;
    const parsed = parseStoryDate(field.value, calendar);
    if (parsed.ok) entry[key] = parsed.date;
    else invalidDate(pending, entry, key, field, parsed.reason, calendar, problems);
  }
  if (entry.died && entry.born && isBefore(entry.died, entry.born)) dateOrder(entry, 'born', 'died', calendar, problems);
  if (entry.until && entry.from && isBefore(entry.until, entry.from)) dateOrder(entry, 'from', 'until', calendar, problems);

  const relations = fieldAt(pending, 'relations');
  if (relations) readRelations(pending, entry, relations, problems);

  if (pending.fields) {
    for (const [key, field] of pending.fields) if (!KNOWN_FIELDS.has(key)) readExtra(pending, entry, key, field, calendar, problems);
  } else {
    const raw = pending.only!.fields;
    for (const key in raw) {
      const field = raw[key];
      if (field.value !== null && !KNOWN_FIELDS.has(key)) readExtra(pending, entry, key, field, calendar, problems);
    }
  }
  return entry;
}

/** An alias field's items: a list, or one name; undefined for any other value. */
function aliasValues(aliases: RawField): unknown[] | undefined {
  return Array.isArray(aliases.value) ? (aliases.value as unknown[]) : typeof aliases.value === 'string' ? [aliases.value] : undefined;
}

/**
 * The entry's `fieldLocations`, made when first read: a cold check reads none (a manuscript's
 * diagnostics never point into the lore), and a 10,000-entry canon has 100,000 of them, each a
 * location and a range. Where the entry is one raw entry whose aliases are all plain names (a
 * timed alias is located while it is typed), its locations are the raw fields' and the aliases'
 * items' (as readAliases keeps them), so they are made from the raw entry alone, whenever asked
 * for. One getter for every such entry (entries keep few shapes); each keeps its raw entry in a
 * hidden slot, then what the getter made. False (nothing done) for any other entry.
 */
function locatedLater(entry: Entry, raw: RawEntry): boolean {
  const aliases = raw.fields.aliases;
  const values = aliases && aliases.value !== null ? aliasValues(aliases) : undefined;
  if (values) for (let i = 0; i < values.length; i++) if (values[i] !== null && typeof values[i] === 'object' && !Array.isArray(values[i])) return false;
  Object.defineProperty(entry, 'fieldLocations', LOCATED_LATER);
  Object.defineProperty(entry, LOCATIONS, { value: new Unmade(raw, (entry.location as Location).file), writable: true });
  return true;
}

const LOCATIONS = Symbol('fieldLocations');

/** An entry's locations not made yet: the raw entry they come from, and its file. */
class Unmade {
  constructor(
    readonly raw: RawEntry,
    readonly file: string,
  ) {}
}

type LocatedLater = Entry & { [LOCATIONS]: Unmade | Record<string, Location> };

const LOCATED_LATER: PropertyDescriptor = {
  get(this: LocatedLater): Record<string, Location> {
    const held = this[LOCATIONS];
    if (!(held instanceof Unmade)) return held;
    const made = rawLocations(held.raw, held.file);
    this[LOCATIONS] = made;
    return made;
  },
  set(this: LocatedLater, value: Record<string, Location>): void {
    this[LOCATIONS] = value;
  },
  enumerable: true,
  configurable: true,
};

/** What locationsOf and readAliases give an entry of one raw entry with plain aliases. */
function rawLocations(raw: RawEntry, file: string): Record<string, Location> {
  const fieldLocations: Record<string, Location> = {};
  const { fields } = raw;
  for (const key in fields) {
    const field = fields[key];
    if (field.value !== null) fieldLocations[key] = { file, range: field.range };
  }
  const aliases = fields.aliases;
  const values = aliases && aliases.value !== null ? aliasValues(aliases) : undefined;
  if (!values) return fieldLocations;
  const itemRanges = aliases.itemRanges;
  const names: string[] = [];
  for (let index = 0; index < values.length; index++) {
    const alias: unknown = values[index];
    if (typeof alias !== 'string' && typeof alias !== 'number') continue;
    const text = typeof alias === 'string' ? alias.trim() : String(alias);
    if (text === '' || names.includes(text)) continue;
    const range = itemRanges?.[index];
    if (range) fieldLocations[aliasKey(names.length)] = { file, range };
    names.push(text);
  }
  return fieldLocations;
}

/** Where each field of the merged entry was set. */
function locationsOf(pending: PendingEntry): Record<string, Location> {
  const fieldLocations: Record<string, Location> = {};
  if (pending.fields) {
    for (const [key, field] of pending.fields) fieldLocations[key] = { file: fileOf(pending, key), range: field.range };
    return fieldLocations;
  }
  const raw = pending.only!.fields;
  const { file } = pending.location;
  for (const key in raw) {
    const field = raw[key];
    if (field.value !== null) fieldLocations[key] = { file, range: field.range };
  }
  return fieldLocations;
}

/** A text field's value (a name may be a number); undefined, and reported when it is another type, otherwise. */
function textOf(pending: PendingEntry, entry: Entry, key: string, field: RawField | undefined, problems: EntryProblems): string | undefined {
  if (!field) return undefined;
  const { value } = field;
  if (typeof value === 'string') return value;
  if (key === 'name' && typeof value === 'number') return String(value);
  wrongType(pending, entry, key, field, fileOf(pending, key), 'text', problems);
  return undefined;
}

function wrongType(pending: PendingEntry, entry: Entry, key: string, field: RawField, file: string, expected: string, problems: EntryProblems): void {
  problems.add(file, field.range, 'lore-wrong-type', `\`${key}\` of ${entry.name || pending.id} must be ${expected}.`);
}

function missingName(pending: PendingEntry, name: RawField | undefined, problems: EntryProblems): void {
  const at = name ? { file: fileOf(pending, 'name'), range: name.range } : pending.only?.fields.name ? { file: pending.location.file, range: pending.only.fields.name.range } : pending.location;
  problems.add(at.file, at.range, 'lore-missing-name', `Entry "${pending.id}" has an empty \`name\`: every entry needs one.`);
}

/** `lazy`: the entry's locations are made when first read (see locatedLater), these among them. */
function readAliases(pending: PendingEntry, entry: Entry, aliases: RawField, calendar: Calendar, problems: EntryProblems, lazy: boolean): void {
  const values = aliasValues(aliases);
  const aliasFile = fileOf(pending, 'aliases');
  if (!values) {
    wrongType(pending, entry, 'aliases', aliases, aliasFile, 'a list of names', problems);
    return;
  }
  const fieldLocations = lazy ? undefined : entry.fieldLocations;
  // Read once: a field of the fast reader makes its ranges when asked.
  const itemRanges = fieldLocations ? aliases.itemRanges : undefined;
  for (let index = 0; index < values.length; index++) {
    const alias: unknown = values[index];
    if (typeof alias === 'string' || typeof alias === 'number') {
      const text = typeof alias === 'string' ? alias.trim() : String(alias);
      if (text === '' || entry.aliases.includes(text)) continue;
      const range = itemRanges?.[index];
      if (fieldLocations && range) fieldLocations[aliasKey(entry.aliases.length)] = { file: aliasFile, range };
      entry.aliases.push(text);
    } else if (alias !== null && typeof alias === 'object' && !Array.isArray(alias)) {
      timedAlias(entry, aliases, alias as Record<string, unknown>, index, aliasFile, calendar, problems);
    } else {
      const range = aliases.itemRanges?.[index] ?? aliases.range;
      problems.add(aliasFile, range, 'lore-wrong-type', `Each alias of ${entry.name} must be text, or a timed alias such as { name: Locutus, from: 2366, until: 2367 }.`);
    }
  }
  // Copied to a list of its own length: grown by `push` from empty, it held room for 16 (a fifth of
  // a typed base's memory, kept as long as the base).
  if (entry.aliases.length > 0) entry.aliases = entry.aliases.slice();
  // Written once without dates, an alias holds at every date.
  if (entry.aliasSpans) {
    for (const alias of values) {
      const text = typeof alias === 'string' || typeof alias === 'number' ? String(alias).trim() : '';
      if (text !== '') delete entry.aliasSpans[text];
    }
    if (Object.keys(entry.aliasSpans).length === 0) delete entry.aliasSpans;
  }
}

/** A timed alias: { name: Locutus, from: 2366-06, until: 2367 }. */
function timedAlias(entry: Entry, aliases: RawField, alias: Record<string, unknown>, index: number, aliasFile: string, calendar: Calendar, problems: EntryProblems): void {
  const timed = readAliasItem(alias, index, aliases, aliasFile, entry.name, calendar, problems.callback());
  if (!timed) return;
  if (!entry.aliases.includes(timed.name)) {
    const range = aliases.itemFieldRanges?.[index]?.name ?? aliases.itemRanges?.[index];
    if (range) entry.fieldLocations[aliasKey(entry.aliases.length)] = { file: aliasFile, range };
    entry.aliases.push(timed.name);
  }
  entry.aliasSpans ??= {};
  (entry.aliasSpans[timed.name] ??= []).push(timed.span);
}

function invalidDate(pending: PendingEntry, entry: Entry, key: string, field: RawField, reason: string, calendar: Calendar, problems: EntryProblems): void {
  const fix = typeof field.value === 'string' ? normaliseDateText(field.value, calendar) : undefined;
  const meant = fix !== undefined ? ` Write it as \`${fix}\`.` : '';
  problems.add(fileOf(pending, key), field.range, 'lore-invalid-date', `\`${key}\` of ${entry.name}: ${reason}.${meant}`, fix);
}

function dateOrder(entry: Entry, start: 'born' | 'from', end: 'died' | 'until', calendar: Calendar, problems: EntryProblems): void {
  const at = entry.fieldLocations[end];
  problems.add(at.file, at.range, 'lore-date-order', `${entry.name} cannot have \`${end}\` ${whenInWords(entry[end]!, calendar)} before \`${start}\` ${whenInWords(entry[start]!, calendar)}.`);
  delete entry[end];
}

function readRelations(pending: PendingEntry, entry: Entry, relations: RawField, problems: EntryProblems): void {
  const { value } = relations;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    wrongType(pending, entry, 'relations', relations, fileOf(pending, 'relations'), 'a mapping of relation → id (e.g. `sister: soji-asha`)', problems);
    return;
  }
  const map = value as Record<string, unknown>;
  for (const relation of Object.keys(map)) {
    const target = map[relation];
    const targets = Array.isArray(target) ? (target as unknown[]) : [target];
    const ids: string[] = [];
    for (let t = 0; t < targets.length; t++) {
      const id = targets[t];
      if (typeof id === 'string') ids.push(id);
      else if (typeof id === 'number') ids.push(String(id));
    }
    if (ids.length !== targets.length) wrongType(pending, entry, `relations.${relation}`, relations, fileOf(pending, 'relations'), 'an id or a list of ids', problems);
    if (ids.length === 0) continue;
    if (entry.relations === NO_RELATIONS) entry.relations = {};
    entry.relations[relation] = ids.slice(); // a list of its own length (see readAliases)
  }
}

/** A descriptive field: kept and shown on the card as SPEC §1 says; a slip of a known field is worth a word. */
function readExtra(pending: PendingEntry, entry: Entry, key: string, field: RawField, calendar: Calendar, problems: EntryProblems): void {
  if (entry.extra === NO_EXTRA) entry.extra = {};
  entry.extra[key] = field.value;
  const meant = nearestField(key);
  if (meant !== undefined && !fieldAt(pending, meant)) {
    const at = field.keyRange ?? field.range;
    problems.add(fileOf(pending, key), at, 'lore-unknown-field', `\`${key}\` of ${entry.name} is no field Lorekeeper reads (it is shown on the card as is). Did you mean \`${meant}\`?`, meant);
  }
  if (isPeriodList(field.value)) {
    const periods = readPeriods(key, field.value, field, fileOf(pending, key), entry.name, calendar, problems.callback());
    if (periods.length > 0) (entry.periods ??= {})[key] = periods;
  }
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
    targets.forEach((target, index) => {
      if (byId.has(target) || unreadable.has(target)) return;
      const location = entry.fieldLocations.relations;
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
