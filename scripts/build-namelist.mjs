// Regenerates src/core/data/english-names.txt from Hunspell's en_US dictionary (npm `dictionary-en`,
// wooorm/dictionaries, built from SCOWL): its proper nouns — capitalised ASCII words of 3+ letters
// (Paris, London, Agnes, Tuesday) — sorted and front-coded as english-words.txt is (each line: how
// many leading letters it shares with the previous word, then the rest).
// Usage: node scripts/build-namelist.mjs PATH/TO/dictionary-en/index.dic
//   e.g. npm pack dictionary-en@4.0.0 && tar xzf dictionary-en-4.0.0.tgz && node scripts/build-namelist.mjs package/index.dic
import { readFileSync, writeFileSync } from 'node:fs';
import { frontCode } from './frontCode.mjs';

const [dic] = process.argv.slice(2);
if (!dic) {
  console.error('usage: node scripts/build-namelist.mjs PATH/TO/index.dic');
  process.exit(2);
}
const lines = readFileSync(dic, 'utf8').split('\n').slice(1); // the first line is the entry count
const names = [...new Set(lines.map((line) => line.split('/')[0].trim()).filter((word) => /^[A-Z][a-z]{2,}$/.test(word)))].sort();
writeFileSync(new URL('../src/core/data/english-names.txt', import.meta.url), frontCode(names));
console.log(`${names.length} names written`);
