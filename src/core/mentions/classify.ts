// Presence or reference (SPEC §2): is the entity there and acting, or only talked or thought about?
// Plain rules over the words around a mention — no parser, so they stay linear and explainable.
import type { Mention } from './scan';
import { ADVERBS, AUXILIARIES_OF_ACTION, BEING_VERBS, ENDING_VERBS, LOCATION_KINDS, LOCATIVE_PREPOSITIONS, NOT_LOCATING_VERBS, PREPOSITIONS, PRESENCE_STATES, SPEECH_VERBS, TRANSITIVE_LOCATING_VERBS, isParticiple, isVerbLike } from './words';

export interface MentionContext {
  prose: string;
  dialogue: Array<[number, number]>;
  headings: Array<[number, number]>;
  starts: Int32Array;
  ends: Int32Array;
  count: number;
  firstWord: number;
  lastWord: number;
}

const ARTICLE = new Set(['the', 'a', 'an', 'The', 'A', 'An']);
const COUNTERFACTUAL = new Set(['would', 'could', 'might', 'should', 'must']);
const CLAUSE_BREAK = /[.!?;:()"“”«»—–]|\n\s*\n|['‘’]\s*$|^\s*['‘’]/;
const QUOTE_BEFORE = /["“”»]\s*,?\s*$|,\s*["“”»]\s*$/;
const QUOTE_AFTER = /^\s*,?\s*["“«]/;

export function classifyMention(mention: Mention, c: MentionContext): void {
  mention.inDialogue = within(c.dialogue, mention.start);
  if (mention.inDialogue || mention.possessive || within(c.headings, mention.start)) {
    mention.presence = false;
    return;
  }
  mention.presence = isPresence(mention, c);
}

function isPresence(mention: Mention, c: MentionContext): boolean {
  const { prose, starts, ends } = c;
  const text = (i: number): string => prose.slice(starts[i], ends[i]);
  const gap = (i: number): string => prose.slice(ends[i], starts[i + 1]); // between word i and i+1

  // The word before, in the same clause (an article between is skipped).
  let before = c.firstWord - 1;
  if (before >= 0 && ARTICLE.has(text(before)) && !CLAUSE_BREAK.test(gap(before))) before--;
  const joined = before >= 0 && before < c.firstWord && !CLAUSE_BREAK.test(prose.slice(ends[before], mention.start)) && !prose.slice(ends[before], mention.start).includes(',');
  const previous = joined ? text(before).toLowerCase() : undefined;

  // "…," said Data.
  if (previous && SPEECH_VERBS.has(previous) && before > 0 && QUOTE_BEFORE.test(prose.slice(Math.max(0, starts[before] - 4), starts[before]))) return true;

  const isLocation = LOCATION_KINDS.has(mention.entry.kind);
  if (previous) {
    if (PREPOSITIONS.has(previous)) {
      if (!isLocation || !LOCATIVE_PREPOSITIONS.has(previous)) return false;
      // They landed on Romulus / Rios beamed aboard the Enterprise-D — but not refugees from Romulus.
      const verbIndex = before - 1;
      if (verbIndex < 0 || CLAUSE_BREAK.test(gap(verbIndex))) return false;
      const verb = text(verbIndex).toLowerCase();
      if (NOT_LOCATING_VERBS.has(verb) || !(isVerbLike(verb) || BEING_VERBS.has(verb))) return false;
      return !(verbIndex > 0 && text(verbIndex - 1).toLowerCase() === 'had');
    }
    if (isLocation && TRANSITIVE_LOCATING_VERBS.has(previous)) {
      return !(before > 0 && text(before - 1).toLowerCase() === 'had');
    }
    // Picard mourned Data: an object.
    if (isVerbLike(previous) || isParticiple(previous) || BEING_VERBS.has(previous)) return false;
  }

  // Data asked, "…" / Data walked to the window / Picard and Data smiled.
  let i = c.lastWord + 1;
  if (i >= c.count) return false;
  // Skip the possessive-free appositive forms the age check knows: "Picard, 94, walked".
  const afterName = prose.slice(mention.end, starts[i]);
  if (/^,\s*$/.test(afterName) && /^\d{1,3}$|^[a-z]+(-[a-z]+)?$/.test(text(i)) && /^,\s*$/.test(gap(i)) && isAge(text(i))) i++;
  else if (afterName.trim() !== '') {
    if (QUOTE_AFTER.test(afterName)) return false;
    if (!/^,?\s*$/.test(afterName) || afterName.includes(',')) {
      // A compound subject continues with "and" or a comma followed by a name.
      if (!/^\s*,\s*$/.test(afterName) || !isCapitalised(text(i))) return false;
    }
  }
  // Compound subject: "Picard and Data", "Rios, Raffi and Seven".
  for (let hops = 0; hops < 4 && i < c.count; hops++) {
    const w = text(i);
    if (w === 'and' && i + 1 < c.count && isCapitalised(text(i + 1)) && !CLAUSE_BREAK.test(gap(i))) {
      i += 2;
    } else if (isCapitalised(w) && /^\s*,?\s*$/.test(prose.slice(ends[i - 1], starts[i])) && i > c.lastWord + 1) {
      i++;
    } else break;
    while (i < c.count && isCapitalised(text(i)) && /^[ -]$/.test(gap(i - 1))) i++;
  }
  while (i < c.count && ADVERBS.has(text(i).toLowerCase()) && !CLAUSE_BREAK.test(gap(i - 1))) i++;
  if (i >= c.count || CLAUSE_BREAK.test(prose.slice(ends[i - 1], starts[i]))) return false;
  if (prose.slice(ends[i - 1], starts[i]).includes(',') && i > c.lastWord + 1) return false;
  const verb = text(i);
  if (verb !== verb.toLowerCase()) return false;
  const next = i + 1 < c.count && !CLAUSE_BREAK.test(gap(i)) ? text(i + 1).toLowerCase() : '';
  if (verb === 'had' || verb === "'d") {
    // Past perfect is backstory: "Robert had tended the vines".
    let k = i + 1;
    while (k < c.count && ADVERBS.has(text(k).toLowerCase())) k++;
    const following = k < c.count ? text(k).toLowerCase() : '';
    return !(isParticiple(following) || following === 'been');
  }
  // "Data died in 2379" tells of the death; it does not put Data in the scene.
  if (ENDING_VERBS.has(verb)) return false;
  if (BEING_VERBS.has(verb)) return next.endsWith('ing') || PRESENCE_STATES.has(next);
  if (AUXILIARIES_OF_ACTION.has(verb)) {
    // "Data would have loved this" is a thought about Data, not Data in the scene.
    if (COUNTERFACTUAL.has(verb) && next === 'have') return false;
    // "Data will be missed" is passive: something is done to Data, elsewhere.
    return next !== '' && next !== 'not' && next !== 'been' && next !== 'be';
  }
  return isVerbLike(verb);
}

function isAge(word: string): boolean {
  return /^\d{1,3}$/.test(word) || /^(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)/.test(word);
}

function isCapitalised(word: string): boolean {
  const first = word[0];
  return first !== undefined && first !== first.toLowerCase();
}

function within(spans: Array<[number, number]>, offset: number): boolean {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [start, end] = spans[mid];
    if (offset < start) hi = mid - 1;
    else if (offset >= end) lo = mid + 1;
    else return true;
  }
  return false;
}

/**
 * Spans of dialogue: “curly”, "straight" and «guillemet» quotes, and ‘single curly’ quotes that
 * open after a space (so that apostrophes are not taken for quotes). A blank line ends a paragraph
 * and any quote left open in it.
 */
export function findDialogueSpans(prose: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let open = -1;
  let closer = '';
  for (let i = 0; i < prose.length; i++) {
    const ch = prose.charCodeAt(i);
    // Only these characters matter: " “ ” « » ‘ ’ and newlines.
    if (ch !== 34 && ch !== 0x201c && ch !== 0x201d && ch !== 0xab && ch !== 0xbb && ch !== 0x2018 && ch !== 0x2019 && ch !== 10) continue;
    if (ch === 10) {
      if (open >= 0 && isBlankLineAfter(prose, i)) {
        spans.push([open, i]);
        open = -1;
      }
      continue;
    }
    const c = prose[i];
    if (open < 0) {
      if (c === '"' || c === '“' || c === '«') {
        open = i;
        closer = c === '"' ? '"' : c === '“' ? '”' : '»';
      } else if (c === '‘' && (i === 0 || /\s|[(\[—–-]/.test(prose[i - 1]))) {
        open = i;
        closer = '’';
      }
    } else if (c === closer || (closer === '"' && c === '”') || (closer === '”' && c === '"')) {
      if (closer === '’' && /[\p{L}\p{N}]/u.test(prose[i + 1] ?? '')) continue; // an apostrophe inside a word
      spans.push([open, i + 1]);
      open = -1;
    }
  }
  if (open >= 0) spans.push([open, prose.length]);
  return spans;
}

function isBlankLineAfter(prose: string, newline: number): boolean {
  for (let j = newline + 1; j < prose.length; j++) {
    const ch = prose[j];
    if (ch === '\n') return true;
    if (ch !== ' ' && ch !== '\t' && ch !== '\r') return false;
  }
  return true;
}
