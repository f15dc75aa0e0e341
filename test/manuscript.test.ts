import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GREGORIAN } from '../src/core/dates';
import { isSuppressed, parseManuscript, sceneAt } from '../src/core/manuscript';

const parse = (text: string, path = 'story.md') => parseManuscript(path, text, GREGORIAN);

test('manuscript: front matter date (or when:), scene markers, modes and a mode alone keeping the date', () => {
  const text = '---\ntitle: T\ndate: 2399\n---\nA\n<!-- when: 2385-04-05, mode: memory -->\nB\n<!-- mode: dream -->\nC\n<!-- when: 2401 -->\nD\n';
  const m = parse(text);
  const at = (s: string) => sceneAt(m, text.indexOf(s));
  assert.deepEqual([at('A').date, at('A').mode], [{ year: 2399 }, undefined]);
  assert.deepEqual([at('B').date, at('B').mode], [{ year: 2385, month: 4, day: 5 }, 'memory']);
  assert.deepEqual([at('C').date, at('C').mode], [{ year: 2385, month: 4, day: 5 }, 'dream']);
  assert.deepEqual([at('D').date, at('D').mode], [{ year: 2401 }, undefined]);
  assert.deepEqual(sceneAt(parse('---\nwhen: 2364\n---\nX\n'), 10).date, { year: 2364 });
});

test('manuscript: code, comments, front matter and markup are not prose; offsets are kept', () => {
  const text = '---\ndate: 2399\n---\nData `Data` <!-- Data --> [Data](http://x/Data) <b>Data</b>\n```\nData\n```\n~~~md\nData\n~~~\n<!--\nData\n-->\nData\n';
  const m = parse(text);
  assert.equal(m.prose.length, text.length);
  const visible = [...m.prose.matchAll(/Data/g)].map((match) => match.index);
  assert.deepEqual(visible, [text.indexOf('Data `'), text.indexOf('[Data]') + 1, text.indexOf('<b>Data') + 3, text.lastIndexOf('Data')]);
});

test('manuscript: plain text keeps backticks as prose but still reads markers and comments', () => {
  const text = 'Data `Data`\n<!-- when: 2380 -->\nX\n';
  const m = parse(text, 'story.txt');
  assert.equal([...m.prose.matchAll(/Data/g)].length, 2);
  assert.deepEqual(sceneAt(m, text.indexOf('X')).date, { year: 2380 });
});

test('manuscript: CRLF line endings and a BOM', () => {
  const text = '\ufeff---\r\ndate: 2399\r\n---\r\nLine one\r\n<!-- when: 2380 -->\r\nLine two\r\n';
  const m = parse(text);
  assert.deepEqual(sceneAt(m, m.text.indexOf('Line one')).date, { year: 2399 });
  assert.deepEqual(sceneAt(m, m.text.indexOf('Line two')).date, { year: 2380 });
  assert.equal(m.text.charCodeAt(0), 45, 'the BOM is not part of the text');
});

test('manuscript: disable-next-line, disable/enable blocks, with and without codes', () => {
  const text = 'a\n<!-- lorekeeper-disable-next-line dead-character, wrong-age -->\nb\n<!-- lorekeeper-disable -->\nc\n<!-- lorekeeper-enable -->\nd\n';
  const m = parse(text);
  assert.equal(isSuppressed(m, 2, 'dead-character'), true);
  assert.equal(isSuppressed(m, 2, 'wrong-age'), true);
  assert.equal(isSuppressed(m, 2, 'wrong-date'), false);
  assert.equal(isSuppressed(m, 4, 'wrong-date'), true);
  assert.equal(isSuppressed(m, 6, 'wrong-date'), false);
  assert.equal(isSuppressed(m, 0, 'dead-character'), false);
});

test('manuscript: an unreadable scene date is reported where it is written and the scene is undated', () => {
  const text = 'x\n<!-- when: 2399-13-45 -->\nData walked.\n';
  const m = parse(text);
  assert.equal(m.problems.length, 1);
  assert.equal(m.problems[0].code, 'invalid-scene-date');
  assert.equal(m.problems[0].range.start.line, 1);
  assert.match(m.problems[0].message, /month 13/);
  assert.equal(sceneAt(m, text.indexOf('Data')).date, undefined);
  const bad = parse('---\ndate: soon\n---\nx\n');
  assert.equal(bad.problems[0].range.start.line, 1);
  const broken = parse('---\ndate: [oops\n---\nx\n');
  assert.match(broken.problems[0].message, /Front matter is not valid YAML/);
});

test('manuscript: headings and markup on lines that end in CR alone, CRLF or nothing are read the same', () => {
  for (const eol of ['\n', '\r\n', '\r']) {
    const text = `# Data${eol}Setext${eol}===${eol}Prose \`code\` and <b>tags</b>${eol}# Last`;
    const m = parse(text);
    const headings = m.headings.map(([s, e]) => text.slice(s, e));
    assert.deepEqual(headings, ['# Data', `Setext${eol}`, '# Last'], JSON.stringify(eol));
    assert.equal(m.prose.length, text.length);
    assert.ok(!m.prose.includes('code') && !m.prose.includes('<b>') && m.prose.includes('Prose'), JSON.stringify(eol));
  }
  // Near miss: a line that only looks like a setext underline after a line break inside it stays prose.
  assert.deepEqual(parse('Text\r\n=x=\r\n').headings, []);
});

test('manuscript: plain lines are passed over, and every line that can hold markup is still read', () => {
  const lines = [
    'Plain prose, nothing to hide.',
    '   # Heading three spaces in',
    '    # four spaces in: code, not a heading',
    'A `code` span and a [link](http://x) mid-line',
    '<b>bold</b> at the start, and one at the end ]',
    'a comment <!-- opens',
    'runs on -->and closes, then `ticks`',
    '   ```',
    'fenced',
    '   ```',
    '~~~~',
    'also fenced `x`',
    '~~~~',
    'Setext heading',
    '===',
    'last line with `code`',
  ];
  const text = lines.join('\n');
  const m = parse(text);
  const line = (n: number) => m.prose.split('\n')[n];
  assert.equal(m.prose.length, text.length);
  assert.equal(line(0), lines[0]);
  assert.deepEqual(m.headings.map(([s, e]) => text.slice(s, e)), ['   # Heading three spaces in', 'Setext heading\n']);
  assert.equal(line(3), 'A        span and a [link]           mid-line', 'the link target is hidden, its text kept');
  assert.equal(line(4), '   bold     at the start, and one at the end ]');
  assert.equal(line(5), 'a comment           ');
  assert.equal(line(6), '           and closes, then        ');
  for (const n of [7, 8, 9, 10, 11, 12]) assert.equal(line(n).trim(), '', `line ${n} is fenced`);
  assert.equal(line(13), 'Setext heading');
  assert.equal(line(15), 'last line with       ');
  // In plain text only comments are markup: the same lines keep their backticks and brackets.
  const plain = parseManuscript('story.txt', text, GREGORIAN);
  assert.equal(plain.prose.split('\n')[3], lines[3]);
  assert.equal(plain.prose.split('\n')[8], 'fenced');
  assert.equal(plain.prose.split('\n')[5], 'a comment           ');
});
