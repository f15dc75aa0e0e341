// The engine's front door: a lore base prepared once, then any number of manuscripts checked
// against it. Pure: text in, diagnostics out.
import { dateRegexSource } from './dates';
import type { LoreBase } from './lore/base';
import { isSuppressed, parseManuscript, type Manuscript } from './manuscript';
import { NameIndex } from './mentions/nameIndex';
import { scanMentions, type ScanCache, type ScanResult } from './mentions/scan';
import type { Check, CheckContext } from './checks/context';
import { checkPresence } from './checks/presence';
import { checkUnknownName } from './checks/unknownName';
import { checkWrongAge } from './checks/wrongAge';
import { checkWrongDate } from './checks/wrongDate';
import { checkWrongElapsedTime } from './checks/wrongElapsedTime';
import { checkWrongTitle } from './checks/wrongTitle';
import type { Diagnostic, SeveritySetting } from './types';

export const CHECKS: readonly Check[] = [checkPresence, checkWrongDate, checkWrongAge, checkWrongElapsedTime, checkWrongTitle, checkUnknownName];

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
}

export interface ManuscriptCheck {
  manuscript: Manuscript;
  scan: ScanResult;
  diagnostics: Diagnostic[];
}

export function checkManuscript(lore: PreparedLore, path: string, text: string, options: CheckOptions = {}): ManuscriptCheck {
  const manuscript = parseManuscript(path, text, lore.base.calendar);
  const scan = scanMentions(manuscript, lore.index, options.scanCache);
  const context: CheckContext = { base: lore.base, index: lore.index, manuscript, scan, dateSource: lore.dateSource };
  const found = [...manuscript.problems];
  for (const check of CHECKS) found.push(...check(context));
  const diagnostics = applySeverities(
    found.filter((d) => !isSuppressed(manuscript, d.range.start.line, d.code)),
    options.severities,
  );
  diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { manuscript, scan, diagnostics };
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
