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
import type { Diagnostic, SeveritySetting } from './types';

export const CHECKS: readonly Check[] = [checkPresence, checkWrongDate, checkWrongAge, checkWrongElapsedTime, checkUnknownName];

/** A lore base with the indexes the checks need, built once per lore (re)load. */
export interface PreparedLore {
  base: LoreBase;
  index: NameIndex;
  dateSource: string;
}

export function prepareLore(base: LoreBase): PreparedLore {
  return { base, index: new NameIndex(base), dateSource: dateRegexSource(base.calendar) };
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

export function checkManuscript(lore: PreparedLore, path: string, text: string, options: CheckOptions = {}): ManuscriptCheck {
  const manuscript = parseManuscript(path, text, lore.base.calendar);
  const scan = scanMentions(manuscript, lore.index, options.scanCache);
  // `lorekeeper: off` in the front matter: a note beside the story (a README, an outline).
  if (manuscript.off) return { manuscript, scan, diagnostics: [] };
  const context: CheckContext = { base: lore.base, index: lore.index, manuscript, scan, dateSource: lore.dateSource };
  const found = [...manuscript.problems];
  for (const check of CHECKS) found.push(...check(context));
  const ignored = ignoredWordFilter(manuscript, options.ignoredWords);
  const diagnostics = applySeverities(
    found.filter((d) => !isSuppressed(manuscript, d.range.start.line, d.code) && !ignored(d)),
    options.severities,
  );
  diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { manuscript, scan, diagnostics };
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
    const setting = severities[d.code] ?? (d.code.startsWith('lore-') ? severities['lore-*'] : undefined);
    if (setting === 'off') continue;
    out.push(setting ? { ...d, severity: setting } : d);
  }
  return out;
}
