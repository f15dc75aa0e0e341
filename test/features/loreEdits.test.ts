import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addAlias, removeListItemAt } from '../../src/core/features/loreEdits';
import { loreFrom, codes } from '../helpers';

const FILE = '# The crew. This comment must survive.\n- name: Jean-Luc Picard\n  aliases: [Picard, Jean-Luc]\n  born: 2305\n- name: Data # the android\n  born: 2338\n- name: Beverly Crusher\n  aliases: Beverly\n';

test('add as an alias of an entry: to its flow list, to a new list, beside a single alias', () => {
  const picard = addAlias(FILE, { name: 'Jean-Luc Picard', id: 'jean-luc-picard' }, 'Jean Luc')!;
  assert.match(picard, /^# The crew\. This comment must survive\.\n/);
  assert.match(picard, /aliases: \[ Picard, Jean-Luc, Jean Luc \]|aliases: \[Picard, Jean-Luc, Jean Luc\]/);
  assert.match(addAlias(FILE, { name: 'Data', id: 'data' }, 'Dataa')!, /- name: Data # the android\n {2}aliases: \[Dataa\]\n {2}born: 2338\n/);
  assert.match(addAlias(FILE, { name: 'Beverly Crusher', id: 'beverly-crusher' }, 'Bev')!, /aliases: \[Beverly, Bev\]\n$/);
  assert.equal(addAlias(FILE, { name: 'Jean-Luc Picard', id: 'jean-luc-picard' }, 'Picard'), undefined, 'already an alias');
  assert.equal(addAlias(FILE, { name: 'Worf', id: 'worf' }, 'W'), undefined, 'no such entry in this file');
  assert.equal(addAlias('- name: [broken\n', { name: 'X', id: 'x' }, 'Y'), undefined);
});

test('remove a duplicate alias: the item at the problem, and nothing else', async () => {
  const files = { 'lore/a.yaml': '- name: Jean-Luc Picard\n  aliases: [Picard]\n', 'lore/b.yaml': '# Family\n- name: Robert Picard\n  aliases: [Robert, Picard]\n' };
  const { base } = await loreFrom(files);
  const [dup] = codes(base.problems, 'lore-duplicate-alias');
  assert.equal(dup.file, 'lore/b.yaml');
  const fixed = removeListItemAt(files['lore/b.yaml'], dup.range.start)!;
  assert.match(fixed, /^# Family\n- name: Robert Picard\n {2}aliases: \[ ?Robert ?\]\n$/);
  const { base: after } = await loreFrom({ ...files, 'lore/b.yaml': fixed });
  assert.deepEqual(codes(after.problems, 'lore-duplicate-alias'), []);
  assert.equal(removeListItemAt(files['lore/b.yaml'], { line: 0, character: 0 }), undefined, 'no list item there');
});

test('the quick fixes change only the alias: the rest of the file keeps its layout', () => {
  const file = '# Crew\n- name: Jean-Luc Picard\n  aliases: [Picard]\n  relations: [{to: Data, kind: friend}]\n\n\n- name: Data\n  aliases:\n    - Mr. Data # the android\n  ranks: [ "Lt. Commander" ]\n- name: Worf\n  born: 2340\n';
  // Flow list: the item joins it, as written.
  assert.equal(addAlias(file, { name: 'Jean-Luc Picard', id: 'jean-luc-picard' }, 'Jean Luc'), file.replace('aliases: [Picard]', 'aliases: [Picard, Jean Luc]'));
  // Block list: a new line at the list's indentation, the comment kept.
  assert.equal(addAlias(file, { name: 'Data', id: 'data' }, 'Soong-type'), file.replace('    - Mr. Data # the android\n', '    - Mr. Data # the android\n    - Soong-type\n'));
  // No aliases yet: one line under the name.
  assert.equal(addAlias(file, { name: 'Worf', id: 'worf' }, 'Son of Mogh'), file.replace('- name: Worf\n', '- name: Worf\n  aliases: [Son of Mogh]\n'));
  // An alias YAML must quote in a flow list is quoted.
  const quoted = addAlias(file, { name: 'Worf', id: 'worf' }, 'Worf, son of Mogh')!;
  assert.match(quoted, /aliases: \["Worf, son of Mogh"\]|aliases: \['Worf, son of Mogh'\]/);
  // CRLF files stay CRLF.
  const crlf = file.replace(/\n/g, '\r\n');
  assert.equal(addAlias(crlf, { name: 'Worf', id: 'worf' }, 'Son of Mogh'), crlf.replace('- name: Worf\r\n', '- name: Worf\r\n  aliases: [Son of Mogh]\r\n'));
  // Removing a duplicate: only that item (and its comma, or its line) goes.
  const dup = '- name: Robert Picard\n  aliases: [Robert, Picard, "Bob"]\n  notes: [ a ,b ]\n- name: Marie\n  aliases:\n    - Picard\n    - Marie P. # sister-in-law\n';
  assert.equal(removeListItemAt(dup, { line: 1, character: 20 }), dup.replace('Picard, "Bob"', '"Bob"'));
  assert.equal(removeListItemAt(dup, { line: 1, character: 28 }), dup.replace('Picard, "Bob"', 'Picard'));
  assert.equal(removeListItemAt(dup, { line: 5, character: 6 }), dup.replace('    - Picard\n', ''));
});
