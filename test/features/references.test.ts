import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkManuscript } from '../../src/core/check';
import { entryDefinedAt, mentionAt, referencesIn } from '../../src/core/features/references';
import { canon } from './lore';

const lore = canon();
const text = [
  '<!-- when: 2399 -->',
  'Picard walked to the window.',
  '"Data would have loved this," Jean-Luc Picard said.',
  'The data was clear.',
].join('\n');

test('references of an entry: every name and alias, presence told from reference', () => {
  const refs = referencesIn(lore, 'jean-luc-picard', 'ch1.md', text);
  assert.deepEqual(
    refs.map((r) => [r.range.start.line, r.range.start.character, r.range.end.character, r.presence]),
    [
      [1, 0, 6, true],
      [2, 30, 45, true],
    ],
  );
  const data = referencesIn(lore, 'data', 'ch1.md', text);
  assert.equal(data.length, 1, '"data" the word is no mention of Data');
  assert.equal(data[0].presence, false, 'inside dialogue Data is only talked about');
});

test('references reuse an already checked manuscript', () => {
  const checked = checkManuscript(lore, 'ch1.md', text);
  assert.equal(referencesIn(lore, 'data', checked.manuscript, checked.scan).length, 1);
});

test('the mention at a position, including just after its last letter', () => {
  const { scan, manuscript } = checkManuscript(lore, 'ch1.md', text);
  const line1 = manuscript.lineStarts[1];
  assert.equal(mentionAt(scan, line1 + 3)?.entry.id, 'jean-luc-picard');
  assert.equal(mentionAt(scan, line1 + 6)?.entry.id, 'jean-luc-picard');
  assert.equal(mentionAt(scan, line1 + 8), undefined);
});

test('the entry defined at a position of a lore file', () => {
  const base = lore.base;
  const data = base.byId.get('data')!;
  const at = data.fieldLocations.died.range.start;
  assert.equal(entryDefinedAt(base.entries, 'lore/canon.yaml', at)?.id, 'data');
  assert.equal(entryDefinedAt(base.entries, 'lore/other.yaml', at), undefined);
});
