// The source ranges of parsed lore, made once per distinct value and shared. A 50,000-entry canon
// has about a million field, key and item ranges (three objects each: the range and its two
// positions) but only some 220,000 distinct ranges and 120,000 distinct positions, because its
// files are laid out alike (line 37, column 2 is a key in every file). Fresh objects for each were
// most of what a cold check of such a canon peaked at. Ranges are values (their fields are readonly,
// src/core/types.ts): a consumer that wrote into a shared one would move other fields' too. (Not
// frozen: Object.freeze cost more than the sharing saved.)
import type { Position, Range } from '../types';

/** Columns below this and lines below LINES are shared (keys `line * COLUMNS + character` fit 31 bits); others are made fresh. */
const COLUMNS = 1 << 10;
const LINES = 1 << 21;

/**
 * An open-addressing hash table from two small integers to an object, in typed arrays: a look-up
 * reads one or two adjacent slots (a Map of a few hundred thousand keys cost several cache misses
 * each, as much as the allocation it saved). Full at MAX_SLOTS / 2, it starts again empty: what it
 * handed out stays valid, and a long-lived server keeps at most a few megabytes of it.
 */
class SharedTable<T> {
  private first = new Int32Array(0);
  private second = new Int32Array(0);
  private values: Array<T | undefined> = [];
  private mask = -1;
  private count = 0;

  constructor(
    private readonly minSlots: number,
    private readonly maxSlots: number,
  ) {
    this.reset(minSlots);
  }

  get(a: number, b: number): T | undefined {
    const { first, second, mask } = this;
    for (let slot = hash(a, b) & mask; ; slot = (slot + 1) & mask) {
      const key = first[slot];
      if (key === -1) return undefined;
      if (key === a && second[slot] === b) return this.values[slot];
    }
  }

  /** After `get` gave undefined for the same key. */
  set(a: number, b: number, value: T): void {
    if (2 * (this.count + 1) > this.first.length) {
      if (this.first.length >= this.maxSlots) this.reset(this.minSlots);
      else this.grow();
    }
    const { first, second, mask } = this;
    let slot = hash(a, b) & mask;
    while (first[slot] !== -1) slot = (slot + 1) & mask;
    first[slot] = a;
    second[slot] = b;
    this.values[slot] = value;
    this.count++;
  }

  private reset(slots: number): void {
    this.first = new Int32Array(slots).fill(-1);
    this.second = new Int32Array(slots);
    this.values = new Array<T | undefined>(slots).fill(undefined);
    this.mask = slots - 1;
    this.count = 0;
  }

  private grow(): void {
    const { first, second, values } = this;
    this.reset(first.length * 2);
    for (let slot = 0; slot < first.length; slot++) if (first[slot] !== -1) this.set(first[slot], second[slot], values[slot]!);
  }
}

/** Both keys mixed into every bit (murmur3's finaliser): a table index from the low bits must not cluster. */
function hash(a: number, b: number): number {
  let h = a ^ Math.imul(b, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

const positions = new SharedTable<Position>(1 << 12, 1 << 20);
const ranges = new SharedTable<Range>(1 << 12, 1 << 21);

function isShared(line: number, character: number): boolean {
  return line >= 0 && line < LINES && character >= 0 && character < COLUMNS;
}

export function sharedPosition(line: number, character: number): Position {
  if (!isShared(line, character)) return { line, character };
  const key = line * COLUMNS + character;
  let position = positions.get(key, 0);
  if (position === undefined) {
    position = { line, character };
    positions.set(key, 0, position);
  }
  return position;
}

/** The range from (startLine, startCharacter) to (endLine, endCharacter), shared with every other range of the same value. */
export function sharedRange(startLine: number, startCharacter: number, endLine: number, endCharacter: number): Range {
  const lines = endLine - startLine;
  if (!isShared(startLine, startCharacter) || !isShared(lines, endCharacter)) return { start: sharedPosition(startLine, startCharacter), end: sharedPosition(endLine, endCharacter) };
  const a = startLine * COLUMNS + startCharacter;
  const b = lines * COLUMNS + endCharacter;
  let range = ranges.get(a, b);
  if (range === undefined) {
    range = { start: sharedPosition(startLine, startCharacter), end: sharedPosition(endLine, endCharacter) };
    ranges.set(a, b, range);
  }
  return range;
}
