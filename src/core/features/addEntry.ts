// "Add 'Name' to the lore": a new entry appended to a lore file through the yaml document API,
// so that the comments and layout already in the file survive.
import { Document, isMap, isSeq, parseDocument, YAMLSeq } from 'yaml';
import { defaultId } from '../lore/entry';

export interface NewEntry {
  name: string;
  kind?: string;
  [field: string]: unknown;
}

/**
 * The text of a lore file with `entry` added: to its list, to its `entries:` list, or (a file of
 * one entry) turning it into a list of two. `existing` undefined or blank makes a new file.
 * Returns undefined when the file cannot take an entry (invalid YAML, a settings file).
 */
export function appendEntry(existing: string | undefined, entry: NewEntry): string | undefined {
  if (existing === undefined || existing.trim() === '') {
    const doc = new Document([entry]);
    return `${existing?.trimEnd() ? `${existing.trimEnd()}\n` : ''}${doc.toString({ lineWidth: 0 })}`;
  }
  const doc = parseDocument(existing) as unknown as Document;
  if (doc.errors.length > 0) return undefined;
  const root = doc.contents;
  if (root === null || root === undefined) {
    doc.contents = doc.createNode([entry]);
  } else if (isSeq(root)) {
    root.add(doc.createNode(entry));
  } else if (isMap(root)) {
    const list = root.get('entries', true);
    if (isSeq(list)) list.add(doc.createNode(entry));
    else if (root.has('name')) {
      const seq = new YAMLSeq();
      seq.add(root);
      seq.add(doc.createNode(entry));
      doc.contents = seq;
    } else return undefined;
  } else return undefined;
  return doc.toString({ lineWidth: 0 });
}

/** The id the new entry will have, to tell the writer (and to check it is free). */
export function newEntryId(name: string): string {
  return defaultId(name);
}

/** The smallest single replacement that turns `before` into `after` (offsets in `before`). */
export function minimalEdit(before: string, after: string): { start: number; end: number; newText: string } {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < max - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { start, end: before.length - tail, newText: after.slice(start, after.length - tail) };
}
