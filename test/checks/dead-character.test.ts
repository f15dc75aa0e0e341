import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CANON, check, codes, prepared, textAt } from '../helpers';

const scene = (body: string, when = '2399'): string => `---\ndate: ${when}\n---\n${body}\n`;

test('dead-character: a dead character acting in a later scene is caught, with the canon fact and source', async () => {
  const lore = await prepared(CANON);
  const text = scene('Data walked to the window.');
  const found = codes(check(lore, text), 'dead-character');
  assert.equal(found.length, 1);
  assert.equal(textAt(text, found[0]), 'Data');
  assert.equal(found[0].entity, 'data');
  assert.equal(found[0].message, 'Data died in 2379 (Killed destroying the Scimitar), but this scene is set in 2399. Source: Star Trek: Nemesis.');
});

test('dead-character: every way of acting counts — speech attribution on either side, subject with adverb, compound subject', async () => {
  const lore = await prepared(CANON);
  for (const body of [
    '"I am fully functional," Data said.',
    '"I am fully functional," said Data.',
    'Data asked, "Where is the captain?"',
    'Data slowly turned to face him.',
    'Picard and Data walked out together.',
    'When Data smiled, the room changed.',
    'Data has arrived.',
    'Data was standing by the door.',
  ]) {
    assert.equal(codes(check(lore, scene(body)), 'dead-character').length, 1, body);
  }
});

test('dead-character: near-misses are left alone', async () => {
  const lore = await prepared(CANON);
  for (const body of [
    '"Data would have loved this," Picard said.', // inside someone else's dialogue
    'Picard mourned Data.', // object of a verb
    'He hung a painting of Data in the hall.', // object of a preposition
    "Data's death still weighed on him.", // possessive
    'Picard thought about Data for a long time.',
    'Data had painted it years before.', // backstory in the past perfect
    'The data was corrupted beyond repair.', // the word, not the android
    'He read the `Data walked` log entry.', // a code span
    '# Data', // a heading
    'Data was a good friend.', // a state, not an action
    'Data died in 2379.', // telling of the death
    'Data will be missed.', // passive
    'The man who had known Data walked in.', // object of a participle
    'Data would have loved this, Picard thought.', // a counterfactual thought
  ]) {
    assert.deepEqual(codes(check(lore, scene(body)), 'dead-character'), [], body);
  }
});

test('dead-character: precision — the death year itself is no contradiction, the month after is', async () => {
  const lore = await prepared(CANON);
  assert.equal(codes(check(lore, scene('Data walked in.', '2379')), 'dead-character').length, 0);
  assert.equal(codes(check(lore, scene('Hugh smiled.', '2399')), 'dead-character').length, 0, 'same year, scene month unknown');
  assert.equal(codes(check(lore, scene('Hugh smiled.', '2399-03-20')), 'dead-character').length, 0, 'same month as a month-precision death');
  assert.equal(codes(check(lore, scene('Hugh smiled.', '2399-04')), 'dead-character').length, 1);
  assert.equal(codes(check(lore, scene('Data walked in.', '2380')), 'dead-character').length, 1);
});

test('dead-character: suspended in dream, memory, vision, hologram and simulation scenes, and by disable comments', async () => {
  const lore = await prepared(CANON);
  for (const mode of ['dream', 'memory', 'vision', 'hologram', 'simulation']) {
    assert.deepEqual(codes(check(lore, scene(`<!-- when: 2399, mode: ${mode} -->\nData walked in.`)), 'dead-character'), [], mode);
    assert.deepEqual(codes(check(lore, scene(`<!-- mode: ${mode} -->\nData walked in.`)), 'dead-character'), [], `${mode} alone keeps the date`);
  }
  const back = scene('<!-- mode: dream -->\nData walked in.\n\n<!-- when: 2399 -->\nData walked out.');
  assert.equal(codes(check(lore, back), 'dead-character').length, 1, 'a when: marker without mode ends the dream');
  assert.equal(codes(check(lore, back), 'dead-character')[0].range.start.line, 7);
  assert.deepEqual(codes(check(lore, scene('<!-- lorekeeper-disable-next-line dead-character -->\nData walked in.')), 'dead-character'), []);
  assert.deepEqual(codes(check(lore, scene('<!-- lorekeeper-disable-next-line -->\nData walked in.')), 'dead-character'), []);
  assert.equal(codes(check(lore, scene('<!-- lorekeeper-disable-next-line wrong-age -->\nData walked in.')), 'dead-character').length, 1, 'another code stays on');
  const block = scene('<!-- lorekeeper-disable dead-character -->\nData walked in.\n\nData sat.\n<!-- lorekeeper-enable -->\nData left.');
  assert.equal(codes(check(lore, block), 'dead-character').length, 1);
});

test('dead-character: undated text is not checked; a later marker dates what follows', async () => {
  const lore = await prepared(CANON);
  assert.deepEqual(check(lore, 'Data walked in.\n'), []);
  const text = 'Data walked in.\n\n<!-- when: 2390 -->\nData walked in.\n';
  const found = codes(check(lore, text), 'dead-character');
  assert.equal(found.length, 1);
  assert.equal(found[0].range.start.line, 3);
});
