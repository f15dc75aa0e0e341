// The timeline model (SPEC §7) on the shipped Picard sample, the Star Wars era fixture, and small
// canons made for one rule each: scenes in reading order, lanes with the lore's spans, the
// contradictions on their scenes, undated text apart, era labels, compressed years.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { axisPosition, buildAxis } from '../../src/core/timeline/axis';
import type { TimelineModel } from '../../src/core/timeline/model';
import { readFileSync } from 'node:fs';
import { nodeFileSystem } from '../../src/cli/nodeFileSystem';
import { checkManuscript, prepareLore } from '../../src/core/check';
import { loadLore } from '../../src/core/lore/load';
import { timedFacts } from '../../src/core/timeline/facts';
import { SAMPLE, STARWARS, timelineOf, timelineOnDisk } from './helpers';

async function checkedSample() {
  const loaded = await loadLore(nodeFileSystem, [{ name: 'lore', path: 'lore' }]);
  return checkManuscript(prepareLore(loaded.base), SAMPLE, readFileSync(SAMPLE, 'utf8')).diagnostics;
}

const scene = (model: TimelineModel, order: number) => model.scenes[order - 1];
const lane = (model: TimelineModel, id: string) => {
  const found = model.entries.find((e) => e.id === id);
  assert.ok(found, `a lane for ${id}`);
  return found;
};
const codesOn = (model: TimelineModel, order: number) => scene(model, order).diagnostics.map((i) => model.diagnostics[i].code).sort();

test('timeline: the Picard sample has its six scenes in reading order, with dates, modes and lines', async () => {
  const model = await timelineOnDisk('lore', [SAMPLE]);
  assert.deepEqual(
    model.scenes.map((s) => [s.order, s.line, s.endLine, s.title, s.dateLabel, s.mode, s.suspended]),
    [
      [1, 9, 26, 'I.', '2333', 'normal', false],
      [2, 27, 62, 'II.', '2399-09', 'normal', false],
      [3, 63, 72, 'III.', '2385-04-05', 'memory', true],
      [4, 73, 92, 'IV.', '2399-09', 'normal', false],
      [5, 93, 110, 'V.', '2399', 'dream', true],
      [6, 111, 124, 'VI.', '2399-09', 'normal', false],
    ],
    'the front matter and title above the first marker are no scene of their own',
  );
  assert.deepEqual(scene(model, 3).date, { year: 2385, month: 4, day: 5 });
  assert.ok(scene(model, 1).present.includes('william-riker'), 'Riker speaks in scene 1');
  assert.ok(scene(model, 2).mentioned.includes('data') && !scene(model, 2).present.includes('data'), 'Data is only talked about in scene 2');
  assert.ok(scene(model, 5).present.includes('data'), 'Data acts in the dream');
  assert.ok(model.scenes.every((s) => s.words > 50), 'each scene counts its words');
});

test('timeline: the sample\'s lanes have the spans the lore gives, at its precision', async () => {
  const model = await timelineOnDisk('lore', [SAMPLE]);
  const picard = lane(model, 'jean-luc-picard');
  assert.deepEqual([picard.start, picard.startLabel, picard.startField, picard.end], [{ year: 2305, month: 7, day: 13 }, '2305-07-13', 'born', undefined]);
  assert.equal(picard.being, true);
  const data = lane(model, 'data');
  assert.deepEqual([data.startLabel, data.endLabel, data.endField], ['2338', '2379', 'died']);
  const ship = lane(model, 'uss-enterprise-d');
  assert.deepEqual([ship.startLabel, ship.startField, ship.endLabel, ship.endField, ship.being], ['2363', 'from', '2371', 'until', false]);
  const icheb = lane(model, 'icheb');
  assert.deepEqual([icheb.start, icheb.endLabel], [undefined, '2386'], 'only a death is known');
  assert.ok(lane(model, 'la-barre').start === undefined && lane(model, 'la-barre').end === undefined, 'a place with no dates still gets a lane');
  assert.ok(!model.entries.some((e) => e.kind === 'event'), 'events are points of their own, not lanes');
  assert.ok(!model.entries.some((e) => e.id === 'borg'), 'an entry no manuscript mentions has no lane');
  // Lanes start where their lives start; undated ones come last.
  const starts = model.entries.map((e) => e.start?.year ?? Infinity);
  assert.deepEqual(starts, [...starts].sort((a, b) => a - b));
  assert.equal(lane(model, 'jean-luc-picard').file, 'lore/characters/jean-luc-picard.yaml');
  assert.ok(lane(model, 'jean-luc-picard').line >= 1);
});

test('timeline: the sample\'s planted contradictions sit on the scenes where they are', async () => {
  const model = await timelineOnDisk('lore', [SAMPLE]);
  // Every finding of the check is on the timeline, each on the scene whose lines hold it.
  const checked = await checkedSample();
  assert.equal(model.diagnostics.length, checked.length);
  for (const d of model.diagnostics) {
    const on = model.scenes.find((sc) => sc.id === d.scene)!;
    assert.ok(on.line <= d.line && d.line <= on.endLine, `${d.code} at line ${d.line} is inside scene ${on.order}`);
  }
  const has = (order: number, codes: string[]) => assert.deepEqual(codes.filter((c) => codesOn(model, order).includes(c)), codes, `scene ${order} has ${codes.join(', ')}`);
  const hasNone = (order: number, codes: string[], why: string) => assert.deepEqual(codesOn(model, order).filter((c) => codes.includes(c)), [], why);
  const PRESENCE = ['dead-character', 'unborn-character', 'nonexistent-entity'];
  has(1, ['unborn-character']);
  has(2, ['dead-character', 'unknown-name', 'wrong-date']);
  has(4, ['nonexistent-entity', 'wrong-age', 'wrong-elapsed-time']);
  hasNone(3, PRESENCE, 'the memory scene suspends the presence checks');
  hasNone(5, PRESENCE, 'the dead Data acting in a dream is no contradiction');
  hasNone(6, ['dead-character'], 'the suppressed line stays suppressed');
  for (const d of model.diagnostics) assert.equal(model.scenes.find((s) => s.id === d.scene)!.diagnostics.includes(model.diagnostics.indexOf(d)), true);

  const mark = (id: string, order: number) => lane(model, id).scenes.find((s) => s.scene === `s${order}`);
  assert.deepEqual(mark('icheb', 2), { scene: 's2', presence: true, contradiction: true });
  assert.deepEqual(mark('william-riker', 1), { scene: 's1', presence: true, contradiction: true });
  assert.deepEqual(mark('uss-enterprise-d', 4), { scene: 's4', presence: true, contradiction: true });
  assert.deepEqual(mark('data', 5), { scene: 's5', presence: true, contradiction: false }, 'near-miss: dream');
  assert.deepEqual(mark('data', 2), { scene: 's2', presence: false, contradiction: false }, 'near-miss: talked about');
  assert.equal(mark('agnes-jurati', 2)!.contradiction, false, 'a hint (unknown-name) is no contradiction on the lane');

  const mars = model.events.find((e) => e.id === 'attack-on-mars')!;
  assert.deepEqual([mars.label, mars.mentioned, mars.contradictions], ['2385-04-05', true, ['s2']]);
  const resignation = model.events.find((e) => e.id === 'picard-resignation')!;
  assert.deepEqual([resignation.mentioned, resignation.contradictions], [false, []]);
  assert.equal(model.events.find((e) => e.id === 'synth-ban')!.label, '2385 – 2399');
});

test('timeline: years nothing touches are compressed; the busy year gets the room', async () => {
  const model = await timelineOnDisk('lore', [SAMPLE]);
  const segments = model.axis.segments;
  const gap = segments.find((s) => s.compressed && s.start <= 2350 && s.end > 2350);
  assert.ok(gap, '2339–2362 (nothing happens) is one compressed break');
  assert.ok(!segments.some((s) => s.compressed && s.start <= 2399 && s.end > 2399), 'the story\'s year is drawn to scale');
  const year = (y: number) => segments.find((s) => s.start === y && s.end === y + 1)!;
  assert.ok(year(2399).weight > year(2333).weight && year(2333).weight > year(2305).weight, 'scenes give a year more room than a birth');
  const x = (date: { year: number; month?: number }) => axisPosition(model.axis, date);
  assert.ok(x({ year: 2305 }) < x({ year: 2333 }) && x({ year: 2333 }) < x({ year: 2385, month: 4 }) && x({ year: 2385, month: 4 }) < x({ year: 2399, month: 9 }));
  assert.ok(x({ year: 2399, month: 1 }) < x({ year: 2399, month: 9 }), 'months order inside a year');
});

test('timeline axis: a story over 1926–2017 with most scenes in 1997–1998 gives those years most of the width', () => {
  const touched = new Map<number, number>([[1926, 0], [1881, 0], [1997, 40], [1998, 60], [2017, 1], [1980, 0], [1981, 0]]);
  const axis = buildAxis(touched);
  const share = axisPosition(axis, { year: 1998 }, 'end') - axisPosition(axis, { year: 1997 }, 'start');
  assert.ok(share > 0.5, `1997–1998 take ${(share * 100).toFixed(0)}% of the width`);
  assert.ok(axis.segments.some((s) => s.compressed && s.start === 1927 && s.end === 1980), 'the untouched years between are one break');
  assert.ok(axis.segments.some((s) => s.compressed && s.start === 1982 && s.end === 1997));
  // Near-miss: a short gap (1980 → 1981, nothing between) and a two-year gap stay to scale.
  const short = buildAxis(new Map([[2000, 1], [2003, 1]]));
  assert.deepEqual(short.segments.map((s) => [s.start, s.end, s.compressed]), [[2000, 2001, false], [2001, 2003, false], [2003, 2004, false]]);
  assert.equal(axisPosition(buildAxis(new Map()), { year: 5 }), 0, 'an empty axis puts everything at 0');
});

test('timeline: an era canon writes its labels in BBY/ABY, keeps reading order across files and lists undated text apart', async () => {
  const model = await timelineOnDisk('test/fixtures/starwars/lore', STARWARS);
  assert.deepEqual(
    model.scenes.map((s) => [s.file.replace(/^.*\//, ''), s.dateLabel ?? 'undated', s.mode]),
    [
      ['ch1.md', '0 BBY', 'normal'],
      ['ch1.md', '3 ABY', 'normal'],
      ['ch2.md', '3 ABY', 'normal'],
      ['ch2.md', '10 ABY', 'normal'],
      ['ch2.md', '10 ABY', 'vision'],
      ['ch3.txt', 'undated', 'normal'],
      ['ch3.txt', '30 BBY', 'normal'],
      ['ch3.txt', '2 ABY', 'normal'],
    ],
  );
  assert.deepEqual(model.scenes.map((s) => s.order), [1, 2, 3, 4, 5, 6, 7, 8]);
  const undated = model.scenes.find((s) => !s.date)!;
  assert.equal(undated.line, 1);
  assert.ok(undated.mentioned.includes('padme-amidala'), 'the undated opening still lists who it mentions');
  assert.deepEqual(undated.diagnostics, [], 'life-span checks are skipped in undated text');
  assert.equal(scene(model, 5).suspended, true, 'vision suspends the presence checks');

  const anakin = lane(model, 'anakin-skywalker');
  assert.deepEqual([anakin.startLabel, anakin.endLabel], ['41 BBY', '4 ABY']);
  assert.deepEqual(anakin.start, { year: -41 });
  assert.equal(lane(model, 'falcon').startLabel, '60 BBY', 'an era alias in the lore is written with the era\'s name');
  assert.deepEqual(model.calendar.eras.map((e) => e.name), ['BBY', 'ABY']);
  assert.equal(model.events.find((e) => e.id === 'clone-wars')!.label, '22 BBY – 19 BBY');

  assert.ok(codesOn(model, 1).includes('dead-character'), 'Padmé walks in 0 BBY');
  assert.deepEqual(codesOn(model, 2).filter((c) => c === 'wrong-age' || c === 'wrong-date'), ['wrong-age', 'wrong-date'], 'the 3 ABY scene of chapter one');
  assert.deepEqual(lane(model, 'padme-amidala').scenes.filter((s) => s.contradiction).map((s) => s.scene), ['s1']);
  assert.deepEqual(codesOn(model, 4).filter((c) => c !== 'wrong-title'), ['dead-character', 'wrong-elapsed-time']);
  assert.deepEqual(codesOn(model, 5), [], 'Yoda in a vision after his death: no contradiction');
  assert.ok(codesOn(model, 7).includes('unborn-character'));
  assert.ok(codesOn(model, 8).includes('nonexistent-entity'));
  // Near-miss: "Leia mourned Alderaan" is a reference, in the same scene as the landing on it.
  const alderaan = lane(model, 'alderaan').scenes.find((s) => s.scene === 's8')!;
  assert.deepEqual([alderaan.presence, alderaan.contradiction], [true, true]);
});

test('timeline: timed facts (periods) become segments of the lane; plain lists do not', async () => {
  const model = await timelineOf(
    {
      'lore/people.yaml': `
- name: Jean-Luc Picard
  aliases: [Picard]
  born: 2305-07-13
  rank:
    - { value: Admiral, from: 2381 }
    - { value: Captain, from: 2333 }
    - { value: Admiral (retired), from: 2385 }
  affiliation: [Starfleet, Château Picard]
  location:
    - { value: Enterprise, from: 2364, until: 2379 }
`,
    },
    { 'story.md': '<!-- when: 2399 -->\nPicard walked into the vineyard.\n' },
  );
  const picard = lane(model, 'jean-luc-picard');
  assert.deepEqual(
    picard.facts.map((f) => [f.field, f.value, f.fromLabel, f.untilLabel]),
    [
      ['rank', 'Captain', '2333', '2381'],
      ['rank', 'Admiral', '2381', '2385'],
      ['rank', 'Admiral (retired)', '2385', undefined],
      ['location', 'Enterprise', '2364', '2379'],
    ],
  );
  assert.ok(model.axis.segments.some((s) => s.start === 2381 && !s.compressed), 'a change of rank is a year on the axis');
});

test('timeline: a scene of only a heading is left out, a short one with a problem is kept, and nothing dated gives an empty axis', async () => {
  const model = await timelineOf(
    { 'lore/a.yaml': '- name: Data\n  born: 2338\n' },
    {
      'a.md': '# Title\n\n<!-- when: 2380 -->\n## Only a heading\n\n<!-- when: soon -->\n\n<!-- when: 2390 -->\nData smiled.\n',
      'b.md': 'Data was there, some time.\n',
    },
  );
  assert.deepEqual(
    model.scenes.map((s) => [s.file, s.line, s.dateLabel ?? null, s.diagnostics.map((i) => model.diagnostics[i].code)]),
    [
      ['a.md', 6, null, ['invalid-scene-date']],
      ['a.md', 8, '2390', []],
      ['b.md', 1, null, []],
    ],
  );
  const empty = await timelineOf({ 'lore/a.yaml': '- name: Data\n' }, { 'c.md': 'Data smiled.\n' });
  assert.deepEqual(empty.axis.segments, []);
  assert.equal(empty.scenes.length, 1);
});

test('timeline: periods and timed aliases a loader has typed are read as they are', () => {
  const entry = {
    id: 'anakin', name: 'Anakin', kind: 'character', aliases: ['Darth Vader'], relations: {},
    extra: { title: [{ value: 'General', from: '22 BBY', until: '19 BBY' }], species: 'Human' },
    periods: { title: [{ value: 'General', from: { year: -22 }, until: { year: -19 } }] },
    aliasSpans: { 'Darth Vader': [{ from: { year: -19 } }] },
    location: { file: 'a.yaml', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
    fieldLocations: {}, overrides: {}, layer: 'lore',
  };
  assert.deepEqual(timedFacts(entry as never, { eras: [] }), [
    { field: 'title', value: 'General', from: { year: -22 }, until: { year: -19 } },
    { field: 'alias', value: 'Darth Vader', from: { year: -19 } },
  ]);
});
