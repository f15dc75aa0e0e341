// Completion and hover of fields in lore YAML, without any YAML extension: field names at a key's
// place, kinds after `kind:`, and what a field or a date means in this base's calendar.
import { dateInWords, parseStoryDate, type Calendar } from '../dates';
import { DATE_FIELD_NAMES, ENTRY_KINDS, FIELD_INFO, FIELDS } from '../lore/fields';

export interface LoreFieldItem {
  label: string;
  /** Text inserted (a field name with `: `, or a kind). */
  insertText: string;
  detail: string;
  kind: 'field' | 'kind';
  /** Where the replaced text starts on the line. */
  start: number;
}

/** Field names where a key is being typed in an entry, or kinds after `kind:`; undefined elsewhere. */
export function loreFieldCompletions(lineBefore: string): LoreFieldItem[] | undefined {
  const kindValue = /^(\s*(?:-\s+)?kind\s*:\s*)([\p{L}-]*)$/u.exec(lineBefore);
  if (kindValue) {
    return ENTRY_KINDS.map((kind) => ({ label: kind, insertText: kind, detail: 'kind of entry', kind: 'kind' as const, start: kindValue[1].length }));
  }
  // A key of an entry: indented (or after a list dash), nothing but the key typed so far.
  const key = /^(\s*-\s+|\s+|)([\p{L}_-]*)$/u.exec(lineBefore);
  if (!key) return undefined;
  return FIELDS.map((field) => ({ label: field.name, insertText: `${field.name}: `, detail: field.summary, kind: 'field' as const, start: key[1].length }));
}

/** Markdown for the field key or the date value under the cursor, or undefined. */
export function loreFieldHover(line: string, character: number, calendar: Calendar): { markdown: string; start: number; end: number } | undefined {
  const match = /^(\s*(?:-\s+)?)([\p{L}_-]+)(\s*:\s*)(.*?)\s*(?:#.*)?$/u.exec(line);
  if (!match) return undefined;
  const keyStart = match[1].length;
  const keyEnd = keyStart + match[2].length;
  const valueStart = keyEnd + match[3].length;
  const key = match[2];
  const info = FIELD_INFO.get(key);
  if (character >= keyStart && character <= keyEnd) {
    if (!info) return undefined;
    return { markdown: `**\`${key}\`** — ${info.summary}\n\nExample: \`${key}: ${info.example}\``, start: keyStart, end: keyEnd };
  }
  const value = match[4].replace(/^["']|["']$/g, '');
  if (DATE_FIELD_NAMES.has(key) && character >= valueStart && value !== '') {
    const parsed = parseStoryDate(/^-?\d+$/.test(value) ? Number(value) : value, calendar);
    const text = parsed.ok
      ? `**${dateInWords(parsed.date, calendar)}**${calendar.eras.length > 0 ? ` — year ${parsed.date.year} counted from this base's year 0` : ''}.`
      : `Not a date of this base's calendar: ${parsed.reason}.`;
    return { markdown: `\`${key}\`: ${text}`, start: valueStart, end: valueStart + match[4].length };
  }
  return undefined;
}
