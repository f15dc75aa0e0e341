import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, codes, loreFrom, prepared } from '../helpers';

/** A Middle-earth-like base that dates its canon by age, month and day. */
const MIDDLE_EARTH: Record<string, string> = {
  'lore/settings.yaml': 'calendar:\n  eras:\n    - { name: TA, offset: 0 }\n',
  'lore/people.yaml': `
- name: Boromir
  born: TA 2978
  died: TA 3019-02-26
  death: Slain by Uruk-hai at Parth Galen
- name: Destruction of the One Ring
  kind: event
  date: 3019-03-25 TA
`,
};

test('era dates with a month and a day: in lore fields (no lore-invalid-date), scene markers and prose', async () => {
  const { base } = await loreFrom(MIDDLE_EARTH);
  assert.deepEqual(base.problems, []);
  assert.deepEqual(base.byId.get('boromir')!.died, { year: 3019, month: 2, day: 26 });
  const lore = await prepared(MIDDLE_EARTH);
  // A scene on a day after his death: caught, and the message writes the date in the era.
  const late = codes(check(lore, '<!-- when: TA 3019-03-15 -->\nBoromir walked into the hall.\n'), 'dead-character');
  assert.equal(late.length, 1);
  assert.match(late[0].message, /^Boromir died on 26 February 3019 TA \(Slain by Uruk-hai at Parth Galen\), but this scene is set on 15 March 3019 TA\./);
  // The day before: alive. The same month, written without a day: compared at the coarser precision.
  assert.deepEqual(codes(check(lore, '<!-- when: TA 3019-02-25 -->\nBoromir walked into the hall.\n'), 'dead-character'), []);
  assert.deepEqual(codes(check(lore, '<!-- when: 3019-02 TA -->\nBoromir walked into the hall.\n'), 'dead-character'), []);
  // No invalid-scene-date for such markers.
  assert.deepEqual(codes(check(lore, '<!-- when: TA 3019-03-15 -->\nThe wind rose.\n'), 'invalid-scene-date'), []);
  // A day in prose, checked against the event's date.
  const wrong = codes(check(lore, '<!-- when: TA 3020 -->\nThey sang of the Destruction of the One Ring (TA 3019-03-24).\n'), 'wrong-date');
  assert.equal(wrong.length, 1);
  assert.equal(wrong[0].fix, '3019-03-25 TA');
  assert.deepEqual(codes(check(lore, '<!-- when: TA 3020 -->\nThey sang of the Destruction of the One Ring (TA 3019-03-25).\n'), 'wrong-date'), []);
});
