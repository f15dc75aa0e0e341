// The scenes of a manuscript as an outline: `2399-09 · memory`, each from its marker to the next.
import { dateInWords, type Calendar } from '../dates';
import type { Manuscript } from '../manuscript';

export interface OutlineScene {
  /** What the outline shows: the scene's date in the lore's calendar, and its mode if any. */
  name: string;
  /** Offsets of the scene in the manuscript's text: from its marker to the next scene. */
  start: number;
  end: number;
  /** The marker (or, for a first scene without one, its first line). */
  headerEnd: number;
}

export function sceneOutline(manuscript: Manuscript, calendar: Calendar): OutlineScene[] {
  const { text, scenes } = manuscript;
  const out: OutlineScene[] = [];
  for (let i = 0; i < scenes.length; i++) {
    const scene = scenes[i];
    const end = i + 1 < scenes.length ? scenes[i + 1].start : text.length;
    // The implicit first scene before the first marker: only if it holds some prose.
    if (i === 0 && scene.start === 0 && scene.date === undefined && scene.mode === undefined && manuscript.prose.slice(0, end).trim() === '') continue;
    const date = scene.date ? dateInWords(scene.date, calendar) : 'undated';
    const name = scene.mode ? `${date} · ${scene.mode}` : date;
    const lineEnd = text.indexOf('\n', scene.start);
    const headerEnd = Math.min(end, lineEnd === -1 ? text.length : lineEnd);
    out.push({ name, start: scene.start, end, headerEnd: Math.max(headerEnd, scene.start) });
  }
  return out;
}
