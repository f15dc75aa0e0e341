// Engine findings, severities and edits in LSP's terms. Both sides count UTF-16 code units.
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic, type Range } from 'vscode-languageserver';
import { docsPath, SEVERITY_OF } from '../core/codes';
import { positionAt } from '../core/manuscript';
import type { TextEdit as EngineEdit } from '../core/features/sceneMode';
import type { Diagnostic, Severity } from '../core/types';

export const SOURCE = 'Lorekeeper';

/** Where the check codes' pages are published when the client names no other place. */
export const DEFAULT_DOCS_BASE = 'https://github.com/lorekeeper/lorekeeper/blob/main/';

export function toSeverity(severity: Severity): DiagnosticSeverity {
  switch (severity) {
    case 'error':
      return DiagnosticSeverity.Error;
    case 'warning':
      return DiagnosticSeverity.Warning;
    case 'info':
      return DiagnosticSeverity.Information;
    default:
      return DiagnosticSeverity.Hint;
  }
}

export function toDiagnostic(finding: Diagnostic, docsBase: string): LspDiagnostic {
  const diagnostic: LspDiagnostic = {
    range: finding.range,
    severity: toSeverity(finding.severity),
    code: finding.code,
    source: SOURCE,
    message: finding.message,
  };
  if (SEVERITY_OF.has(finding.code)) {
    diagnostic.codeDescription = { href: `${docsBase.endsWith('/') ? docsBase : `${docsBase}/`}${docsPath(finding.code)}` };
  }
  const data: Record<string, string> = {};
  if (finding.entity !== undefined) data.entity = finding.entity;
  if (finding.fix !== undefined) data.fix = finding.fix;
  if (Object.keys(data).length > 0) diagnostic.data = data;
  return diagnostic;
}

/** An engine edit (offsets) as an LSP range and text. */
export function toTextEdit(lineStarts: number[], edit: EngineEdit): { range: Range; newText: string } {
  return { range: { start: positionAt(lineStarts, edit.start), end: positionAt(lineStarts, edit.end) }, newText: edit.newText };
}

export function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
