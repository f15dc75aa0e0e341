// findDialogueSpans lets the regex engine skip to the next line break or quote mark. This property
// holds it to a reader that looks at every character, the way the quotation state was first
// written: any character the skip missed (a quote mark left out of its class, a line start read
// wrong) would show as a span that differs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { findDialogueSpans, type Span } from '../../src/core/mentions/quotation';
import { params } from './budget';

const PIECES = [
  ' ', '  ', '\t', '\r', '\n', '\n\n', '\n \n', '\r\n', 'a', 'Data', 'said', 'he said', 'asked Worf', ', said Holmes', 'em', 'tis', '95',
  '"', '“', '”', '«', '»', "'", '‘', '’', '—', '–', '-', ',', '.', '?', '!', ';', ':', '(', ')', '…', 'é', '日', '\u00a0', '\ud835\udc9c', '\ud800',
];
const text = fc.array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...PIECES) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) }), { maxLength: 60 }).map((parts) => parts.join(''));

test('quotation (property): skipping to the next quote or line break finds the spans a character-by-character reader finds', () => {
  fc.assert(
    fc.property(text, (prose) => {
      assert.deepEqual(findDialogueSpans(prose), everyCharacter(prose));
    }),
    params(300),
  );
});

test('quotation (property): the near-miss — a text without quote marks or line-opening dashes has no speech', () => {
  const plain = fc.array(fc.constantFrom(' ', '\n', '\n\n', 'a', 'Data', 'said', '-', ',', '.', 'é', '\t'), { maxLength: 60 }).map((parts) => parts.join(''));
  fc.assert(fc.property(plain, (prose) => assert.deepEqual(findDialogueSpans(prose), [])), params(100));
});

// The reference: every character visited in order. Incises, elisions and closing rules are the
// module's own (they are not what the skip changes), reached through one-quote texts.
function everyCharacter(prose: string): Span[] {
  const spans: Span[] = [];
  let open = -1;
  let kind = '';
  let midSentence = false;
  let lineStart = true;
  const close = (at: number): void => {
    if (kind === 'dash') {
      // The incise rule on this line alone, as the module applies it: through a text that is that line only.
      const line = prose.slice(open, at);
      for (const [s, e] of findDialogueSpans(line)) spans.push([open + s, open + e]);
    } else spans.push([open, at]);
    open = -1;
  };
  for (let i = 0; i < prose.length; i++) {
    const ch = prose[i];
    if (ch === '\n') {
      if (open >= 0 && (/^[ \t\r]*(\n|$)/.test(prose.slice(i + 1)) || (kind === 'dash' && /^[ \t]*[—–]/.test(prose.slice(i + 1))))) close(i);
      lineStart = true;
      continue;
    }
    if (lineStart) {
      if (ch === ' ' || ch === '\t' || ch === '\r') continue;
      lineStart = false;
      if (open < 0 && (ch === '—' || ch === '–') && /[ \t\p{L}]/u.test(prose[i + 1] ?? '')) {
        open = i;
        kind = 'dash';
        continue;
      }
    }
    if (ch === '"') {
      if (open < 0) [open, kind] = [i, 'double'];
      else if (kind === 'double' || kind === 'curly') close(i + 1);
    } else if (ch === '“') {
      if (open < 0) [open, kind] = [i, 'curly'];
    } else if (ch === '”') {
      if (open >= 0 && (kind === 'curly' || kind === 'double')) close(i + 1);
    } else if (ch === '«') {
      if (open < 0) [open, kind] = [i, 'guillemet'];
      else if (kind === 'reversed') close(i + 1);
    } else if (ch === '»') {
      if (open < 0) [open, kind] = [i, 'reversed'];
      else if (kind === 'guillemet') close(i + 1);
    } else if (ch === "'" || ch === '‘' || ch === '’') {
      const before = i > 0 ? prose[i - 1] : ' ';
      const after = prose[i + 1] ?? ' ';
      const letterBefore = /[\p{L}\p{N}]/u.test(before);
      const letterAfter = /[\p{L}\p{N}]/u.test(after);
      if (letterBefore && letterAfter) continue;
      if (!letterBefore && /[\s([{\u2014\u2013\-/"“«]/.test(before) && !/\s/.test(after)) {
        if (open >= 0 || ch === '’') continue;
        if (/^(?:em|tis|twas|twere|twill|til|till|cause|cos|bout|n|nuff|neath|round|scuse|ere)(?![\p{L}\p{N}])|^\d/iu.test(prose.slice(i + 1, i + 8))) continue;
        [open, kind] = [i, 'single'];
        let j = i - 1;
        while (j >= 0 && (prose[j] === ' ' || prose[j] === '\t')) j--;
        midSentence = j >= 0 && /[\p{L}\p{N}]/u.test(prose[j]);
        continue;
      }
      if (open < 0 || kind !== 'single' || ch === '‘') continue;
      if (!letterBefore && !/\s/.test(before)) close(i + 1);
      else if (letterBefore && (midSentence || /^[ \t]*(?:[,.;:!?)…\u2014\u2013]|\r?\n[ \t]*\r?\n|\r?\n?[ \t]*$)/.test(prose.slice(i + 1, i + 40)))) close(i + 1);
    }
  }
  if (open >= 0) close(prose.length);
  return spans;
}
