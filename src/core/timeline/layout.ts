// Where everything of the timeline goes on a page of a given width: the scenes' columns (grouped
// when they crowd), the lanes chosen when there are too many to draw, and the marks on them. The
// SVG writer only serialises this. The number of drawn elements is bounded whatever the story's
// size: scenes closer than one column share it, and a column of many scenes is drawn as one count.
import { axisPosition, type Anchor } from './axis';
import { isContradiction, type TimelineEntry, type TimelineModel, type TimelineScene } from './model';
import type { StoryDate } from '../dates';

export interface LayoutOptions {
  /** Total width in pixels (default 1200). */
  width?: number;
  /** Lanes drawn at most (default 40); the others are counted in a footnote. */
  maxLanes?: number;
}

/** The lane names' column: 200 pixels, less on a narrow page. */
export const LABEL_GUTTER = 200;
export const MIN_WIDTH = 400;
export const RIGHT_PAD = 28;
/** Scenes closer than this share a column. */
export const COLUMN = 22;
/** Scenes stacked in one column before they are drawn as a count. */
export const STACK = 4;

export interface SceneColumn {
  x: number;
  /** Scenes in reading order; drawn one by one when at most STACK, else as one count. */
  scenes: TimelineScene[];
  aggregate: boolean;
}

export interface LaneMark {
  x: number;
  presence: boolean;
  contradiction: boolean;
  scenes: TimelineScene[];
}

export interface LaneLayout {
  entry: TimelineEntry;
  marks: LaneMark[];
}

export interface TimelineLayout {
  width: number;
  left: number;
  right: number;
  x(date: StoryDate, anchor?: Anchor): number;
  columns: SceneColumn[];
  /** Where each dated scene is drawn (its column's x). */
  sceneX: Map<string, number>;
  lanes: LaneLayout[];
  hiddenLanes: number;
  undated: TimelineScene[];
}

export function layoutTimeline(model: TimelineModel, options: LayoutOptions = {}): TimelineLayout {
  const width = Math.max(MIN_WIDTH, Math.round(options.width ?? 1200));
  const left = Math.round(Math.max(120, Math.min(LABEL_GUTTER, width * 0.2)));
  const right = width - RIGHT_PAD;
  const plot = right - left;
  const x = (date: StoryDate, anchor: Anchor = 'middle'): number => round(left + axisPosition(model.axis, date, anchor) * plot);

  // Scenes into columns of COLUMN pixels, by date.
  const byColumn = new Map<number, TimelineScene[]>();
  const undated: TimelineScene[] = [];
  for (const scene of model.scenes) {
    if (!scene.date) {
      undated.push(scene);
      continue;
    }
    const column = Math.min(Math.floor((x(scene.date) - left) / COLUMN), Math.floor(plot / COLUMN));
    const list = byColumn.get(column);
    if (list) list.push(scene);
    else byColumn.set(column, [scene]);
  }
  const columns: SceneColumn[] = [];
  const sceneX = new Map<string, number>();
  for (const [, scenes] of [...byColumn].sort((a, b) => a[0] - b[0])) {
    // One scene keeps its exact place; a crowd is drawn at the mean of its dates.
    const cx = scenes.length === 1 ? x(scenes[0].date!) : round(scenes.reduce((s, sc) => s + x(sc.date!), 0) / scenes.length);
    const clamped = Math.max(left + 10, Math.min(right - 10, cx));
    columns.push({ x: clamped, scenes, aggregate: scenes.length > STACK });
    for (const scene of scenes) sceneX.set(scene.id, clamped);
  }

  // Lanes: those with a contradiction always, then the most present, drawn in the model's order.
  const maxLanes = Math.max(1, options.maxLanes ?? 40);
  let chosen = model.entries;
  if (chosen.length > maxLanes) {
    const rank = [...model.entries].sort(
      (a, b) =>
        Number(b.scenes.some((s) => s.contradiction)) - Number(a.scenes.some((s) => s.contradiction)) ||
        b.presences - a.presences ||
        b.mentions - a.mentions ||
        (a.id < b.id ? -1 : 1),
    );
    const keep = new Set(rank.slice(0, maxLanes).map((e) => e.id));
    chosen = model.entries.filter((e) => keep.has(e.id));
  }
  const scenesById = new Map(model.scenes.map((s) => [s.id, s]));
  const lanes: LaneLayout[] = chosen.map((entry) => {
    const marks = new Map<number, LaneMark>();
    for (const ls of entry.scenes) {
      const sx = sceneX.get(ls.scene);
      if (sx === undefined) continue;
      const scene = scenesById.get(ls.scene)!;
      const mark = marks.get(sx);
      if (mark) {
        mark.presence ||= ls.presence;
        mark.contradiction ||= ls.contradiction;
        mark.scenes.push(scene);
      } else marks.set(sx, { x: sx, presence: ls.presence, contradiction: ls.contradiction, scenes: [scene] });
    }
    return { entry, marks: [...marks.values()].sort((a, b) => a.x - b.x) };
  });
  return { width, left, right, x, columns, sceneX, lanes, hiddenLanes: model.entries.length - chosen.length, undated };
}

export function sceneHasContradiction(model: TimelineModel, scene: TimelineScene): boolean {
  return scene.diagnostics.some((i) => isContradiction(model.diagnostics[i].severity));
}

export function round(n: number): number {
  return Math.round(n * 10) / 10;
}
