import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CANON, check, codes, prepared, textAt } from '../helpers';

test('wrong-elapsed-time: an interval to an event that the scene date contradicts', async () => {
  const lore = await prepared(CANON);
  for (const [body, span] of [
    ['Twenty years after the attack on Mars, the ban still held.', 'Twenty years'],
    ['It had been twenty years since the attack on Mars.', 'twenty years'],
    ['He remembered the Romulan supernova, five years ago.', 'five years'],
    ['It was two decades since the Mars attack.', 'two decades'],
    ['He thought of the Romulan supernova 3 years ago.', '3 years'],
    ['Almost twenty years after the attack on Mars, the ban still held.', 'twenty years'],
    ['It had been half a century since the attack on Mars.', 'half a century'],
  ]) {
    const text = `<!-- when: 2399 -->\n${body}\n`;
    const found = codes(check(lore, text), 'wrong-elapsed-time');
    assert.equal(found.length, 1, body);
    assert.equal(textAt(text, found[0]), span);
  }
  const [message] = codes(check(lore, '<!-- when: 2399 -->\nIt had been twenty years since the attack on Mars.\n'), 'wrong-elapsed-time');
  assert.match(message.message, /^The attack on Mars happened on 5 April 2385, 14 years before this scene \(2399\), not twenty years\./);
  const [one] = codes(check(lore, '<!-- when: 2386-06 -->\nIt had been five years since the attack on Mars.\n'), 'wrong-elapsed-time');
  assert.match(one.message, /, 1 year before this scene \(June 2386\), not five years\./, 'one year, not "1 years"');
});

test('wrong-elapsed-time: "after", "since" and "before" count only as whole words, in any script', async () => {
  const lore = await prepared(CANON);
  for (const [body, count] of [
    ['Twenty years hereafter the attack on Mars, the ban still held.', 0],
    ['Twenty years éafter the attack on Mars, the ban still held.', 0],
    ['Twenty years after the attack on Mars, the ban still held.', 1],
    ['It had been twenty years since\u00a0the attack on Mars.', 1],
  ] as const) {
    assert.equal(codes(check(lore, `<!-- when: 2399 -->\n${body}\n`), 'wrong-elapsed-time').length, count, body);
  }
});

test('wrong-elapsed-time: the fix is the interval the dates give, written as the writer writes numbers', async () => {
  const lore = await prepared(CANON);
  const fixOf = (body: string) => codes(check(lore, `<!-- when: 2399 -->\n${body}\n`), 'wrong-elapsed-time')[0]?.fix;
  assert.equal(fixOf('It had been twenty years since the attack on Mars.'), 'fourteen years');
  assert.equal(fixOf('Twenty years after the attack on Mars, the ban still held.'), 'Fourteen years');
  assert.equal(fixOf('It had been 20 years since the attack on Mars.'), '14 years');
  assert.equal(fixOf('It was two decades since the Mars attack.'), 'fourteen years');
  const before = codes(check(lore, '<!-- when: 2380 -->\nIt had been two years since the attack on Mars.\n'), 'wrong-elapsed-time');
  assert.equal(before.length, 1, 'the event is after the scene');
  assert.equal(before[0].fix, undefined, 'no span of years since it fits: no fix');
});

test('wrong-elapsed-time: right intervals, ±1 with years only, other events\' intervals and undated text are left alone', async () => {
  const lore = await prepared(CANON);
  for (const text of [
    '<!-- when: 2399 -->\nFourteen years after the attack on Mars, the ban still held.\n',
    '<!-- when: 2399 -->\nIt had been thirteen years since the attack on Mars.\n', // ±1 when only years known
    '<!-- when: 2399 -->\nThe Romulan supernova, twelve years ago, ended an empire.\n',
    '<!-- when: 2399 -->\nIt had been a decade since the Romulan supernova.\n', // a round decade for 12 years
    '<!-- when: 2399 -->\nPicard resigned a year after the attack on Mars.\n', // the interval belongs to the resignation
    'Twenty years after the attack on Mars, the ban still held.\n', // undated
  ]) {
    assert.deepEqual(codes(check(lore, text), 'wrong-elapsed-time'), [], text);
  }
  assert.equal(codes(check(lore, '<!-- when: 2399-04-06 -->\nFifteen years after the attack on Mars, he wept.\n'), 'wrong-elapsed-time').length, 1,
    'full dates on both sides are compared exactly');
});

test('wrong-elapsed-time: with the month known on both sides, no ±1 year (SPEC §3 allows it only with years alone)', async () => {
  const lore = await prepared(CANON); // the attack on Mars: 2385-04-05
  const count = (when: string, body: string) => codes(check(lore, `<!-- when: ${when} -->\n${body}\n`), 'wrong-elapsed-time').length;
  // 2385-04-05 → 2399-09: exactly 14 whole years, whatever the day of September.
  assert.equal(count('2399-09', 'It had been fifteen years since the attack on Mars.'), 1, 'one year too many, month known');
  assert.equal(count('2399-09', 'It had been thirteen years since the attack on Mars.'), 1, 'one year too few, month known');
  assert.equal(count('2399-09', 'It had been fourteen years since the attack on Mars.'), 0, 'the right count');
  // 2385-04-05 → 2399-04: 13 before the 5th, 14 from it — both are right, 15 and 12 are not.
  assert.equal(count('2399-04', 'It had been thirteen years since the attack on Mars.'), 0, 'the anniversary may not have come yet');
  assert.equal(count('2399-04', 'It had been fourteen years since the attack on Mars.'), 0, 'or may have passed');
  assert.equal(count('2399-04', 'It had been fifteen years since the attack on Mars.'), 1, 'beyond what the days allow');
  assert.equal(count('2399-04', 'It had been twelve years since the attack on Mars.'), 1, 'short of what the days allow');
  // The scene known only to its year keeps the ±1 of SPEC §3.
  assert.equal(count('2399', 'It had been fifteen years since the attack on Mars.'), 0, 'years only: ±1');
  assert.equal(count('2399', 'It had been sixteen years since the attack on Mars.'), 1, 'years only: but not ±2');
  // Round figures keep their own slack on top of the exact span.
  assert.equal(count('2397-09', 'It had been a decade since the attack on Mars.'), 0, 'a round decade for 12 years, month known');
  assert.equal(count('2399-09', 'It had been a decade since the attack on Mars.'), 1, 'but not for 14');
  const [finding] = codes(check(lore, '<!-- when: 2399-04 -->\nIt had been fifteen years since the attack on Mars.\n'), 'wrong-elapsed-time');
  assert.equal(finding.fix, 'fourteen years', 'the fix is a count the dates allow');
});

test('wrong-elapsed-time: an event known only to its year keeps ±1 in a scene known to the day', async () => {
  const lore = await prepared(CANON); // the Romulan supernova: 2387
  const count = (when: string, body: string) => codes(check(lore, `<!-- when: ${when} -->\n${body}\n`), 'wrong-elapsed-time').length;
  // The supernova is dated to the year only: ±1 stays even with a full scene date.
  assert.equal(count('2399-09-12', 'He remembered the Romulan supernova, eleven years ago.'), 0, 'the event side has years only');
  assert.equal(count('2399-09-12', 'He remembered the Romulan supernova, ten years ago.'), 1, 'but not two years off');
});
