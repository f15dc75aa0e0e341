// The page → entry mapping on its own: templates, links, dates as wikis write them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCalendar } from '../../src/core/dates';
import { parseMapping } from '../../src/core/import/mapping';
import { readPage } from '../../src/core/import/page';
import { presetMapping } from '../../src/core/import/presets';
import { readWikiDate } from '../../src/core/import/wikiDates';
import { leadSummary, linksOf, listItems, plainText, topLevelTemplates, WikitextError } from '../../src/core/import/wikitext';

const GREGORIAN = parseCalendar(undefined).calendar;
const STAR_WARS = parseCalendar({ eras: [{ name: 'BBY', before: true }, { name: 'ABY' }] }).calendar;
const MA = new Map([['d', '{1} {2} {3}']]);

test('wikitext: templates keep nested templates, links and pipes inside their values', () => {
  const [t, u] = topLevelTemplates('{{Sidebar individual\n| born = {{d|13|July|2305}}, [[La Barre|the village]]<!-- a | b -->\n| father = [[Maurice Picard]]\n}} text {{Top|leg}}');
  assert.equal(t!.name, 'Sidebar individual');
  assert.equal(t!.params.get('born'), '{{d|13|July|2305}}, [[La Barre|the village]]<!-- a | b -->');
  assert.equal(t!.params.get('father'), '[[Maurice Picard]]');
  assert.deepEqual(u!.positional, ['leg']);
  assert.throws(() => topLevelTemplates('{{Character|name=X\nno end'), WikitextError);
});

test('wikitext: plain text drops refs, comments, HTML and unknown templates, keeps link labels and mapped templates', () => {
  assert.equal(plainText('[[19 BBY]]<ref name="a">{{Cite|x}}</ref>, [[Polis Massa]]'), '19 BBY, Polis Massa');
  assert.equal(plainText('{{d|13|July|2305}}<!-- note -->', MA), '13 July 2305');
  assert.equal(plainText("'''USS ''Enterprise''''' [[File:x.png|thumb|a [[link]]]] {{C|aside}}&nbsp;x"), 'USS Enterprise x');
  assert.deepEqual(listItems('[[Starfleet]]<br />[[United Federation of Planets|Federation]]'), ['Starfleet', 'Federation']);
  assert.deepEqual(linksOf('[[James Potter I]] (father) {{Dead}}<br />[[Lily J. Potter|Lily]] (mother)').map((l) => [l.target, l.after.trim()]), [['James Potter I', '(father) {{Dead}}'], ['Lily J. Potter', '(mother)']]);
});

test('wikitext: the summary is the lead’s first sentences, not its infobox, and stops at abbreviations only where they end nothing', () => {
  const text = "{{Sidebar individual|name=X}}\n[[File:x.png|thumb]]\n'''Dr. Julian Bashir''' was born c. 2341 on [[Earth]]. He became a doctor. He liked tennis a great deal and more words follow here.\n\n==Life==\nLater.";
  assert.equal(leadSummary(text, new Map(), 70), 'Dr. Julian Bashir was born c. 2341 on Earth. He became a doctor.');
  assert.equal(leadSummary('{{Top}}\n==Only a heading==\ntext', new Map()), '');
});

test('dates: the shapes of the three wikis, at the precision given', () => {
  const date = (s: string, c = GREGORIAN) => readWikiDate(s, c);
  assert.deepEqual(date('13 July 2305, La Barre, France, Earth'), { kind: 'date', value: '2305-07-13', date: { year: 2305, month: 7, day: 13 }, place: 'La Barre, France, Earth' });
  assert.equal((date('July 13, 2305, La Barre') as { value: string }).value, '2305-07-13');
  assert.equal((date('31 July, 1980') as { value: string }).value, '1980-07-31');
  assert.equal((date('2305') as { value: string }).value, '2305');
  assert.equal((date('March 2399') as { value: string }).value, '2399-03');
  assert.equal((date('Summer 1881') as { value: string }).value, '1881');
  assert.deepEqual(date('19 BBY, Polis Massa', STAR_WARS), { kind: 'date', value: '19 BBY', date: { year: -19 }, place: 'Polis Massa' });
  assert.equal((date('4 ABY', STAR_WARS) as { value: string }).value, '4 ABY');
});

test('dates: circa, ranges, decades and guesses are reported, never turned into a date', () => {
  for (const s of ['c. 57 BBY', 'circa 2305', 'between 1979 and 1980', '2330s', '19–18 BBY', '1926 or earlier', 'before 2364']) {
    assert.equal(readWikiDate(s, s.includes('BBY') ? STAR_WARS : GREGORIAN).kind, 'approximate', s);
  }
  for (const s of ['Thirty years before the war', '31 February 1950', '19 BBY', '2 May', '41.9 BBY']) {
    assert.equal(readWikiDate(s, s === '41.9 BBY' ? STAR_WARS : GREGORIAN).kind, 'unreadable', s);
  }
  // On an era calendar, a bare number is no date.
  assert.equal(readWikiDate('19', STAR_WARS).kind, 'unreadable');
  assert.equal(readWikiDate('Unknown', GREGORIAN).kind, 'unknown');
});

test('pages: Memory Alpha’s status and datestatus end a life; Active with a date is no death', () => {
  const mapping = presetMapping('memory-alpha')!;
  const page = (status: string) => readPage({ title: 'Data (android)', ns: 0, text: `{{sidebar individual|status=${status}|datestatus=[[2379]]}}\n'''Data''' was an android.` }, mapping);
  const dead = page('Deceased');
  assert.equal(dead.type, 'entry');
  if (dead.type === 'entry') {
    assert.equal(dead.entry.name, 'Data');
    assert.deepEqual(dead.entry.dates, { died: '2379' });
  }
  const alive = page('Active');
  assert.ok(alive.type === 'entry' && alive.entry.dates.died === undefined);
});

test('pages: a canon page that links to its Legends twin is canon; the twin is skipped', () => {
  const mapping = presetMapping('wookieepedia')!;
  const canon = readPage({ title: 'Yoda', ns: 0, text: '{{Top|legends=Yoda/Legends}}\n{{Character|death=[[4 ABY]]}}' }, mapping);
  assert.equal(canon.type, 'entry');
  assert.deepEqual(readPage({ title: 'Yoda/Legends', ns: 0, text: '{{Character|death=[[4 ABY]]}}' }, mapping), { type: 'skipped', reason: 'Legends', problems: [] });
  assert.deepEqual(readPage({ title: 'Yoda', ns: 0, text: '{{Top|leg}}\n{{Character|death=[[4 ABY]]}}' }, mapping), { type: 'skipped', reason: 'Legends', problems: [] });
});

test('pages: a redirect is read from <redirect/> or, in older exports, from its #REDIRECT text', () => {
  const mapping = presetMapping('harry-potter')!;
  assert.deepEqual(readPage({ title: 'Harry', ns: 0, redirect: 'Harry Potter', text: '#REDIRECT [[Harry Potter]]' }, mapping), { type: 'redirect', from: 'Harry', to: 'Harry Potter' });
  assert.deepEqual(readPage({ title: 'The Boy Who Lived', ns: 0, text: '#redirect [[Harry Potter#Early life]]' }, mapping), { type: 'redirect', from: 'The Boy Who Lived', to: 'Harry Potter#Early life' });
  assert.equal(readPage({ title: 'Redirects', ns: 0, text: 'A page about #REDIRECT [[links]].' }, mapping).type, 'skipped');
});

test('mapping: a bad mapping file is one line saying where', () => {
  const bad = (text: string) => {
    const parsed = parseMapping(text, 'm.yaml');
    assert.ok(!parsed.ok);
    return parsed.message;
  };
  assert.equal(bad('- a list'), 'm.yaml: a mapping file is a YAML mapping with `wiki:` and `templates:`');
  assert.equal(bad('wiki: W\n'), 'm.yaml: `templates` must be a list of infobox rules (names, kind, fields)');
  assert.equal(bad('wiki: W\ntemplates:\n  - names: [x]\n    kind: character\n    status: { param: s, ends: { dead: deathday } }\n'), 'm.yaml: templates[0].status.ends.dead must be one of born, died, from, until, date');
  assert.match(bad('wiki: W\ntemplates: [\n'), /^m\.yaml:\d+:\d+: invalid YAML: /);
  for (const name of ['memory-alpha', 'wookieepedia', 'harry-potter']) assert.ok(presetMapping(name), name);
});

test('layers: an imported folder nested in the writer’s lore is its own layer; corrections override it', async () => {
  const { loreFrom } = await import('../helpers');
  const files = {
    'lore/imported/settings.yaml': 'title: Imported\nimported-by: lorekeeper import mediawiki\n',
    'lore/imported/characters.yaml': '- name: Data\n  kind: character\n  died: "2379"\n- name: Tasha Yar\n  died: "2364"\n',
    'lore/corrections.yaml': '- id: data\n  name: Data\n  died: null\n',
  };
  const layered = await loreFrom(files, ['lore/imported', 'lore']);
  assert.deepEqual(layered.base.problems, []);
  assert.equal(layered.base.entries.length, 2);
  assert.equal(layered.base.byId.get('data')!.died, undefined);
  assert.ok(layered.base.byId.get('tasha-yar')!.died);
  // One layer alone still reads its nested folders.
  const single = await loreFrom({ 'lore/imported/characters.yaml': files['lore/imported/characters.yaml'] }, ['lore']);
  assert.equal(single.base.entries.length, 2);
});
