// The accuracy scorer: checks a labelled fixture (lore + manuscripts + expected diagnostics) and
// counts, per check code, what the engine found that the labels expect (true positives), what it
// found that they do not (false positives) and what it missed (false negatives).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { checkManuscript, prepareLore } from '../src/core/check';
import { loadLore } from '../src/core/lore/load';
import { nodeFileSystem } from '../src/cli/nodeFileSystem';

export const MANUSCRIPT_CODES = [
  'dead-character', 'unborn-character', 'nonexistent-entity', 'wrong-date', 'wrong-age', 'wrong-elapsed-time', 'wrong-title', 'unknown-name',
] as const;

export interface Label {
  file: string;
  line: number;
  code: string;
  entity?: string;
  fix?: string;
  /** Text on (or, for hard-wrapped files, next to) that line, so that a label cannot drift. */
  text?: string;
}

export interface Found extends Label {
  message: string;
}

export interface CodeScore {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface FixtureScore {
  byCode: Record<string, CodeScore>;
  falsePositives: Found[];
  falseNegatives: Label[];
  /** Labels whose `text` is not where they say: the fixture itself is wrong. */
  misplaced: Label[];
  words: number;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : /\.(md|txt)$/i.test(name) ? [path] : [];
  });
}

/** Runs the engine over `dir/manuscripts` against `dir/lore` (or the given folders). */
export async function findAll(root: string, manuscripts: string, lore: string): Promise<{ found: Found[]; texts: Map<string, string> }> {
  const loaded = await loadLore(nodeFileSystem, [{ name: 'lore', path: join(root, lore) }]);
  const prepared = prepareLore(loaded.base);
  const found: Found[] = [];
  const texts = new Map<string, string>();
  for (const path of filesUnder(join(root, manuscripts))) {
    const file = relative(root, path).split('\\').join('/');
    const text = readFileSync(path, 'utf8');
    texts.set(file, text);
    for (const d of checkManuscript(prepared, file, text).diagnostics) {
      if (!(MANUSCRIPT_CODES as readonly string[]).includes(d.code)) continue;
      found.push({ file, line: d.range.start.line + 1, code: d.code, entity: d.entity, fix: d.fix, message: d.message });
    }
  }
  return { found, texts };
}

export function score(found: Found[], expected: Label[], texts: Map<string, string>): FixtureScore {
  const key = (d: Label): string => `${d.file}:${d.line}:${d.code}:${d.entity ?? ''}`;
  const pending = new Map<string, Label[]>();
  for (const label of expected) {
    const list = pending.get(key(label)) ?? [];
    list.push(label);
    pending.set(key(label), list);
  }
  const byCode: Record<string, CodeScore> = {};
  for (const code of MANUSCRIPT_CODES) byCode[code] = { tp: 0, fp: 0, fn: 0, precision: 1, recall: 1, f1: 1 };
  const falsePositives: Found[] = [];
  for (const d of found) {
    const list = pending.get(key(d));
    // A label without an entity matches any entity of its code on its line.
    const loose = list ?? pending.get(`${d.file}:${d.line}:${d.code}:`);
    if (loose && loose.length > 0 && (!loose[0].fix || loose[0].fix === d.fix)) {
      loose.shift();
      byCode[d.code].tp++;
    } else {
      byCode[d.code].fp++;
      falsePositives.push(d);
    }
  }
  const falseNegatives = [...pending.values()].flat();
  for (const label of falseNegatives) byCode[label.code].fn++;
  for (const s of Object.values(byCode)) {
    s.precision = s.tp + s.fp === 0 ? 1 : s.tp / (s.tp + s.fp);
    s.recall = s.tp + s.fn === 0 ? 1 : s.tp / (s.tp + s.fn);
    s.f1 = s.precision + s.recall === 0 ? 0 : (2 * s.precision * s.recall) / (s.precision + s.recall);
  }
  const misplaced = expected.filter((label) => label.text !== undefined && !textNear(texts.get(label.file), label.line, label.text));
  let words = 0;
  for (const text of texts.values()) words += text.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
  return { byCode, falsePositives, falseNegatives, misplaced, words };
}

function textNear(text: string | undefined, line: number, wanted: string): boolean {
  if (text === undefined) return false;
  const lines = text.split('\n');
  const near = lines.slice(Math.max(0, line - 2), line + 1).join(' ').replace(/\s+/g, ' ');
  // `A … B`: the parts in order, with anything between them.
  let from = 0;
  for (const part of wanted.replace(/\s+/g, ' ').split(' … ')) {
    const at = near.indexOf(part, from);
    if (at < 0) return false;
    from = at + part.length;
  }
  return true;
}

/** A fixture in the shape of test/fixtures/<name>/: lore/, manuscripts/, expected.json. */
export async function scoreFixture(dir: string): Promise<FixtureScore & { clean: Label[] }> {
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as { diagnostics: Label[]; clean?: Label[] };
  const { found, texts } = await findAll(dir, 'manuscripts', 'lore');
  const result = score(found, expected.diagnostics, texts);
  const clean = expected.clean ?? [];
  result.misplaced.push(...clean.filter((label) => !textNear(texts.get(label.file), label.line, label.text ?? '')));
  return { ...result, clean };
}

/** The shipped sample: its planted contradictions are the table rows of examples/EXPECTED.md. */
export async function scoreSample(): Promise<FixtureScore> {
  const table = readFileSync('examples/EXPECTED.md', 'utf8');
  const expected: Label[] = [];
  for (const row of table.matchAll(/^\| \d+ \| `([a-z-]+)`[^|]*\| (\d+):\d+ \|/gm)) {
    expected.push({ file: 'examples/the-vineyard-at-dusk.md', line: Number(row[2]), code: row[1] });
  }
  const { found, texts } = await findAll('.', 'examples', 'lore');
  return score(found, expected, texts);
}

export function formatScores(name: string, s: FixtureScore): string {
  const rows = [`${name} (${s.words} words)`, 'code                   TP  FP  FN  precision  recall  F1'];
  for (const [code, c] of Object.entries(s.byCode)) {
    if (c.tp + c.fp + c.fn === 0) continue;
    rows.push(`${code.padEnd(22)} ${String(c.tp).padStart(3)} ${String(c.fp).padStart(3)} ${String(c.fn).padStart(3)}  ${c.precision.toFixed(2).padStart(9)}  ${c.recall.toFixed(2).padStart(6)}  ${c.f1.toFixed(2)}`);
  }
  for (const d of s.falsePositives) rows.push(`  FP ${d.file}:${d.line} ${d.code} ${d.entity ?? ''} — ${d.message}`);
  for (const d of s.falseNegatives) rows.push(`  FN ${d.file}:${d.line} ${d.code} ${d.entity ?? ''} ${d.text ?? ''}`);
  return rows.join('\n');
}
