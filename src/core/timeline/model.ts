// The timeline model (SPEC §7): the story's scenes against its canon, as plain data. Built from the
// lore and the checked manuscripts; the SVG, the HTML page, the JSON output and the editor's
// webview all draw from it. Pure and linear in the size of the checks.
import { formatStoryDate, type Calendar, type StoryDate } from '../dates';
import type { ManuscriptCheck } from '../check';
import type { LoreBase } from '../lore/base';
import { endOf, isBeing, startOf, type Entry } from '../lore/entry';
import { offsetAt, sceneAt, SUSPENDING_MODES, type Manuscript, type Scene } from '../manuscript';
import type { Diagnostic, Severity } from '../types';
import { buildAxis, type TimelineAxis } from './axis';
import { timedFacts, type TimedFact } from './facts';

export interface TimelineScene {
  /** `s<order>`: stable for one model, used by the drawings and the editor to name a scene. */
  id: string;
  /** Reading order, from 1: files in the order given, scenes in the order written. */
  order: number;
  file: string;
  /** 1-based line where the scene starts (its marker, or the top of the file). */
  line: number;
  /** 1-based last line of the scene. */
  endLine: number;
  /** The scene's first heading, if it has one (`II.`, `Chapter One`). */
  title?: string;
  date?: StoryDate;
  /** The date in the base's own notation (`19 BBY`, `2399-09`). */
  dateLabel?: string;
  /** `normal` unless a marker says otherwise (`dream`, `memory`…). */
  mode: string;
  /** The presence checks are suspended (a dream, a memory…). */
  suspended: boolean;
  words: number;
  /** Ids of the entries present (acting, speaking, the place of the action). */
  present: string[];
  /** Ids of every entry mentioned, present or only talked about. */
  mentioned: string[];
  /** Indices into the model's `diagnostics`. */
  diagnostics: number[];
}

export interface TimelineFact extends TimedFact {
  fromLabel?: string;
  untilLabel?: string;
}

export interface LaneScene {
  scene: string;
  presence: boolean;
  /** A warning or error about this entry in this scene. */
  contradiction: boolean;
}

/** A lane: one entry the manuscripts mention, with its life or existence. */
export interface TimelineEntry {
  id: string;
  name: string;
  kind: string;
  /** A living being (born/died) rather than a thing that begins and ends (from/until). */
  being: boolean;
  start?: StoryDate;
  end?: StoryDate;
  startLabel?: string;
  endLabel?: string;
  startField?: 'born' | 'from';
  endField?: 'died' | 'until';
  facts: TimelineFact[];
  /** Scenes that mention it, in reading order. */
  scenes: LaneScene[];
  mentions: number;
  presences: number;
  summary?: string;
  /** Where the entry is defined in the lore (1-based line). */
  file: string;
  line: number;
}

export interface TimelineEvent {
  id: string;
  name: string;
  date?: StoryDate;
  from?: StoryDate;
  until?: StoryDate;
  /** The date or span in the base's notation. */
  label: string;
  /** Some manuscript names it. */
  mentioned: boolean;
  /** Scenes with a contradiction about it. */
  contradictions: string[];
  summary?: string;
  file: string;
  line: number;
}

/** A diagnostic as `lorekeeper check --format json` writes it (SPEC §4), placed on its scene. */
export interface TimelineDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  message: string;
  entity?: string;
  fix?: string;
  scene?: string;
}

export interface TimelineModel {
  version: 1;
  title?: string;
  /** The base's calendar, so that every drawing writes years in its eras (`19 BBY`). */
  calendar: Calendar;
  scenes: TimelineScene[];
  entries: TimelineEntry[];
  events: TimelineEvent[];
  diagnostics: TimelineDiagnostic[];
  axis: TimelineAxis;
}

const LETTER = /\p{L}/gu;
// One collator for every sort: String#localeCompare builds one per call.
const byName = new Intl.Collator('en');

export function isContradiction(severity: Severity): boolean {
  return severity === 'warning' || severity === 'error';
}

/** The timeline of the checked manuscripts, in reading order, against the lore base. */
export function buildTimeline(base: LoreBase, checks: readonly ManuscriptCheck[]): TimelineModel {
  const calendar = base.calendar;
  const label = (date: StoryDate): string => formatStoryDate(date, calendar);
  const scenes: TimelineScene[] = [];
  const diagnostics: TimelineDiagnostic[] = [];
  const laneScenes = new Map<string, LaneScene[]>();
  const mentionCounts = new Map<string, { mentions: number; presences: number }>();
  const eventContradictions = new Map<string, string[]>();

  for (const check of checks) {
    const m = check.manuscript;
    const ends = m.scenes.map((_, i) => (i + 1 < m.scenes.length ? m.scenes[i + 1].start : m.text.length));
    // Diagnostics first: a scene with something to say is never left out, however short.
    const byScene = new Map<Scene, Diagnostic[]>();
    for (const d of check.diagnostics) {
      const scene = sceneAt(m, offsetAt(m.lineStarts, d.range.start));
      const list = byScene.get(scene);
      if (list) list.push(d);
      else byScene.set(scene, [d]);
    }
    const mentions = check.scan.mentions;
    let k = 0;
    m.scenes.forEach((scene, i) => {
      const end = ends[i];
      const sceneMentions: typeof mentions = [];
      while (k < mentions.length && mentions[k].start < end) {
        if (mentions[k].start >= scene.start) sceneMentions.push(mentions[k]);
        k++;
      }
      const found = byScene.get(scene) ?? [];
      if (found.length === 0 && sceneMentions.length === 0 && !hasProse(m, scene.start, end)) return;
      const order = scenes.length + 1;
      const id = `s${order}`;
      const present = new Set<string>();
      const mentioned = new Set<string>();
      for (const mention of sceneMentions) {
        const entryId = mention.entry.id;
        mentioned.add(entryId);
        if (mention.presence) present.add(entryId);
        let counts = mentionCounts.get(entryId);
        if (!counts) mentionCounts.set(entryId, (counts = { mentions: 0, presences: 0 }));
        counts.mentions++;
        if (mention.presence) counts.presences++;
      }
      const indices: number[] = [];
      const contradicted = new Set<string>();
      for (const d of found) {
        indices.push(diagnostics.length);
        diagnostics.push(toTimelineDiagnostic(d, id));
        if (d.entity && isContradiction(d.severity)) {
          contradicted.add(d.entity);
          if (base.byId.get(d.entity)?.kind === 'event') {
            const list = eventContradictions.get(d.entity) ?? [];
            if (!list.includes(id)) list.push(id);
            eventContradictions.set(d.entity, list);
          }
        }
      }
      for (const entryId of mentioned) {
        let list = laneScenes.get(entryId);
        if (!list) laneScenes.set(entryId, (list = []));
        list.push({ scene: id, presence: present.has(entryId), contradiction: contradicted.has(entryId) });
      }
      const mode = scene.mode ?? 'normal';
      const firstLine = lineNumber(m, scene.start);
      const lastLine = lineNumber(m, Math.max(scene.start, end - 1));
      const title = headingIn(m, scene.start, end);
      scenes.push({
        id,
        order,
        file: m.path,
        line: firstLine,
        endLine: lastLine,
        ...(title ? { title } : {}),
        ...(scene.date ? { date: scene.date, dateLabel: label(scene.date) } : {}),
        mode,
        suspended: SUSPENDING_MODES.has(mode),
        words: countWords(m.prose, scene.start, end),
        present: [...present].sort(),
        mentioned: [...mentioned].sort(),
        diagnostics: indices,
      });
    });
  }

  const entries: TimelineEntry[] = [];
  for (const [id, list] of laneScenes) {
    const entry = base.byId.get(id);
    if (!entry || entry.kind === 'event') continue;
    const counts = mentionCounts.get(id) ?? { mentions: 0, presences: 0 };
    entries.push(toLane(entry, list, counts, base));
  }
  entries.sort((a, b) => compareStarts(a.start, b.start) || byName.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const events: TimelineEvent[] = [];
  for (const entry of base.entries) {
    if (entry.kind !== 'event') continue;
    const date = entry.date ?? entry.from;
    if (!date && !entry.until) continue;
    const where = entry.fieldLocations.name ?? entry.location;
    events.push({
      id: entry.id,
      name: entry.name,
      ...(entry.date ? { date: entry.date } : {}),
      ...(entry.from ? { from: entry.from } : {}),
      ...(entry.until ? { until: entry.until } : {}),
      label: eventLabel(entry, label),
      mentioned: laneScenes.has(entry.id),
      contradictions: eventContradictions.get(entry.id) ?? [],
      ...(entry.summary ? { summary: entry.summary } : {}),
      file: where.file,
      line: where.range.start.line + 1,
    });
  }
  events.sort((a, b) => compareStarts(a.date ?? a.from ?? a.until, b.date ?? b.from ?? b.until) || byName.compare(a.name, b.name));

  // The years something touches: scenes, the lanes' ends and changes, the events named.
  const touched = new Map<number, number>();
  const touch = (date: StoryDate | undefined, scenesThere = 0): void => {
    if (date) touched.set(date.year, (touched.get(date.year) ?? 0) + scenesThere);
  };
  for (const scene of scenes) touch(scene.date, 1);
  for (const lane of entries) {
    touch(lane.start);
    touch(lane.end);
    for (const fact of lane.facts) {
      touch(fact.from);
      touch(fact.until);
    }
  }
  for (const event of events) {
    if (!event.mentioned) continue;
    touch(event.date);
    touch(event.from);
    touch(event.until);
  }

  return {
    version: 1,
    ...(base.title ? { title: base.title } : {}),
    calendar: base.calendar,
    scenes,
    entries,
    events,
    diagnostics,
    axis: buildAxis(touched),
  };
}

function toLane(entry: Entry, scenes: LaneScene[], counts: { mentions: number; presences: number }, base: LoreBase): TimelineEntry {
  const label = (date: StoryDate): string => formatStoryDate(date, base.calendar);
  const start = startOf(entry);
  const end = endOf(entry);
  const where = entry.fieldLocations.name ?? entry.location;
  const facts: TimelineFact[] = timedFacts(entry, base.calendar).map((fact) => ({
    ...fact,
    ...(fact.from ? { fromLabel: label(fact.from) } : {}),
    ...(fact.until ? { untilLabel: label(fact.until) } : {}),
  }));
  return {
    id: entry.id,
    name: entry.name,
    kind: entry.kind,
    being: isBeing(entry),
    ...(start ? { start, startLabel: label(start), startField: entry.born ? 'born' : 'from' } : {}),
    ...(end ? { end, endLabel: label(end), endField: entry.died ? 'died' : 'until' } : {}),
    facts,
    scenes,
    mentions: counts.mentions,
    presences: counts.presences,
    ...(entry.summary ? { summary: entry.summary } : {}),
    file: where.file,
    line: where.range.start.line + 1,
  };
}

function eventLabel(entry: Entry, label: (d: StoryDate) => string): string {
  if (entry.date) return label(entry.date);
  if (entry.from && entry.until) return `${label(entry.from)} – ${label(entry.until)}`;
  if (entry.from) return `from ${label(entry.from)}`;
  return `until ${label(entry.until!)}`;
}

/** Undefined starts (no date in the lore) sort last. */
function compareStarts(a: StoryDate | undefined, b: StoryDate | undefined): number {
  if (!a || !b) return a ? -1 : b ? 1 : 0;
  return a.year - b.year || (a.month ?? 0) - (b.month ?? 0) || (a.day ?? 0) - (b.day ?? 0);
}

function toTimelineDiagnostic(d: Diagnostic, scene: string): TimelineDiagnostic {
  return {
    file: d.file,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    severity: d.severity,
    code: d.code,
    message: d.message,
    ...(d.entity !== undefined ? { entity: d.entity } : {}),
    ...(d.fix !== undefined ? { fix: d.fix } : {}),
    scene,
  };
}

function lineNumber(m: Manuscript, offset: number): number {
  const starts = m.lineStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** Whether the scene has words of prose outside its headings (a title alone is no scene). */
function hasProse(m: Manuscript, start: number, end: number): boolean {
  LETTER.lastIndex = start;
  for (let found = LETTER.exec(m.prose); found && found.index < end; found = LETTER.exec(m.prose)) {
    const heading = m.headings.find(([from, to]) => found!.index >= from && found!.index < to);
    if (!heading) return true;
    LETTER.lastIndex = heading[1];
  }
  return false;
}

function headingIn(m: Manuscript, start: number, end: number): string | undefined {
  for (const [from, to] of m.headings) {
    if (from < start) continue;
    if (from >= end) break;
    const text = m.text
      .slice(from, to)
      .split('\n')[0]
      .replace(/^\s{0,3}#{1,6}\s*/, '')
      .replace(/\s*#*\s*$/, '')
      .trim();
    if (text) return text.length > 60 ? `${text.slice(0, 59)}…` : text;
  }
  return undefined;
}

function countWords(prose: string, start: number, end: number): number {
  // A word starts where a letter or digit follows something else; a char loop is ten times a regex.
  let n = 0;
  let inWord = false;
  for (let i = start; i < end; i++) {
    const c = prose.charCodeAt(i);
    const wordy = c > 127 ? c !== 0x2014 && c !== 0x2013 && c !== 0x2019 && c !== 0x201c && c !== 0x201d && c !== 0xa0 : (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);
    if (wordy && !inWord) n++;
    inWord = wordy;
  }
  return n;
}
