// Writes snippets/*.code-snippets from the engine's entry snippets (test/features/loreFields.test.ts keeps them equal).
// Run from the repository root: node -e "require('esbuild').buildSync({entryPoints:['scripts/snippets.ts'],bundle:true,platform:'node',outfile:'/tmp/snippets.js',loader:{'.txt':'text'}})" && node /tmp/snippets.js
import { writeFileSync } from 'node:fs';
import { entrySnippet } from '../src/core/features/newLore';
import { ENTRY_KINDS } from '../src/core/lore/fields';
import { GREGORIAN } from '../src/core/dates';
const lore: Record<string, unknown> = {};
for (const kind of ENTRY_KINDS) {
  lore[`Lore entry: ${kind}`] = { prefix: [`lore-${kind}`], body: entrySnippet(kind, GREGORIAN).split('\n'), description: `A new ${kind} entry (SPEC §1 fields, with tab stops)` };
}
lore['Timed fact: a value that holds for a while'] = {
  prefix: ['lore-timed'],
  body: ['${1|rank,title,affiliation,occupation,location,status|}:', '  - { value: ${2:Captain}, from: ${3:2333} }', '  - { value: ${4:Admiral}, from: ${5:2381} }', '$0'],
  description: 'A descriptive field as a list of periods: the card shows the value at the scene\'s date',
};
lore['Timed alias: a name that holds for a while'] = {
  prefix: ['lore-timed-alias'],
  body: ['- { name: ${1:Locutus}, from: ${2:2366-06}, until: ${3:2367} }'],
  description: 'An alias that holds only between two dates (inside aliases:)',
};
const markers: Record<string, unknown> = {
  'Scene marker: date': { prefix: ['lk-when'], body: ['<!-- when: ${1:1998-09-02} -->', '$0'], description: 'Sets the story date from here to the next marker' },
  'Scene marker: date and mode': { prefix: ['lk-when-mode'], body: ['<!-- when: ${1:1998-09-02}, mode: ${2|dream,memory,vision,hologram,simulation,normal|} -->', '$0'], description: 'A dated scene that is not the story\'s present: a dream or memory suspends the presence checks' },
  'Scene marker: mode': { prefix: ['lk-mode'], body: ['<!-- mode: ${1|dream,memory,vision,hologram,simulation,normal|} -->', '$0'], description: 'Changes the mode and keeps the date' },
  'Scene marker: date and point of view': { prefix: ['lk-when-pov'], body: ['<!-- when: ${1:1998-09-02}, pov: ${2:Hermione} -->', '$0'], description: 'Extra fields are kept for you; when still applies' },
};
writeFileSync('snippets/lore.code-snippets', JSON.stringify(lore, null, 2) + '\n');
writeFileSync('snippets/markers.code-snippets', JSON.stringify(markers, null, 2) + '\n');
