import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CANON, check, codes, prepared, textAt } from '../helpers';

test('wrong-date: an event given the wrong year, in every form, with the canon year as fix', async () => {
  const lore = await prepared(CANON);
  for (const body of [
    'He never forgot the attack on Mars in 2387.',
    'He never forgot the 2387 attack on Mars.',
    'He never forgot the attack on Mars (2387).',
    'The attack on Mars in 2387 changed him.',
    'He never forgot the Mars attack of 2387.',
  ]) {
    const text = `<!-- when: 2399 -->\n${body}\n`;
    const found = codes(check(lore, text), 'wrong-date');
    assert.equal(found.length, 1, body);
    assert.equal(textAt(text, found[0]), '2387', body);
    assert.equal(found[0].fix, '2385');
    assert.equal(found[0].entity, 'the-attack-on-mars');
  }
});

test('wrong-date: births and deaths stated for an entry', async () => {
  const lore = await prepared(CANON);
  const text = 'Data, who died in 2380, was mourned. Picard, born in 2306, smiled. The Enterprise-D, destroyed in 2372, was gone.\n';
  const found = codes(check(lore, text), 'wrong-date');
  assert.deepEqual(found.map((d) => [textAt(text, d), d.fix]), [['2380', '2379'], ['2306', '2305'], ['2372', '2371']]);
  assert.equal(found[0].message, 'Data died in 2379, not 2380. Source: Star Trek: Nemesis.');
});

test('wrong-date: correct dates, coarser precision, spans and years that belong to something else are left alone', async () => {
  const lore = await prepared(CANON);
  for (const body of [
    'He never forgot the attack on Mars in 2385.', // right
    'The attack on Mars in April 2385 changed him.', // no year directly attached
    'The Romulan supernova in 2387 ended an empire.',
    'During the Dominion War in 2374 he lost friends.', // within the span
    'Picard, born in 2305, smiled.', // year precision vs a full date
    'After the attack on Mars, in 2399 he still grieved.', // the year belongs to the later clause
    'Data died. In 2380 the crew scattered.',
    'They spoke of the attack on Mars; 2387 came soon after.',
  ]) {
    assert.deepEqual(codes(check(lore, `<!-- when: 2399 -->\n${body}\n`), 'wrong-date'), [], body);
  }
  const text = '<!-- when: 2399 -->\nDuring the Dominion War in 2380 he lost friends.\n';
  const outside = codes(check(lore, text), 'wrong-date');
  assert.equal(outside.length, 1, 'a year outside an event span is caught');
  assert.equal(outside[0].fix, undefined, 'a span has no single correct value');
});

test('wrong-date: a year that dates the sentence is not the event\'s; a year written as the event\'s date is', async () => {
  const lore = await prepared(CANON);
  for (const body of [
    'By spring 2390 the attack on Mars had become a school lesson.',
    'In 2390 the attack on Mars was still taught.',
    'By the summer of 2392 the attack on Mars was a legend.',
  ]) {
    assert.deepEqual(codes(check(lore, `<!-- when: 2399 -->\n${body}\n`), 'wrong-date'), [], body);
  }
  for (const body of ['They remembered the 2387 attack on Mars.', "2387's attack on Mars was the worst.", 'That 2387 attack on Mars was the worst.']) {
    assert.equal(codes(check(lore, `<!-- when: 2399 -->\n${body}\n`), 'wrong-date').length, 1, body);
  }
});

test('wrong-date: an entry with no date of any kind is never given one, while a dated neighbour is checked', async () => {
  const lore = await prepared({
    'lore/settings.yaml': 'title: Dates\n',
    'lore/canon.yaml': `
- name: Hugh Vantor
  kind: character
- name: Elnor Maddox
  kind: character
  died: 2399
- name: Freecloud
  kind: place
- name: the Battle of Vashti
  kind: event
  date: 2385
`,
  });
  const text = 'Hugh Vantor, who died in 2390, was mourned. Elnor Maddox, who died in 2390, was mourned. Freecloud (2390) shone. The Battle of Vashti (2390) raged.\n';
  const found = codes(check(lore, text), 'wrong-date');
  assert.deepEqual(found.map((d) => [textAt(text, d), d.entity]), [['2390', 'elnor-maddox'], ['2390', 'the-battle-of-vashti']]);
});
