// Engine positions, ranges and severities to VS Code's, and back. Both count UTF-16 code units.
import * as vscode from 'vscode';
import type { Position, Range, Severity } from '../core/types';

export function toPosition(p: Position): vscode.Position {
  return new vscode.Position(p.line, p.character);
}

export function toRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

export function fromPosition(p: vscode.Position): Position {
  return { line: p.line, character: p.character };
}

export function toSeverity(severity: Severity): vscode.DiagnosticSeverity {
  switch (severity) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    case 'info':
      return vscode.DiagnosticSeverity.Information;
    default:
      return vscode.DiagnosticSeverity.Hint;
  }
}

/** The engine names files by the URI strings the file-system adapter gave it. */
export function toUri(file: string): vscode.Uri {
  return vscode.Uri.parse(file);
}
