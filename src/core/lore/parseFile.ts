// One lore file's text → plain, JSON-serialisable entries with the source range of every field.
// Calendar-independent on purpose: the result can be cached by content hash and reused.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import type { Diagnostic, Range } from '../types';
import { defaultId } from './entry';

export interface RawField {
  /** The plain JS value (string, number, boolean, null, array, object). */
  value: unknown;
  /** Where the value node is (the key, for a field with no value). */
  range: Range;
  /** Where the field's key is (for a fix of the field's name). */
  keyRange?: Range;
  /** Ranges of the items when the value is a list (aliases). */
  itemRanges?: Range[];
  /** Ranges of each key's value when the value is a mapping (relations). */
  entryRanges?: Record<string, Range | Range[]>;
}

export interface RawEntry {
  /** The entry mapping's own range. */
  range: Range;
  /** Fields in the order written. */
  fields: Record<string, RawField>;
}

export interface RawSettings {
  title?: RawField;
  calendar?: RawField;
  lore?: RawField;
  range: Range;
}

export interface ParsedLoreFile {
  path: string;
  entries: RawEntry[];
  settings?: RawSettings;
  /** Problems found in this file alone (invalid YAML, a non-mapping entry). */
  problems: Diagnostic[];
  /**
   * In a file that is not valid YAML, the ids its `name:` and `id:` lines would give: entries the
   * error may have swallowed, so that relations to them are not reported as well (no cascade).
   */
  unreadableIds?: string[];
}

const SETTINGS_KEYS = new Set(['calendar', 'title']);

export function parseLoreFile(path: string, text: string): ParsedLoreFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const rangeOf = (start: number, end: number): Range => {
    const a = lineCounter.linePos(start);
    const b = lineCounter.linePos(Math.max(start, end));
    return { start: { line: a.line - 1, character: a.col - 1 }, end: { line: b.line - 1, character: b.col - 1 } };
  };
  const nodeRange = (node: YamlNode | null | undefined, fallback: Range): Range =>
    node?.range ? rangeOf(node.range[0], node.range[1]) : fallback;

  const result: ParsedLoreFile = { path, entries: [], problems: [] };
  const errorOffsets = doc.errors.map((error) => error.pos[0]);
  const whole = rangeOf(0, 0);
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    result.problems.push({
      file: path,
      range: rangeOf(error.pos[0], error.pos[1]),
      severity: 'error',
      code: 'lore-invalid-yaml',
      message: `Invalid YAML: ${error.message.split('\n')[0]}`,
    });
    // One slip must not take the rest of the base with it: the parser recovers the entries
    // around the error, and only the one real error is reported (no cascade into other files).
    result.unreadableIds = [...text.matchAll(/^[ \t-]*(?:name|id)[ \t]*:[ \t]*["']?([^"'#\n]+?)["']?[ \t]*(?:#.*)?$/gm)].map((m) => defaultId(m[1]));
    if (!isSeq(doc.contents) && !isMap(doc.contents)) return result;
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return result;

  const readEntry = (node: unknown): void => {
    if (!isMap(node)) {
      result.problems.push({
        file: path,
        range: nodeRange(node as YamlNode, whole),
        severity: 'error',
        code: 'lore-wrong-type',
        message: 'A lore entry must be a mapping of fields (name: …, kind: …).',
      });
      return;
    }
    const entry: RawEntry = { range: nodeRange(node, whole), fields: {} };
    // In the entry a YAML error falls in, only the fields written before the error are trusted.
    const errorAt = node.range ? errorOffsets.find((at) => at >= node.range![0] && at < node.range![2]) : undefined;
    for (const pair of node.items) {
      if (pair.key === null || pair.key === undefined) continue; // left by the parser's recovery
      const keyStart = (pair.key as YamlNode).range?.[0];
      if (errorAt !== undefined && (keyStart === undefined || keyStart >= errorAt)) continue;
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const valueNode = pair.value as YamlNode | null;
      const keyRange = nodeRange(pair.key as YamlNode, entry.range);
      const field: RawField = {
        value: valueNode ? (valueNode as { toJSON(): unknown }).toJSON() : null,
        range: valueNode ? nodeRange(valueNode, keyRange) : keyRange,
        keyRange,
      };
      if (isSeq(valueNode)) field.itemRanges = valueNode.items.map((item) => nodeRange(item as YamlNode, field.range));
      if (isMap(valueNode)) {
        field.entryRanges = {};
        for (const inner of valueNode.items) {
          const innerKey = isScalar(inner.key) ? String(inner.key.value) : String(inner.key);
          const innerValue = inner.value as YamlNode | null;
          field.entryRanges[innerKey] = isSeq(innerValue)
            ? innerValue.items.map((item) => nodeRange(item as YamlNode, field.range))
            : nodeRange(innerValue, field.range);
        }
      }
      // A repeated key: the last one wins, as in YAML's plain reading.
      entry.fields[key] = field;
    }
    result.entries.push(entry);
  };

  if (isSeq(root)) {
    for (const item of root.items) readEntry(item);
  } else if (isMap(root)) {
    const keys = root.items.map((pair) => (isScalar(pair.key) ? String(pair.key.value) : ''));
    if (keys.includes('entries') && !keys.includes('name')) {
      const entries = root.get('entries', true);
      if (isSeq(entries)) for (const item of entries.items) readEntry(item);
      else if (entries !== null && entries !== undefined) readEntry(entries);
    } else if (!keys.includes('name') && keys.some((key) => SETTINGS_KEYS.has(key))) {
      const settings: RawSettings = { range: nodeRange(root, whole) };
      for (const pair of root.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        if (key !== 'title' && key !== 'calendar' && key !== 'lore') continue;
        const valueNode = pair.value as YamlNode | null;
        settings[key] = {
          value: valueNode ? (valueNode as { toJSON(): unknown }).toJSON() : null,
          range: nodeRange(valueNode ?? (pair.key as YamlNode), settings.range),
        };
      }
      result.settings = settings;
    } else {
      readEntry(root);
    }
  } else {
    readEntry(root);
  }
  return result;
}
