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

/** A node of the title trie: the title that ends here, and the next words (keyed separator + word). */
export interface TitleNode {
  title?: string;
  next?: Map<string, TitleNode>;
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
  /**
   * Titles of `rank`/`title` periods (`Captain`, `Lieutenant Commander`), as a trie of words. A
   * titled form is a title, then one of the entry's names: matched as the two parts, so that
   * titles cost their own count, never titles × names.
   */
  private readonly titleRoots = new Map<string, TitleNode>();
  /** Titled forms made so far, by the name form and the title before it (one object per pair). */
  private readonly titled = new Map<NameForm, Map<string, NameForm | null>>();

  constructor(base: LoreBase) {
    for (const entry of base.entries) {
      for (const form of formsOf(entry)) this.add(form);
      const titles = titlesOf(entry);
      if (titles) for (const title of titles.values()) this.addTitle(title);
    }
  }

  /** Whether any entry has `rank` or `title` periods (no titled form can match otherwise). */
  get hasTitles(): boolean {
    return this.titleRoots.size > 0;
  }

  private addTitle(title: { words: string[]; separators: string[]; text: string }): void {
    const { words, separators, text } = title;
    const first = words[0];
    for (const root of new Set([first, first[0].toUpperCase() + first.slice(1)])) {
      let node = this.titleRoots.get(root);
      if (!node) this.titleRoots.set(root, (node = {}));
      for (let k = 1; k < words.length; k++) {
        const key = separators[k - 1] + words[k];
        node.next ??= new Map();
        let child = node.next.get(key);
        if (!child) node.next.set(key, (child = {}));
        node = child;
      }
      node.title = text;
    }
  }

  /** The title trie below a first word as written (folded), or undefined. */
  titleRoot(word: string): TitleNode | undefined {
    return this.titleRoots.get(word);
  }

  /**
   * The titled form of `title` before the name form `name` (`Captain` + `Picard`), when the title
   * is one of that entry's and the name may carry one; else undefined.
   */
  titledForm(name: NameForm, title: string): NameForm | undefined {
    if (name.spans || name.title) return undefined;
    let byTitle = this.titled.get(name);
    if (!byTitle) this.titled.set(name, (byTitle = new Map()));
    let form = byTitle.get(title);
    if (form === undefined) {
      const own = titlesOf(name.entry)?.get(title);
      form = own && !startsWithTitle(name, name.entry) ? {
        entry: name.entry,
        text: `${title} ${name.text}`,
        words: [...own.words, ...name.words],
        separators: [...own.separators, ' ', ...name.separators],
        trailing: name.trailing,
        isAlias: true,
        title: { field: own.field, text: title, words: own.words.length, name: name.text },
      } : null;
      byTitle.set(title, form);
    }
    return form ?? undefined;
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
  if (entry.periods) markTitledAliases(entry, forms);
  formsCache.set(entry, forms);
  return forms;
}

interface Title {
  field: string;
  text: string;
  words: string[];
  separators: string[];
}

/** The titles of an entry's `rank`/`title` periods (parenthesised parts removed), once per entry object. */
const titlesCache = new WeakMap<Entry, Map<string, Title> | null>();

function titlesOf(entry: Entry): Map<string, Title> | undefined {
  let titles = titlesCache.get(entry);
  if (titles === undefined) {
    titles = null;
    for (const field of TITLE_FIELDS) {
      for (const period of entry.periods?.[field] ?? []) {
        const text = titleOf(period.value);
        const split = text === '' ? undefined : splitName(text);
        if (!split || titles?.has(text)) continue;
        (titles ??= new Map()).set(text, { field, text, words: split.words, separators: split.separators });
      }
    }
    titlesCache.set(entry, titles);
  }
  return titles ?? undefined;
}

/** `Admiral Picard` is no name to put a title before: it already has one of the entry's titles. */
function startsWithTitle(form: NameForm, entry: Entry): boolean {
  for (const title of titlesOf(entry)?.values() ?? []) if (startsWithWords(form.words, title.words)) return true;
  return false;
}

/** An alias that spells a titled form out (`aliases: [Emperor Palpatine]`) is checked as one. */
function markTitledAliases(entry: Entry, forms: NameForm[]): void {
  const titles = titlesOf(entry);
  if (!titles) return;
  const names = new Map(forms.filter((f) => !f.spans).map((f) => [formKey(f.words, f.separators), f]));
  for (const form of forms) {
    if (!form.isAlias || form.spans) continue;
    for (const title of titles.values()) {
      if (!startsWithWords(form.words, title.words) || form.separators[title.words.length - 1] !== ' ') continue;
      const rest = names.get(formKey(form.words.slice(title.words.length), form.separators.slice(title.words.length)));
      if (!rest || rest === form) continue;
      form.title = { field: title.field, text: title.text, words: title.words.length, name: rest.text };
      break;
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
