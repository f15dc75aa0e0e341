// A small canon for the feature tests, written inline so each test shows the facts it relies on.
import { prepareLore, type PreparedLore } from '../../src/core/check';
import { buildLoreBase, type LoreBase } from '../../src/core/lore/base';
import { parseLoreText } from '../../src/core/lore/load';

export const CANON = `
- name: Jean-Luc Picard
  aliases: [Picard, Jean-Luc, Locutus]
  born: 2305-07-13
  species: Human
  affiliation: Starfleet
  actor: Patrick Stewart
  image: portraits/picard.png
  summary: Captain of the Enterprise-D.
  relations:
    friend: [data, agnes-jurati]
  source: "Star Trek: The Next Generation"
- name: Data
  born: 2338
  died: 2379
  death: Killed destroying the Scimitar
  species: Android
  source: Star Trek Nemesis
- name: Dahj Asha
  aliases: [Dahj]
  born: 2396
  died: 2399-03
- name: Agnes Jurati
  aliases: [Jurati]
  born: 2360
- name: USS Enterprise-D
  kind: ship
  aliases: [Enterprise-D]
  from: 2363
  until: 2371
- name: the attack on Mars
  id: attack-on-mars
  kind: event
  date: 2385-04-05
`;

export const AU = `
- id: data
  died: null
`;

export function canonBase(layers: Array<[string, string]> = [['lore', CANON]]): LoreBase {
  return buildLoreBase(layers.map(([name, text]) => ({ name, files: [parseLoreText(`${name}/canon.yaml`, text).file] })));
}

export function canon(layers?: Array<[string, string]>): PreparedLore {
  return prepareLore(canonBase(layers));
}
