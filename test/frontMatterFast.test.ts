// The fast reader of `key: value` front matter gives what the YAML library gives, or declines.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDocument } from 'yaml';
import { mulberry32 } from '../bench/generate.mjs';
import { simpleFrontMatter, yamlFrontMatter } from '../src/core/manuscript';

const KEYS = ['title', 'date', 'when', 'mode', 'lorekeeper', 'pov', 'chapter_no', 'x-tag'];
const VALUES = [
  'Chapter 1', '2300', '2302-05-17', '2302-5', 'flashback', 'off', 'ignore', 'Château d’If', "Vic's Bar", 'Year 3, Day 4',
  '0', '7', '123456789012345', 'Stardate 41153.7', 'Hope (again)', 'Who? Me!', 'A & B', 'dream', 'memory', 'late 2301',
  // The library's own territory: the fast reader must decline these.
  '1.5', '2e3', '0x1F', '0o17', '012', 'true', 'False', 'null', '~', 'yes', '"quoted"', "'single'", 'a: b', 'b # note', '[a, b]',
  '{a: 1}', '*alias', '&anchor x', '!tag x', '| block', '> folded', '1234567890123456', '.inf', '-5', '+5', '@at', '`tick`', '%pct',
];

function lines(random: () => number): string {
  const out: string[] = [];
  const n = 1 + Math.floor(random() * 5);
  for (let i = 0; i < n; i++) {
    const r = random();
    if (r < 0.08) out.push('');
    else if (r < 0.12) out.push('# a comment');
    else if (r < 0.15) out.push('  indented: 1');
    else {
      const key = KEYS[Math.floor(random() * KEYS.length)];
      const value = VALUES[Math.floor(random() * VALUES.length)];
      const space = random() < 0.1 ? '   ' : ' ';
      const trailing = random() < 0.1 ? '  ' : random() < 0.05 ? '\r' : '';
      out.push(`${key}:${space}${value}${trailing}`);
    }
  }
  return `${out.join('\n')}\n`;
}

test('front matter: the fast reader agrees with the YAML library on every field it reads, and declines what it cannot', () => {
  const random = mulberry32(13);
  let fast = 0;
  let declined = 0;
  for (let n = 0; n < 4000; n++) {
    const text = lines(random);
    const simple = simpleFrontMatter(text);
    if (!simple) {
      declined++;
      continue;
    }
    fast++;
    const doc = parseDocument(text);
    assert.deepEqual(doc.errors.map((e) => e.message), [], `the library reads what the fast reader read: ${JSON.stringify(text)}`);
    const library = yamlFrontMatter(doc);
    for (const key of [...KEYS, 'absent']) {
      assert.deepEqual(simple(key), library?.(key), `${key} of ${JSON.stringify(text)}`);
    }
  }
  assert.ok(fast > 400 && declined > 400, `both paths are exercised: ${fast} fast, ${declined} declined`);
});

test('front matter: the fast reader reads plain fields, and leaves quotes, numbers with a point, booleans, comments and duplicates to the library', () => {
  const read = simpleFrontMatter('title: Chapter 1\ndate: 2300\nmode: flashback\n');
  assert.ok(read);
  assert.deepEqual(read('date'), { value: 2300, range: [23, 27] });
  assert.deepEqual(read('title'), { value: 'Chapter 1', range: [7, 16] });
  assert.equal(simpleFrontMatter('date: 2302-05-17\n')?.('date')?.value, '2302-05-17', 'a date is a string, as in YAML 1.2');
  for (const text of ['date: 1.5\n', 'date: "2300"\n', 'lorekeeper: false\n', 'date: 2300 # set\n', 'date: 2300\ndate: 2301\n', 'date: [2300]\n', 'date:\n  - 2300\n', 'date: 0x10\n']) {
    assert.equal(simpleFrontMatter(text), undefined, JSON.stringify(text));
  }
});
