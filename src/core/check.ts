// The engine's front door: a lore base prepared once, then any number of manuscripts checked
// against it. Pure: text in, diagnostics out.
import { dateRegexSource } from './dates';
import type { LoreBase } from './lore/base';
import { isSuppressed, offsetAt, parseManuscript, type Manuscript } from './manuscript';
import { NameIndex } from './mentions/nameIndex';
import { scanMentions, type ScanCache, type ScanResult } from './mentions/scan';
import type { Check, CheckContext } from './checks/context';
import { checkPresence } from './checks/presence';
import { checkUnknownName } from './checks/unknownName';
import { checkWrongAge } from './checks/wrongAge';
import { checkWrongDate } from './checks/wrongDate';
import { checkWrongElapsedTime } from './checks/wrongElapsedTime';
import { checkWrongTitle } from './checks/wrongTitle';
import type { CheckCode, Diagnostic, SeveritySetting } from './types';

/** A manuscript check and the codes it can report: a check whose every code is `off` never runs. */
export interface RegisteredCheck {
  codes: readonly CheckCode[];
  run: Check;
}

export const CHECKS: readonly RegisteredCheck[] = [
  { codes: ['dead-character', 'unborn-character', 'nonexistent-entity'], run: checkPresence },
  { codes: ['wrong-date'], run: checkWrongDate },
  { codes: ['wrong-age'], run: checkWrongAge },
  { codes: ['wrong-elapsed-time'], run: checkWrongElapsedTime },
  { codes: ['wrong-title'], run: checkWrongTitle },
  { codes: ['unknown-name'], run: checkUnknownName },
];

/** A lore base with the indexes the checks need, built once per lore (re)load. */
export interface PreparedLore {
  base: LoreBase;
  index: NameIndex;
  dateSource: string;
}

/**
 * The base and its indexes. `indexSnapshot`: what `index.toSnapshot()` gave for this same base
 * (kept in a lore cache), restored instead of building the name index — unless it does not fit.
 */
export function prepareLore(base: LoreBase, indexSnapshot?: unknown): PreparedLore {
  return { base, index: new NameIndex(base, indexSnapshot), dateSource: dateRegexSource(base.calendar) };
}

export interface CheckOptions {
  /** Per-code severity from settings or `lorekeeper.yaml`; `off` drops the code. */
  severities?: Record<string, SeveritySetting>;
  /** Keep one per open document: a re-check then scans only the paragraphs that changed. */
  scanCache?: ScanCache;
  /** Words the writer said are no misspelling (`words:` of lorekeeper.yaml), in any case. */
  ignoredWords?: readonly string[];
}

export interface ManuscriptCheck {
  manuscript: Manuscript;
  scan: ScanResult;
  diagnostics: Diagnostic[];
}

export function checkManuscript(lore: PreparedLore, path: string, text: string, options: CheckOptions = {}, checks: readonly RegisteredCheck[] = CHECKS): ManuscriptCheck {
  const manuscript = parseManuscript(path, text, lore.base.calendar);
  const scan = scanMentions(manuscript, lore.index, options.scanCache);
  // `lorekeeper: off` in the front matter: a note beside the story (a README, an outline).
  if (manuscript.off) return { manuscript, scan, diagnostics: [] };
  const context: CheckContext = { base: lore.base, index: lore.index, manuscript, scan, dateSource: lore.dateSource };
  const ignored = ignoredWordFilter(manuscript, options.ignoredWords);
  const found: Diagnostic[] = [];
  const keep = (list: Diagnostic[]): void => {
    // One by one: spreading a huge list into push() overflows the call stack.
    for (const d of list) if (!isSuppressed(manuscript, d.range.start.line, d.code) && !ignored(d)) found.push(d);
  };
  keep(manuscript.problems);
  for (const check of checks) {
    // Severities are known before the checks run, so a check that is off costs nothing.
    if (check.codes.every((code) => severityOf(code, options.severities) === 'off')) continue;
    keep(check.run(context));
  }
  const diagnostics = applySeverities(found, options.severities);
  diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { manuscript, scan, diagnostics };
}

/** The setting in force for a code, if any (`lore-*` covers every lore problem). */
export function severityOf(code: string, severities: Record<string, SeveritySetting> | undefined): SeveritySetting | undefined {
  if (!severities) return undefined;
  const own = (key: string): SeveritySetting | undefined => (Object.hasOwn(severities, key) ? severities[key] : undefined);
  return own(code) ?? (code.startsWith('lore-') ? own('lore-*') : undefined);
}

/** An unknown-name the writer chose to ignore, by the word it flags (outside the check itself). */
function ignoredWordFilter(manuscript: Manuscript, words: readonly string[] | undefined): (d: Diagnostic) => boolean {
  if (!words || words.length === 0) return () => false;
  const set = new Set(words.map((w) => w.trim().toLowerCase()));
  return (d) => {
    if (d.code !== 'unknown-name') return false;
    const start = offsetAt(manuscript.lineStarts, d.range.start);
    const end = offsetAt(manuscript.lineStarts, d.range.end);
    return set.has(manuscript.text.slice(start, end).toLowerCase());
  };
}

export function applySeverities(diagnostics: Diagnostic[], severities: Record<string, SeveritySetting> | undefined): Diagnostic[] {
  if (!severities) return diagnostics;
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const setting = severityOf(d.code, severities);
    if (setting === 'off') continue;
    out.push(setting ? { ...d, severity: setting } : d);
  }
  return out;
}
