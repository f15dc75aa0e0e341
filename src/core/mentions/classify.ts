// Presence or reference (SPEC §2): is the entity there and acting, or only talked or thought about?
// Plain rules over the words around a mention — no parser, so they stay linear and explainable.
import { isEnglishWord } from '../checks/english';
import type { NameForm } from './nameIndex';
import type { Mention } from './scan';
import {
  ADVERBS, ASIDE_OPENERS, AUXILIARIES_OF_ACTION, BEING_VERBS, DEPICTIONS, ENDING_VERBS, LOCATION_KINDS, LOCATIVE_PREPOSITIONS, MEMORY_VERBS,
  MODALS_OF_POSSIBILITY, NOT_LOCATING_VERBS, OBJECT_CLAUSE_OPENERS, PREPOSITIONS, PRESENCE_STATES, SAYING_OR_THINKING_VERBS,
  SCENE_SETTING_PREPOSITIONS, SPEECH_VERBS, STATIC_LOCATIVE_PREPOSITIONS, TRANSITIVE_LOCATING_VERBS, VERBS_OF_THINGS, isAgentive, isParticiple, isSpaceCode, isVerbLike,
} from './words';
import { isSpanStart } from './quotation';

export { findDialogueSpans } from './quotation';

export interface MentionContext {
  prose: string;
  dialogue: Array<[number, number]>;
  headings: Array<[number, number]>;
  starts: Int32Array;
  ends: Int32Array;
  count: number;
  firstWord: number;
  lastWord: number;
  /** The entry was already named unambiguously earlier in this paragraph (a reader knows who "Will" is). */
  established?: boolean;
}

const ARTICLE = new Set(['the', 'a', 'an', 'The', 'A', 'An']);
const COUNTERFACTUAL = new Set(['would', 'could', 'might', 'should', 'must']);
/** Words after which "NAME were" is a subjunctive: "if Data were here", "as though Worf were watching", "I wish Data were". */
const SUBJUNCTIVE_OPENERS = new Set(['if', 'though', 'wish', 'suppose', 'supposing', 'imagine']);
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

  // "…," said Data / '…,' growled Worf / — You are late, said Picard.
  if (previous && SPEECH_VERBS.has(previous) && before > 0 && (QUOTE_BEFORE.test(prose.slice(Math.max(0, starts[before] - 4), starts[before])) || endsDialogue(c, starts[before]))) return true;

  // A portrait, a photograph, a statue, a body in the clause: the entity is depicted, not acting;
  // a sentence that opens in the past ("Years before, …") tells of then, not of the scene.
  // Looked for last, only when the other rules find presence: most mentions are no presence anyway.
  return actsInClause(mention, c, before, previous) && !depictedInClause(prose, mention.start, mention.end) && !opensInThePast(prose, mention.start);
}

/**
 * Phrases that open a sentence told of a time years before its scene: "Years before, Data walked
 * these halls", "Long ago …", "Back then …", "As a boy, Picard …", "Once, Data …". A later time
 * ("Years later"), none ("Then") or a short span ("A week ago", when a death long before the scene
 * still holds) is left alone: the action may well contradict the canon.
 */
const PAST_FRAME = new RegExp(
  '^(?:(?:many|some|several|a few|few|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|a hundred|hundreds of|\\d+) )?' +
    '(?:years?|decades?|centuries|century|lifetimes?|ages|generations?) (?:before|earlier|ago|back|prior)(?: |$)' +
    '|^(?:long|a long time|some time|a while) (?:ago|before|back)(?: |$)' +
    '|^(?:back then|in those days|in the old days|in days gone by|once upon a time)(?: |$)' +
    '|^(?:as|when he was|when she was|when they were) an? (?:young |small |little )?(?:boy|girl|child|cadet|teenager|student|youth)(?: |$)',
);
/** Whether the mention's sentence opens with a phrase of PAST_FRAME (read from its first 48 code units). */
function opensInThePast(prose: string, offset: number): boolean {
  const first = sentenceStart(prose, offset);
  if (first < 0 || first >= offset) return false;
  const lead = prose.slice(first, Math.min(offset, first + 48));
  // "Once, Data walked here" — but "Once Data walks in, …" is a when.
  if (/^once\s*,/i.test(lead)) return true;
  return PAST_FRAME.test(lead.toLowerCase().replace(NOT_WORD, ' '));
}
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/** The rules of isPresence after the word before (index `before`, lower-cased as `previous` when in the clause). */
function actsInClause(mention: Mention, c: MentionContext, before: number, previous: string | undefined): boolean {
  const { prose, starts, ends } = c;
  const text = (i: number): string => prose.slice(starts[i], ends[i]);
  const gap = (i: number): string => prose.slice(ends[i], starts[i + 1]); // between word i and i+1

  const isLocation = LOCATION_KINDS.has(mention.entry.kind);
  // "Unless Worf comes…", "If only Data were here": a condition or a wish, not the scene. (A plain
  // "if" is not enough: in "If Worf noticed, he said nothing" Worf is there.)
  if (previous === 'unless' || (previous === 'only' && before > 0 && text(before - 1).toLowerCase() === 'if' && !CLAUSE_BREAK.test(gap(before - 1)) && !gap(before - 1).includes(','))) return false;
  if (previous) {
    if (PREPOSITIONS.has(previous)) {
      if (!isLocation || !LOCATIVE_PREPOSITIONS.has(previous) && !SCENE_SETTING_PREPOSITIONS.has(previous)) return false;
      // At Appledore Towers, the workmen… — a sentence that opens on the place sets the scene there.
      if (SCENE_SETTING_PREPOSITIONS.has(previous) && opensSentence(prose, starts[before])) return true;
      if (!LOCATIVE_PREPOSITIONS.has(previous)) return false;
      // They landed on Romulus / pruning the vines at Château Picard — but not refugees from Romulus.
      return placesAction(c, before, STATIC_LOCATIVE_PREPOSITIONS.has(previous));
    }
    if (isLocation && TRANSITIVE_LOCATING_VERBS.has(previous)) {
      return !(before > 0 && text(before - 1).toLowerCase() === 'had');
    }
    // Picard mourned Data: an object.
    if (isVerbLike(previous) || isParticiple(previous) || BEING_VERBS.has(previous)) return false;
  }

  // Data asked, "…" / Data walked to the window / Picard and Data smiled.
  let i = c.lastWord + 1;
  let aside = false;
  if (i >= c.count) return false;
  // Skip the possessive-free appositive forms the age check knows: "Picard, 94, walked".
  const afterName = prose.slice(mention.end, starts[i]);
  if (/^,\s*$/.test(afterName) && /^\d{1,3}$|^[a-z]+(-[a-z]+)?$/.test(text(i)) && /^,\s*$/.test(gap(i)) && isAge(text(i))) i++;
  else if (/^,\s*$/.test(afterName) && ASIDE_OPENERS.has(text(i))) {
    // An aside between the name and its verb: "Wiggins, the stable boy, carries up his books".
    const close = skipAside(c, i);
    if (close < 0) return false;
    i = close;
    aside = true;
  } else if (afterName.trim() !== '') {
    if (QUOTE_AFTER.test(afterName)) return false;
    if (!/^,?\s*$/.test(afterName) || afterName.includes(',')) {
      // A compound subject continues with "and" or a comma followed by a name.
      if (!/^\s*,\s*$/.test(afterName) || !isCapitalised(text(i))) return false;
    }
  }
  // Compound subject: "Picard and Data", "Rios, Raffi and Seven".
  for (let hops = 0; hops < 4 && i < c.count && !aside; hops++) {
    const w = text(i);
    if (w === 'and' && i + 1 < c.count && isCapitalised(text(i + 1)) && !CLAUSE_BREAK.test(gap(i))) {
      i += 2;
    } else if (w === 'and' && i + 2 < c.count && COMPANION_DETERMINERS.has(text(i + 1)) && !/[,.;:!?]/.test(prose.slice(ends[i], starts[i + 3] ?? ends[i + 2]))) {
      // "Worf and his son walked in".
      i += 3;
    } else if (isCapitalised(w) && /^\s*,?\s*$/.test(prose.slice(ends[i - 1], starts[i])) && i > c.lastWord + 1) {
      i++;
    } else break;
    while (i < c.count && isCapitalised(text(i)) && /^[ -]$/.test(gap(i - 1))) i++;
  }
  while (i < c.count && ADVERBS.has(text(i).toLowerCase()) && !CLAUSE_BREAK.test(gap(i - 1))) i++;
  if (i >= c.count || CLAUSE_BREAK.test(prose.slice(ends[i - 1], starts[i]))) return false;
  if (prose.slice(ends[i - 1], starts[i]).includes(',') && i > c.lastWord + 1 && !aside) return false;
  const verb = text(i);
  if (verb !== verb.toLowerCase()) return false;
  const next = i + 1 < c.count && !CLAUSE_BREAK.test(gap(i)) ? text(i + 1).toLowerCase() : '';
  // "Data said, '…'" / "'…,' Data said": attached to speech, the name is a speaker whatever precedes it.
  const speaks = SPEECH_VERBS.has(verb) && (endsDialogue(c, mention.start) || startsDialogue(c, ends[i]));
  if (speaks) return true;
  // "I keep thinking of what Mary said that night": a remembered saying, not a line of dialogue.
  if (previous && OBJECT_CLAUSE_OPENERS.has(previous) && (SPEECH_VERBS.has(verb) || SAYING_OR_THINKING_VERBS.has(verb))) return false;
  // "Picard remembered how Data laughed": the action is in a memory, not in the scene.
  if (rememberedBefore(c)) return false;
  // "Hope springs eternal", "Storm clouds over the bay": a sentence-initial name that is also an
  // English word is the word when its verb is one that things take, or when a noun follows it —
  // unless the paragraph already named the person, or the verb is one only a person does.
  // Cheapest first: most mentions open no sentence, and then neither word list is read.
  if (!c.established && opensSentence(prose, mention.start) && isHomograph(mention) && !isAgentive(verb)) {
    if (VERBS_OF_THINGS.has(verb)) return false;
    // "Storm clouds over the bay", "Rose petals are pressed": a plural noun, not a verb, follows.
    if (verb.endsWith('s') && !AUXILIARIES_OF_ACTION.has(verb) && !BEING_VERBS.has(verb) && (next === '' || PREPOSITIONS.has(next) || BEING_VERBS.has(next) || isVerbLike(next))) return false;
  }
  if (verb === 'had' || verb === "'d") {
    // Past perfect is backstory: "Robert had tended the vines".
    let k = i + 1;
    while (k < c.count && ADVERBS.has(text(k).toLowerCase())) k++;
    const following = k < c.count ? text(k).toLowerCase() : '';
    // "Sirius had his own page": to have, like to be, is a state.
    if (POSSESSION_OBJECTS.has(following)) return false;
    return !(isParticiple(following) || following === 'been');
  }
  // "Data died in 2379" tells of the death; it does not put Data in the scene.
  if (ENDING_VERBS.has(verb)) return false;
  // "If Data were here…", "I wish Worf were there", "as though Worf were watching": the subjunctive
  // of a condition or a wish puts no one in the scene ("If Worf was angry, he hid it" does).
  if (verb === 'were' && previous !== undefined && SUBJUNCTIVE_OPENERS.has(previous)) return false;
  if (BEING_VERBS.has(verb)) return next.endsWith('ing') || PRESENCE_STATES.has(next);
  if (MODALS_OF_POSSIBILITY.has(verb)) return false;
  if (AUXILIARIES_OF_ACTION.has(verb)) {
    // "Data would have loved this" is a thought about Data, not Data in the scene.
    if (COUNTERFACTUAL.has(verb) && next === 'have') return false;
    // "Data will be missed" is passive: something is done to Data, elsewhere.
    return next !== '' && next !== 'not' && next !== 'been' && next !== 'be';
  }
  return isVerbLike(verb);
}

/** A one-word name that is also an English word: Hope, Will, Grace, Rose, Data, Storm. */
export function isHomograph(mention: Pick<Mention, 'form'>): boolean {
  let verdict = homographs.get(mention.form);
  if (verdict === undefined) {
    const words = mention.form.words;
    verdict = words.length === 1 && isEnglishWord(words[0].toLowerCase());
    homographs.set(mention.form, verdict);
  }
  return verdict;
}

const homographs = new WeakMap<NameForm, boolean>();

/**
 * The verb that a place after a preposition belongs to: "landed on Romulus" (directly), or, for
 * at/in/on/aboard, one or more words back in the clause ("pruning the vines at Château Picard",
 * "crossed from Sète aboard the Aurora"). Backstory (past perfect) and verbs like "born" do not count.
 */
function placesAction(c: MentionContext, preposition: number, reachBack: boolean): boolean {
  const { prose, starts, ends } = c;
  const text = (i: number): string => prose.slice(starts[i], ends[i]).toLowerCase();
  const limit = reachBack ? 6 : 1;
  for (let k = preposition - 1, hops = 0; k >= 0 && hops < limit; k--, hops++) {
    const between = prose.slice(ends[k], starts[k + 1]);
    if (CLAUSE_BREAK.test(between) || between.includes(',')) return false;
    const w = text(k);
    if (w === 'and' || w === 'or' || w === 'but' || w === 'who' || w === 'which' || w === 'that') return false;
    const direct = hops === 0;
    // "-s" is a verb only right before the preposition, and not after a determiner or preposition ("for years").
    const plural = w.endsWith('s') && (!direct || (k > 0 && NOUN_OPENERS.has(text(k - 1))));
    const verbal = BEING_VERBS.has(w) || isParticiple(w) || w.endsWith('ing') || (isVerbLike(w) && !plural);
    if (!verbal) continue;
    if (NOT_LOCATING_VERBS.has(w)) return false;
    let aux = k - 1;
    while (aux >= 0 && ADVERBS.has(text(aux))) aux--;
    return !(aux >= 0 && (text(aux) === 'had' || text(aux) === 'd') && isParticiple(w));
  }
  return false;
}

/** "and his son", "and the others": a companion in a compound subject. */
const COMPANION_DETERMINERS = new Set('his her their the my our your its'.split(' '));

/** What follows "had" when it means owning, not an action: "had his own page", "had a cat". */
const POSSESSION_OBJECTS = new Set('his her their its my our your a an the no some one two three many few'.split(' '));

/** Words after which an "-s" word is a plural noun. */
const NOUN_OPENERS = new Set([...PREPOSITIONS, ...'the a an his her their my our your its these those many some all few several two three four five ten'.split(' ')]);

/** A verb of memory a few words back in the same sentence: "remembered the day Data laughed". */
function rememberedBefore(c: MentionContext): boolean {
  const { prose, starts, ends } = c;
  for (let k = c.firstWord - 1, hops = 0; k >= 0 && hops < 5; k--, hops++) {
    if (/[.!?;:"“”«»]|\n\s*\n/.test(prose.slice(ends[k], starts[k + 1]))) return false;
    if (MEMORY_VERBS.has(prose.slice(starts[k], ends[k]).toLowerCase())) return true;
  }
  return false;
}

/** Skips ", the stable boy," after a name; returns the word after the closing comma, or -1. */
function skipAside(c: MentionContext, first: number): number {
  const { prose, starts, ends } = c;
  for (let k = first; k < c.count && k < first + 7; k++) {
    const after = prose.slice(ends[k], starts[k + 1] ?? ends[k]);
    if (/[.!?;:"“”«»—–]|\n\s*\n/.test(after)) return -1;
    if (after.includes(',')) return /^,\s*$/.test(after) && k + 1 < c.count ? k + 1 : -1;
  }
  return -1;
}

/** Whether a dialogue span ends just before an offset, with only spaces and a comma between. */
function endsDialogue(c: MentionContext, offset: number): boolean {
  const span = spanEndingBefore(c.dialogue, offset);
  return span !== undefined && /^[\s,]*$/.test(c.prose.slice(span[1], offset));
}

/** Whether a dialogue span starts just after an offset: "Data asked, '…'". */
function startsDialogue(c: MentionContext, offset: number): boolean {
  const m = /^\s*[,:]?\s*/.exec(c.prose.slice(offset, offset + 8));
  const at = offset + (m ? m[0].length : 0);
  return isSpanStart(c.dialogue, at);
}

function spanEndingBefore(spans: Array<[number, number]>, offset: number): [number, number] | undefined {
  let lo = 0;
  let hi = spans.length - 1;
  let found: [number, number] | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid][1] <= offset) {
      found = spans[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Whether a code unit ends a sentence: . ! ? … : */
function isSentenceEnd(c: number): boolean {
  return c === 46 || c === 33 || c === 63 || c === 58 || c === 0x2026;
}

/** Whether a code unit may stand between a sentence's end and its first word: spaces, quotes, brackets, emphasis, dashes. */
function isSkippedBeforeSentence(c: number): boolean {
  if (isSpaceCode(c)) return true;
  return c === 34 || c === 39 || c === 40 || c === 42 || c === 95 || c === 91 || c === 0x201c || c === 0x201d || c === 0x2018 || c === 0x2019 || c === 0xab || c === 0xbb || c === 0x2014 || c === 0x2013;
}

/** Whether an offset opens a sentence: only quotes, brackets, dashes and spaces since a full stop. */
export function opensSentence(prose: string, offset: number): boolean {
  let newlines = 0;
  for (let j = offset - 1, steps = 0; j >= 0 && steps < 60; j--, steps++) {
    const c = prose.charCodeAt(j);
    if (c === 10 && ++newlines === 2) return true; // a paragraph (or a heading) ends above
    if (isSkippedBeforeSentence(c)) continue;
    return isSentenceEnd(c);
  }
  return true;
}

/**
 * Where the sentence holding `offset` starts (its first letter, past quotes and brackets), within
 * its paragraph and at most SENTENCE_REACH code units back; -1 when it starts further back.
 */
export function sentenceStart(prose: string, offset: number): number {
  let first = offset;
  for (let j = offset - 1; j >= 0 && offset - j <= SENTENCE_REACH; j--) {
    const code = prose.charCodeAt(j);
    if (code === 10 && endsParagraph(prose, j)) return first;
    if (isSkippedBeforeSentence(code)) continue;
    if (isSentenceEnd(code)) return first;
    first = j;
  }
  return offset <= SENTENCE_REACH ? first : -1;
}
const SENTENCE_REACH = 300;

/** Whether a code unit ends a phrase: . ! ? ; : , … — – */
function isPhraseEnd(c: number): boolean {
  return c === 46 || c === 44 || c === 33 || c === 63 || c === 59 || c === 58 || c === 0x2026 || c === 0x2014 || c === 0x2013;
}
const DEPICTION_REACH = 160;

/**
 * A depiction or remains word in the mention's own phrase ("Irene smiled out of the photograph",
 * "the body of Toby lay…"), or in a phrase that opens the sentence ("In the portrait, Mary…").
 */
function depictedInClause(prose: string, start: number, end: number): boolean {
  // Neither scan crosses a blank line, so that a paragraph is read the same alone or in its text.
  let from = start;
  while (from > 0 && start - from < DEPICTION_REACH && !isPhraseEnd(prose.charCodeAt(from - 1)) && !endsParagraph(prose, from - 1)) from--;
  let to = end;
  while (to < prose.length && to - end < DEPICTION_REACH && !isPhraseEnd(prose.charCodeAt(to)) && !endsParagraph(prose, to)) to++;
  if (hasDepiction(prose.slice(from, to))) return true;
  // A fronted phrase: "In the photograph, Mary was laughing".
  if (from > 0 && prose[from - 1] === ',') {
    let head = from - 1;
    while (head > 0 && from - head < DEPICTION_REACH && !isPhraseEnd(prose.charCodeAt(head - 1)) && !endsParagraph(prose, head - 1)) head--;
    const phrase = prose.slice(head, from - 1);
    if (opensSentence(prose, head + phrase.search(/\S|$/)) && /^\s*(?:in|on|from|inside|within)\s/i.test(phrase) && hasDepiction(phrase)) return true;
  }
  return false;
}

/** "from the portrait", "out of the old photograph", "in his coffin", "as a hologram": the entity is in the depiction. */
const INTO_DEPICTION = new Set(['from', 'in', 'of', 'inside', 'within', 'as']);

let anyDepiction: RegExp | undefined;

/** A newline with only spaces before the next newline: a paragraph ends here. */
function endsParagraph(prose: string, at: number): boolean {
  if (prose.charCodeAt(at) !== 10) return false;
  for (let j = at + 1; j < prose.length; j++) {
    const c = prose.charCodeAt(j);
    if (c === 10) return true;
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

function hasDepiction(text: string): boolean {
  anyDepiction ??= new RegExp(`(?:${[...DEPICTIONS].join('|')})`, 'i');
  if (!anyDepiction.test(text)) return false;
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  for (let k = 0; k < words.length; k++) {
    if (!DEPICTIONS.has(words[k])) continue;
    for (let back = k - 1; back >= 0 && back >= k - 4; back--) if (INTO_DEPICTION.has(words[back])) return true;
  }
  return false;
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
