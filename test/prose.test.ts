// Presence and reference on real prose (issue 15): each rule with the case it catches and the
// near-miss it must leave alone, in a 2399 scene of the test canon plus a few names of its own.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkManuscript } from '../src/core/check';
import { CANON, check, codes, prepared } from './helpers';

const FILES: Record<string, string> = {
  ...CANON,
  'lore/more.yaml': `
- name: Worf
  born: 2340
  died: 2390
- name: Laris
  born: 2350
  died: 2395
- name: Château Picard
  kind: place
  until: 2390
- name: Maria Picard
  born: 2280
- name: Hope Mikaelson
  aliases: [Hope]
  born: 2350
  died: 2380
- name: Will Baxter
  aliases: [Will]
  born: 2350
  died: 2380
- name: Storm
  born: 2350
  died: 2380
- name: Rose Tyler
  aliases: [Rose]
  born: 2350
  died: 2380
`,
};

async function presenceOf(sentence: string, name: string, path = 'story.md'): Promise<boolean | undefined> {
  const lore = await prepared(FILES);
  const text = `---\ndate: 2399\n---\n${sentence}\n`;
  const found = checkManuscript(lore, path, text).scan.mentions.find((m) => text.slice(m.start, m.end) === name);
  return found?.presence;
}

async function deadIn(sentence: string): Promise<number> {
  const lore = await prepared(FILES);
  return codes(check(lore, `---\ndate: 2399\n---\n${sentence}\n`), 'dead-character').length + codes(check(lore, `---\ndate: 2399\n---\n${sentence}\n`), 'nonexistent-entity').length;
}

test('prose: single-quote dialogue — the dead inside speech are talked about, the speaker after the quote speaks', async () => {
  assert.equal(await presenceOf("'Data would have hated this,' said Picard.", 'Data'), false);
  assert.equal(await presenceOf("'Tell him Q is here,' Data said.", 'Data'), true);
  assert.equal(await presenceOf("'Get down!' growled Worf.", 'Worf'), true);
  assert.equal(await deadIn('‘Worf is dead,’ squeaked the ensign, and Worf walked in.'), 1, 'the second Worf walks in');
  assert.equal(await deadIn("'Worf won't come. He doesn't come at nine o'clock any more,' Picard said."), 0);
  assert.equal(await deadIn("The Rikers' house was dark. 'Worf hated it,' said Picard."), 0);
  assert.equal(await presenceOf(`"He said 'Worf is coming,' and left," Raffi said.`, 'Worf'), false, 'nested single quotes inside double-quoted speech');
});

test('prose: em-dash dialogue, guillemets, attribution in the middle, speech across a hard line break', async () => {
  assert.equal(await presenceOf('— You are late, said Worf. Data is waiting.', 'Worf'), true);
  assert.equal(await presenceOf('— You are late, said Worf. Data is waiting.', 'Data'), false, 'the speech resumes after the incise');
  assert.equal(await presenceOf('« Data is gone, » said Picard.', 'Data'), false);
  assert.equal(await presenceOf("'Data,' said Picard, 'would have known. Data always knew.'", 'Picard'), true);
  assert.equal(await deadIn("'Data,' said Picard, 'would have known. Data always knew.'"), 0);
  assert.equal(await presenceOf("'Worf is\nhere,' said Picard.", 'Worf', 'story.txt'), false);
  assert.equal(await presenceOf("Picard turned. 'Come,\nWorf,' he said, and Worf\nwalked in.", 'Picard', 'story.txt'), true);
  assert.equal(await deadIn("Picard turned. 'Come,\nWorf,' he said, and Worf\nwalked in."), 1);
});

test('prose: a speech verb inside a relative clause is a remembered saying, not attribution', async () => {
  assert.equal(await presenceOf('I keep thinking of what Data said that night.', 'Data'), false);
  assert.equal(await presenceOf('Everything Worf said was true.', 'Worf'), false);
  assert.equal(await presenceOf('Data said nothing for a long time.', 'Data'), true, 'a speech verb with Data as the subject of the sentence');
  assert.equal(await presenceOf('What Data said, "Go", surprised them.', 'Data'), true, 'attached to a line of dialogue');
  assert.equal(await presenceOf('Picard remembered how Worf laughed.', 'Worf'), false, 'an action inside a memory');
  assert.equal(await presenceOf('Picard remembered the day Worf laughed.', 'Worf'), false);
  assert.equal(await presenceOf('Picard remembered his coat. Worf laughed.', 'Worf'), true, 'the memory verb is in another sentence');
  assert.equal(await presenceOf('— Where is he? asked Worf.', 'Worf'), true, 'an em-dash incise after a question');
});

test('prose: fronted and final place phrases put the scene there; a place that only qualifies a noun does not', async () => {
  assert.equal(await presenceOf('At Château Picard, Laris was pruning the vines.', 'Château Picard'), true);
  assert.equal(await presenceOf('Laris was pruning the vines at Château Picard.', 'Château Picard'), true);
  assert.equal(await presenceOf('In the autumn they crossed from Mars aboard La Sirena.', 'La Sirena'), true);
  assert.equal(await presenceOf('They drank the wine from Château Picard.', 'Château Picard'), false);
  assert.equal(await presenceOf('The harvest at Château Picard was late.', 'Château Picard'), false);
  assert.equal(await presenceOf('He sent a letter to Château Picard.', 'Château Picard'), false);
  assert.equal(await presenceOf('Robert had worked for years at Château Picard.', 'Château Picard'), false, 'past perfect backstory');
  assert.equal(await presenceOf('Laris was born at Château Picard.', 'Château Picard'), false);
});

test('prose: a capitalised homograph at the start of a sentence is the word unless the sentence says otherwise', async () => {
  assert.equal(await presenceOf('Storm clouds over the bay.', 'Storm'), false);
  assert.equal(await presenceOf('Hope was all they had left.', 'Hope'), false);
  assert.equal(await presenceOf('Hope springs eternal.', 'Hope'), false);
  assert.equal(await presenceOf('Rose petals are pressed in the book.', 'Rose'), false);
  assert.equal(await presenceOf('Will you come?', 'Will'), false);
  assert.equal(await presenceOf('Hope faded with the light.', 'Hope'), false);
  // …and the person, when the verb is one only a person does, or the paragraph has named them.
  assert.equal(await presenceOf('Hope smiled at him.', 'Hope'), true);
  assert.equal(await presenceOf('Rose was waiting at the door.', 'Rose'), true);
  assert.equal(await presenceOf('Will Baxter stood by the fire. Will came closer.', 'Will'), true);
  assert.equal(await presenceOf('They talked until Storm walked in.', 'Storm'), true, 'capitalised mid-sentence: the name');
  assert.equal(await presenceOf('Data slowly turned to face him.', 'Data'), true);
});

test('prose: a condition or a wish puts no one in the scene; a concession or a real "when" does', async () => {
  assert.equal(await presenceOf('If Data were here, he would know what to do.', 'Data'), false);
  assert.equal(await presenceOf('If only Worf were here.', 'Worf'), false);
  assert.equal(await presenceOf('If only Worf could see them now.', 'Worf'), false);
  assert.equal(await presenceOf('I wish Worf were here.', 'Worf'), false);
  assert.equal(await presenceOf('Picard spoke softly, as though Worf were listening.', 'Worf'), false);
  assert.equal(await presenceOf('Unless Worf arrives soon, they are lost.', 'Worf'), false);
  assert.equal(await deadIn('If Data were here, he would know what to do.'), 0);
  // Near-misses: the name is in the scene.
  assert.equal(await presenceOf('If Worf noticed, he said nothing.', 'Worf'), true, 'a concession: Worf is there, keeping quiet');
  assert.equal(await presenceOf('If Worf was waiting, he did not say so.', 'Worf'), true, 'the indicative "was", not the subjunctive "were"');
  assert.equal(await presenceOf('If anything, Worf looked tired.', 'Worf'), true, '"if" does not open the clause of the name');
  assert.equal(await presenceOf('When Worf walked in, Picard stood.', 'Worf'), true);
  assert.equal(await presenceOf('Worf walked in as if nothing had happened.', 'Worf'), true);
  assert.equal(await presenceOf('Worf was here, as if he had never left.', 'Worf'), true);
  assert.equal(await deadIn('If Worf noticed, he said nothing.'), 1);
});

test('prose: a sentence that opens years before its scene tells of then; a later or short span does not', async () => {
  for (const sentence of [
    'Years before, Data walked these same halls.',
    'Decades earlier, Worf had stood here.',
    'Long ago Worf fought beside him.',
    'A few years before the war, Worf served aboard the Enterprise.',
    'Back then, Worf laughed more.',
    'As a boy, Worf hunted in the hills.',
    'Once, Worf sang for them.',
    '"Years ago," Picard said. Years ago, Worf stood here.',
  ]) assert.equal(await deadIn(sentence), 0, sentence);
  // Near-misses: the scene's own time, a later one, a short span, or the phrase in another sentence.
  for (const sentence of [
    'Years later, Worf walked these same halls.',
    'A week ago, Worf walked in here.',
    'Then Worf walked in.',
    'Once Worf walks in, we leave.',
    'Years before, the house was empty. Worf walked in.',
    'It was years before he came back. Worf walked in.',
  ]) assert.equal(await deadIn(sentence), 1, sentence);
});

test('prose: a sentence that opens on a date of its own is judged at that date, not the scene\'s', async () => {
  const lore = await prepared(FILES);
  const found = (sentence: string, code: string) => codes(check(lore, `---\ndate: 2399\n---\n${sentence}\n`), code);
  // Worf died in 2390; the scene is set in 2399.
  assert.equal(await deadIn('Back in 2370, Worf walked these same halls.'), 0);
  assert.equal(await deadIn('In the spring of 2380 Worf walked the halls.'), 0, 'with or without a comma');
  assert.equal(await deadIn('During 2385, Worf and Picard walked the halls.'), 0);
  const later = found('In 2395, Worf walked these same halls.', 'dead-character');
  assert.equal(later.length, 1, 'dead at the date the sentence gives too');
  assert.match(later[0].message, /^Worf died in 2390, but this sentence is set in 2395\./);
  // Maria Picard was born in 2280: before that, the sentence has her unborn.
  assert.match(found('Back in 2270, Maria Picard walked these halls.', 'unborn-character')[0]?.message ?? '', /was born in 2280, but this sentence is set in 2270/);
  assert.equal(found('Maria Picard walked these halls.', 'unborn-character').length, 0, 'at the scene\'s date she is alive');
  // Near-misses: "by" gives no date of the action; a date in another sentence, or later in this one, is not its frame.
  assert.equal(await deadIn('By 2380, Worf walked these halls.'), 1);
  assert.equal(await deadIn('Back in 2370, the house was empty. Worf walked in.'), 1);
  assert.equal(await deadIn('Worf walked in, as he had in 2370.'), 1);
});

test('prose: depictions and remains of a dead character are not the character acting', async () => {
  for (const sentence of [
    "Data's portrait watched over the room.",
    'The body of Data lay in state.',
    'Data stared down from the portrait above the desk.',
    'Worf smiled out of the photograph on the mantel.',
    'In the hologram, Worf was laughing.',
    'Worf glared down from his frame at the whole room.',
  ]) assert.equal(await deadIn(sentence), 0, sentence);
  assert.equal(await deadIn('Data stared down at the desk.'), 1, 'no depiction cue: Data acts');
  assert.equal(await deadIn('Worf walked past the portrait, then stopped.'), 1, 'the cue must be in the name\'s own phrase');
});

test('prose: asides, modals of ability and backstory', async () => {
  assert.equal(await presenceOf('Worf, the old warrior, stood up.', 'Worf'), true);
  assert.equal(await presenceOf('Worf, who had known Data, stood up.', 'Worf'), true);
  assert.equal(await presenceOf('Worf could swim like a fish, they said.', 'Worf'), false);
  assert.equal(await presenceOf('Worf would sit there for hours.', 'Worf'), true, 'would: an action, as before');
  assert.equal(await presenceOf('Worf, who died young, had his own page in the book.', 'Worf'), false, 'to have, owning: a state');
  assert.equal(await presenceOf('Worf had climbed the hill.', 'Worf'), false, 'past perfect, as before');
  assert.equal(await presenceOf('Worf has arrived.', 'Worf'), true);
  assert.equal(await presenceOf('Worf and his son walked in.', 'Worf'), true, 'a companion in the subject');
  assert.equal(await presenceOf('Worf and his son, the tall one, were gone.', 'Worf'), false);
});

test('prose: every new rule stays inside its paragraph — a ScanCache check equals a full check on the whole corpus', async () => {
  const { readdirSync, readFileSync } = await import('node:fs');
  const { ScanCache } = await import('../src/core/mentions/scan');
  const { loadLore } = await import('../src/core/lore/load');
  const { prepareLore } = await import('../src/core/check');
  const { nodeFileSystem } = await import('../src/cli/nodeFileSystem');
  for (const fixture of ['holmes', 'potter']) {
    const root = `test/fixtures/${fixture}`;
    const lore = prepareLore((await loadLore(nodeFileSystem, [{ name: 'lore', path: `${root}/lore` }])).base);
    for (const name of readdirSync(`${root}/manuscripts`)) {
      const text = readFileSync(`${root}/manuscripts/${name}`, 'utf8');
      const full = checkManuscript(lore, name, text);
      const cached = checkManuscript(lore, name, text, { scanCache: new ScanCache() });
      assert.deepEqual(cached.diagnostics, full.diagnostics, name);
      assert.deepEqual(cached.scan.mentions.map((m) => [m.start, m.presence, m.inDialogue]), full.scan.mentions.map((m) => [m.start, m.presence, m.inDialogue]), name);
    }
  }
  const lore = await prepared(FILES);
  const text = '---\ndate: 2399\n---\n# The portrait\n\nWorf walked in.\n';
  assert.deepEqual(checkManuscript(lore, 'a.md', text, { scanCache: new ScanCache() }).diagnostics, checkManuscript(lore, 'a.md', text).diagnostics);
  assert.equal(codes(check(lore, text), 'dead-character').length, 1, 'a depiction word in the heading above is not in the sentence');
});

test('prose: a sentence opens after any space, quote, bracket or dash a regex would skip, and a depiction\'s phrase ends at every phrase mark', async () => {
  // Opening a sentence (a homograph is the word): after a full stop and a non-breaking space, an
  // em space, a vertical tab, a line separator, emphasis or a bracket.
  for (const gap of ['\u00a0', '\u2003', '\v', '\u2028', ' *', ' (', ' _', ' \u2014 ', ' \u00ab']) {
    assert.equal(await presenceOf(`They waited.${gap}Hope faded with the light.`, 'Hope'), false, JSON.stringify(gap));
  }
  // Near misses: after a comma or a letter the name is no sentence's first word (the person acts).
  for (const before of ['They waited, ', 'They waited and ', 'They waited;\u00a0']) {
    assert.equal(await presenceOf(`${before}Hope faded with the light.`, 'Hope'), true, JSON.stringify(before));
  }
  // A depiction word in the name's own phrase, up to any phrase mark; beyond one, not.
  assert.equal(await presenceOf('Worf smiled out of the photograph on the desk.', 'Worf'), false);
  for (const mark of ['.', ';', ':', ',', '!', '?', '\u2026', '\u2014', '\u2013']) {
    assert.equal(await presenceOf(`Worf smiled${mark} in the photograph a child waved.`, 'Worf'), true, mark);
  }
});

test('prose: a clause break between a name and its verb is any mark of one, a blank line or a quote opening the gap', async () => {
  for (const gap of [' \u2014 ', ' \u2013 ', ' \u2018', ' ( ', ' \u00ab ', '; ', ' quietly; ', ' quietly \u201c']) {
    assert.equal(await presenceOf(`Worf${gap}walked to the window.`, 'Worf'), false, JSON.stringify(gap));
  }
  // Near misses: spaces of any kind, an adverb, an apostrophe inside a word do not break the clause.
  for (const gap of [' ', '\u00a0', '\t', ' quietly ', ' \n ']) {
    assert.equal(await presenceOf(`Worf${gap}walked to the window.`, 'Worf'), true, JSON.stringify(gap));
  }
  assert.equal(await presenceOf('Worf o\u2019clock walked.', 'Worf'), false, 'no verb right after the name');
});
