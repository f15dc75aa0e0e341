// "Add 'Name' to the lore": a new entry inserted into a lore file as text, so that every byte
// already in the file — comments, folded scalars, flow lists, CRLF line endings — stays as written.
// The result is parsed again and compared with the file before it is offered: if the insertion
// would change any existing entry, there is no edit at all.
import { Document, isMap, isScalar, isSeq, parseDocument, type Node as YamlNode, type YAMLSeq } from 'yaml';
import { defaultId } from '../lore/entry';
import { isInsideFolders } from './workspacePaths';

export interface NewEntry {
  name: string;
  kind?: string;
  [field: string]: unknown;
}

/**
 * The text of a lore file with `entry` added: to its list, to its `entries:` list, or (a file of
 * one entry) turning it into a list of two. `existing` undefined or blank makes a new file.
 * Returns undefined when the file cannot take an entry without changing what is already there
 * (invalid YAML, a settings file, a layout the insertion cannot keep).
 */
export function appendEntry(existing: string | undefined, entry: NewEntry): string | undefined {
  const newline = existing?.includes('\r\n') ? '\r\n' : '\n';
  if (existing === undefined || existing.trim() === '') {
    const body = blockItem(entry, '', newline);
    return existing ? `${existing}${existing.endsWith('\n') || existing === '' ? '' : newline}${body}` : body;
  }
  const doc = parseDocument(existing);
  if (doc.errors.length > 0) return undefined;
  const before = doc.toJS() as unknown;
  const root = doc.contents as YamlNode | null;
  let after: string | undefined;
  if (root === null || (isScalar(root) && root.value === null)) {
    // Comments only: the list starts after them.
    after = `${existing}${existing.endsWith('\n') ? '' : newline}${blockItem(entry, '', newline)}`;
  } else if (isSeq(root)) {
    after = addToSeq(existing, root, entry, newline);
  } else if (isMap(root)) {
    const list = root.get('entries', true);
    if (isSeq(list)) after = addToSeq(existing, list, entry, newline);
    else if (root.has('name')) after = oneEntryToList(existing, root, entry, newline);
  }
  if (after === undefined) return undefined;
  return keepsEverything(before, after, entry) ? after : undefined;
}

/** A block list item (`- name: X`, then `  kind: …`), each line after `indent`. */
function blockItem(entry: NewEntry, indent: string, newline: string): string {
  const yaml = new Document(entry).toString({ lineWidth: 0 }).replace(/\n$/, '');
  return `${yaml
    .split('\n')
    .map((line, i) => `${indent}${i === 0 ? '- ' : '  '}${line}`)
    .join(newline)}${newline}`;
}

/** The entry as one flow mapping: `{ name: X, kind: character }`. */
function flowItem(entry: NewEntry): string {
  return new Document(entry).toString({ lineWidth: 0, collectionStyle: 'flow' }).trim();
}

function addToSeq(text: string, seq: YAMLSeq, entry: NewEntry, newline: string): string | undefined {
  const range = seq.range;
  if (!range) return undefined;
  if (seq.flow) {
    // `[ {name: A} ]`: the new item goes just before the closing bracket.
    const close = text.lastIndexOf(']', range[1]);
    if (close < range[0]) return undefined;
    const inner = text.slice(range[0] + 1, close);
    const separator = inner.trim() === '' ? '' : inner.trimEnd().endsWith(',') ? ' ' : ', ';
    const at = range[0] + 1 + inner.trimEnd().length;
    return `${text.slice(0, at)}${separator}${flowItem(entry)}${text.slice(at)}`;
  }
  const lineStart = text.lastIndexOf('\n', range[0] - 1) + 1;
  const indent = text.slice(lineStart, range[0]);
  if (!/^[ ]*$/.test(indent)) return undefined; // `key: - a` is no layout to extend
  let at = range[1];
  // After the last item's last line; a file without a final newline gets one first.
  const prefix = at > 0 && text[at - 1] !== '\n' ? newline : '';
  if (prefix && text.slice(at).trim() !== '') {
    const next = text.indexOf('\n', at);
    if (next < 0) return undefined;
    at = next + 1;
    return `${text.slice(0, at)}${blockItem(entry, indent, newline)}${text.slice(at)}`;
  }
  return `${text.slice(0, at)}${prefix}${blockItem(entry, indent, newline)}${text.slice(at)}`;
}

/**
 * A file of one entry becomes a list of two: `- ` before its first line and two spaces before each
 * line after it — insertions only, no byte of the entry changes. Refused where indentation is
 * meaningful to a value (a block scalar with an explicit indentation indicator).
 */
function oneEntryToList(text: string, map: YamlNode, entry: NewEntry, newline: string): string | undefined {
  const range = map.range;
  if (!range) return undefined;
  const start = range[0];
  const end = range[1];
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  if (start !== lineStart) return undefined; // `--- name: A` or an indented root
  const body = text.slice(start, end);
  if (/[|>][+-]?[1-9]/.test(body)) return undefined;
  const lines = body.split('\n');
  const indented = lines.map((line, i) => (i === 0 ? `- ${line}` : line === '' || line === '\r' ? line : `  ${line}`)).join('\n');
  const rest = text.slice(end);
  const joint = indented.endsWith('\n') ? '' : newline;
  return `${text.slice(0, start)}${indented}${joint}${blockItem(entry, '', newline)}${rest.startsWith('\n') || rest.startsWith('\r\n') ? rest.replace(/^\r?\n/, '') : rest}`;
}

/** The new text holds exactly the old entries, then the new one. */
function keepsEverything(before: unknown, after: string, entry: NewEntry): boolean {
  const doc = parseDocument(after);
  if (doc.errors.length > 0) return false;
  const now = doc.toJS() as unknown;
  const list = (value: unknown): unknown[] | undefined => {
    if (Array.isArray(value)) return value;
    if (value && typeof value === 'object' && Array.isArray((value as { entries?: unknown }).entries)) return (value as { entries: unknown[] }).entries;
    return undefined;
  };
  const old = before === null || before === undefined ? [] : list(before) ?? [before];
  const fresh = list(now);
  if (!fresh) return false;
  return JSON.stringify(fresh) === JSON.stringify([...old, entry]) && sameOutside(before, now);
}

/** Keys beside `entries:` are unchanged too. */
function sameOutside(before: unknown, now: unknown): boolean {
  if (!before || typeof before !== 'object' || Array.isArray(before) || !('entries' in before)) return true;
  const strip = (value: unknown): string => JSON.stringify({ ...(value as object), entries: undefined });
  return strip(before) === strip(now);
}

/** The id the new entry will have, to tell the writer (and to check it is free). */
export function newEntryId(name: string): string {
  return defaultId(name);
}

/**
 * The lore folder the new entry goes to: the story's own layer (the last folder) that lies inside
 * a workspace folder — a lore pack configured as `../../elsewhere` is never written to.
 */
export function writableLoreFolder(loreFolders: readonly string[], workspaceFolders: readonly string[]): string | undefined {
  for (let i = loreFolders.length - 1; i >= 0; i--) {
    if (isInsideFolders(loreFolders[i], workspaceFolders)) return loreFolders[i];
  }
  return undefined;
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
