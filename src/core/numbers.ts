// Cardinal numbers, spans of years and age adjectives as written in English prose.
// Every parser starts at a given index, which must be a word start, and only matches whole words.

export interface NumberMatch {
  value: number;
  /** UTF-16 code units consumed from the start index (no trailing space). */
  length: number;
}

export interface DurationMatch {
  years: number;
  length: number;
}

export interface NumberOptions {
  /** Let a lone "a"/"an" count as 1 ("a year"). "a hundred"/"a thousand" are always accepted. */
  allowArticle?: boolean;
}

const SMALL = new Map<string, number>([
  ['zero', 0], ['one', 1], ['two', 2], ['three', 3], ['four', 4], ['five', 5], ['six', 6],
  ['seven', 7], ['eight', 8], ['nine', 9], ['ten', 10], ['eleven', 11], ['twelve', 12],
  ['thirteen', 13], ['fourteen', 14], ['fifteen', 15], ['sixteen', 16], ['seventeen', 17],
  ['eighteen', 18], ['nineteen', 19],
]);

const TENS = new Map<string, number>([
  ['twenty', 20], ['thirty', 30], ['forty', 40], ['fifty', 50],
  ['sixty', 60], ['seventy', 70], ['eighty', 80], ['ninety', 90],
]);

const UNIT_YEARS = new Map<string, number>([
  ['year', 1], ['years', 1], ['yr', 1], ['yrs', 1],
  ['decade', 10], ['decades', 10],
  ['century', 100], ['centuries', 100],
  ['millennium', 1000], ['millennia', 1000], ['millenniums', 1000],
]);

const NON_ASCII_WORD = /[\p{L}\p{N}\p{M}]/u;

function isHyphen(c: number): boolean {
  return c === 0x2d || c === 0x2010 || c === 0x2011 || c === 0x2013;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Is the code unit at `i` part of a word (letter, digit, mark or underscore)? */
function isWordCharAt(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = text.charCodeAt(i);
  if (c < 0x80) return isAsciiLetter(c) || isDigit(c) || c === 0x5f;
  if (c >= 0xdc00 && c <= 0xdfff && i > 0) return NON_ASCII_WORD.test(String.fromCodePoint(text.codePointAt(i - 1)!));
  return NON_ASCII_WORD.test(String.fromCodePoint(text.codePointAt(i)!));
}

// Result of the last successful internal step (avoids allocating per step).
let stepValue = 0;
let stepEnd = 0;

/** The lower-cased ASCII word at `i` if it is a whole word, else undefined. Sets stepEnd. */
function wordAt(text: string, i: number): string | undefined {
  let j = i;
  while (j < text.length && isAsciiLetter(text.charCodeAt(j))) j++;
  if (j === i || j - i > 12 || isWordCharAt(text, j)) return undefined;
  stepEnd = j;
  return text.slice(i, j).toLowerCase();
}

/** After whitespace (spaces, tabs, NBSP, at most one line break): the next index, or -1 if none. */
function skipSpace(text: string, i: number): number {
  let j = i;
  let breaks = 0;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === 0x20 || c === 0x09 || c === 0xa0) j++;
    else if (c === 0x0a) {
      if (++breaks > 1) return -1;
      j++;
    } else if (c === 0x0d) j++;
    else break;
  }
  return j === i ? -1 : j;
}

/** A separator between number parts: one hyphen, or whitespace. The next index, or -1. */
function skipSep(text: string, i: number): number {
  return isHyphen(text.charCodeAt(i)) ? i + 1 : skipSpace(text, i);
}

/** 0–99 in words at `i` ("seven", "fourteen", "ninety-four", "ninety four"). Sets stepValue/stepEnd. */
function below100(text: string, i: number): boolean {
  const w = wordAt(text, i);
  if (w === undefined) return false;
  const small = SMALL.get(w);
  if (small !== undefined) {
    stepValue = small;
    return true;
  }
  const tens = TENS.get(w);
  if (tens === undefined) return false;
  const end = stepEnd;
  const j = skipSep(text, end);
  if (j >= 0) {
    const u = wordAt(text, j);
    const unit = u === undefined ? undefined : SMALL.get(u);
    if (unit !== undefined && unit >= 1 && unit <= 9) {
      stepValue = tens + unit;
      return true; // stepEnd set by wordAt
    }
  }
  stepValue = tens;
  stepEnd = end;
  return true;
}

/** Index after `word` (separated from `i` by sep), or -1. */
function expectWord(text: string, i: number, word: string, hyphenOk: boolean): number {
  const j = hyphenOk ? skipSep(text, i) : skipSpace(text, i);
  if (j < 0) return -1;
  return wordAt(text, j) === word ? stepEnd : -1;
}

/** An optional tail after "hundred"/"thousand": ["and"] <part>. Adds to value/end when present. */
function tail(text: string, end: number, part: (text: string, i: number) => boolean): boolean {
  let j = skipSep(text, end);
  if (j < 0) return false;
  const andEnd = expectWord(text, end, 'and', false);
  if (andEnd >= 0) {
    j = skipSpace(text, andEnd);
    if (j < 0) return false;
  }
  return part(text, j) && stepValue > 0;
}

/** 0–999 in words: <1–99> hundred [[and] <1–99>] | <0–99>. "a hundred" allowed. */
function below1000(text: string, i: number): boolean {
  let lead: number;
  let end: number;
  const w = wordAt(text, i);
  if (w === 'a') {
    lead = 1;
    end = stepEnd;
    if (expectWord(text, end, 'hundred', false) < 0) return false;
  } else {
    if (!below100(text, i)) return false;
    lead = stepValue;
    end = stepEnd;
  }
  const h = lead >= 1 ? expectWord(text, end, 'hundred', true) : -1;
  if (h < 0) {
    stepValue = lead;
    stepEnd = end;
    return true;
  }
  const value = lead * 100;
  if (tail(text, h, below100)) {
    stepValue += value;
    return true;
  }
  stepValue = value;
  stepEnd = h;
  return true;
}

function wordsAt(text: string, i: number, allowArticle: boolean): boolean {
  let lead: number;
  let end: number;
  const w = wordAt(text, i);
  if (w === 'a' || w === 'an') {
    const articleEnd = stepEnd;
    if (w === 'a' && (expectWord(text, articleEnd, 'hundred', false) >= 0 || expectWord(text, articleEnd, 'thousand', false) >= 0)) {
      if (expectWord(text, articleEnd, 'thousand', false) >= 0) {
        lead = 1;
        end = articleEnd;
      } else {
        if (!below1000(text, i)) return false;
        lead = stepValue;
        end = stepEnd;
      }
    } else {
      if (!allowArticle) return false;
      stepValue = 1;
      stepEnd = articleEnd;
      return true;
    }
  } else {
    if (!below1000(text, i)) return false;
    lead = stepValue;
    end = stepEnd;
  }
  const t = lead >= 1 ? expectWord(text, end, 'thousand', true) : -1;
  if (t < 0) {
    stepValue = lead;
    stepEnd = end;
    return true;
  }
  const value = lead * 1000;
  if (tail(text, t, below1000)) {
    stepValue += value;
    return true;
  }
  stepValue = value;
  stepEnd = t;
  return true;
}

/** Digits ("94", "1,500"); not a decimal ("3.5") nor part of a word ("94th"). */
function digitsAt(text: string, i: number): boolean {
  let j = i;
  while (j < text.length && isDigit(text.charCodeAt(j))) j++;
  let value = Number(text.slice(i, j));
  // Thousands separators: 1,500 / 12,000,000 (groups of exactly three digits).
  if (j - i <= 3) {
    let k = j;
    while (text.charCodeAt(k) === 0x2c && isDigit(text.charCodeAt(k + 1))) {
      let m = k + 1;
      while (m < text.length && isDigit(text.charCodeAt(m))) m++;
      if (m - k - 1 !== 3) break;
      value = value * 1000 + Number(text.slice(k + 1, m));
      k = m;
    }
    j = k;
  }
  if (isWordCharAt(text, j)) return false;
  const c = text.charCodeAt(j);
  if ((c === 0x2e || c === 0x2c) && isDigit(text.charCodeAt(j + 1))) return false;
  stepValue = value;
  stepEnd = j;
  return true;
}

/**
 * A cardinal number starting at `index` (a word start): digits ("94", "1,500") or English words,
 * case-insensitive ("ninety-four", "ninety four", "a hundred", "one hundred and five",
 * "nineteen hundred", "two thousand and one"). A lone "a"/"an" is 1 only with `allowArticle`.
 */
export function parseNumberAt(text: string, index: number, opts?: NumberOptions): NumberMatch | undefined {
  if (index < 0 || index >= text.length || isWordCharAt(text, index - 1)) return undefined;
  const c = text.charCodeAt(index);
  const ok = isDigit(c) ? digitsAt(text, index) : isAsciiLetter(c) && wordsAt(text, index, opts?.allowArticle === true);
  return ok ? { value: stepValue, length: stepEnd - index } : undefined;
}

function isOldAfter(text: string, end: number): boolean {
  return expectWord(text, end, 'old', true) >= 0;
}

/**
 * A span of years starting at `index`: "fourteen years", "14 years", "a year", "a decade",
 * "two decades", "a century", "two centuries", "a dozen years" (12), "half a century" (50).
 * Vague spans ("a few years", "twenty-odd years") and ages ("80-year-old") give undefined.
 */
export function parseDurationAt(text: string, index: number): DurationMatch | undefined {
  if (index < 0 || index >= text.length || isWordCharAt(text, index - 1)) return undefined;
  let count: number;
  let end: number;
  const first = isAsciiLetter(text.charCodeAt(index)) ? wordAt(text, index) : undefined;
  if (first === 'half') {
    const a = skipSpace(text, stepEnd);
    const art = a < 0 ? undefined : wordAt(text, a);
    if (art !== 'a' && art !== 'an') return undefined;
    const u = skipSpace(text, stepEnd);
    const unit = u < 0 ? undefined : UNIT_YEARS.get(wordAt(text, u) ?? '');
    if (unit === undefined || unit < 10) return undefined; // "half a year" is not whole years
    const unitEnd = stepEnd; // isOldAfter moves the shared cursor
    return isOldAfter(text, unitEnd) ? undefined : { years: unit / 2, length: unitEnd - index };
  }
  const n = parseNumberAt(text, index, { allowArticle: true });
  if (!n) return undefined;
  count = n.value;
  end = index + n.length;
  let j = skipSep(text, end);
  if (j < 0) return undefined;
  let w = wordAt(text, j);
  if (w === 'dozen') {
    count *= 12;
    j = skipSep(text, stepEnd);
    if (j < 0) return undefined;
    w = wordAt(text, j);
  }
  const unit = w === undefined ? undefined : UNIT_YEARS.get(w);
  if (unit === undefined) return undefined;
  end = stepEnd;
  if (isOldAfter(text, end)) return undefined;
  return { years: count * unit, length: end - index };
}

/**
 * An age written as an adjective or phrase at `index`: "80-year-old", "eighty-year-old",
 * "ninety-four-year-old", "eighty year old", "80 years old". `length` runs through "old".
 */
export function parseAgeAdjectiveAt(text: string, index: number): NumberMatch | undefined {
  const n = parseNumberAt(text, index);
  if (!n) return undefined;
  const j = skipSep(text, index + n.length);
  if (j < 0) return undefined;
  const w = wordAt(text, j);
  if (w !== 'year' && w !== 'years') return undefined;
  const end = expectWord(text, stepEnd, 'old', true);
  return end < 0 ? undefined : { value: n.value, length: end - index };
}
