// Shared by the engine and the word-list generator: the bases an inflected English word may come from.
const SUFFIXES = [
  ['s', ''], ['es', ''], ['ies', 'y'], ['ed', ''], ['ed', 'e'], ['ied', 'y'], ['ing', ''], ['ing', 'e'],
  ['ly', ''], ['er', ''], ['er', 'e'], ['est', ''], ['est', 'e'], ['ers', ''], ['ers', 'e'],
];

/** @param {string} word @returns {string[]} */
export function stemsOf(word) {
  const stems = [];
  for (const [suffix, replacement] of SUFFIXES) {
    if (word.length > suffix.length + 2 && word.endsWith(suffix)) stems.push(word.slice(0, -suffix.length) + replacement);
  }
  return stems;
}
