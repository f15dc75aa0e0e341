import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkManuscript } from '../src/core/check';
import { CANON, prepared } from './helpers';

async function mentions(text: string, files = CANON) {
  const lore = await prepared(files);
  return checkManuscript(lore, 'story.md', text).scan.mentions.map((m) => ({
    text: text.slice(m.start, m.end), id: m.entry.id, presence: m.presence, possessive: m.possessive, dialogue: m.inDialogue,
  }));
}

test('mentions: longest match, names and aliases, possessives with straight and curly apostrophes', async () => {
  const found = await mentions("Jean-Luc Picard met Admiral Picard. Picard's tea. Picard’s tea. Rios' ship.\n");
  assert.deepEqual(found.map((m) => [m.text, m.id, m.possessive]), [
    ['Jean-Luc Picard', 'jean-luc-picard', false],
    ['Admiral Picard', 'jean-luc-picard', false],
    ['Picard', 'jean-luc-picard', true],
    ['Picard', 'jean-luc-picard', true],
    ['Rios', 'cristobal-rios', true],
  ]);
});

test('mentions: case as in the lore — Data the android, never data the word — and ALL CAPS headings', async () => {
  assert.deepEqual((await mentions('The data was lost. Data knew. DATA\n')).map((m) => m.text), ['Data', 'DATA']);
  assert.deepEqual((await mentions('# THE ATTACK ON MARS\n')).map((m) => m.id), ['the-attack-on-mars']);
});

test('mentions: an optional, capitalisable leading article; accents optional', async () => {
  const found = await mentions('The attack on Mars. The 2385 attack on Mars. Attack on Mars. Cristobal Rios. Cristóbal Rios.\n');
  assert.deepEqual(found.map((m) => [m.text, m.id]), [
    ['attack on Mars', 'the-attack-on-mars'], ['attack on Mars', 'the-attack-on-mars'], ['Attack on Mars', 'the-attack-on-mars'],
    ['Cristobal Rios', 'cristobal-rios'], ['Cristóbal Rios', 'cristobal-rios'],
  ]);
});

test('mentions: word boundaries — no match inside a longer word', async () => {
  assert.deepEqual(await mentions('Database Datas Marsh Picardy\n'), []);
});

test('mentions: presence versus reference (SPEC §2)', async () => {
  const cases: Array<[string, boolean]> = [
    ['"Hello," Data said.', true],
    ['"Hello," said Data.', true],
    ['Data asked, "Where?"', true],
    ['Data walked to the window.', true],
    ['Hugh smiled.', true],
    ['Rios beamed aboard the Enterprise-D.', true],
    ['They landed on Romulus.', true],
    ['"Data would have loved this," Picard said.', false],
    ['Picard mourned Data.', false],
    ['It was a painting of Data.', false],
    ["Data's death changed him.", false],
    ['The refugees from Romulus waited.', false],
    ['Robert had tended the vines for decades.', false],
  ];
  for (const [sentence, presence] of cases) {
    const found = await mentions(`${sentence}\n`);
    const subject = found.find((m) => ['data', 'hugh', 'robert-picard', 'romulus', 'uss-enterprise-d'].includes(m.id))!;
    assert.equal(subject.presence, presence, sentence);
  }
});

test('mentions: dialogue spans — curly quotes, multi-line paragraphs, closed by a blank line', async () => {
  const found = await mentions('“Data knew,\nand Data stayed,” Picard said.\n\n"Unclosed Data\n\nData walked.\n');
  assert.deepEqual(found.map((m) => [m.text, m.dialogue]), [['Data', true], ['Data', true], ['Picard', false], ['Data', true], ['Data', false]]);
});

test('mentions: counterfactual narration is a thought, not presence; a number-word alias before a unit is no mention', async () => {
  const files = { ...CANON, 'lore/seven.yaml': 'name: Seven of Nine\naliases: [Seven]\nborn: 2348\n' };
  const thought = await mentions('Data would have loved this, Picard thought.\n');
  assert.equal(thought[0].presence, false);
  assert.equal((await mentions('Data would paint it, he decided.\n'))[0].presence, true);
  assert.deepEqual((await mentions('Seven years later, Seven of Nine returned. Seven walked in. Seven of them stayed.\n', files)).map((m) => m.text), ['Seven of Nine', 'Seven']);
});
