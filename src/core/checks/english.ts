// Ordinary English words (SCOWL sizes 10–35), so that "Mark" is not taken for a misspelled "Mars";
// and the proper nouns of Hunspell's en_US dictionary (SCOWL size 60), so that "Paris" is not
// taken for a misspelled "Laris".
import frontCoded from '../data/english-words.txt';
import frontCodedNames from '../data/english-names.txt';
import { stemsOf } from './englishStems.mjs';

let words: Set<string> | undefined;
let names: Set<string> | undefined;

/** The words of a front-coded list (each line: how many leading letters it shares with the previous word, then the rest). */
function frontDecoded(list: string): Set<string> {
  const set = new Set<string>();
  // Line by line with indexOf, not split: no array of 18,000 lines made and dropped on every start.
  let previous = '';
  for (let at = 0; at < list.length; ) {
    let end = list.indexOf('\n', at);
    if (end < 0) end = list.length;
    if (end > at) {
      const word = previous.slice(0, list.charCodeAt(at) - 48) + list.slice(at + 1, end);
      set.add(word);
      previous = word;
    }
    at = end + 1;
  }
  return set;
}

function dictionary(): Set<string> {
  return (words ??= frontDecoded(frontCoded));
}

/** Whether a lower-cased word is English, directly or as an inflection of a listed word. */
export function isEnglishWord(lower: string): boolean {
  const set = dictionary();
  return set.has(lower) || stemsOf(lower).some((stem) => set.has(stem));
}

/** Whether a capitalised word is a proper noun of the English dictionary: a place, a given name, a day ("Paris", "Agnes", "Tuesday"). */
export function isEnglishName(word: string): boolean {
  return (names ??= frontDecoded(frontCodedNames)).has(word);
}
