import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { test } from 'node:test';
import { check, codes, prepared, textAt } from '../helpers';

const scene = (body: string, when = '2399'): string => `---\ndate: ${when}\n---\n${body}\n`;

/** A small canon whose ranks and names change over time. */
const TREK: Record<string, string> = {
  'lore/people.yaml': `
- name: Jean-Luc Picard
  aliases:
    - Picard
    - Jean-Luc
    - { name: Locutus, from: 2366-06, until: 2367, source: "TNG: The Best of Both Worlds" }
  born: 2305-07-13
  rank:
    - { value: Captain, from: 2333 }
    - { value: Admiral, from: 2381, source: "PIC: Remembrance" }
    - { value: Admiral (retired), from: 2385 }
  source: "Star Trek: The Next Generation"
- name: William Riker
  aliases: [Riker, Will Riker]
  born: 2335
  rank:
    - { value: Commander, from: 2364 }
    - { value: Captain, from: 2379 }
- name: Thomas Riker
  aliases: [Tom Riker]
  born: 2335
  rank:
    - { value: Lieutenant, from: 2361 }
- name: Data
  born: 2338
  died: 2379
  rank:
    - { value: Lieutenant Commander, from: 2364 }
- name: Cristóbal Rios
  aliases: [Rios, Captain Rios]
  born: 2360
`,
};

test('wrong-title: a titled form acting where the title does not hold, with what held then and the form that holds', async () => {
  const lore = await prepared(TREK);
  const text = scene('Admiral Picard walked onto the bridge.', '2370');
  const found = codes(check(lore, text), 'wrong-title');
  assert.equal(found.length, 1);
  assert.equal(textAt(text, found[0]), 'Admiral Picard');
  assert.equal(found[0].entity, 'jean-luc-picard');
  assert.equal(found[0].message, 'Picard was a Captain in 2370, and became an Admiral in 2381. Source: PIC: Remembrance.');
  assert.equal(found[0].fix, 'Captain Picard');
});

test('wrong-title: an earlier title after it changed; the parenthesised part is not part of the title', async () => {
  const lore = await prepared(TREK);
  const text = scene('Captain Picard walked between the vines.', '2399');
  const [found] = codes(check(lore, text), 'wrong-title');
  assert.equal(found.message, 'Picard was an Admiral (retired) in 2399, and had been a Captain 2333–2381. Source: Star Trek: The Next Generation.');
  assert.equal(found.fix, 'Admiral Picard');
  // `Admiral (retired)` holds in 2399: `Admiral Picard` is right.
  assert.deepEqual(codes(check(lore, scene('Admiral Picard walked between the vines.', '2399')), 'wrong-title'), []);
});

test('wrong-title: a sentence that opens on a date of its own is judged at that date', async () => {
  const lore = await prepared(TREK);
  // A flashback sentence in a 2399 scene: Captain then, Admiral now.
  assert.deepEqual(codes(check(lore, scene('Back in 2370, Captain Picard walked the halls.', '2399')), 'wrong-title'), []);
  assert.deepEqual(codes(check(lore, scene('In 2366-08 Locutus stood on the bridge.', '2399')), 'wrong-title'), []);
  const [found] = codes(check(lore, scene('In 2370, Admiral Picard walked the halls.', '2399')), 'wrong-title');
  assert.equal(found?.message, "Picard was a Captain in 2370 (this sentence's date), and became an Admiral in 2381. Source: PIC: Remembrance.");
  assert.equal(found.fix, 'Captain Picard');
  // Near-misses: the date in another sentence, or "by", leaves the scene's date in force.
  assert.equal(codes(check(lore, scene('Back in 2370, all was well. Captain Picard walked the halls.', '2399')), 'wrong-title').length, 1);
  assert.equal(codes(check(lore, scene('By 2370, Captain Picard walked the halls.', '2399')), 'wrong-title').length, 1);
});

test('wrong-title: the longest match wins — a title before the full name, and a period’s own source', async () => {
  const lore = await prepared(TREK);
  const text = scene('Admiral Jean-Luc Picard smiled.', '2375');
  const [found] = codes(check(lore, text), 'wrong-title');
  assert.equal(textAt(text, found), 'Admiral Jean-Luc Picard');
  assert.equal(found.fix, 'Captain Jean-Luc Picard');
  assert.match(found.message, /Source: PIC: Remembrance\.$/);
});

test('wrong-title: a timed alias acting outside its period', async () => {
  const lore = await prepared(TREK);
  const text = scene('Locutus turned to face the viewscreen.', '2399');
  const [found] = codes(check(lore, text), 'wrong-title');
  assert.equal(textAt(text, found), 'Locutus');
  assert.equal(found.message, 'Jean-Luc Picard was no longer called Locutus in 2399: that name held June 2366 – 2367. Source: TNG: The Best of Both Worlds.');
  assert.equal(found.fix, 'Jean-Luc Picard');
  assert.deepEqual(codes(check(lore, scene('Locutus turned to face the viewscreen.', '2366-09')), 'wrong-title'), []);
  assert.equal(codes(check(lore, scene('Locutus turned to face the viewscreen.', '2366-05')), 'wrong-title').length, 1);
});

test('wrong-title: boundaries are compared at the coarser precision', async () => {
  const lore = await prepared(TREK);
  // Captain until 2381, Admiral from 2381: in a 2381 scene (or any day of it) both hold.
  for (const when of ['2381', '2381-01-02', '2381-12']) {
    assert.deepEqual(codes(check(lore, scene('Captain Picard nodded. Admiral Picard smiled.', when)), 'wrong-title'), [], when);
  }
  // Locutus until 2367: a 2367 scene is inside; a month of 2366 before June is not.
  assert.deepEqual(codes(check(lore, scene('Locutus spoke.', '2367-11')), 'wrong-title'), []);
  assert.equal(codes(check(lore, scene('Admiral Picard nodded.', '2380-12-31')), 'wrong-title').length, 1);
});

test('wrong-title: near-misses are left alone — dialogue, references, common nouns, other modes, undated text', async () => {
  const lore = await prepared(TREK);
  for (const body of [
    '"Captain Picard would never allow it," Raffi said.', // inside dialogue: people keep old titles
    '"Locutus is gone," Picard said.',
    'Picard remembered Locutus.', // a reference: object of a verb
    'He hung a portrait of Captain Picard in the hall.', // object of a preposition
    "Captain Picard's old uniform hung in the closet.", // possessive
    'The captain walked in.', // a common noun, no name after it
    'A former admiral walked in.',
    'Admiral Picard walked in.', // holds in 2399
  ]) {
    assert.deepEqual(codes(check(lore, scene(body)), 'wrong-title'), [], body);
  }
  for (const mode of ['dream', 'memory', 'vision', 'hologram', 'simulation']) {
    assert.deepEqual(codes(check(lore, `<!-- when: 2399, mode: ${mode} -->\nLocutus walked in. Captain Picard smiled.\n`), 'wrong-title'), [], mode);
  }
  assert.deepEqual(codes(check(lore, 'Locutus walked in. Captain Picard smiled.\n'), 'wrong-title'), []); // undated
});

test('wrong-title: a title before a different person’s name, and two people sharing a surname with different ranks', async () => {
  const lore = await prepared(TREK);
  // Picard is an admiral in 2399, Rios never was: no titled form, nothing to check.
  assert.deepEqual(codes(check(lore, scene('Admiral Rios walked in.')), 'wrong-title'), []);
  // William Riker is a commander in 2370, Thomas Riker a lieutenant.
  assert.deepEqual(codes(check(lore, scene('Commander Riker walked in. Lieutenant Thomas Riker followed.', '2370')), 'wrong-title'), []);
  const text = scene('Captain Riker walked in.', '2370');
  const [found] = codes(check(lore, text), 'wrong-title');
  assert.equal(found.entity, 'william-riker');
  assert.equal(found.fix, 'Commander Riker');
  const tom = scene('Lieutenant Tom Riker walked in. Captain Will Riker followed.', '2385');
  assert.deepEqual(codes(check(lore, tom), 'wrong-title'), []);
});

test('wrong-title: the last title after death is kept; an earlier one is not', async () => {
  const lore = await prepared(TREK);
  const late = codes(check(lore, scene('Lieutenant Commander Data walked in.', '2399')));
  assert.deepEqual(late.map((d) => d.code), ['dead-character']);
  // Before his first rank (and before birth nothing is said: unborn-character does).
  const early = codes(check(lore, scene('Lieutenant Commander Data walked in.', '2350')), 'wrong-title');
  assert.equal(early.length, 1);
  assert.equal(early[0].message, 'Data was not yet a Lieutenant Commander in 2350, and became one in 2364.');
  assert.equal(early[0].fix, 'Data');
  assert.deepEqual(codes(check(lore, scene('Lieutenant Commander Data walked in.', '2330')), 'wrong-title'), []);
});

test('wrong-title: lorekeeper-disable-next-line wrong-title suppresses it, and only it', async () => {
  const lore = await prepared(TREK);
  const text = scene('<!-- lorekeeper-disable-next-line wrong-title -->\nAdmiral Picard walked in.\nAdmiral Picard walked out.', '2370');
  const found = codes(check(lore, text), 'wrong-title');
  assert.equal(found.length, 1);
  assert.equal(found[0].range.start.line, 5);
  const other = scene('<!-- lorekeeper-disable-next-line dead-character -->\nAdmiral Picard walked in.', '2370');
  assert.equal(codes(check(lore, other), 'wrong-title').length, 1);
});

test('wrong-title: an alias that spells out a titled form is checked as one', async () => {
  const lore = await prepared({
    'lore/people.yaml': `
- name: Kathryn Janeway
  aliases: [Janeway, Admiral Janeway]
  rank:
    - { value: Captain, from: 2371 }
    - { value: Vice Admiral, from: 2378 }
`,
  });
  // `Admiral` is no rank of hers (`Vice Admiral` is): the alias stays a plain alias, never flagged.
  assert.deepEqual(codes(check(lore, scene('Admiral Janeway walked in.', '2372')), 'wrong-title'), []);
  const text = scene('Vice Admiral Janeway walked in.', '2372');
  const [found] = codes(check(lore, text), 'wrong-title');
  assert.equal(textAt(text, found), 'Vice Admiral Janeway');
  assert.equal(found.fix, 'Captain Janeway');
});

test('wrong-title: a lore without periods gives no titled forms and no wrong-title', async () => {
  const lore = await prepared({
    'lore/people.yaml': `
- name: Jean-Luc Picard
  aliases: [Picard, Locutus]
  rank: Admiral (retired)
  born: 2305
`,
  });
  const text = scene('Captain Picard walked in. Locutus smiled.', '2370');
  const found = check(lore, text);
  assert.deepEqual(codes(found, 'wrong-title'), []);
  assert.ok(!lore.index.hasTitles, 'a plain rank makes no titled form');
});

/** The Star Wars fixture's lore (an era calendar), read into memory. */
function starWarsLore(): Record<string, string> {
  const root = 'test/fixtures/starwars';
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const name of readdirSync(join(root, dir))) {
      const path = join(dir, name);
      if (statSync(join(root, path)).isDirectory()) walk(path);
      else files[path.split(sep).join('/')] = readFileSync(join(root, path), 'utf8');
    }
  };
  walk('lore');
  return files;
}

test('wrong-title: an era calendar — Darth Vader before 19 BBY, Emperor Palpatine when he was Chancellor Palpatine', async () => {
  const lore = await prepared(starWarsLore());
  const vader = scene('Darth Vader walked into the Jedi Temple.', '32 BBY');
  const [found] = codes(check(lore, vader), 'wrong-title');
  assert.equal(found.message, 'Anakin Skywalker was not yet called Darth Vader in 32 BBY, and took that name in 19 BBY. Source: Revenge of the Sith.');
  assert.equal(found.fix, 'Anakin Skywalker');
  const emperor = scene('Emperor Palpatine smiled at the Senate.', '22 BBY');
  const [title] = codes(check(lore, emperor), 'wrong-title');
  assert.equal(textAt(emperor, title), 'Emperor Palpatine');
  assert.equal(title.message, 'Palpatine was a Chancellor in 22 BBY, and became an Emperor in May 19 BBY. Source: The Phantom Menace; Revenge of the Sith.');
  assert.equal(title.fix, 'Chancellor Palpatine');
  // Same year at the coarser precision; a month-precise era date in a scene marker.
  assert.deepEqual(codes(check(lore, scene('Darth Vader knelt.', '19 BBY')), 'wrong-title'), []);
  assert.deepEqual(codes(check(lore, '<!-- when: 19-06-01 BBY -->\nEmperor Palpatine smiled.\n'), 'wrong-title'), []);
  assert.equal(codes(check(lore, '<!-- when: BBY 19-04 -->\nEmperor Palpatine smiled.\n'), 'wrong-title').length, 1);
  // Inside dialogue, and the same titled form in a vision.
  assert.deepEqual(codes(check(lore, scene('"Darth Vader is coming," Padmé said.', '32 BBY')), 'wrong-title'), []);
  assert.deepEqual(codes(check(lore, '<!-- when: 32 BBY, mode: vision -->\nDarth Vader walked in.\n'), 'wrong-title'), []);
  // After his death in 4 ABY the last name is his: Vader's mask, Vader acting (dead-character says that).
  assert.deepEqual(check(lore, scene('Darth Vader walked in.', '10 ABY')).map((d) => d.code), ['dead-character']);
});

test('wrong-title: titled forms cost the titles, never titles × names, in the name index', async () => {
  const people = (rank: string) => ({
    'lore/people.yaml': `
- name: Jean-Luc Picard
  aliases: [Picard, Jean-Luc, J.L., Luc]
  rank: ${rank}
`,
  });
  const plain = await prepared(people('Captain'));
  const timed = await prepared(people('[{ value: Ensign, from: 2327 }, { value: Lieutenant Commander, from: 2330 }, { value: Captain, from: 2333 }, { value: Admiral, from: 2381 }]'));
  assert.equal(timed.index.forms.length, plain.index.forms.length);
  // Every title still reaches every name.
  for (const form of ['Ensign Picard', 'Lieutenant Commander Luc', 'Captain Jean-Luc Picard', 'Admiral Jean-Luc']) {
    const text = scene(`${form} walked in.`, '2390');
    const found = check(timed, text);
    assert.equal(found.length, form.startsWith('Admiral') ? 0 : 1, form);
    if (found.length) assert.equal(textAt(text, found[0]), form);
  }
});
