import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CANON, check, codes, prepared, textAt } from '../helpers';

test('unknown-name: a near-miss of a canon name, with the canon spelling as fix', async () => {
  const lore = await prepared(CANON);
  for (const [body, typo, fix] of [
    ['She asked Jurrati to wait.', 'Jurrati', 'Jurati'],
    ['Later, Picadr sat down.', 'Picadr', 'Picard'],
    ['They met Musikker at the bar.', 'Musikker', 'Musiker'],
    ['The captain, Rois, nodded.', 'Rois', 'Rios'],
  ]) {
    const found = codes(check(lore, `${body}\n`), 'unknown-name');
    assert.equal(found.length, 1, body);
    assert.equal(textAt(`${body}\n`, found[0]), typo);
    assert.equal(found[0].fix, fix);
    assert.equal(found[0].severity, 'info');
  }
});

test('unknown-name: English words, plurals of names, short names, far names and known names are left alone', async () => {
  const lore = await prepared(CANON);
  for (const body of [
    'The Picards had tended the vines for generations.', // plural of a name
    'Dates were carved into the stone.', // a sentence-initial dictionary word one letter from "Data"
    'He saw Mark at the market.', // "Mark" is an English word, though one letter from "Mars"
    'Gabriel arrived.', // far from every name
    'Rio was a city.', // 3 letters: never
    'Jean-Luc and Agnes laughed.', // known names
    'RIOS', // ALL CAPS
  ]) {
    assert.deepEqual(codes(check(lore, `${body}\n`), 'unknown-name'), [], body);
  }
});

test('unknown-name: the fix keeps the lore\'s accents', async () => {
  const lore = await prepared(CANON);
  const [found] = codes(check(lore, 'They met Cristobl at the bar.\n'), 'unknown-name');
  assert.equal(found.fix, 'Cristóbal');
});
