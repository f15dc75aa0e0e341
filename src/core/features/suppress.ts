// "Disable <code> on this line": a `lorekeeper-disable-next-line` comment above the line, or the
// code added to the one already there.
import type { TextEdit } from './sceneMode';

const DIRECTIVE = /^([ \t]*<!--\s*lorekeeper-disable-next-line\b)([^>]*?)(\s*-->[ \t]*)$/;

export function disableNextLineEdit(text: string, lineStarts: readonly number[], line: number, code: string): TextEdit {
  const start = lineStarts[line] ?? text.length;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (line > 0) {
    const previousStart = lineStarts[line - 1];
    const previous = text.slice(previousStart, start).replace(/\r?\n$/, '');
    const directive = DIRECTIVE.exec(previous);
    if (directive) {
      const codes = directive[2].trim();
      // Without codes the directive already silences every check.
      if (codes === '' || codes.split(/[\s,]+/).includes(code)) return { start, end: start, newText: '' };
      const at = previousStart + directive[1].length + directive[2].length;
      return { start: at, end: at, newText: ` ${code}` };
    }
  }
  const lineText = text.slice(start, lineStarts[line + 1] ?? text.length);
  const indent = /^[ \t]*/.exec(lineText)![0];
  return { start, end: start, newText: `${indent}<!-- lorekeeper-disable-next-line ${code} -->${eol}` };
}
