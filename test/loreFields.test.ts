// A slip in a lore field's name, and a slip in the YAML itself: one clear problem, no cascade.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nearestKnownField } from '../src/core/lore/fields';
import { check, codes, loreFrom, prepared } from './helpers';

test('lore-unknown-field: a field one slip from a known one, with the known one as fix', async () => {
  const { base } = await loreFrom({ 'lore/a.yaml': '- name: Harry Potter\n  bron: 1980-07-31\n  Summary: The boy who lived.\n  alias: [Harry]\n' });
  const found = codes(base.problems, 'lore-unknown-field');
  assert.deepEqual(found.map((p) => p.fix).sort(), ['aliases', 'born', 'summary']);
  const bron = found.find((p) => p.fix === 'born')!;
  assert.equal(bron.severity, 'hint');
  assert.deepEqual(bron.range.start, { line: 1, character: 2 }, 'at the key, so that the fix renames it');
  assert.equal(bron.range.end.character, 6);
  assert.match(bron.message, /Did you mean `born`\?/);
  assert.equal(base.byId.get('harry-potter')!.extra.bron, '1980-07-31', 'kept and shown on the card as SPEC §1 says');
});

test('lore-unknown-field: truly custom fields and short keys are left alone', async () => {
  const { base } = await loreFrom({ 'lore/a.yaml': '- name: Harry Potter\n  wand: holly\n  actor: Daniel Radcliffe\n  house: Gryffindor\n  kid: no\n  born: 1980\n  borne: x\n' });
  assert.deepEqual(codes(base.problems, 'lore-unknown-field'), [], 'borne next to born: the writer has born already');
  for (const custom of ['wand', 'actor', 'house', 'patronus', 'species', 'rank', 'kid', 'age']) assert.equal(nearestKnownField(custom), undefined, custom);
  for (const [slip, meant] of [['bron', 'born'], ['deid', 'died'], ['nmae', 'name'], ['relation', 'relations'], ['Source', 'source'], ['summery', 'summary']]) {
    assert.equal(nearestKnownField(slip), meant, slip);
  }
});

test('a YAML slip reports the one real error and keeps the rest of the base (no cascade)', async () => {
  const files = {
    'lore/family.yaml': '- name: Robert Picard\n  aliases: [Robert\n  died: 2371\n- name: Maurice Picard\n  born: 2270\n',
    'lore/picard.yaml': '- name: Jean-Luc Picard\n  relations:\n    brother: robert-picard\n    father: maurice-picard\n',
  };
  const lore = await prepared(files);
  assert.deepEqual(lore.base.problems.map((p) => `${p.file}:${p.range.start.line + 1} ${p.code}`), ['lore/family.yaml:3 lore-invalid-yaml']);
  assert.deepEqual(lore.base.entries.map((e) => e.id).sort(), ['jean-luc-picard', 'maurice-picard', 'robert-picard']);
  assert.equal(lore.base.byId.get('robert-picard')!.died, undefined, 'what follows the error in its entry is not trusted');
  assert.deepEqual(lore.base.byId.get('maurice-picard')!.born, { year: 2270 }, 'the next entry is kept whole');
  // An entry the error swallows: relations to it wait for the fix rather than cascading.
  const swallowed = await prepared({
    'lore/family.yaml': '- name: Robert Picard\n  summary: "unclosed\n- name: Maurice Picard\n',
    'lore/picard.yaml': '- name: Jean-Luc Picard\n  relations:\n    father: maurice-picard\n    cousin: nobody-at-all\n',
  });
  assert.deepEqual(swallowed.base.problems.map((p) => p.code).sort(), ['lore-invalid-yaml', 'lore-unknown-relation']);
  assert.match(codes(swallowed.base.problems, 'lore-unknown-relation')[0].message, /nobody-at-all/, 'a target no file names is still reported');
  assert.equal(codes(check(lore, '<!-- when: 2400 -->\nMaurice Picard walked in.\n'), 'dead-character').length, 0);
});

test('lore-invalid-date: a date written as prose gets the fix in the base\'s notation, and hints use the base\'s years', async () => {
  const { base } = await loreFrom({
    'lore/people.yaml': '- name: Harry Potter\n  born: July 31, 1980\n- name: Hermione Granger\n  born: 19th September 1979\n- name: Ron Weasley\n  born: March 1980\n- name: Albus Dumbledore\n  born: 1881\n  died: the year of the battle\n- name: Sirius Black\n  born: 1959-11-03\n',
  });
  const dates = codes(base.problems, 'lore-invalid-date');
  assert.deepEqual(dates.map((p) => p.fix), ['1980-07-31', '1979-09-19', '1980-03', undefined]);
  assert.match(dates[0].message, /Write it as `1980-07-31`\.$/);
  assert.match(dates[3].message, /use `19\d0`, `19\d0-03`, `19\d0-03-14` or `-44`/, `examples in the base's own years: ${dates[3].message}`);
  assert.doesNotMatch(dates[3].message, /2399/);
  const { base: wars } = await loreFrom({
    'lore/_settings.yaml': 'calendar:\n  eras:\n    - { name: BBY, before: true }\n    - { name: ABY }\n',
    'lore/a.yaml': '- name: Luke\n  born: 19 BBY\n  died: some day\n- name: Leia\n  born: 19 BBY\n',
  });
  assert.match(codes(wars.problems, 'lore-invalid-date')[0].message, /an era date such as `20 BBY`/);
});
