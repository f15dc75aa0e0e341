// The timeline's time axis: every year something happens in (a scene, a birth, a death, a
// founding, an event, a change of rank) gets room, in proportion to how busy it is; a run of
// years that nothing touches shrinks to a fixed-width break. A story spanning 1926–2017 with most
// scenes in 1997–1998 then gives those two years most of the width.
import type { StoryDate } from '../dates';
import { daysInMonth } from '../dates';

export interface AxisSegment {
  /** First absolute year of the segment (inclusive). */
  start: number;
  /** Year after its last year (exclusive). */
  end: number;
  /** Share of the width, relative to the other segments. */
  weight: number;
  /** A run of untouched years drawn as a break rather than to scale. */
  compressed: boolean;
}

export interface TimelineAxis {
  segments: AxisSegment[];
  totalWeight: number;
}

/** Untouched runs of at most this many years stay to scale (a short gap reads as a gap). */
const SHORT_GAP = 2;
const SHORT_GAP_WEIGHT = 0.35;
const BREAK_WEIGHT = 0.8;

/** `touched`: absolute year → how many scenes are set in it (0 for a year only lore touches). */
export function buildAxis(touched: Map<number, number>): TimelineAxis {
  const years = [...touched.keys()].sort((a, b) => a - b);
  const segments: AxisSegment[] = [];
  for (let i = 0; i < years.length; i++) {
    const year = years[i];
    const scenes = touched.get(year) ?? 0;
    segments.push({ start: year, end: year + 1, weight: 1 + Math.min(8, 1.5 * Math.log2(1 + scenes)), compressed: false });
    const next = years[i + 1];
    if (next === undefined) break;
    const gap = next - year - 1;
    if (gap <= 0) continue;
    if (gap <= SHORT_GAP) segments.push({ start: year + 1, end: next, weight: SHORT_GAP_WEIGHT * gap, compressed: false });
    else segments.push({ start: year + 1, end: next, weight: BREAK_WEIGHT, compressed: true });
  }
  return { segments, totalWeight: segments.reduce((sum, s) => sum + s.weight, 0) };
}

/** Where in its (imprecise) span a point is placed: a bar starts early and ends late. */
export type Anchor = 'start' | 'middle' | 'end';

/** The fraction of the year elapsed at a date, at its own precision. */
export function fractionOfYear(date: StoryDate, anchor: Anchor): number {
  const within = anchor === 'start' ? 0 : anchor === 'end' ? 1 : 0.5;
  if (date.month === undefined) return within;
  if (date.day === undefined) return (date.month - 1 + within) / 12;
  const days = daysInMonth(date.year, date.month);
  return (date.month - 1 + (date.day - 1 + within) / days) / 12;
}

/** Position of a date on the axis, 0 (left) to 1 (right); dates off the axis are clamped. */
export function axisPosition(axis: TimelineAxis, date: StoryDate, anchor: Anchor = 'middle'): number {
  const { segments, totalWeight } = axis;
  if (segments.length === 0 || totalWeight <= 0) return 0;
  if (date.year < segments[0].start) return 0;
  let before = 0;
  // Binary search for the segment holding the year.
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segments[mid].start <= date.year) lo = mid;
    else hi = mid - 1;
  }
  const segment = segments[lo];
  if (date.year >= segment.end) return 1;
  // Prefix sums are cheap to recompute lazily; cache them per axis.
  before = prefixOf(axis)[lo];
  const span = segment.end - segment.start;
  const inside = segment.compressed ? 0.5 : (date.year - segment.start + fractionOfYear(date, anchor)) / span;
  return (before + segment.weight * inside) / totalWeight;
}

const prefixes = new WeakMap<TimelineAxis, number[]>();

function prefixOf(axis: TimelineAxis): number[] {
  let prefix = prefixes.get(axis);
  if (!prefix) {
    prefix = [];
    let sum = 0;
    for (const segment of axis.segments) {
      prefix.push(sum);
      sum += segment.weight;
    }
    prefixes.set(axis, prefix);
  }
  return prefix;
}
