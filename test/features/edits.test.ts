import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendEntry, minimalEdit } from '../../src/core/features/addEntry';
import { relationTargetAt } from '../../src/core/features/relationIds';
import { sceneModeEdit, type TextEdit } from '../../src/core/features/sceneMode';
import { disableNextLineEdit } from '../../src/core/features/suppress';
import { GREGORIAN } from '../../src/core/dates';
import { computeLineStarts, parseManuscript } from '../../src/core/manuscript';
import { parseLoreText } from '../../src/core/lore/load';

const apply = (text: string, edit: TextEdit): string => text.slice(0, edit.start) + edit.newText + text.slice(edit.end);

test('mark a scene as a dream: adds the mode to its when marker', () => {
  const text = 'Intro.\n<!-- when: 2399 -->\nData smiled.\n';
  const m = parseManuscript('a.md', text, GREGORIAN);
  assert.equal(apply(text, sceneModeEdit(m, text.indexOf('Data'), 'dream')), 'Intro.\n<!-- when: 2399, mode: dream -->\nData smiled.\n');
});

test('mark a scene as a memory: replaces the mode already there', () => {
  const text = '<!-- when: 2399, mode: vision -->\nData smiled.\n';
  const m = parseManuscript('a.md', text, GREGORIAN);
  assert.equal(apply(text, sceneModeEdit(m, text.indexOf('Data'), 'memory')), '<!-- when: 2399, mode: memory -->\nData smiled.\n');
});

test('mark the first scene (front matter date, no marker): inserts a mode marker after the front matter', () => {
  const text = '---\ndate: 2399\n---\nData smiled.\n';
  const m = parseManuscript('a.md', text, GREGORIAN);
  const after = apply(text, sceneModeEdit(m, text.indexOf('Data'), 'dream'));
  assert.equal(after, '---\ndate: 2399\n---\n<!-- mode: dream -->\nData smiled.\n');
  const again = parseManuscript('a.md', after, GREGORIAN);
  assert.deepEqual([again.scenes.at(-1)!.date, again.scenes.at(-1)!.mode], [{ year: 2399 }, 'dream']);
});

test('disable a code on a line: a comment above it, or the code added to the one there', () => {
  const text = 'One.\n  Data smiled.\n';
  const first = apply(text, disableNextLineEdit(text, computeLineStarts(text), 1, 'dead-character'));
  assert.equal(first, 'One.\n  <!-- lorekeeper-disable-next-line dead-character -->\n  Data smiled.\n');
  const second = apply(first, disableNextLineEdit(first, computeLineStarts(first), 2, 'wrong-age'));
  assert.equal(second, 'One.\n  <!-- lorekeeper-disable-next-line dead-character wrong-age -->\n  Data smiled.\n');
  assert.equal(apply(second, disableNextLineEdit(second, computeLineStarts(second), 2, 'wrong-age')), second);
});

test('add an entry to a lore list, keeping comments', () => {
  const before = '# Characters of my story.\n- name: Hugh # the ex-Borg\n  born: 2350\n';
  const after = appendEntry(before, { name: 'Jurrati', kind: 'character' })!;
  assert.equal(after, '# Characters of my story.\n- name: Hugh # the ex-Borg\n  born: 2350\n- name: Jurrati\n  kind: character\n');
  assert.deepEqual(parseLoreText('x.yaml', after).file.entries.map((e) => e.fields.name.value), ['Hugh', 'Jurrati']);
});

test('add an entry to an entries: list, to a one-entry file, to a new file', () => {
  assert.equal(appendEntry('entries:\n  - name: A\n', { name: 'B' }), 'entries:\n  - name: A\n  - name: B\n');
  assert.equal(appendEntry('name: A\nborn: 2300\n', { name: 'B' }), '- name: A\n  born: 2300\n- name: B\n');
  assert.equal(appendEntry(undefined, { name: 'B', kind: 'character' }), '- name: B\n  kind: character\n');
  assert.equal(appendEntry('title: Settings\n', { name: 'B' }), undefined, 'a settings file takes no entries');
  assert.equal(appendEntry('- [unclosed', { name: 'B' }), undefined);
});

test('the minimal edit between two texts', () => {
  assert.deepEqual(minimalEdit('abc\n', 'abc\nd\n'), { start: 4, end: 4, newText: 'd\n' });
  assert.deepEqual(minimalEdit('axc', 'ayc'), { start: 1, end: 2, newText: 'y' });
});

test('relation targets in a lore file: after a relation key, in a flow list, in a block list', () => {
  // The id being typed always starts where its prefix does: report just the prefix, and check that.
  const at = (text: string) => {
    const found = relationTargetAt(text.replace('|', ''), text.indexOf('|'));
    if (found) assert.equal(found.start, text.indexOf('|') - found.prefix.length);
    return found?.prefix;
  };
  assert.deepEqual(at('name: Data\nrelations:\n  brother: lo|'), 'lo');
  assert.deepEqual(at('- name: Data\n  relations:\n    friend: [picard, ri|'), 'ri');
  assert.deepEqual(at('name: Data\nrelations:\n  brother:\n    - lore\n    - |'), '');
  assert.deepEqual(at('name: Data\nrelations: { sister: so|'), 'so');
  assert.equal(at('name: Data\nspecies: An|'), undefined);
  assert.equal(at('name: Data\naliases:\n  - Mr|'), undefined);
  assert.equal(at('relations:\n  brother: lore\nsummary: An|'), undefined);
});

test('relation targets know the time-bound shapes: nothing inside periods or timed aliases, ids again after them', () => {
  const at = (text: string) => relationTargetAt(text.replace('|', ''), text.indexOf('|'))?.prefix;
  assert.equal(at('name: Picard\nrelations:\n  friend: data\nrank:\n  - value: Cap|'), undefined);
  assert.equal(at('name: Picard\nrelations:\n  friend: data\nrank:\n  - { value: Captain, from: 2333 }\n  - { value: Adm|'), undefined);
  assert.equal(at('name: Picard\nrelations:\n  friend: data\naliases:\n  - { name: Locu|'), undefined);
  assert.equal(at('name: Picard\nrelations:\n  friend: data\naliases:\n  - name: Locutus\n    from: 23|'), undefined);
  assert.equal(at('name: Picard\nrank:\n  - value: Captain\n    from: 2333\n  - value: Admiral\n    from: 2381\nrelations:\n  friend: da|'), 'da');
  assert.equal(at('name: Picard\naliases:\n  - { name: Locutus, from: 2366, until: 2367 }\nrelations:\n  friend: [data, ri|'), 'ri');
});

test('manuscript files: markdown and text, minus lore, hidden folders, node_modules and excludes', async () => {
  const { isManuscriptFile } = await import('../../src/core/features/manuscriptFiles');
  const selection = { lore: ['lore'], exclude: ['drafts'] };
  assert.equal(isManuscriptFile('ch1.md', selection), true);
  assert.equal(isManuscriptFile('part/ch2.txt', selection), true);
  assert.equal(isManuscriptFile('lore/notes.md', selection), false);
  assert.equal(isManuscriptFile('drafts/old.md', selection), false);
  assert.equal(isManuscriptFile('.git/x.md', selection), false);
  assert.equal(isManuscriptFile('node_modules/a/README.md', selection), false);
  assert.equal(isManuscriptFile('ch1.yaml', selection), false);
  assert.equal(isManuscriptFile('README.md', { ...selection, manuscripts: ['chapters/**/*.md'] }), false);
  assert.equal(isManuscriptFile('chapters/one/ch1.md', { ...selection, manuscripts: ['chapters/**/*.md'] }), true);
});
