// The canon as a dictionary for spell and grammar checkers (cSpell, Harper, LTeX, Vale), so that
// `Jurati` and `Picard` stop being underlined as typos. Only the words a spell checker would not
// know are listed: the words of every name and alias that are not ordinary English.
import { isEnglishWord } from '../checks/english';
import type { LoreBase } from '../lore/base';
import { PREPOSITIONS } from '../mentions/words';

/** Short words the English list leaves out, which every spell checker knows. */
const FUNCTION_WORDS = new Set([...PREPOSITIONS, 'the', 'a', 'an', 'and', 'or', 'nor', 'but', 'so', 'yet', 'as', 'is', 'be',
  'i', 'me', 'my', 'you', 'your', 'he', 'him', 'his', 'she', 'her', 'it', 'its', 'we', 'us', 'our', 'they', 'them', 'their', 'who', 'no', 'not']);

export const DICTIONARY_FORMATS = ['cspell', 'harper', 'ltex', 'vale', 'plain'] as const;
export type DictionaryFormat = (typeof DICTIONARY_FORMATS)[number];

/** The words of the canon's names and aliases, sorted, each once. */
export function canonWords(base: LoreBase): string[] {
  const words = new Set<string>();
  for (const entry of base.entries) {
    for (const name of [entry.name, ...entry.aliases]) {
      for (const raw of name.split(/[\s,;:!?()[\]{}"“”«»/\\]+/u)) {
        // Trailing dots belong to abbreviations (`J.L.`) only; other edge punctuation is no part of a word.
        const token = raw.replace(/^['’.\-–—]+/u, '').replace(/['’\-–—]+$/u, '').replace(/(?<!\.\p{L})\.+$/u, '').replace(/['’]s$/u, '');
        if (!/\p{L}/u.test(token)) continue;
        // `Jean-Luc` is one word to some checkers and two to others: give both.
        const parts = token.includes('-') ? [token, ...token.split('-')] : [token];
        // One letter (`D` of `Enterprise-D`, `Q`) is never flagged by a spell checker.
        for (const part of parts) if (/\p{L}.*\p{L}|\p{L}\./u.test(part) && !isOrdinary(part)) words.add(part);
      }
    }
  }
  return [...words].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** An English word in its usual case needs no dictionary entry (`the`, `Attack`, `Data`). */
function isOrdinary(word: string): boolean {
  const lower = word.toLowerCase();
  if (word !== lower && word !== word[0] + lower.slice(1)) return false; // `USS`, `McCoy`: keep
  return FUNCTION_WORDS.has(lower) || isEnglishWord(lower);
}

/** The dictionary as the file each tool reads. */
export function formatDictionary(words: readonly string[], format: DictionaryFormat, options: { title?: string; language?: string } = {}): string {
  switch (format) {
    case 'cspell':
      // A cSpell configuration file (cspell.json / .cspell.json), or a `words` list to merge into one.
      return `${JSON.stringify({ version: '0.2', ...(options.title ? { description: `Canon names of ${options.title} (lorekeeper words)` } : {}), words }, null, 2)}\n`;
    case 'ltex':
      // The `ltex.dictionary` setting, per language (VS Code settings.json, or ltex-ls settings).
      return `${JSON.stringify({ 'ltex.dictionary': { [options.language ?? 'en-US']: words } }, null, 2)}\n`;
    case 'vale':
      // A Vale vocabulary's accept.txt: each line is a case-sensitive regular expression.
      return words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\n') + (words.length > 0 ? '\n' : '');
    case 'harper':
    case 'plain':
      // Harper's user dictionary, cSpell's and LTeX's external word files: one word a line.
      return words.join('\n') + (words.length > 0 ? '\n' : '');
  }
}
