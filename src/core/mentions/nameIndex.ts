// Every name and alias of the canon in a trie of words, so that scanning a text costs one Map
// lookup per word — and one more per word of a name being matched — whatever the canon's size.
import { foldAccents, type Entry } from '../lore/entry';
import type { LoreBase } from '../lore/base';
import { TITLE_FIELDS, titleOf, type Span } from '../lore/periods';

export interface NameForm {
  entry: Entry;
  /** The name as written in the lore. */
  text: string;
  /** Words of the name, accents folded, case kept (a leading article dropped). */
  words: string[];
  /** Normalised separators between consecutive words (`' '`, `'-'`, `'.'`, `"'"`). */
  separators: string[];
  /** Punctuation that ends the name (`J.L.`). */
  trailing: string;
  isAlias: boolean;
  /** A timed alias (SPEC §1): when it holds. Absent for names that hold at every date. */
  spans?: Span[];
  /** A titled form (`Captain Picard`): a value of the entry's `rank`/`title` periods before one of its names. */
  title?: TitledPart;
}

export interface TitledPart {
  /** The field the title comes from (`rank`, `title`). */
  field: string;
  /** The title as written before the name, its parenthesised part removed (`Admiral`). */
  text: string;
  /** How many of the form's words are the title's. */
  words: number;
  /** The name after the title, as the lore writes it (`Picard`). */
  name: string;
}

/** A node of the name trie: the forms that end here, and the next words (keyed separator + word). */
export interface NameNode {
  forms: NameForm[];
  next?: Map<string, NameNode>;
}

export const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const ARTICLES = new Set(['the', 'a', 'an', 'The', 'A', 'An']);

export class NameIndex {
  /** First word (accents folded, case as written) → the trie below it. */
  private readonly roots = new Map<string, NameNode>();
  /** The same trie in upper case, for headings in ALL CAPS: built on first use, as few texts need it. */
  private upperRoots: Map<string, NameNode> | undefined;
  readonly forms: NameForm[] = [];
  /** Every word of every name (folded) → the first entry using it, to tell an unknown word from part of a known name. */
  readonly knownWords = new Map<string, Entry>();
  /** A folded word → the word as the lore spells it (`Cristobal` → `Cristóbal`). */
  readonly spellings = new Map<string, string>();

  constructor(base: LoreBase) {
    for (const entry of base.entries) {
      for (const form of formsOf(entry)) this.add(form);
    }
  }

  private add(nameForm: NameForm): void {
    const { entry, text, words, separators } = nameForm;
    this.forms.push(nameForm);
    // A title's words (`Captain`) are common nouns, not names: they never make a word "known".
    for (let w = nameForm.title?.words ?? 0; w < words.length; w++) if (!this.knownWords.has(words[w])) this.knownWords.set(words[w], entry);
    if (!isAscii(text)) {
      for (const original of text.match(WORD) ?? []) {
        const folded = foldAccents(original);
        if (folded !== original && !this.spellings.has(folded)) this.spellings.set(folded, original);
      }
    }
    const first = words[0];
    insert(this.roots, first, words, separators, nameForm, false);
    // A name the lore writes in lower case (`the attack on Mars`) may open a sentence.
    const capitalised = first[0].toUpperCase() + first.slice(1);
    if (capitalised !== first) insert(this.roots, capitalised, words, separators, nameForm, false);
  }

  /** The trie below a first word as written (folded), or undefined. */
  root(word: string): NameNode | undefined {
    return this.roots.get(word);
  }

  /** The ALL CAPS trie below an upper-case first word. */
  upperRoot(word: string): NameNode | undefined {
    if (!this.upperRoots) {
      this.upperRoots = new Map();
      for (const form of this.forms) insert(this.upperRoots, form.words[0].toUpperCase(), form.words, form.separators, form, true);
    }
    return this.upperRoots.get(word);
  }
}

/** An entry's names split into words, once per entry object (a reload reuses unchanged entries). */
const formsCache = new WeakMap<Entry, NameForm[]>();

function formsOf(entry: Entry): NameForm[] {
  let forms = formsCache.get(entry);
  if (forms) return forms;
  forms = [];
  for (const [text, isAlias] of [[entry.name, false], ...entry.aliases.map((a) => [a, true] as const)] as Array<[string, boolean]>) {
    const split = splitName(text);
    if (!split) continue;
    let { words, separators } = split;
    // A leading article is optional in prose: index the name without it.
    if (words.length > 1 && ARTICLES.has(words[0])) {
      words = words.slice(1);
      separators = separators.slice(1);
    }
    const spans = isAlias ? entry.aliasSpans?.[text] : undefined;
    forms.push({ entry, text, words, separators, trailing: split.trailing, isAlias, ...(spans ? { spans } : {}) });
  }
  if (entry.periods) addTitledForms(entry, forms);
  formsCache.set(entry, forms);
  return forms;
}

/**
 * Titled forms: each title of the entry's `rank`/`title` periods before each of its names that
 * holds at every date. An alias that already spells one out (`Admiral Picard`) becomes that form.
 * Only entries with such periods pay for them.
 */
function addTitledForms(entry: Entry, forms: NameForm[]): void {
  const titles: Array<{ field: string; text: string; words: string[]; separators: string[] }> = [];
  for (const field of TITLE_FIELDS) {
    for (const text of new Set((entry.periods?.[field] ?? []).map((p) => titleOf(p.value)))) {
      const split = text === '' ? undefined : splitName(text);
      if (split) titles.push({ field, text, words: split.words, separators: split.separators });
    }
  }
  if (titles.length === 0) return;
  // `Admiral Picard` is no name to put a title before: it already has one.
  const names = forms.filter((f) => !f.spans && !titles.some((t) => startsWithWords(f.words, t.words)));
  const byKey = new Map(forms.map((f) => [formKey(f.words, f.separators), f]));
  for (const title of titles) {
    for (const name of names) {
      const words = [...title.words, ...name.words];
      const separators = [...title.separators, ' ', ...name.separators];
      const key = formKey(words, separators);
      const existing = byKey.get(key);
      if (existing) {
        // An alias that spells the titled form out is checked as one.
        if (existing.entry === entry && !existing.title) existing.title = { field: title.field, text: title.text, words: title.words.length, name: nameAfter(existing.text, title.words.length) };
        continue;
      }
      const part: TitledPart = { field: title.field, text: title.text, words: title.words.length, name: name.text };
      const form: NameForm = { entry, text: `${title.text} ${name.text}`, words, separators, trailing: name.trailing, isAlias: true, title: part };
      forms.push(form);
      byKey.set(key, form);
    }
  }
}

function formKey(words: string[], separators: string[]): string {
  let key = words[0] ?? '';
  for (let i = 1; i < words.length; i++) key += separators[i - 1] + words[i];
  return key;
}

function startsWithWords(words: string[], prefix: string[]): boolean {
  if (prefix.length >= words.length) return false;
  for (let i = 0; i < prefix.length; i++) if (words[i] !== prefix[i]) return false;
  return true;
}

/** `Admiral Picard` without its first word: `Picard`. */
function nameAfter(text: string, titleWords: number): string {
  let rest = text.trim();
  for (let i = 0; i < titleWords; i++) rest = rest.replace(/^[\p{L}\p{N}\p{M}]+[^\p{L}\p{N}\p{M}]*/u, '');
  return rest;
}

function isAscii(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(text);
}

function insert(roots: Map<string, NameNode>, first: string, words: string[], separators: string[], form: NameForm, upper: boolean): void {
  let node = roots.get(first);
  if (!node) {
    node = { forms: [] };
    roots.set(first, node);
  }
  for (let k = 1; k < words.length; k++) {
    const key = separators[k - 1] + (upper ? words[k].toUpperCase() : words[k]);
    node.next ??= new Map();
    let child = node.next.get(key);
    if (!child) {
      child = { forms: [] };
      node.next.set(key, child);
    }
    node = child;
  }
  if (!node.forms.includes(form)) node.forms.push(form);
}

/** Splits a name into words and the separators between them, normalised as prose is. */
export function splitName(text: string): { words: string[]; separators: string[]; trailing: string } | undefined {
  const folded = foldAccents(text.trim());
  // Most names are plain words and single spaces.
  if (/^[A-Za-z0-9]+(?: [A-Za-z0-9]+)*$/.test(folded)) {
    const words = folded.split(' ');
    return { words, separators: new Array<string>(words.length - 1).fill(' '), trailing: '' };
  }
  const words: string[] = [];
  const separators: string[] = [];
  let last = -1;
  for (const match of folded.matchAll(WORD)) {
    if (last >= 0) separators.push(normaliseSeparator(folded.slice(last, match.index)));
    words.push(match[0]);
    last = match.index! + match[0].length;
  }
  if (words.length === 0) return undefined;
  const trailing = folded.slice(last).replace(/\s+/g, '');
  return { words, separators, trailing: /^[.]+$/.test(trailing) ? trailing : '' };
}

/** Whitespace of any kind is one space; typographic apostrophes and hyphens are plain ones. */
export function normaliseSeparator(separator: string): string {
  if (separator === ' ') return separator;
  return separator.replace(/\s+/g, ' ').replace(/[’‘`]/g, "'").replace(/[‐‑‒–]/g, '-');
}
