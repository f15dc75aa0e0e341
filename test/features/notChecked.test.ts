import { test } from 'node:test';
import assert from 'node:assert/strict';
import { notCheckedReason } from '../../src/core/features/manuscriptFiles';
import { check, CANON, prepared } from '../helpers';

test('lorekeeper: off in the front matter makes a note that is not story; other front matter does not', async () => {
  const lore = await prepared(CANON);
  const body = '<!-- when: 2399 -->\nData walked in.\n';
  for (const off of ['lorekeeper: off', 'lorekeeper: false', 'lorekeeper: "Off"']) assert.deepEqual(check(lore, `---\n${off}\n---\n${body}`), [], off);
  for (const on of ['lorekeeper: on', 'title: Notes', 'lore: off']) assert.ok(check(lore, `---\n${on}\n---\n${body}`).some((d) => d.code === 'dead-character'), on);
});

test('a manuscript inside the lore folder is said to be unchecked; manuscripts and other files are not', () => {
  const settings = { lore: ['lore', 'au'], exclude: ['drafts'] };
  assert.match(notCheckedReason('lore/chapter-1.md', settings)!, /inside the lore folder `lore`/);
  assert.match(notCheckedReason('au/notes/ch2.txt', settings)!, /`au`/);
  assert.equal(notCheckedReason('chapters/ch1.md', settings), undefined, 'a manuscript');
  assert.equal(notCheckedReason('lore/people.yaml', settings), undefined, 'a lore file');
  assert.equal(notCheckedReason('drafts/old.md', settings), undefined, 'excluded on purpose: nothing to say');
  assert.equal(notCheckedReason('lorekeeper/ch1.md', settings), undefined, 'a folder that only starts like lore');
});
