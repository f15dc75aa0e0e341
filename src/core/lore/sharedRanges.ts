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
 * An open-addressing hash table from two small integers to an object. Each slot is three adjacent
 * integers of one typed array (both keys and the value's place in a dense list of the values, in
 * the order they came): a look-up reads one slot, not three arrays, and the values are appended,
 * never written at random places of a sparse array of object slots that must be allocated, filled
 * and rehashed as the table grows (a cold start of a 10,000-entry canon spent about as much here
 * as the sharing saved). Full at MAX_SLOTS / 2, it starts again empty: what it handed out stays
 * valid, and a long-lived server keeps at most a few megabytes of it.
 */
class SharedTable<T> {
  /** Per slot: first key, second key, the value's index + 1 (0: empty). */
  private slots = new Int32Array(0);
  private values: T[] = [];
  private mask = -1;

  constructor(
    private readonly minSlots: number,
    private readonly maxSlots: number,
  ) {
    this.reset(minSlots);
  }

  get(a: number, b: number): T | undefined {
    const { slots, mask } = this;
    for (let slot = hash(a, b) & mask; ; slot = (slot + 1) & mask) {
      const at = slot * 3;
      const index = slots[at + 2];
      if (index === 0) return undefined;
      if (slots[at] === a && slots[at + 1] === b) return this.values[index - 1];
    }
  }

  /** After `get` gave undefined for the same key. */
  set(a: number, b: number, value: T): void {
    if (2 * (this.values.length + 1) > this.mask + 1) {
      if (this.mask + 1 >= this.maxSlots) this.reset(this.minSlots);
      else this.grow();
    }
    this.values.push(value);
    this.place(a, b, this.values.length);
  }

  private place(a: number, b: number, index: number): void {
    const { slots, mask } = this;
    let slot = hash(a, b) & mask;
    while (slots[slot * 3 + 2] !== 0) slot = (slot + 1) & mask;
    slots[slot * 3] = a;
    slots[slot * 3 + 1] = b;
    slots[slot * 3 + 2] = index;
  }

  private reset(slots: number): void {
    this.slots = new Int32Array(slots * 3);
    this.values = [];
    this.mask = slots - 1;
  }

  /**
   * More slots (four times while the table is small, then twice; at most maxSlots), the values kept
   * where they are in their list: a cold start fills the table from empty, and each growth places
   * every value again.
   */
  private grow(): void {
    const old = this.slots;
    const size = this.mask + 1;
    const slots = Math.min(this.maxSlots, size < 1 << 16 ? size * 4 : size * 2);
    this.slots = new Int32Array(slots * 3);
    this.mask = slots - 1;
    for (let at = 0; at < old.length; at += 3) if (old[at + 2] !== 0) this.place(old[at], old[at + 1], old[at + 2]);
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
