// Edits of a lore file the quick fixes make, as the smallest text edit the yaml document's source
// ranges locate (checked by parsing the result again), so that the rest of the file keeps its bytes: an alias added to an entry ("Add 'Jean Luc' as an alias of Jean-Luc Picard"),
// and a duplicate alias removed.
import { Document, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Node as YamlNode, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Position } from '../types';

function parse(text: string): { doc: Document; lineCounter: LineCounter } | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false }) as unknown as Document;
  return doc.errors.length > 0 ? undefined : { doc, lineCounter };
}

/** A list's items as text: a scalar's value, an alias written as a map by its `name`. */
function itemTexts(seq: YAMLSeq): string[] {
  return seq.items.map((item) => String(isScalar(item) ? item.value : isMap(item) ? item.get('name') : item));
}

/** Every entry mapping of the file, whatever its shape (one entry, a list, an `entries:` list). */
function entryMaps(doc: Document): YAMLMap[] {
  const root = doc.contents;
  const list = isMap(root) && root.has('entries') && !root.has('name') ? root.get('entries', true) : root;
  if (isSeq(list)) return list.items.filter((item): item is YAMLMap => isMap(item));
  return isMap(list) ? [list] : [];
}

/**
 * The file's text with `alias` added to the entry named `entryName` (or with id `entryId`), or
 * undefined when the file cannot take it (invalid YAML, no such entry, the alias already there).
 * Only the entry's `aliases` is touched: the rest of the file keeps its bytes (its flow lists,
 * quotes, blank lines and comments), as a writer who added the alias by hand would leave it.
 */
export function addAlias(text: string, entry: { name: string; id: string }, alias: string): string | undefined {
  const parsed = parse(text);
  if (!parsed) return undefined;
  const target = entryMaps(parsed.doc).find((map) => String(map.get('id') ?? '') === entry.id || String(map.get('name') ?? '') === entry.name);
  if (!target) return undefined;
  const aliases = target.get('aliases', true);
  let before: string[];
  if (isSeq(aliases)) {
    before = itemTexts(aliases);
    if (before.includes(alias)) return undefined;
  } else if (aliases === undefined || (isScalar(aliases) && (aliases.value === null || aliases.value === ''))) before = [];
  else if (isScalar(aliases)) {
    if (String(aliases.value) === alias) return undefined;
    before = [String(aliases.value)];
  } else return undefined;

  const edited = aliasEdit(text, target, aliases, alias);
  const expected = [...before, alias];
  if (edited !== undefined && sameAliases(edited, entry, expected, entryMaps(parsed.doc).length)) return edited;
  // A layout the text edit does not know: the document model writes the file instead.
  if (isSeq(aliases)) aliases.add(parsed.doc.createNode(alias));
  else {
    const seq = parsed.doc.createNode(expected) as YAMLSeq;
    seq.flow = true;
    target.set('aliases', seq);
  }
  return parsed.doc.toString({ lineWidth: 0 });
}

/** The text edit that adds `alias` to `aliases` (a list, a single alias, or none yet), if its layout is a plain one. */
function aliasEdit(text: string, target: YAMLMap, aliases: unknown, alias: string): string | undefined {
  const item = flowItem(alias);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (isSeq(aliases)) {
    const range = (aliases as YamlNode).range;
    if (!range) return undefined;
    const last = aliases.items.at(-1) as YamlNode | undefined;
    if (aliases.flow) {
      const close = text.lastIndexOf(']', range[1]);
      if (close < range[0]) return undefined;
      if (!last?.range) return splice(text, close, close, item);
      return splice(text, last.range[1], last.range[1], `, ${item}`);
    }
    if (!last?.range) return undefined;
    const at = lineEnd(text, last.range[1]);
    return splice(text, at, at, `${eol}${' '.repeat(column(text, range[0]))}- ${item}`);
  }
  if (isScalar(aliases)) {
    const range = aliases.range;
    if (!range || text.slice(range[0], range[1]).includes('\n')) return undefined;
    const old = text.slice(range[0], range[1]);
    const list = old.trim() === '' || aliases.value === null ? `[${item}]` : `[${old}, ${item}]`;
    return splice(text, range[0], range[1], text[range[0] - 1] === ':' ? ` ${list}` : list);
  }
  // No aliases yet: a line under the entry's name, at its keys' indentation.
  if (target.flow) return undefined;
  const namePair = target.items.find((pair) => isScalar(pair.key) && pair.key.value === 'name');
  const keyRange = namePair && isScalar(namePair.key) ? namePair.key.range : undefined;
  const valueRange = (namePair?.value as YamlNode | undefined)?.range;
  if (!keyRange || !valueRange) return undefined;
  const at = lineEnd(text, valueRange[1]);
  return splice(text, at, at, `${eol}${' '.repeat(column(text, keyRange[0]))}aliases: [${item}]`);
}

/** An alias as a flow-list item: plain when it can be, quoted when YAML needs it. */
function flowItem(value: string): string {
  const doc = new Document([value]);
  (doc.contents as YAMLSeq).flow = true;
  return doc.toString({ lineWidth: 0 }).trim().replace(/^\[\s*/, '').replace(/\s*\]$/, '');
}

/** Whether `text` parses with the entry's aliases exactly `expected` and no entry lost. */
function sameAliases(text: string, entry: { name: string; id: string }, expected: string[], entries: number): boolean {
  const parsed = parse(text);
  if (!parsed) return false;
  const maps = entryMaps(parsed.doc);
  const target = maps.find((map) => String(map.get('id') ?? '') === entry.id || String(map.get('name') ?? '') === entry.name);
  const aliases = target?.get('aliases', true);
  if (maps.length !== entries || !isSeq(aliases)) return false;
  const got = itemTexts(aliases);
  return got.length === expected.length && got.every((a, i) => a === expected[i]);
}

const splice = (text: string, from: number, to: number, insert: string): string => text.slice(0, from) + insert + text.slice(to);
const column = (text: string, offset: number): number => offset - (text.lastIndexOf('\n', offset - 1) + 1);
/** The offset where the line holding `offset` ends (before its `\r\n` or `\n`). */
function lineEnd(text: string, offset: number): number {
  let at = text.indexOf('\n', offset);
  if (at < 0) return text.length;
  if (text[at - 1] === '\r') at -= 1;
  return at;
}

/** The file's text without the list item at `at` (a duplicate alias), or undefined. Only that item's text goes. */
export function removeListItemAt(text: string, at: Position): string | undefined {
  const parsed = parse(text);
  if (!parsed) return undefined;
  const lineStart = text.split('\n').slice(0, at.line).reduce((n, line) => n + line.length + 1, 0);
  const offset = lineStart + at.character;
  let found: { seq: YAMLSeq; index: number } | undefined;
  visit(parsed.doc, {
    Seq(_key, seq) {
      const index = seq.items.findIndex((item) => (item as YamlNode).range?.[0] === offset);
      if (index < 0) return undefined;
      found = { seq, index };
      return visit.BREAK;
    },
  });
  if (!found) return undefined;
  const { seq, index } = found;
  const items = seq.items as YamlNode[];
  const range = items[index].range!;
  let edited: string | undefined;
  if (seq.flow) {
    // The item and one comma beside it: the one after it, or for the last item the one before.
    const next = items[index + 1]?.range;
    const previous = items[index - 1]?.range;
    if (next) edited = splice(text, range[0], next[0], '');
    else if (previous) edited = splice(text, previous[1], range[1], '');
    else edited = splice(text, range[0], range[1], '');
  } else {
    // A block item is its whole line (`- Picard`), when nothing else shares the line.
    const from = text.lastIndexOf('\n', range[0] - 1) + 1;
    const to = lineEnd(text, range[1]);
    if (/^\s*-\s*$/.test(text.slice(from, range[0])) && !text.slice(range[1], to).replace(/#.*$/, '').trim()) edited = splice(text, from, Math.min(text.length, to + (text[to] === '\r' ? 2 : 1)), '');
  }
  const expected = itemTexts(seq).filter((_, i) => i !== index);
  if (edited !== undefined && parse(edited) && listAt(edited, seq) === expected.join('\u0000')) return edited;
  seq.items.splice(index, 1);
  return parsed.doc.toString({ lineWidth: 0 });
}

/** The items of the list that starts where `seq` started, read back from `edited` (only text after its start was removed), joined. */
function listAt(edited: string, seq: YAMLSeq): string | undefined {
  const start = (seq as YamlNode).range?.[0];
  if (start === undefined) return undefined;
  const parsed = parse(edited);
  let items: string | undefined;
  if (parsed) visit(parsed.doc, {
    Seq(_key, s) {
      if ((s as YamlNode).range?.[0] !== start) return undefined;
      items = itemTexts(s).join('\u0000');
      return visit.BREAK;
    },
  });
  return items;
}
