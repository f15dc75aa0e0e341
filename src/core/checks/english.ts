// Ordinary English words (SCOWL sizes 10–35), so that "Mark" is not taken for a misspelled "Mars".
import frontCoded from '../data/english-words.txt';
import { stemsOf } from './englishStems.mjs';

let words: Set<string> | undefined;

function dictionary(): Set<string> {
  if (words) return words;
  words = new Set();
  let previous = '';
  for (const line of frontCoded.split('\n')) {
    if (line === '') continue;
    const word = previous.slice(0, line.charCodeAt(0) - 48) + line.slice(1);
    words.add(word);
    previous = word;
  }
  return words;
}

/** Whether a lower-cased word is English, directly or as an inflection of a listed word. */
export function isEnglishWord(lower: string): boolean {
  const set = dictionary();
  return set.has(lower) || stemsOf(lower).some((stem) => set.has(stem));
}
