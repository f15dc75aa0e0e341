// Timelines of lore folders and manuscripts on disk (the shipped sample, the fixtures) or in memory.
import { readFileSync } from 'node:fs';
import { nodeFileSystem } from '../../src/cli/nodeFileSystem';
import { checkManuscript, prepareLore } from '../../src/core/check';
import { loadLore } from '../../src/core/lore/load';
import { buildTimeline, type TimelineModel } from '../../src/core/timeline/model';
import { prepared } from '../helpers';

export async function timelineOnDisk(loreFolder: string, manuscripts: string[]): Promise<TimelineModel> {
  const loaded = await loadLore(nodeFileSystem, [{ name: 'lore', path: loreFolder }]);
  const lore = prepareLore(loaded.base);
  return buildTimeline(
    loaded.base,
    manuscripts.map((path) => checkManuscript(lore, path, readFileSync(path, 'utf8'))),
  );
}

export async function timelineOf(loreFiles: Record<string, string>, manuscripts: Record<string, string>): Promise<TimelineModel> {
  const lore = await prepared(loreFiles);
  return buildTimeline(
    lore.base,
    Object.entries(manuscripts).map(([path, text]) => checkManuscript(lore, path, text)),
  );
}

export const SAMPLE = 'examples/the-vineyard-at-dusk.md';
/** The snapshots' own small canon: it changes only when the drawing should. */
export const SNAPSHOT_LORE = 'test/fixtures/timeline/story/lore';
export const SNAPSHOT_STORY = ['ch1.md', 'ch2.txt'].map((f) => `test/fixtures/timeline/story/manuscripts/${f}`);
export const STARWARS = ['ch1.md', 'ch2.md', 'ch3.txt'].map((f) => `test/fixtures/starwars/manuscripts/${f}`);
