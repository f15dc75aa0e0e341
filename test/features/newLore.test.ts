import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CALENDAR_CHOICES, calendarOf, entryInsertion, entrySnippet, exampleEntryFile, settingsFile } from '../../src/core/features/newLore';
import { ENTRY_KINDS } from '../../src/core/lore/fields';
import { loreFrom } from '../helpers';

/** A snippet as the editor inserts it with every placeholder's default text. */
const expand = (snippet: string) => snippet.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\{\d+\}|\$0/g, '').replace(/\[\]/g, '[]');

test('new lore base: the settings file sets the title and the chosen calendar', async () => {
  for (const { choice } of [...CALENDAR_CHOICES, { choice: { kind: 'custom' as const, before: 'BC', after: 'AD' } }]) {
    const { base } = await loreFrom({ 'lore/_settings.yaml': settingsFile('Harry Potter: The Next Year', choice), 'lore/characters.yaml': exampleEntryFile(calendarOf(choice)) });
    assert.equal(base.title, 'Harry Potter: The Next Year');
    assert.deepEqual(base.problems.filter((p) => p.code !== 'lore-empty'), [], choice.kind);
    assert.equal(base.entries.length, 0, 'the example entry is all comments: nothing is loaded');
    assert.deepEqual(base.calendar.eras.map((e) => e.name), calendarOf(choice).eras.map((e) => e.name));
  }
  const { base: wars } = await loreFrom({ 'lore/_settings.yaml': settingsFile('Star Wars', { kind: 'bby-aby' }), 'lore/a.yaml': '- name: Luke\n  born: 19 BBY\n' });
  assert.deepEqual(wars.byId.get('luke')!.born, { year: -19 });
  const { base: tolkien } = await loreFrom({ 'lore/_settings.yaml': settingsFile('LotR', { kind: 'ta-fa' }), 'lore/a.yaml': '- name: Frodo\n  born: TA 2968\n  died: FA 61\n' });
  assert.deepEqual([tolkien.byId.get('frodo')!.born, tolkien.byId.get('frodo')!.died], [{ year: 2968 }, { year: 3082 }]);
  assert.match(settingsFile('Title: with colon # and hash', { kind: 'none' }), /^title: "Title: with colon # and hash"$/m);
});

test('new lore base: the commented example, uncommented, is a valid entry in the base\'s calendar', async () => {
  for (const { choice } of CALENDAR_CHOICES) {
    const calendar = calendarOf(choice);
    const text = exampleEntryFile(calendar);
    const uncommented = text.slice(text.indexOf('# - name')).split('\n').map((l) => l.replace(/^# ?/, '')).join('\n');
    const { base } = await loreFrom({ 'lore/_settings.yaml': settingsFile('T', choice), 'lore/a.yaml': `${uncommented}\n- name: Tomas Reed\n` });
    assert.deepEqual(base.problems, [], `${choice.kind}: ${JSON.stringify(base.problems)}`);
    assert.ok(base.byId.get('ada-quill')!.born && base.byId.get('the-long-winter')!.date, choice.kind);
  }
});

test('new lore entry: a snippet for every kind, valid once its placeholders are filled', async () => {
  for (const choice of [{ kind: 'none' as const }, { kind: 'bby-aby' as const }]) {
    for (const kind of ENTRY_KINDS) {
      const snippet = entrySnippet(kind, calendarOf(choice));
      assert.match(snippet, /^- name: \$\{1:Name\}/, kind);
      const { base } = await loreFrom({ 'lore/_settings.yaml': settingsFile('T', choice), 'lore/a.yaml': expand(snippet) });
      assert.deepEqual(base.problems, [], `${kind}: ${expand(snippet)}`);
      assert.equal(base.entries[0].kind, kind);
    }
  }
  assert.match(entrySnippet('character', calendarOf({ kind: 'bby-aby' })), /born: \$\{3:1 ABY\}/, 'dates in the base\'s own calendar');
});

test('new lore entry: where it goes in the file chosen', () => {
  assert.deepEqual(entryInsertion(''), { ok: true, prefix: '', indent: '' });
  assert.deepEqual(entryInsertion('- name: A\n'), { ok: true, prefix: '\n', indent: '' });
  assert.deepEqual(entryInsertion('entries:\n    - name: A\n'), { ok: true, prefix: '\n', indent: '    ' });
  assert.equal(entryInsertion('name: A\nborn: 1\n').ok, false);
  assert.equal(entryInsertion('title: T\n').ok, false);
  assert.equal(entryInsertion('- name: [broken\n').ok, false);
});
