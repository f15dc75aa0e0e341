// The fast reader of plain block YAML (src/core/lore/simpleParse.ts) against the `yaml` document
// model: the same entries, values and ranges, or no answer at all (and then the `yaml` package reads it).
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { generate } from '../bench/generate.mjs';
import { entriesYaml } from '../src/core/import/yamlText';
import { parseLoreFile, parseLoreFileWithYaml } from '../src/core/lore/parseFile';
import type { ParsedLoreFile } from '../src/core/lore/parseFile';
import { parseSimpleLoreFile, SimpleField, withPlainFields } from '../src/core/lore/simpleParse';

/** A parse with the fast reader's fields as plain fields, to compare with the `yaml` reader's. */
const plain = (parsed: ParsedLoreFile | undefined): ParsedLoreFile | undefined => parsed && withPlainFields(parsed);

/** mulberry32, seeded. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Values that stress the writer's choice between plain and quoted: keywords, numbers, dates,
// indicators, escapes, accents, a trailing colon, quotes, backslashes, control characters.
const VALUES = ['Jean-Luc Picard', 'Château Picard', 'true', 'No', 'null', '~', '2366', '2366-07-13', '-5', '.inf', 'Data: an android', 'a # not a comment', 'Ends with:', 'She said "hi"', 'back\\slash', 'tab\there', 'line\nbreak', "O'Brien", 'Zoë’s ship — the Ærø', '[bracket]', '&anchor', '*alias', '!tag', '@at', '`tick', "'quoted'", ' leading space', 'trailing space ', '', 'Ünïcödé 東京', 'x'.repeat(300), 'ctrl\u0001char', 'NCC-1701-D', 'U.S.S. Enterprise (NCC-1701)'];

function importerFile(seed: number, entries: number): string {
  const rand = prng(seed);
  const pick = <T>(list: T[]): T => list[Math.floor(rand() * list.length)];
  const list: Array<Record<string, string | string[] | Record<string, string>>> = [];
  for (let i = 0; i < entries; i++) {
    const entry: Record<string, string | string[] | Record<string, string>> = { name: `${pick(VALUES)} ${i}`, kind: pick(['character', 'ship', 'place']) };
    if (rand() < 0.7) entry.born = pick(VALUES);
    if (rand() < 0.5) entry.affiliation = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(VALUES));
    if (rand() < 0.5) entry.relations = { father: pick(VALUES), sibling: pick(VALUES) };
    if (rand() < 0.3) entry[pick(['rank', 'status', 'species'])] = pick(VALUES);
    entry.summary = pick(VALUES);
    list.push(entry);
  }
  return `# Imported by a test.\n\n${entriesYaml(list)}`;
}

test('simple YAML: what the importer writes is read by the fast reader, exactly as the yaml package reads it', () => {
  for (let seed = 1; seed <= 40; seed++) {
    const text = importerFile(seed, 60);
    const fast = parseSimpleLoreFile('lore/x.yaml', text);
    const reference = parseLoreFileWithYaml('lore/x.yaml', text);
    assert.ok(fast, `seed ${seed}: the importer's output must stay in the fast reader's subset`);
    assert.deepEqual(plain(fast), reference, `seed ${seed}`);
    assert.equal(JSON.stringify(fast), JSON.stringify(reference), `seed ${seed}: same field order`);
    assert.deepEqual(plain(parseLoreFile('lore/x.yaml', text)), reference);
  }
});

test('simple YAML: anything outside the subset is left to the yaml package, with the same result as before', () => {
  const cases: Record<string, string> = {
    'a comment after the first entry': '- name: A\n# note\n  born: 2366\n',
    'a blank line inside an entry': '- name: A\n\n  born: 1\n',
    'a signed number': '- name: A\n  born: -5\n',
    'a leading zero': '- name: A\n  born: 0123\n',
    'a float': '- name: A\n  born: 1.5\n',
    'a flow mapping': '- name: A\n  relations: {a: b}\n',
    'a comma in a flow item': '- name: A\n  aliases: [\"B, C\", D]\n',
    'an empty flow list': '- name: A\n  aliases: []\n',
    'a trailing comment': '- name: A # aside\n',
    'a boolean': '- name: A\n  alive: true\n',
    'a YAML 1.2 null': '- name: A\n  died: null\n',
    'an empty value': '- name: A\n  died:\n',
    'an anchor and an alias': '- name: A\n  rank: &r Captain\n- name: B\n  rank: *r\n',
    'a merge key': '- name: A\n  <<: {rank: Captain}\n',
    'a repeated key': '- name: A\n  name: B\n',
    'a repeated nested key': '- name: A\n  relations:\n    father: b\n    father: c\n',
    'a tab': '- name: A\n  rank:\tCaptain\n',
    'CRLF line ends': '- name: A\r\n  rank: Captain\r\n',
    'no final newline': '- name: A\n  rank: Captain',
    'a third level': '- name: A\n  relations:\n    children:\n      - b\n',
    'a continued plain scalar': '- name: A\n  summary: one\n    two\n',
    'a list at the key indent': '- name: A\n  aliases:\n  - B\n',
    'a single-quoted scalar': "- name: 'A'\n",
    'an escape outside JSON': '- name: "A\\x41"\n',
    'a lone surrogate escape': '- name: "A\\ud800"\n',
    'a top-level mapping': 'name: A\nrank: Captain\n',
    'an entries: mapping': 'entries:\n  - name: A\n',
    'a settings file': 'title: Star Trek\n',
    'a document marker': '---\n- name: A\n',
    'only comments': '# nothing\n',
    'a key that YAML reads as a boolean': '- name: A\n  True: x\n',
  };
  for (const [what, text] of Object.entries(cases)) {
    assert.equal(parseSimpleLoreFile('lore/x.yaml', text), undefined, what);
    assert.deepEqual(plain(parseLoreFile('lore/x.yaml', text)), parseLoreFileWithYaml('lore/x.yaml', text), what);
  }
  // The near-miss: the same entries written plainly are read by the fast reader.
  const plainText = '# head\n\n- name: A\n  rank: Captain\n  aliases:\n    - B\n  relations:\n    father: c\n- name: "2366"\n\n\n- name: B\n  born: 2366\n  aliases: [B C, "D E", 12]\n\n';
  assert.ok(parseSimpleLoreFile('lore/x.yaml', plainText));
  assert.deepEqual(plain(parseSimpleLoreFile('lore/x.yaml', plainText)), parseLoreFileWithYaml('lore/x.yaml', plainText));
});

test('simple YAML: scalars told by their character codes read exactly as the yaml package reads them, at every edge of the subset', () => {
  // Each value is a field's value, an item of a flow list and an item of a nested list: the fast
  // reader either reads it as the yaml package does or leaves the file to it.
  const scalars = [
    // Integers: the longest exact one, one digit more, a zero, leading zeros, a sign, a float, digits then letters.
    '0', '7', '2366', '123456789012345', '1234567890123456', '00', '007', '+5', '-5', '1.5', '1e3', '2366a', '0x1F',
    // ISO dates and near misses: too many year digits, one-digit month or day, a day too long, a time, a slash.
    '2372-06-01', '2372-06', '1-01', '12345-06-01', '2372-6-01', '2372-06-1', '2372-06-011', '2372-06-01T10:00', '2372/06/01', '2372-', '2372--06',
    // Plain words: ASCII, every allowed sign, a sign not allowed, letters past ASCII first or later, a mark, YAML keywords.
    'Picard', "O'Brien (Miles) & co./crew+1 - ok.", 'Jean-Luc Picard', 'Data: an android', 'a # b', 'a%b', 'a*b', 'a!b', 'a|b', 'a@b', 'a`b', 'a=b', 'a?b',
    'Zoë', 'Émile', 'Ærø — the ship – x', 'A’s', 'e\u0301', '東京', '𝒜lpha', 'A😀', 'NULL', 'True', 'fAlSe', 'nulls', 'Truest', 'Nul',
    // Quoted: empty, plain, every JSON escape, a quote inside, escapes JSON lacks, controls, line and BOM separators, text after the closing quote.
    '""', '"Picard"', '"a\\"b"', '"tab\\there"', '"a \\u00e9 b"', '"\\ud83d\\ude00"', '"a"b"', '"a\\x41"', '"a\\ud800"', '"a\u0001b"', '"a\u007fb"', '"a\u0085b"', '"a\u2028b"', '"a\ufeffb"', '"a\uffffb"', '"é — ok"', '"a" b', '"a', '"',
  ];
  for (const scalar of scalars) {
    for (const text of [`- name: A\n  x: ${scalar}\n`, `- name: A\n  x: [${scalar}, B]\n`, `- name: A\n  x:\n    - ${scalar}\n`, `- name: ${scalar}\n`]) {
      const fast = parseSimpleLoreFile('lore/x.yaml', text);
      const reference = parseLoreFileWithYaml('lore/x.yaml', text);
      if (fast) assert.equal(JSON.stringify(fast), JSON.stringify(reference), JSON.stringify(text));
      assert.deepEqual(plain(parseLoreFile('lore/x.yaml', text)), reference, JSON.stringify(text));
    }
  }
  // The near-misses are read by the fast reader, not left to the yaml package.
  for (const [scalar, value] of [['2366', 2366], ['0', 0], ['2372-06', '2372-06'], ['Zoë', 'Zoë'], ['"a\\"b"', 'a"b'], ['""', ''], ["O'Brien", "O'Brien"]] as const) {
    assert.equal(parseSimpleLoreFile('lore/x.yaml', `- name: A\n  x: ${scalar}\n`)?.entries[0].fields.x.value, value, scalar);
  }
  for (const scalar of ['007', '1234567890123456', '2372-6-01', 'True', 'a%b', '"a"b"', '"a\u2028b"']) {
    assert.equal(parseSimpleLoreFile('lore/x.yaml', `- name: A\n  x: ${scalar}\n`), undefined, scalar);
  }
});

test('simple YAML: a field makes its ranges when asked, the same each time and the same as a plain field; a key past the limit of YAML is left to the yaml package', () => {
  const text = '- name: Picard\n  aliases: [Jean-Luc, "J.-L. P", 12]\n  ranks:\n    - Ensign\n    - Captain\n  relations:\n    father: maurice\n    mother: marie\n  born: 2305\n';
  const fast = parseSimpleLoreFile('lore/x.yaml', text)!;
  for (const field of Object.values(fast.entries[0].fields)) {
    assert.ok(field instanceof SimpleField);
    assert.deepEqual({ ...field.toJSON() }, JSON.parse(JSON.stringify(field)));
    assert.equal(field.range, field.range, 'a shared range: the same object when asked again');
  }
  assert.equal(JSON.stringify(fast), JSON.stringify(parseLoreFileWithYaml('lore/x.yaml', text)));
  assert.deepEqual(fast.entries[0].fields.aliases.itemRanges?.map((r) => [r.start.character, r.end.character]), [[12, 20], [22, 31], [33, 35]]);
  // A key of 1,000 characters is read here; a longer one (YAML refuses keys past 1024) is left to the yaml package.
  const long = `- name: A\n  ${'k'.repeat(1000)}: [B, C]\n  ${'q'.repeat(999)}: D\n`;
  assert.ok(parseSimpleLoreFile('lore/x.yaml', long)!.entries[0].fields[`${'k'.repeat(1000)}`] instanceof SimpleField);
  assert.equal(JSON.stringify(parseSimpleLoreFile('lore/x.yaml', long)), JSON.stringify(parseLoreFileWithYaml('lore/x.yaml', long)));
  const longer = `- name: A\n  ${'k'.repeat(1100)}: B\n`;
  assert.equal(parseSimpleLoreFile('lore/x.yaml', longer), undefined);
  assert.deepEqual(parseLoreFile('lore/x.yaml', longer), parseLoreFileWithYaml('lore/x.yaml', longer));
});

test('simple YAML: keys read before are reused only for the very same key; past the remembered ones, keys are still read', () => {
  // Keys that begin alike, differ by one letter or in case, or only in length: each its own field.
  const alike = '- name: A\n  names: B\n  nam: C\n  Name: D\n  nbme: E\n  rank: F\n  ranks: G\n';
  const reference = parseLoreFileWithYaml('lore/x.yaml', alike);
  for (let round = 0; round < 2; round++) assert.equal(JSON.stringify(parseSimpleLoreFile('lore/x.yaml', alike)), JSON.stringify(reference));
  // More distinct keys than are remembered: the later ones are read from the text as before.
  const many = `- name: A\n${Array.from({ length: 120 }, (_, i) => `  key${i}: v${i}\n`).join('')}`;
  const fast = parseSimpleLoreFile('lore/x.yaml', many);
  assert.equal(JSON.stringify(fast), JSON.stringify(parseLoreFileWithYaml('lore/x.yaml', many)));
  assert.equal(Object.keys(fast!.entries[0].fields).length, 121);
  // A key YAML reads as a boolean is refused each time, also after keys of its length were remembered.
  assert.equal(parseSimpleLoreFile('lore/x.yaml', '- name: A\n  Trve: x\n  True: y\n'), undefined);
  assert.equal(parseSimpleLoreFile('lore/x.yaml', '- name: A\n  True: y\n'), undefined);
});

test('simple YAML: an imported file costs a small fraction of the yaml document model (CPU ratio, not a clock limit)', () => {
  // The regression this guards: a 50,000-entry import took ~25 s of CPU and 1.4 GB to load cold,
  // all of it in the yaml document model. The fast reader measured 14× cheaper; fail above 1/3.
  const text = importerFile(7, 3000);
  const cpu = (f: () => unknown): number => {
    let best = Infinity;
    for (let round = 0; round < 3; round++) {
      const start = process.cpuUsage();
      f();
      const used = process.cpuUsage(start);
      best = Math.min(best, used.user + used.system);
    }
    return best;
  };
  const fast = cpu(() => parseLoreFile('lore/x.yaml', text));
  const reference = cpu(() => parseLoreFileWithYaml('lore/x.yaml', text));
  assert.ok(fast * 3 < reference, `parseLoreFile took ${(fast / 1000).toFixed(1)} ms of CPU, the yaml model ${(reference / 1000).toFixed(1)} ms`);
});

test('simple YAML: the benchmark canon (flow alias lists, plain years and ISO dates, blank lines) is read fast and the same', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lorekeeper-simple-'));
  try {
    generate({ entries: 600, words: 300, chapters: 1, seed: 5, outDir: dir });
    const files = readdirSync(join(dir, 'lore')).filter((f) => f.endsWith('.yaml'));
    let fast = 0;
    for (const file of files) {
      const text = readFileSync(join(dir, 'lore', file), 'utf8');
      const simple = parseSimpleLoreFile(file, text);
      if (simple) fast++;
      assert.deepEqual(plain(parseLoreFile(file, text)), parseLoreFileWithYaml(file, text), file);
      if (simple) assert.equal(JSON.stringify(simple), JSON.stringify(parseLoreFileWithYaml(file, text)), file);
    }
    // Every entry file is in the subset; the settings file (a mapping) is not.
    assert.equal(fast, files.length - 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
