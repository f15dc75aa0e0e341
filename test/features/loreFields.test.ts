import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { GREGORIAN, parseCalendar } from '../../src/core/dates';
import { loreFieldCompletions, loreFieldHover } from '../../src/core/features/loreFields';
import { entrySnippet } from '../../src/core/features/newLore';
import { ENTRY_KINDS } from '../../src/core/lore/fields';
import { parseManuscript } from '../../src/core/manuscript';

test('lore field completion: field names where a key is typed, kinds after kind:, nothing in a value', () => {
  const names = (line: string) => loreFieldCompletions(line)?.map((i) => i.label);
  assert.ok(names('  bo')!.includes('born'));
  assert.ok(names('- na')!.includes('name'));
  assert.equal(loreFieldCompletions('- na')![0].start, 2);
  assert.deepEqual(names('  kind: sh'), [...ENTRY_KINDS]);
  assert.equal(loreFieldCompletions('  kind: sh')![0].start, 8);
  assert.equal(loreFieldCompletions('  born: 19'), undefined, 'a value is no key');
  assert.equal(loreFieldCompletions('  summary: She was born'), undefined);
});

test('lore field hover: what a field means, and a date in the base\'s own calendar', () => {
  assert.match(loreFieldHover('  born: 1980-07-31', 3, GREGORIAN)!.markdown, /\*\*`born`\*\* — A living being's birth date/);
  assert.match(loreFieldHover('  born: 1980-07-31', 10, GREGORIAN)!.markdown, /\*\*31 July 1980\*\*\.$/);
  assert.match(loreFieldHover('  born: July 31, 1980', 10, GREGORIAN)!.markdown, /Not a date of this base's calendar/);
  const { calendar } = parseCalendar({ eras: [{ name: 'BBY', before: true }, { name: 'ABY' }] });
  assert.match(loreFieldHover('  born: 19 BBY', 10, calendar)!.markdown, /\*\*19 BBY\*\* — year -19/);
  assert.equal(loreFieldHover('  wand: holly', 3, GREGORIAN), undefined, 'a custom field has no help');
  assert.equal(loreFieldHover('  summary: born 1980', 14, GREGORIAN), undefined);
});

test('the shipped snippets are the engine\'s entry snippets, and their markers are read as markers', () => {
  const lore = JSON.parse(readFileSync('snippets/lore.code-snippets', 'utf8')) as Record<string, { body: string[] }>;
  for (const kind of ENTRY_KINDS) assert.equal(lore[`Lore entry: ${kind}`].body.join('\n'), entrySnippet(kind, GREGORIAN), kind);
  const markers = JSON.parse(readFileSync('snippets/markers.code-snippets', 'utf8')) as Record<string, { body: string[] }>;
  for (const [name, { body }] of Object.entries(markers)) {
    const text = body.join('\n').replace(/\$\{\d+\|([^,|]+)[^}]*\}/g, '$1').replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$0/, 'Text.');
    const m = parseManuscript('s.md', text, GREGORIAN);
    assert.deepEqual(m.problems, [], name);
    assert.equal(m.scenes.length, 2, `${name} starts a scene`);
  }
});
