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

test('mentions: near-misses of a possessive — a quote mark that is no apostrophe-s, a word glued on, the end of the text', async () => {
  const found = await mentions("'Picard' said. Picard’sword. Picard` no. Rios'x. Picard's\n\nAt the end: Picard");
  assert.deepEqual(found.map((m) => [m.text, m.possessive]), [
    ['Picard', false],
    ['Picard', false],
    ['Picard', false],
    ['Rios', false],
    ['Picard', true],
    ['Picard', false],
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

/** The example lore and story, and an empty ScanCache. */
async function vineyard() {
  const { readFileSync } = await import('node:fs');
  const { ScanCache } = await import('../src/core/mentions/scan');
  const { prepareLore } = await import('../src/core/check');
  const { loadLore } = await import('../src/core/lore/load');
  const { nodeFileSystem } = await import('../src/cli/nodeFileSystem');
  const lore = prepareLore((await loadLore(nodeFileSystem, [{ name: 'lore', path: 'lore' }])).base);
  return { lore, story: readFileSync('examples/the-vineyard-at-dusk.md', 'utf8'), cache: new ScanCache() };
}

test('mentions: a re-check with a ScanCache rescans only the edited paragraph and finds exactly what a full check finds', async () => {
  const { lore, story, cache } = await vineyard();
  const first = checkManuscript(lore, 'story.md', story, { scanCache: cache });
  assert.ok(cache.scannedBlocks > 10);
  const edited = story.replace('Icheb walked', 'Icheb strode');
  const incremental = checkManuscript(lore, 'story.md', edited, { scanCache: cache });
  assert.equal(cache.scannedBlocks, 1, 'one paragraph changed');
  assert.deepEqual(incremental.diagnostics, checkManuscript(lore, 'story.md', edited).diagnostics);
  assert.deepEqual(first.diagnostics, checkManuscript(lore, 'story.md', story).diagnostics);
  // An edit that opens a quote is confined to its paragraph too.
  const quoted = story.replace('Icheb walked', '"Icheb walked');
  assert.deepEqual(checkManuscript(lore, 'story.md', quoted, { scanCache: cache }).diagnostics, checkManuscript(lore, 'story.md', quoted).diagnostics);
});

test('mentions: a ScanCache reuses the mentions of paragraphs an edit did not move, and moves those it shifted', async () => {
  const { lore, story, cache } = await vineyard();
  const first = checkManuscript(lore, 'story.md', story, { scanCache: cache });
  // A same-length edit: every other paragraph stays where it was, and its mentions are reused as they are.
  const same = story.replace('Icheb walked', 'Icheb strode');
  const reused = checkManuscript(lore, 'story.md', same, { scanCache: cache });
  assert.equal(cache.shiftedBlocks, 0);
  const editAt = story.indexOf('Icheb walked');
  const before = first.scan.mentions.filter((m) => m.end < editAt);
  assert.ok(before.length > 0);
  for (const m of before) assert.ok(reused.scan.mentions.includes(m), 'an unmoved mention is the same object');
  assert.deepEqual(reused.scan, checkManuscript(lore, 'story.md', same).scan);
  // The near-miss: an insertion moves the paragraphs after it, whose offsets must follow.
  const cut = same.lastIndexOf('\n\n', editAt) + 2;
  const longer = `${same.slice(0, cut)}A quiet morning.\n\n${same.slice(cut)}`;
  const moved = checkManuscript(lore, 'story.md', longer, { scanCache: cache });
  assert.equal(cache.scannedBlocks, 1, 'only the new paragraph is scanned');
  assert.ok(cache.shiftedBlocks > 10, 'the others are moved');
  assert.deepEqual(moved.scan, checkManuscript(lore, 'story.md', longer).scan);
  assert.deepEqual(moved.diagnostics, checkManuscript(lore, 'story.md', longer).diagnostics);
});

test('mentions: a ScanCache splits paragraphs at every kind of blank line exactly as a full scan reads them', async () => {
  const { ScanCache } = await import('../src/core/mentions/scan');
  const lore = await prepared(CANON);
  const blanks = ['\n\n', '\n \t\n', '\r\n\r\n', '\n\n\n', '\n  \n\n \n', '\n\r\n'];
  // The near-miss: a line break followed by text on the next line is no paragraph break.
  const paragraphs = ['Data walked in.', 'Picard smiled.\nData nodded.', "Jurrati waved at Picard's door.", 'The window was open.', 'DATA spoke.', 'Icheb left.', 'Data sat.'];
  let text = '';
  paragraphs.forEach((p, i) => (text += p + (blanks[i] ?? '')));
  for (const variant of [text, `\n\n${text}\n \n`, text.replace('Data walked', 'Data strode')]) {
    const cache = new ScanCache();
    checkManuscript(lore, 'story.txt', text, { scanCache: cache });
    const cached = checkManuscript(lore, 'story.txt', variant, { scanCache: cache });
    const full = checkManuscript(lore, 'story.txt', variant);
    assert.deepEqual(cached.scan, full.scan, JSON.stringify(variant));
    assert.deepEqual(cached.diagnostics, full.diagnostics);
  }
  const cache = new ScanCache();
  checkManuscript(lore, 'story.txt', text, { scanCache: cache });
  assert.equal(cache.scannedBlocks, paragraphs.length, 'one block per paragraph, the two-line one included');
});
