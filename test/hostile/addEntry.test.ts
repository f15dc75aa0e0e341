// Issue 8, item 16: "add to lore" keeps every byte of the target file but the inserted entry,
// and never writes outside the workspace.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appendEntry, minimalEdit, writableLoreFolder } from '../../src/core/features/addEntry';
import { parseLoreText } from '../../src/core/lore/load';

/** The edit is one insertion: the text before it, plus new text, plus the text after it. */
function insertion(before: string, after: string): string {
  const edit = minimalEdit(before, after);
  assert.equal(edit.start, edit.end, `a pure insertion, not a rewrite of ${JSON.stringify(before.slice(edit.start, edit.end))}`);
  return edit.newText;
}

const names = (text: string): unknown[] => parseLoreText('x.yaml', text).file.entries.map((e) => e.fields.name.value);

test('add to lore: comments, their spacing, folded scalars and flow lists stay byte for byte', () => {
  const before = [
    '# Characters of my story.',
    '- name: Hugh      # the ex-Borg, aligned comment',
    '  aliases: [ Hugh of the Artifact,   Hugh ]',
    '  summary: >',
    '    A liberated drone',
    '    who runs the Reclamation.',
    '',
    '  # a comment inside the entry',
    '  born: 2350',
    '',
  ].join('\n');
  const after = appendEntry(before, { name: 'Jurrati', kind: 'character' })!;
  assert.ok(after.startsWith(before), 'every byte kept, the entry appended');
  assert.equal(insertion(before, after), '- name: Jurrati\n  kind: character\n');
  assert.deepEqual(names(after), ['Hugh', 'Jurrati']);
});

test('add to lore: CRLF files get CRLF lines; a file without a final newline gets one', () => {
  const crlf = '- name: Hugh\r\n  born: 2350\r\n';
  const after = appendEntry(crlf, { name: 'Jurrati', kind: 'character' })!;
  assert.equal(after, `${crlf}- name: Jurrati\r\n  kind: character\r\n`);
  assert.equal(appendEntry('- name: Hugh', { name: 'B' }), '- name: Hugh\n- name: B\n');
});

test('add to lore: an entries: list (indented), a flow list, a one-entry file — insertions only', () => {
  const entries = '# ships\nentries:\n    - name: A   # first\n    - name: C\nother: kept\n';
  const a = appendEntry(entries, { name: 'B' })!;
  assert.equal(insertion(entries, a), '    - name: B\n');
  assert.deepEqual(names(a), ['A', 'C', 'B']);
  const flow = '[ {name: A},  {name: C} ]  # one line\n';
  const f = appendEntry(flow, { name: 'B', kind: 'place' })!;
  assert.equal(insertion(flow, f), ', { name: B, kind: place }');
  assert.deepEqual(names(f), ['A', 'C', 'B']);
  const one = 'name: A   # solo\nsummary: |\n  two\n  lines\nborn: 2300\n';
  const o = appendEntry(one, { name: 'B' })!;
  assert.equal(o, '- name: A   # solo\n  summary: |\n    two\n    lines\n  born: 2300\n- name: B\n');
  assert.deepEqual(parseLoreText('x.yaml', o).file.entries[0].fields.summary.value, 'two\nlines\n', 'the block scalar reads the same');
});

test('add to lore: no edit where the layout cannot be kept', () => {
  assert.equal(appendEntry('name: A\nsummary: |2\n    indented\n', { name: 'B' }), undefined, 'an explicit indentation indicator');
  assert.equal(appendEntry('title: Settings\n', { name: 'B' }), undefined, 'a settings file takes no entries');
  assert.equal(appendEntry('- [unclosed', { name: 'B' }), undefined);
  assert.equal(appendEntry('# nothing yet\n', { name: 'B' }), '# nothing yet\n- name: B\n', 'the near-miss: a comment-only file takes a list');
});

test('add to lore: never a folder outside the workspace', () => {
  const ws = ['file:///home/w/story'];
  assert.equal(writableLoreFolder(['file:///home/w/story/lore', 'file:///home/w/story/../../elsewhere'], ws), 'file:///home/w/story/lore');
  assert.equal(writableLoreFolder(['file:///home/elsewhere'], ws), undefined);
  assert.equal(writableLoreFolder(['file:///home/w/story/lore', 'file:///home/w/story/au'], ws), 'file:///home/w/story/au', 'the near-miss: the story layer');
});
