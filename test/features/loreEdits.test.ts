import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addAlias, removeListItemAt } from '../../src/core/features/loreEdits';
import { loreFrom, codes } from '../helpers';

const FILE = '# The crew. This comment must survive.\n- name: Jean-Luc Picard\n  aliases: [Picard, Jean-Luc]\n  born: 2305\n- name: Data # the android\n  born: 2338\n- name: Beverly Crusher\n  aliases: Beverly\n';

test('add as an alias of an entry: to its flow list, to a new list, beside a single alias', () => {
  const picard = addAlias(FILE, { name: 'Jean-Luc Picard', id: 'jean-luc-picard' }, 'Jean Luc')!;
  assert.match(picard, /^# The crew\. This comment must survive\.\n/);
  assert.match(picard, /aliases: \[ Picard, Jean-Luc, Jean Luc \]|aliases: \[Picard, Jean-Luc, Jean Luc\]/);
  assert.match(addAlias(FILE, { name: 'Data', id: 'data' }, 'Dataa')!, /- name: Data # the android\n {2}born: 2338\n {2}aliases: \[ ?Dataa ?\]/);
  assert.match(addAlias(FILE, { name: 'Beverly Crusher', id: 'beverly-crusher' }, 'Bev')!, /aliases: \[ ?Beverly, Bev ?\]/);
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
