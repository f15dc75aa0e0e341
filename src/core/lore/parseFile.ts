// One lore file's text → plain, JSON-serialisable entries with the source range of every field.
// Calendar-independent on purpose: the result can be cached by content hash and reused.
import { computeLineStarts, lineOf } from '../manuscript';
import { isAlias, isMap, isScalar, isSeq, parseDocument, visit, type Document, type Node as YamlNode, type Pair } from 'yaml';
import type { Diagnostic, Range } from '../types';
import { defaultId } from './entry';
import { sharedRange } from './sharedRanges';
import { parseSimpleLoreFile } from './simpleParse';

export interface RawField {
  /** The plain JS value (string, number, boolean, null, array, object). */
  value: unknown;
  /** Where the value node is (the key, for a field with no value). */
  range: Range;
  /** Where the field's key is (for a fix of the field's name). */
  keyRange?: Range;
  /** Ranges of the items when the value is a list (aliases). */
  itemRanges?: Range[];
  /** For a list, the ranges of each mapping item's values by key (a period's `from`, a timed alias's `name`). */
  itemFieldRanges?: Array<Record<string, Range> | undefined>;
  /** Ranges of each key's value when the value is a mapping (relations). */
  entryRanges?: Record<string, Range | Range[]>;
  /** Ranges of the nodes inside the value, by path (`eras.1.offset`), for problems deep in it (calendar). */
  pathRanges?: Record<string, Range>;
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

/**
 * Values read from one file may hold at most this many nodes more than the file has characters:
 * aliases and merge keys that expand beyond it (the "billion laughs") make the file a problem,
 * read in linear time, never a hang.
 */
const EXPANSION_ALLOWANCE = 10_000;

export function parseLoreFile(path: string, source: string): ParsedLoreFile {
  // The YAML library reads LF and CRLF only: a lone CR (old Mac files) becomes LF, offsets kept.
  const text = withoutLoneCr(source);
  // Plain block YAML (what the importer writes) has a reader twenty times faster; it gives the same result.
  return parseSimpleLoreFile(path, text) ?? parseLoreFileWithYaml(path, text);
}

/** A lone CR as LF (most files have none: a scan for one is cheaper than the regex's replace). */
function withoutLoneCr(source: string): string {
  return source.includes('\r') ? source.replace(/\r(?!\n)/g, '\n') : source;
}

/** parseLoreFile through the `yaml` document model only (any YAML; the reference for the fast reader). */
export function parseLoreFileWithYaml(path: string, source: string): ParsedLoreFile {
  const text = withoutLoneCr(source);
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, merge: true }) as Document.Parsed;
  // Lines counted as editors count them (the library's own counter misses some after a directive).
  const lineStarts = computeLineStarts(text);
  const rangeOf = (start: number, end: number): Range => {
    const clamp = (offset: number): number => {
      const at = Math.max(0, Math.min(offset, text.length));
      return text[at] === '\n' && text[at - 1] === '\r' ? at - 1 : at; // never between CR and LF
    };
    const from = clamp(start);
    const to = clamp(Math.max(start, end));
    const fromLine = lineOf(lineStarts, from);
    const toLine = lineOf(lineStarts, to);
    return sharedRange(fromLine, from - lineStarts[fromLine], toLine, to - lineStarts[toLine]);
  };
  const nodeRange = (node: YamlNode | null | undefined, fallback: Range): Range =>
    node?.range ? rangeOf(node.range[0], node.range[1]) : fallback;

  const result: ParsedLoreFile = { path, entries: [], problems: [] };
  const whole = rangeOf(0, 0);
  const fatal = doc.errors.filter((error) => error.code !== 'DUPLICATE_KEY');
  const errorOffsets = fatal.map((error) => error.pos[0]);
  if (fatal.length > 0) {
    const error = fatal[0];
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
  // A repeated key is an error the writer must see (YAML would silently keep the last one).
  for (const error of doc.errors) {
    if (error.code !== 'DUPLICATE_KEY') continue;
    const key = /^(?:"[^"\n]*"|'[^'\n]*'|[^:\n]*)/.exec(text.slice(error.pos[0], error.pos[0] + 80))![0].trim();
    result.problems.push({
      file: path,
      range: rangeOf(error.pos[0], error.pos[0] + key.length),
      severity: 'error',
      code: 'lore-duplicate-key',
      message: `The key ${key.length > 0 ? `"${key}" ` : ''}appears twice in one mapping: only the last value is used. Remove or rename one of them.`,
    });
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return result;

  // An alias stands for the node its anchor last named before it, in document order. One walk
  // finds them all: the library's own resolve() walks the document again for every alias.
  const targets = new Map<unknown, YamlNode>();
  const anchors = new Map<string, YamlNode>();
  visit(doc, {
    Alias(_key, alias) {
      const target = anchors.get(alias.source);
      if (target) targets.set(alias, target);
    },
    Node(_key, node) {
      if (node.anchor) anchors.set(node.anchor, node);
    },
  });
  const resolved = (node: unknown): unknown => (isAlias(node) ? targets.get(node) ?? null : node);
  let budget = text.length + EXPANSION_ALLOWANCE;
  let aliasFailure = false;
  const spend = (): boolean => {
    if (--budget < 0) aliasFailure = true;
    return !aliasFailure;
  };
  /** The plain JS value of a node, aliases and merge keys resolved, within the expansion budget. */
  const toValue = (written: unknown, depth = 0): unknown => {
    const node = resolved(written);
    if (node === null || node === undefined || !spend() || depth > 100) {
      if (depth > 100) aliasFailure = true;
      return null;
    }
    if (isScalar(node)) return node.toJSON();
    if (isSeq(node)) return node.items.map((item) => toValue(item, depth + 1));
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      for (const { pair } of pairsOf(node)) {
        // defineProperty: a key `__proto__` is a field like any other, never the object's prototype.
        Object.defineProperty(out, keyOf(pair), { value: toValue(pair.value, depth + 1), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return null;
  };
  const keyOf = (pair: Pair): string => (isScalar(pair.key) ? String(pair.key.value) : String(pair.key));
  const isMergeKey = (pair: Pair): boolean => isScalar(pair.key) && (typeof pair.key.value === 'symbol' || pair.key.value === '<<');

  /**
   * A mapping's pairs with its merge keys (`<<: *base`) expanded; keys written in the mapping win.
   * `at` is where an inherited pair shows in this mapping: the merge key's value.
   */
  const pairsOf = (map: unknown, depth = 0): Array<{ pair: Pair; at?: YamlNode }> => {
    const node = resolved(map);
    if (!isMap(node) || depth > 32) return [];
    const own = node.items.filter((pair) => !isMergeKey(pair));
    const ownKeys = new Set(own.map(keyOf));
    const merged: Array<{ pair: Pair; at?: YamlNode }> = [];
    for (const pair of node.items) {
      if (!isMergeKey(pair)) continue;
      const value = resolved(pair.value);
      const sources = isSeq(value) ? value.items : [value];
      for (const source of sources) {
        for (const inherited of pairsOf(source, depth + 1)) {
          if (!spend()) return [];
          const key = keyOf(inherited.pair);
          if (ownKeys.has(key)) continue;
          ownKeys.add(key);
          merged.push({ pair: inherited.pair, at: (isSeq(value) && !isAlias(source) ? inherited.at : undefined) ?? ((isSeq(value) ? source : pair.value) as YamlNode) });
        }
      }
    }
    return [...merged, ...own.map((pair) => ({ pair }))];
  };

  /** Ranges of every node under `node`, by dotted path, to place a problem deep inside a value. */
  const pathRanges = (node: unknown, prefix: string, out: Record<string, Range>, depth = 0): Record<string, Range> => {
    const at = resolved(node);
    if (depth > 8) return out;
    if (isSeq(at)) {
      at.items.forEach((item, i) => {
        const key = `${prefix}${i}`;
        out[key] = nodeRange(item as YamlNode, whole);
        pathRanges(item, `${key}.`, out, depth + 1);
      });
    } else if (isMap(at)) {
      for (const { pair, at: shown } of pairsOf(at)) {
        const key = `${prefix}${keyOf(pair)}`;
        out[key] = nodeRange((shown ?? pair.value ?? pair.key) as YamlNode, whole);
        pathRanges(pair.value, `${key}.`, out, depth + 1);
      }
    }
    return out;
  };

  /**
   * One field. Problems in a value that an alias or a merge key brought in are placed at that alias
   * (`shown`), in the entry that uses it, not at the anchor where another entry wrote it.
   */
  const readField = (pair: Pair, fallback: Range, shown?: YamlNode): RawField => {
    const written = pair.value as YamlNode | null;
    const valueNode = resolved(written) as YamlNode | null;
    const keyRange = nodeRange(pair.key as YamlNode, fallback);
    const where = shown ?? (isAlias(written) ? written : undefined);
    const field: RawField = { value: toValue(written), range: where ? nodeRange(where, keyRange) : written ? nodeRange(written, keyRange) : keyRange, keyRange };
    const inside = (node: unknown): Range => (where ? field.range : nodeRange(node as YamlNode, field.range));
    if (isSeq(valueNode)) {
      field.itemRanges = valueNode.items.map(inside);
      if (valueNode.items.some((item) => isMap(resolved(item)))) {
        // A list of periods or timed aliases: where each item's `from`, `until`, `name`… is written.
        field.itemFieldRanges = valueNode.items.map((item, i) => {
          const map = resolved(item);
          if (!isMap(map)) return undefined;
          const ranges: Record<string, Range> = {};
          for (const { pair: inner, at } of pairsOf(map)) {
            ranges[keyOf(inner)] = where ? field.range : at ? inside(at) : nodeRange((inner.value as YamlNode | null) ?? (inner.key as YamlNode), field.itemRanges![i]);
          }
          return ranges;
        });
      }
    }
    if (isMap(valueNode)) {
      field.entryRanges = {};
      for (const { pair: inner, at } of pairsOf(valueNode)) {
        const innerValue = resolved(inner.value) as YamlNode | null;
        field.entryRanges[keyOf(inner)] = isSeq(innerValue) ? innerValue.items.map(at ? () => inside(at) : inside) : inside(at ?? inner.value ?? inner.key);
      }
    }
    return field;
  };

  const readEntry = (written: unknown): void => {
    const node = resolved(written);
    if (!isMap(node)) {
      result.problems.push({
        file: path,
        range: nodeRange(written as YamlNode, whole),
        severity: 'error',
        code: 'lore-wrong-type',
        message: 'A lore entry must be a mapping of fields (name: …, kind: …).',
      });
      return;
    }
    const entry: RawEntry = { range: nodeRange(written as YamlNode, whole), fields: {} };
    // In the entry a YAML error falls in, only the fields written before the error are trusted.
    const errorAt = node.range ? errorOffsets.find((at) => at >= node.range![0] && at <= node.range![2]) : undefined;
    // A repeated key is reported above; the last one wins, as in YAML's plain reading.
    for (const { pair, at } of pairsOf(node)) {
      if (pair.key === null || pair.key === undefined) continue; // left by the parser's recovery
      // A field is trusted only if it ends before the error (`name: [` would read as an empty list).
      const valueEnd = (pair.value as YamlNode | null)?.range?.[1] ?? (pair.key as YamlNode).range?.[1];
      if (errorAt !== undefined && !at && (valueEnd === undefined || valueEnd >= errorAt)) continue;
      entry.fields[keyOf(pair)] = readField(pair, entry.range, at);
    }
    // The entry the error swallowed the name of is the error's alone: no second problem for it.
    if (errorAt !== undefined && !entry.fields.name) return;
    result.entries.push(entry);
  };

  const top = resolved(root);
  if (isSeq(top)) {
    for (const item of top.items) readEntry(item);
  } else if (isMap(top)) {
    const pairs = pairsOf(top).map(({ pair }) => pair);
    const keys = pairs.map((pair) => (isScalar(pair.key) ? String(pair.key.value) : ''));
    if (keys.includes('entries') && !keys.includes('name')) {
      const entries = resolved(pairs[keys.indexOf('entries')].value);
      if (isSeq(entries)) for (const item of entries.items) readEntry(item);
      else if (entries !== null && entries !== undefined) readEntry(entries);
    } else if (!keys.includes('name') && keys.some((key) => SETTINGS_KEYS.has(key))) {
      const settings: RawSettings = { range: nodeRange(root, whole) };
      for (const pair of pairs) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        if (key !== 'title' && key !== 'calendar' && key !== 'lore') continue;
        const valueNode = pair.value as YamlNode | null;
        settings[key] = {
          value: toValue(valueNode),
          range: nodeRange(valueNode ?? (pair.key as YamlNode), settings.range),
        };
        if (key === 'calendar') settings[key]!.pathRanges = pathRanges(valueNode, '', {});
      }
      result.settings = settings;
    } else {
      readEntry(root);
    }
  } else {
    readEntry(root);
  }
  if (aliasFailure) {
    // Whatever was read is dropped: a value cut short by the alias limit would be a wrong value.
    return {
      path,
      entries: [],
      problems: [
        ...result.problems,
        {
          file: path,
          range: whole,
          severity: 'error',
          code: 'lore-invalid-yaml',
          message: 'Invalid YAML: its aliases or merge keys expand far beyond the size of the file (a "billion laughs"), or its values nest over 100 deep; nothing in this file was loaded.',
        },
      ],
    };
  }
  return result;
}
