// The vocabulary of the whole product. The engine speaks it; the CLI and the extension translate it.

/**
 * A zero-based position in a text, in UTF-16 code units (what editors use). Positions and ranges
 * are values, never changed once made: the lore readers share one object among all the ranges of
 * the same value (src/core/lore/sharedRanges.ts).
 */
export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

/** Every diagnostic code of SPEC §3. `lore-*` codes are the lore base's own problems. */
export type CheckCode =
  | 'dead-character'
  | 'unborn-character'
  | 'nonexistent-entity'
  | 'wrong-date'
  | 'wrong-age'
  | 'wrong-elapsed-time'
  | 'unknown-name'
  | 'wrong-title'
  /** A scene marker or front matter whose date cannot be read (an extension of SPEC §3). */
  | 'invalid-scene-date'
  /** A manuscript that is binary, not UTF-8 or too large to check (an extension of SPEC §3). */
  | 'unreadable-manuscript'
  /** A scene marker with an unknown mode, or a marker-like comment that cannot be read (SPEC §3). */
  | 'invalid-scene-marker'
  | LoreProblemCode;

export type LoreProblemCode =
  | 'lore-invalid-yaml'
  | 'lore-missing-name'
  | 'lore-wrong-type'
  | 'lore-invalid-date'
  | 'lore-date-order'
  | 'lore-period-overlap'
  | 'lore-duplicate-id'
  | 'lore-duplicate-alias'
  | 'lore-unknown-relation'
  /** A field one slip from a known one (`bron` for `born`): kept, with a "did you mean" fix. */
  | 'lore-unknown-field'
  | 'lore-unreadable-file'
  | 'lore-unreadable-folder'
  /** A key written twice in one mapping of a lore file (an extension of SPEC §1). */
  | 'lore-duplicate-key'
  | 'lore-empty';

/** A finding, editor-agnostic. `file` is the path or URI string the file system adapter gave. */
export interface Diagnostic {
  file: string;
  range: Range;
  severity: Severity;
  code: CheckCode;
  message: string;
  /** The id of the lore entry concerned, where there is one. */
  entity?: string;
  /** The single correct replacement for the text at `range`, where one exists. */
  fix?: string;
}
