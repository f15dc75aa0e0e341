// unknown-name: a capitalised word that is no canon name but is one or two letters away from one
// ("Jurrati" → "Jurati"). Ordinary English words and plurals of names are left alone.
import type { NameIndex } from '../mentions/nameIndex';
import type { Diagnostic } from '../types';
import { foldAccents } from '../lore/entry';
import { finding, type CheckContext } from './context';
import { isEnglishWord } from './english';

/** Canon words near which a typo is looked for, indexed by themselves and their one-letter deletions. */
class NearNames {
  /** A lower-cased word or one-letter deletion of it → the canon word(s) it comes from. */
  private readonly byDeletion = new Map<string, string | string[]>();
  private readonly verdicts = new Map<string, string | null>();

  constructor(index: NameIndex) {
    for (const word of index.knownWords.keys()) {
      if (word.length < 4) continue;
      const c0 = word.charCodeAt(0);
      const c1 = word.charCodeAt(1);
      if (c0 >= 97 && c0 <= 122) continue; // lower-case words of names ("the attack on Mars")
      if (c1 >= 65 && c1 <= 90) continue; // ALL CAPS
      const key = word.toLowerCase();
      this.add(key, word);
      for (let i = 0; i < key.length; i++) this.add(key.slice(0, i) + key.slice(i + 1), word);
    }
  }

  private add(key: string, word: string): void {
    const existing = this.byDeletion.get(key);
    if (existing === undefined) this.byDeletion.set(key, word);
    else if (typeof existing === 'string') {
      if (existing !== word) this.byDeletion.set(key, [existing, word]);
    } else if (!existing.includes(word)) existing.push(word);
  }

  private candidates(key: string): readonly string[] {
    const found = this.byDeletion.get(key);
    return found === undefined ? [] : typeof found === 'string' ? [found] : found;
  }

  /** The canon spelling of a misspelled word, or null. Cached per distinct word. */
  nearest(word: string): string | null {
    let verdict = this.verdicts.get(word);
    if (verdict !== undefined) return verdict;
    verdict = null;
    const lower = foldAccents(word).toLowerCase();
    const keys = new Set<string>([lower, ...deletions(lower)]);
    if (lower.length >= 8) for (const d of deletions(lower)) for (const dd of deletions(d)) keys.add(dd);
    let best = Infinity;
    for (const key of keys) {
      for (const candidate of this.candidates(key)) {
        const limit = candidate.length >= 7 ? 2 : 1;
        // A canon word that is also ordinary English ("Star", "Rescue") is no typo target.
        if (isEnglishWord(candidate.toLowerCase())) continue;
        const distance = editDistance(lower, candidate.toLowerCase(), limit);
        if (distance > 0 && distance <= limit && distance < best) {
          best = distance;
          verdict = candidate;
        }
      }
    }
    this.verdicts.set(word, verdict);
    return verdict;
  }
}

const nearNamesOf = new WeakMap<NameIndex, NearNames>();

export function checkUnknownName(c: CheckContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (c.scan.unknownCapitalised.length === 0) return out;
  let near = nearNamesOf.get(c.index);
  if (!near) {
    near = new NearNames(c.index);
    nearNamesOf.set(c.index, near);
  }
  const prose = c.manuscript.prose;
  for (const { start, end } of c.scan.unknownCapitalised) {
    const word = prose.slice(start, end);
    const folded = foldAccents(word);
    if (folded.length < 4 || folded === folded.toUpperCase()) continue;
    if (c.index.knownWords.has(folded) || isPluralOfName(folded, c.index)) continue;
    if (isEnglishWord(folded.toLowerCase())) continue;
    const canon = near.nearest(folded);
    if (!canon) continue;
    const entry = c.index.knownWords.get(canon)!;
    const spelling = c.index.spellings.get(canon) ?? canon;
    const owner = entry.name === spelling ? '' : ` (${entry.name})`;
    out.push(finding(c, 'unknown-name', start, end, `"${word}" is not in the lore. Did you mean "${spelling}"${owner}?`, { entity: entry.id, fix: spelling }));
  }
  return out;
}

/** "the Picards", "the Rikers'", "Troises" are plurals of a known name, not typos. */
function isPluralOfName(word: string, index: NameIndex): boolean {
  if (word.endsWith('es') && index.knownWords.has(word.slice(0, -2))) return true;
  return word.endsWith('s') && index.knownWords.has(word.slice(0, -1));
}

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Optimal-string-alignment distance (a swap of two letters is one edit), stopping past `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  let prevPrev = new Array<number>(cols).fill(0);
  let prev = Array.from({ length: cols }, (_, j) => j);
  for (let i = 1; i < rows; i++) {
    const row = new Array<number>(cols);
    row[0] = i;
    let rowMin = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, prevPrev[j - 2] + 1);
      row[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[cols - 1];
}
