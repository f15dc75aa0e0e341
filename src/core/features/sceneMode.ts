// "Mark this scene as a dream": the edit that gives the scene around a position a mode (SPEC §2),
// by editing its marker (`<!-- when: 2399 -->` → `<!-- when: 2399, mode: dream -->`) or by
// inserting `<!-- mode: dream -->` where the scene starts.
import { sceneAt, type Manuscript } from '../manuscript';

/** A replacement of text[start, end) — offsets in the manuscript's text. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export function sceneModeEdit(manuscript: Manuscript, offset: number, mode: string): TextEdit {
  const text = manuscript.text;
  const scene = sceneAt(manuscript, offset);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (text.startsWith('<!--', scene.start)) {
    const close = text.indexOf('-->', scene.start + 4);
    const bodyStart = scene.start + 4;
    const body = text.slice(bodyStart, close);
    const existing = /(\bmode\s*:\s*)([^,]*?)(\s*(?:,|$))/i.exec(body);
    if (existing) {
      const start = bodyStart + existing.index + existing[1].length;
      return { start, end: start + existing[2].length, newText: mode };
    }
    const end = bodyStart + body.trimEnd().length;
    return { start: end, end, newText: `, mode: ${mode}` };
  }
  // The first scene has no marker: insert one where its prose begins (after any front matter).
  const at = scene.start === 0 ? manuscript.frontMatterEnd : scene.start;
  const needsBreak = at > 0 && text[at - 1] !== '\n' ? eol : '';
  return { start: at, end: at, newText: `${needsBreak}<!-- mode: ${mode} -->${eol}` };
}
