// Scene markers that carry the writer's own fields, and markers that cannot be read (SPEC §2, §3).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GREGORIAN, parseCalendar } from '../src/core/dates';
import { markerHints } from '../src/core/features/markerHints';
import { parseManuscript, sceneAt } from '../src/core/manuscript';
import { check, codes, CANON, prepared } from './helpers';

const parse = (text: string) => parseManuscript('story.md', text, GREGORIAN);

test('markers: extra fields are kept and never stop when and mode from applying', () => {
  const text = '<!-- when: 1990 -->\nA\n<!-- when: 1998-09-02, pov: Hermione, location: the Burrow, Ottery St Catchpole -->\nB\n<!-- pov: Ron, mode: dream -->\nC\n';
  const m = parse(text);
  const b = sceneAt(m, text.indexOf('\nB\n') + 1);
  assert.deepEqual(b.date, { year: 1998, month: 9, day: 2 }, 'the previous date is no longer in force');
  assert.deepEqual(b.marker?.fields, { when: '1998-09-02', pov: 'Hermione', location: 'the Burrow, Ottery St Catchpole' });
  const c = sceneAt(m, text.indexOf('\nC\n') + 1);
  assert.equal(c.mode, 'dream');
  assert.deepEqual(c.date, { year: 1998, month: 9, day: 2 }, 'a mode marker keeps the date');
  assert.deepEqual(m.problems, []);
});

test('markers: an unknown mode is invalid-scene-marker, and the scene is checked as normal', async () => {
  const lore = await prepared(CANON);
  const text = '<!-- when: 2399, mode: daydream -->\nData walked in.\n<!-- when: 2399, mode: dreem -->\nData walked out.\n';
  const found = check(lore, text);
  const invalid = codes(found, 'invalid-scene-marker');
  assert.equal(invalid.length, 2);
  assert.match(invalid[0].message, /"daydream" is no scene mode/);
  assert.equal(invalid[0].fix, undefined, 'no mode is one slip from daydream');
  assert.equal(invalid[1].fix, 'dream', 'one slip from dream: the fix');
  assert.equal(text.split('\n')[2].slice(invalid[1].range.start.character, invalid[1].range.end.character), 'dreem');
  assert.equal(codes(found, 'dead-character').length, 2, 'checked as a normal scene: Data is dead in 2399');
  assert.equal(sceneAt(parseManuscript('s.md', text, GREGORIAN), 5).unknownMode, 'daydream');
});

test('markers: a comment that starts like a marker but is malformed is reported; ordinary comments are not', () => {
  for (const body of ['when 1998', 'when:', 'mode', 'when: 2001, mode:', 'mode dream']) {
    const m = parse(`<!-- ${body} -->\nText\n`);
    assert.deepEqual(m.problems.map((p) => p.code), ['invalid-scene-marker'], body);
    assert.equal(m.scenes.length, 1, `${body}: no scene started`);
  }
  for (const body of ['when I come back, fix this', 'TODO: the date', 'modern times', 'date night was fun', 'pov: Harry']) {
    const m = parse(`<!-- ${body} -->\nText\n`);
    assert.deepEqual(m.problems, [], body);
    assert.equal(m.scenes.length, 1, body);
  }
});

test('markers: front matter with an unknown mode is reported too', () => {
  const m = parse('---\ndate: 2001\nmode: nightmare\n---\nText\n');
  assert.deepEqual(m.problems.map((p) => p.code), ['invalid-scene-marker']);
  assert.equal(m.problems[0].range.start.line, 2);
  assert.equal(m.scenes[0].mode, undefined);
});

test('marker hints: the date and mode understood at each marker, in the base\'s calendar', () => {
  const { calendar } = parseCalendar({ eras: [{ name: 'BBY', before: true }, { name: 'ABY' }] });
  const text = '---\ndate: 19 BBY\n---\nA\n<!-- when: 4 ABY, pov: Leia -->\nB\n<!-- mode: vision -->\nC\n<!-- when: never -->\nD\n<!-- when: 5 ABY, mode: daydream -->\n<!-- just a note -->\n';
  const m = parseManuscript('s.md', text, calendar);
  const hints = markerHints(m, calendar);
  assert.deepEqual(hints.map((h) => [h.line, h.label]), [
    [0, '19 BBY · normal'],
    [4, '4 ABY · normal'],
    [6, '4 ABY · vision'],
    [8, 'undated · normal'],
    [10, '5 ABY · normal (“daydream” unknown)'],
  ]);
  assert.equal(hints[1].character, '<!-- when: 4 ABY, pov: Leia -->'.length);
  assert.match(hints[1].tooltip, /Also noted: pov: Leia/);
  assert.match(hints[2].tooltip, /still in 4 ABY, in a vision scene/);
  assert.deepEqual(markerHints(parse('No markers at all.\n'), GREGORIAN), []);
});
