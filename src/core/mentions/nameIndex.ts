// Every name and alias of the canon, indexed by its first word, so that scanning a text costs one
// Map lookup per word whatever the size of the canon.
import { foldAccents, type Entry } from '../lore/entry';
import type { LoreBase } from '../lore/base';

export interface NameForm {
  entry: Entry;
  /** The name as written in the lore. */
  text: string;
  /** Words of the name, accents folded, case kept. */
  words: string[];
  /** Normalised separators between consecutive words (`' '`, `'-'`, `'.'`, `"'"`). */
  separators: string[];
  /** Punctuation that ends the name (`J.L.`). */
  trailing: string;
  isAlias: boolean;
}

export const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const ARTICLES = new Set(['the', 'a', 'an', 'The', 'A', 'An']);

export class NameIndex {
  /** First word (accents folded, case as written) → forms, most words first. */
  private readonly byFirst = new Map<string, NameForm[]>();
  /** The same, keyed by the upper-cased first word, for headings in ALL CAPS. */
  private readonly byFirstUpper = new Map<string, NameForm[]>();
  readonly forms: NameForm[] = [];
  /** Every word of every name (folded) → the first entry using it, to tell an unknown word from part of a known name. */
  readonly knownWords = new Map<string, Entry>();
  /** A folded word → the word as the lore spells it (`Cristobal` → `Cristóbal`). */
  readonly spellings = new Map<string, string>();

  constructor(base: LoreBase) {
    for (const entry of base.entries) {
      this.add(entry, entry.name, false);
      for (const alias of entry.aliases) this.add(entry, alias, true);
    }
    for (const list of [...this.byFirst.values(), ...this.byFirstUpper.values()]) {
      list.sort((a, b) => b.words.length - a.words.length || b.text.length - a.text.length);
    }
  }

  private add(entry: Entry, text: string, isAlias: boolean): void {
    const form = splitName(text);
    if (!form) return;
    let { words, separators } = form;
    // A leading article is optional in prose: index the name without it.
    if (words.length > 1 && ARTICLES.has(words[0])) {
      words = words.slice(1);
      separators = separators.slice(1);
    }
    const nameForm: NameForm = { entry, text, words, separators, trailing: form.trailing, isAlias };
    this.forms.push(nameForm);
    for (const word of words) if (!this.knownWords.has(word)) this.knownWords.set(word, entry);
    for (const original of text.match(WORD) ?? []) {
      const folded = foldAccents(original);
      if (folded !== original && !this.spellings.has(folded)) this.spellings.set(folded, original);
    }
    push(this.byFirst, words[0], nameForm);
    // A name the lore writes in lower case (`the attack on Mars`) may open a sentence.
    const first = words[0];
    const capitalised = first[0].toUpperCase() + first.slice(1);
    if (capitalised !== first) push(this.byFirst, capitalised, nameForm);
    const upper = first.toUpperCase();
    push(this.byFirstUpper, upper, nameForm);
  }

  /** Forms whose first word is `word` as written (folded), longest first. */
  candidates(word: string): NameForm[] | undefined {
    return this.byFirst.get(word);
  }

  candidatesUpper(word: string): NameForm[] | undefined {
    return this.byFirstUpper.get(word);
  }
}

function push(map: Map<string, NameForm[]>, key: string, form: NameForm): void {
  const list = map.get(key);
  if (!list) map.set(key, [form]);
  else if (!list.includes(form)) list.push(form);
}

/** Splits a name into words and the separators between them, normalised as prose is. */
export function splitName(text: string): { words: string[]; separators: string[]; trailing: string } | undefined {
  const folded = foldAccents(text.trim());
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
  return separator.replace(/\s+/g, ' ').replace(/[’‘`]/g, "'").replace(/[‐‑‒–]/g, '-');
}
