// Edits of a lore file the quick fixes make, through the yaml document API so that comments and
// layout survive: an alias added to an entry ("Add 'Jean Luc' as an alias of Jean-Luc Picard"),
// and a duplicate alias removed.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node as YamlNode, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Position } from '../types';

function parse(text: string): { doc: Document; lineCounter: LineCounter } | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false }) as unknown as Document;
  return doc.errors.length > 0 ? undefined : { doc, lineCounter };
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
 */
export function addAlias(text: string, entry: { name: string; id: string }, alias: string): string | undefined {
  const parsed = parse(text);
  if (!parsed) return undefined;
  const target = entryMaps(parsed.doc).find((map) => String(map.get('id') ?? '') === entry.id || String(map.get('name') ?? '') === entry.name);
  if (!target) return undefined;
  const aliases = target.get('aliases', true);
  const texts = (seq: YAMLSeq): string[] => seq.items.map((item) => String(isScalar(item) ? item.value : isMap(item) ? item.get('name') : item));
  if (isSeq(aliases)) {
    if (texts(aliases).includes(alias)) return undefined;
    aliases.add(parsed.doc.createNode(alias));
  } else if (aliases === undefined || (isScalar(aliases) && (aliases.value === null || aliases.value === ''))) {
    const seq = parsed.doc.createNode([alias]) as YAMLSeq;
    seq.flow = true;
    target.set('aliases', seq);
  } else if (isScalar(aliases)) {
    if (String(aliases.value) === alias) return undefined;
    const seq = parsed.doc.createNode([String(aliases.value), alias]) as YAMLSeq;
    seq.flow = true;
    target.set('aliases', seq);
  } else return undefined;
  return parsed.doc.toString({ lineWidth: 0 });
}

/** The file's text without the list item at `at` (a duplicate alias), or undefined. */
export function removeListItemAt(text: string, at: Position): string | undefined {
  const parsed = parse(text);
  if (!parsed) return undefined;
  const lineStart = text.split('\n').slice(0, at.line).reduce((n, line) => n + line.length + 1, 0);
  const offset = lineStart + at.character;
  let removed = false;
  visit(parsed.doc, {
    Seq(_key, seq) {
      if (removed) return visit.BREAK;
      const index = seq.items.findIndex((item) => {
        const range = (item as YamlNode).range;
        return range !== undefined && range !== null && range[0] === offset;
      });
      if (index < 0) return undefined;
      seq.items.splice(index, 1);
      removed = true;
      return visit.BREAK;
    },
  });
  return removed ? parsed.doc.toString({ lineWidth: 0 }) : undefined;
}
