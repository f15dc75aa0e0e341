// The floor: the least any checker of this corpus must do, in a bare Node process. It reads the
// same files as `lorekeeper check`, collects the words of every name and alias from the lore
// (a line scan, no YAML parser), tokenises the manuscripts with a Unicode regex and looks every
// token up in a Map of those words.
//
//   node bench/floor.mjs LORE_DIR MANUSCRIPTS_DIR   (prints tokens, hits, names on stdout)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function filesUnder(dir, pattern) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path, pattern) : pattern.test(name) ? [path] : [];
    });
}

const [loreDir = 'lore', manuscriptsDir = 'manuscripts'] = process.argv.slice(2);
const TOKEN = /[\p{L}\p{N}]+/gu;

const nameWords = new Map();
let names = 0;
const addName = (name) => {
  names++;
  for (const word of name.match(TOKEN) ?? []) nameWords.set(word, (nameWords.get(word) ?? 0) + 1);
};
for (const file of filesUnder(loreDir, /\.ya?ml$/i)) {
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const name = /^\s*-?\s*name:\s*(.+?)\s*$/.exec(line);
    if (name) addName(name[1]);
    const aliases = /^\s*aliases:\s*\[(.*)\]\s*$/.exec(line);
    if (aliases) for (const alias of aliases[1].split(',')) addName(alias.trim());
  }
}

let tokens = 0;
let hits = 0;
for (const file of filesUnder(manuscriptsDir, /\.(md|txt)$/i)) {
  const text = readFileSync(file, 'utf8');
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    tokens++;
    if (nameWords.has(m[0])) hits++;
  }
}
process.stdout.write(`${JSON.stringify({ names, nameWords: nameWords.size, tokens, hits })}\n`);
