// One pass over a manuscript's prose: every mention of a canon name (longest match first), and the
// capitalised words that are no name (for the unknown-name check).
import { foldAccents, type Entry } from '../lore/entry';
import type { Manuscript } from '../manuscript';
import { classifyMention, findDialogueSpans } from './classify';
import { normaliseSeparator, WORD, type NameForm, type NameIndex } from './nameIndex';

export interface Mention {
  entry: Entry;
  form: NameForm;
  /** Offsets of the name in the text (without a possessive `'s`). */
  start: number;
  end: number;
  possessive: boolean;
  inDialogue: boolean;
  /** The entity is there and acts in the scene, rather than being talked or thought about. */
  presence: boolean;
}

export interface CapitalisedWord {
  start: number;
  end: number;
}

export interface ScanResult {
  mentions: Mention[];
  /** Capitalised words that are no part of a mention. */
  unknownCapitalised: CapitalisedWord[];
  /** Word starts and ends, for checks that look around a mention. */
  wordStarts: Int32Array;
  wordEnds: Int32Array;
  wordCount: number;
}

const NUMBER_WORDS = new Set('one two three four five six seven eight nine ten eleven twelve twenty hundred thousand'.split(' '));
const UNITS = new Set(
  'years days hours minutes seconds weeks months decades centuries times more of others people men women ships lives miles kilometers light-years'.split(' '),
);
const POSSESSIVE = /^['’]s(?![\p{L}\p{N}])|^['’](?![\p{L}\p{N}])/u;

export function scanMentions(m: Manuscript, index: NameIndex): ScanResult {
  const prose = m.prose;
  // Tokenise once; names are matched over the token arrays.
  let capacity = Math.max(1024, prose.length >> 2);
  let starts = new Int32Array(capacity);
  let ends = new Int32Array(capacity);
  let count = 0;
  WORD.lastIndex = 0;
  for (let match = WORD.exec(prose); match !== null; match = WORD.exec(prose)) {
    if (count === capacity) {
      capacity *= 2;
      const s = new Int32Array(capacity);
      s.set(starts);
      starts = s;
      const e = new Int32Array(capacity);
      e.set(ends);
      ends = e;
    }
    starts[count] = match.index;
    ends[count] = match.index + match[0].length;
    count++;
  }
  // eslint-disable-next-line no-control-regex
  const ascii = !/[^\x00-\x7f]/.test(prose);
  const word = (i: number): string => {
    const raw = prose.slice(starts[i], ends[i]);
    return ascii ? raw : foldAccents(raw);
  };

  const dialogue = findDialogueSpans(prose);
  const mentions: Mention[] = [];
  const unknownCapitalised: CapitalisedWord[] = [];
  for (let i = 0; i < count; i++) {
    const first = word(i);
    const code = first.charCodeAt(0);
    let matched: { form: NameForm; last: number } | undefined;
    const candidates = index.candidates(first);
    if (candidates) matched = longestMatch(candidates, i, false);
    if (!matched && first.length > 1 && first === first.toUpperCase() && first !== first.toLowerCase()) {
      const upper = index.candidatesUpper(first);
      if (upper) matched = longestMatch(upper, i, true);
    }
    if (matched && isCountedQuantity(matched.form, matched.last)) matched = undefined;
    if (matched) {
      const start = starts[i];
      let end = ends[matched.last];
      end += matched.form.trailing.length;
      const after = prose.slice(end, end + 3);
      const possessive = POSSESSIVE.test(after) && (after[1] === 's' || after[1] === 'S' || /s$/i.test(matched.form.words[matched.form.words.length - 1]));
      const mention: Mention = { entry: matched.form.entry, form: matched.form, start, end, possessive, inDialogue: false, presence: false };
      classifyMention(mention, { prose, dialogue, headings: m.headings, starts, ends, count, firstWord: i, lastWord: matched.last });
      mentions.push(mention);
      i = matched.last;
      continue;
    }
    // Upper-case letter (ASCII fast path, then Unicode).
    if ((code >= 65 && code <= 90) || (code > 127 && first[0] !== first[0].toLowerCase())) {
      unknownCapitalised.push({ start: starts[i], end: ends[i] });
    }
  }
  return { mentions, unknownCapitalised, wordStarts: starts, wordEnds: ends, wordCount: count };

  /** "Seven years later" is a number, not Seven of Nine: a one-word number name before a unit. */
  function isCountedQuantity(form: NameForm, last: number): boolean {
    if (form.words.length !== 1 || !NUMBER_WORDS.has(form.words[0].toLowerCase()) || last + 1 >= count) return false;
    if (!/^\s+$/.test(prose.slice(ends[last], starts[last + 1]))) return false;
    return UNITS.has(prose.slice(starts[last + 1], ends[last + 1]).toLowerCase());
  }

  function longestMatch(candidates: NameForm[], i: number, allCaps: boolean): { form: NameForm; last: number } | undefined {
    for (const form of candidates) {
      const n = form.words.length;
      if (i + n > count) continue;
      let ok = true;
      for (let k = 0; k < n && ok; k++) {
        const w = k === 0 ? undefined : word(i + k);
        if (k > 0) {
          const expected = allCaps ? form.words[k].toUpperCase() : form.words[k];
          if (w !== expected) ok = false;
          else if (normaliseSeparator(prose.slice(ends[i + k - 1], starts[i + k])) !== form.separators[k - 1]) ok = false;
        }
      }
      if (ok && form.trailing && !prose.startsWith(form.trailing, ends[i + n - 1])) ok = false;
      if (ok) return { form, last: i + n - 1 };
    }
    return undefined;
  }
}
