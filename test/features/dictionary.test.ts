// The canon as a spell-checker dictionary: the words a spell checker would not know, per tool.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { canonWords, formatDictionary } from '../../src/core/features/dictionary';
import { loreFrom } from '../helpers';

const LORE = {
  'lore/characters.yaml': `
- name: Jean-Luc Picard
  aliases: [Picard, J.L., Locutus, "Picard's Number One"]
- name: Agnes Jurati
  aliases: [Jurati]
- name: Data
- name: Seven of Nine
- name: Padmé Amidala
- kind: event
  name: The attack on Mars
- kind: ship
  name: USS Enterprise-D
`,
};

test('words: the non-English words of every name and alias, each once, sorted', async () => {
  const { base } = await loreFrom(LORE);
  const words = canonWords(base);
  for (const w of ['Picard', 'Jean-Luc', 'Jean', 'Luc', 'Jurati', 'Agnes', 'Locutus', 'J.L.', 'Padmé', 'Amidala', 'USS', 'Enterprise-D']) assert.ok(words.includes(w), w);
  // Ordinary English words need no entry, nor one letter, nor a possessive of a name already listed.
  for (const w of ['Data', 'Seven', 'of', 'Nine', 'The', 'attack', 'on', 'D', "Picard's"]) assert.ok(!words.includes(w), w);
  assert.equal(new Set(words).size, words.length);
  assert.deepEqual([...words].sort(), words);
});

test('words: each tool gets the file it reads', () => {
  const words = ['J.L.', 'Jurati', 'Picard'];
  assert.deepEqual(JSON.parse(formatDictionary(words, 'cspell')), { version: '0.2', words });
  assert.deepEqual(JSON.parse(formatDictionary(words, 'ltex', { language: 'en-GB' })), { 'ltex.dictionary': { 'en-GB': words } });
  // Vale reads each line as a regular expression: the dots of an abbreviation are escaped.
  assert.equal(formatDictionary(words, 'vale'), 'J\\.L\\.\nJurati\nPicard\n');
  assert.equal(formatDictionary(words, 'harper'), 'J.L.\nJurati\nPicard\n');
  assert.equal(formatDictionary(words, 'plain'), 'J.L.\nJurati\nPicard\n');
  assert.equal(formatDictionary([], 'plain'), '');
});

const temporary: string[] = [];
after(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

test('cli: lorekeeper words prints or writes the dictionary; bad input is a one-line usage error', () => {
  const cli = resolve('dist/cli.js');
  const run = (args: string[]) => spawnSync(process.execPath, [cli, 'words', ...args], { encoding: 'utf8' });
  const plain = run(['--lore', 'lore']);
  assert.equal(plain.status, 0, plain.stderr);
  const words = plain.stdout.trim().split('\n');
  for (const w of ['Picard', 'Jurati', 'Raffi', 'Elnor']) assert.ok(words.includes(w), w);
  const cspell = run(['--lore', 'lore', '--format', 'cspell']);
  assert.deepEqual((JSON.parse(cspell.stdout) as { words: string[] }).words, words);
  const dir = mkdtempSync(join(tmpdir(), 'lorekeeper-words-'));
  temporary.push(dir);
  const out = join(dir, 'accept.txt');
  const vale = run(['--lore', 'lore', '--format=vale', '--out', out]);
  assert.equal(vale.status, 0);
  assert.equal(vale.stdout, '');
  assert.ok(readFileSync(out, 'utf8').split('\n').includes('Picard'));
  for (const [args, message] of [
    [['--format', 'aspell'], /unknown format "aspell"/],
    [['--lore', 'no-such-folder'], /lore folder not found: no-such-folder/],
    [['--bogus'], /unknown option --bogus/],
  ] as const) {
    const bad = run([...args]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, message);
    assert.equal(bad.stderr.trim().split('\n').length, 1);
  }
});
