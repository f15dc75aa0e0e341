// Ordinary English words (SCOWL sizes 10–35), so that "Mark" is not taken for a misspelled "Mars".
import frontCoded from '../data/english-words.txt';
import { stemsOf } from './englishStems.mjs';

let words: Set<string> | undefined;

function dictionary(): Set<string> {
  if (words) return words;
  words = new Set();
  // Line by line with indexOf, not split: no array of 18,000 lines made and dropped on every start.
  let previous = '';
  for (let at = 0; at < frontCoded.length; ) {
    let end = frontCoded.indexOf('\n', at);
    if (end < 0) end = frontCoded.length;
    if (end > at) {
      const word = previous.slice(0, frontCoded.charCodeAt(at) - 48) + frontCoded.slice(at + 1, end);
      words.add(word);
      previous = word;
    }
    at = end + 1;
  }
  return words;
}

/** Whether a lower-cased word is English, directly or as an inflection of a listed word. */
export function isEnglishWord(lower: string): boolean {
  const set = dictionary();
  return set.has(lower) || stemsOf(lower).some((stem) => set.has(stem));
}
