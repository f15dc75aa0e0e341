// "Every problem has a position inside the file": a range on a line of the text, within that line.
import assert from 'node:assert/strict';
import { computeLineStarts } from '../../src/core/manuscript';
import type { Diagnostic } from '../../src/core/types';

export function assertInside(d: Diagnostic, text: string, what = d.file): void {
  const starts = computeLineStarts(text);
  const lineLength = (line: number): number => {
    const end = line + 1 < starts.length ? starts[line + 1] : text.length;
    return text.slice(starts[line], end).replace(/(?:\r\n|\r|\n)$/, '').length;
  };
  for (const [name, p] of [['start', d.range.start], ['end', d.range.end]] as const) {
    assert.ok(Number.isInteger(p.line) && p.line >= 0 && p.line < starts.length, `${what}: ${d.code} ${name} line ${p.line} of ${starts.length}`);
    assert.ok(Number.isInteger(p.character) && p.character >= 0 && p.character <= lineLength(p.line), `${what}: ${d.code} ${name} column ${p.character} past the line (${lineLength(p.line)})`);
  }
  const { start, end } = d.range;
  assert.ok(start.line < end.line || (start.line === end.line && start.character <= end.character), `${what}: ${d.code} ends before it starts`);
  assert.equal(typeof d.message, 'string');
  assert.ok(d.message.length > 0 && !d.message.includes('[object Object]') && !/\bundefined\b|\bNaN\b/.test(d.message), `${what}: message ${JSON.stringify(d.message)}`);
}
