// Quotation state (SPEC §2, "Dialogue"): which stretches of a text are someone's speech, in every
// quotation style fiction uses — "straight" and “curly” double quotes, 'British' and ‘curly’
// single quotes, «guillemets» (and »German« ones), and the em dash that opens a line of speech,
// with its attribution incise (`— You are late, said Holmes. Sit down.`) carved out.
// One linear pass; a blank line ends a paragraph and any speech left open in it.
import { SPEECH_VERBS } from './words';
import { appendAll } from '../arrays';

export type Span = [number, number];

/** Words that start with an elided letter (`'em`, `'tis`, `'95`): an apostrophe, never a quote. */
const ELISION = /^(?:em|tis|twas|twere|twill|til|till|cause|cos|bout|n|nuff|neath|round|scuse|ere)(?![\p{L}\p{N}])|^\d/iu;
const LETTER = /[\p{L}\p{N}]/u;
/** What may stand just before an opening quote: nothing, a space, or an opening bracket or dash. */
const OPENING_CONTEXT = /[\s([{\u2014\u2013\-/"“«]/;
/** A closing single quote after a letter is an apostrophe unless speech punctuation or the paragraph's end follows. */
const AFTER_CLOSING = /^[ \t]*(?:[,.;:!?)…\u2014\u2013]|\r?\n[ \t]*\r?\n|\r?\n?[ \t]*$)/;

type Kind = 'double' | 'curly' | 'guillemet' | 'reversed' | 'single' | 'dash';

/**
 * The characters the quotation state looks at: line breaks and the quote marks. Everything between
 * them is skipped by the regex engine's own search, so that the prose's other characters cost no
 * step of JavaScript (the first chapters of a run are checked before any of it is optimised).
 */
const QUOTE_OR_LINE = /[\n"\u201c\u201d\u00ab\u00bb'\u2018\u2019]/g;

export function findDialogueSpans(prose: string): Span[] {
  const spans: Span[] = [];
  let open = -1;
  let kind: Kind = 'double';
  const close = (at: number): void => {
    if (kind === 'dash') appendAll(spans, withoutIncises(prose, open, at));
    else spans.push([open, at]);
    open = -1;
  };
  // A single quote opened right after a word ("the so-called 'Napoleon of crime' was") is a scare
  // quote or a short citation: it closes at the next closing-shaped quote, even after a letter.
  let midSentence = false;
  const n = prose.length;
  const search = QUOTE_OR_LINE;
  for (let i = 0, lineStart = true; i < n; i++) {
    if (lineStart) {
      lineStart = false;
      while (i < n && isBlankFill(prose.charCodeAt(i))) i++;
      // A line that opens with a dash and a space or a letter is a line of speech (European style).
      const first = prose.charCodeAt(i);
      if (open < 0 && (first === 0x2014 || first === 0x2013) && /[ \t\p{L}]/u.test(prose[i + 1] ?? '')) {
        open = i;
        kind = 'dash';
        continue;
      }
    }
    search.lastIndex = i;
    if (!search.test(prose)) break;
    i = search.lastIndex - 1;
    const ch = prose.charCodeAt(i);
    if (ch === 10) {
      if (open >= 0 && (isBlankLineAfter(prose, i) || (kind === 'dash' && startsWithDash(prose, i + 1)))) close(i);
      lineStart = true;
      continue;
    }
    if (ch === 34) {
      if (open < 0) {
        open = i;
        kind = 'double';
      } else if (kind === 'double' || kind === 'curly') close(i + 1);
      continue;
    }
    if (ch === 0x201c) {
      if (open < 0) {
        open = i;
        kind = 'curly';
      }
      continue;
    }
    if (ch === 0x201d) {
      if (open >= 0 && (kind === 'curly' || kind === 'double')) close(i + 1);
      continue;
    }
    if (ch === 0xab) {
      if (open < 0) {
        open = i;
        kind = 'guillemet';
      } else if (kind === 'reversed') close(i + 1);
      continue;
    }
    if (ch === 0xbb) {
      if (open < 0) {
        open = i;
        kind = 'reversed';
      } else if (kind === 'guillemet') close(i + 1);
      continue;
    }
    // A single quote or an apostrophe: its shape and the quotation state decide.
    const before = i > 0 ? prose[i - 1] : ' ';
    const after = prose[i + 1] ?? ' ';
    const letterBefore = LETTER.test(before);
    const letterAfter = LETTER.test(after);
    if (letterBefore && letterAfter) continue; // don't, o'clock, Worf's
    if (!letterBefore && OPENING_CONTEXT.test(before) && !/\s/.test(after)) {
      // Opening shape. ’ there is an elision (’95, ’em); inside speech, a nested quote or an elision.
      if (open >= 0 || ch === 0x2019) continue;
      if (ELISION.test(prose.slice(i + 1, i + 8))) continue;
      open = i;
      kind = 'single';
      midSentence = opensAfterWord(prose, i);
      continue;
    }
    if (open < 0 || kind !== 'single' || ch === 0x2018) continue;
    // Closing shape: after punctuation it closes; after a letter (the Hudsons', runnin') only
    // when speech punctuation or the paragraph's end follows.
    if (!letterBefore && !/\s/.test(before)) close(i + 1);
    else if (letterBefore && (midSentence || AFTER_CLOSING.test(prose.slice(i + 1, i + 40)))) close(i + 1);
  }
  if (open >= 0) close(n);
  return spans;
}

/** Spaces, tabs and carriage returns: what may come before the first character of a line. */
function isBlankFill(c: number): boolean {
  return c === 32 || c === 9 || c === 13;
}

/** Whether a span of the (sorted) list starts exactly at an offset: an opening quote, not an apostrophe. */
export function isSpanStart(spans: Span[], offset: number): boolean {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid][0] === offset) return true;
    if (spans[mid][0] < offset) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

function opensAfterWord(prose: string, quote: number): boolean {
  let j = quote - 1;
  while (j >= 0 && (prose[j] === ' ' || prose[j] === '\t')) j--;
  return j >= 0 && LETTER.test(prose[j]);
}

function isBlankLineAfter(prose: string, newline: number): boolean {
  for (let j = newline + 1; j < prose.length; j++) {
    const ch = prose[j];
    if (ch === '\n') return true;
    if (ch !== ' ' && ch !== '\t' && ch !== '\r') return false;
  }
  return true;
}

function startsWithDash(prose: string, from: number): boolean {
  let j = from;
  while (prose[j] === ' ' || prose[j] === '\t') j++;
  return prose[j] === '\u2014' || prose[j] === '\u2013';
}

let inciseStart: RegExp | undefined;

/**
 * An attribution incise inside a dash line: `, said Holmes` / `, he said` / `, the ensign squeaked`
 * after a comma, or a dash-enclosed one (`—said Holmes—`). It runs to the end of its sentence or
 * the next dash; the speech resumes after it.
 */
function withoutIncises(prose: string, start: number, end: number): Span[] {
  inciseStart ??= new RegExp(
    `(?:[,?!]|[ \\t]\\u2014|[ \\t]\\u2013)[ \\t]*(?:(?:${[...SPEECH_VERBS].join('|')})[ \\t]+(?:the[ \\t]+)?\\p{L}|(?:he|she|I|we|they|you|it|one|\\p{Lu}[\\p{L}'’-]*(?:[ \\t]+\\p{Lu}[\\p{L}'’-]*)*|the[ \\t]+\\p{L}+)[ \\t]+(?:${[...SPEECH_VERBS].join('|')})(?![\\p{L}]))`,
    'gu',
  );
  const out: Span[] = [];
  const text = prose.slice(start, end);
  let from = 0;
  inciseStart.lastIndex = 1;
  for (let m = inciseStart.exec(text); m !== null; m = inciseStart.exec(text)) {
    // A question or exclamation mark belongs to the speech: "— Where is he? asked Worf."
    const speechEnd = m[0][0] === '?' || m[0][0] === '!' ? m.index + 1 : m.index;
    if (speechEnd > from) out.push([start + from, start + speechEnd]);
    const rest = text.slice(m.index + m[0].length);
    const stop = /[.!?…](?=\s|$)|[ \t][\u2014\u2013]|[\u2014\u2013](?=[ \t.])/.exec(rest);
    from = stop ? m.index + m[0].length + stop.index + stop[0].length : text.length;
    inciseStart.lastIndex = from;
  }
  if (from < text.length) out.push([start + from, end]);
  return out;
}
