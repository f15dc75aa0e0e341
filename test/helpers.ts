// Test doubles: an in-memory file system and one-call lore/manuscript helpers.
import { checkManuscript, prepareLore, type PreparedLore } from '../src/core/check';
import { MemoryFileSystem } from '../src/core/memoryFileSystem';
import { loadLore, type LoadedLore, type LoreParseCache } from '../src/core/lore/load';
import type { LoreBase } from '../src/core/lore/base';
import type { ParsedLoreFile } from '../src/core/lore/parseFile';
import type { Diagnostic } from '../src/core/types';

/** Files by path (`lore/characters.yaml`); tests may edit the record between loads. */
export { MemoryFileSystem as InMemoryFileSystem } from '../src/core/memoryFileSystem';

export class MapCache implements LoreParseCache {
  readonly map = new Map<string, ParsedLoreFile>();
  get(key: string): ParsedLoreFile | undefined {
    return this.map.get(key);
  }
  set(key: string, parsed: ParsedLoreFile): void {
    this.map.set(key, parsed);
  }
}

/** A parse cache that also keeps merged bases, as the CLI's disk cache does; counts its file look-ups. */
export class FullCache extends MapCache {
  readonly bases = new Map<string, LoreBase>();
  gets = 0;
  override get(key: string): ParsedLoreFile | undefined {
    this.gets++;
    return super.get(key);
  }
  getBase(key: string): LoreBase | undefined {
    return this.bases.get(key);
  }
  setBase(key: string, base: LoreBase): void {
    this.bases.set(key, base);
  }
}

/** Loads `lore/…` files (and optional layers) from a record of YAML texts. */
export async function loreFrom(files: Record<string, string>, layers = ['lore']): Promise<LoadedLore> {
  return loadLore(new MemoryFileSystem(files), layers.map((name) => ({ name, path: name })));
}

export async function prepared(files: Record<string, string>, layers = ['lore']): Promise<PreparedLore> {
  return prepareLore((await loreFrom(files, layers)).base);
}

/** Checks a manuscript text; returns its diagnostics. */
export function check(lore: PreparedLore, text: string, path = 'story.md'): Diagnostic[] {
  return checkManuscript(lore, path, text).diagnostics;
}

export function codes(diagnostics: Diagnostic[], code?: string): Diagnostic[] {
  return code ? diagnostics.filter((d) => d.code === code) : diagnostics;
}

/** The text a diagnostic points at, for readable assertions. */
export function textAt(text: string, d: Diagnostic): string {
  const lines = text.split('\n');
  if (d.range.start.line !== d.range.end.line) return '(multi-line)';
  return lines[d.range.start.line].slice(d.range.start.character, d.range.end.character);
}

/** A small Picard-era canon used across the check tests. */
export const CANON: Record<string, string> = {
  'lore/settings.yaml': 'title: Test Canon\n',
  'lore/characters.yaml': `
- name: Jean-Luc Picard
  aliases: [Picard, Jean-Luc, Admiral Picard]
  born: 2305-07-13
  source: "TNG: Encounter at Farpoint"
- name: Data
  born: 2338
  died: 2379
  death: Killed destroying the Scimitar
  source: "Star Trek: Nemesis"
- name: Kestra Troi-Riker
  aliases: [Kestra]
  born: 2381
- name: Agnes Jurati
  aliases: [Jurati, Agnes]
  born: 2360
- name: Hugh
  born: 2348
  died: 2399-03
- name: Cristóbal Rios
  aliases: [Rios]
  born: 2360
- name: Robert Picard
  aliases: [Robert]
  born: 2300
  died: 2371
- name: Raffi Musiker
  aliases: [Raffi]
  born: 2350
`,
  'lore/ships.yaml': `
entries:
  - name: USS Enterprise-D
    kind: ship
    aliases: [Enterprise-D]
    from: 2363
    until: 2371
    death: Crashed on Veridian III
  - name: La Sirena
    kind: ship
    from: 2390
`,
  'lore/places.yaml': `
- name: Romulus
  kind: place
  until: 2387
  death: Destroyed by the Romulan supernova
- name: Mars
  kind: place
- name: Earth
  kind: place
`,
  'lore/events.yaml': `
- name: the attack on Mars
  kind: event
  aliases: [the Mars attack]
  date: 2385-04-05
  source: "PIC: Remembrance"
- name: the Romulan supernova
  kind: event
  date: 2387
- name: the Dominion War
  kind: event
  from: 2373
  until: 2375
`,
};
