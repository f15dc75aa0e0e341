// The front coding of src/core/data's word lists (read back by frontDecoded in
// src/core/checks/english.ts): sorted words, each line how many leading letters (0–9) it shares with
// the previous word, then the rest.
export function frontCode(sortedWords) {
  let previous = '';
  const lines = sortedWords.map((word) => {
    let shared = 0;
    while (shared < 9 && shared < previous.length && previous[shared] === word[shared]) shared++;
    previous = word;
    return `${shared}${word.slice(shared)}`;
  });
  return `${lines.join('\n')}\n`;
}
