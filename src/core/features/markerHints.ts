// What Lorekeeper understood at each scene marker (and in the front matter): the date and mode in
// force from there, so that a writer sees at once a marker that did not say what they meant.
import { dateInWords, type Calendar } from '../dates';
import { positionAt, type Manuscript, type Scene } from '../manuscript';

export interface MarkerHint {
  /** Zero-based line and character just after the marker (or the front matter's date line). */
  line: number;
  character: number;
  /** Short, as an inlay hint shows it: `1998-09-02 · dream`, `undated`, `19 BBY · normal`. */
  label: string;
  /** One sentence for the hint's tooltip. */
  tooltip: string;
}

export function markerHints(manuscript: Manuscript, calendar: Calendar): MarkerHint[] {
  const hints: MarkerHint[] = [];
  manuscript.scenes.forEach((scene, index) => {
    let end: number;
    if (scene.marker) end = scene.marker.end;
    else if (index === 0 && manuscript.frontMatterEnd > 0 && (scene.date || scene.mode || scene.unknownMode || hasDateProblem(manuscript))) {
      // After the front matter's opening line, where a writer looks for the story's date.
      end = manuscript.text.indexOf('\n') >= 0 ? manuscript.text.indexOf('\n') : 0;
      end = manuscript.text[end - 1] === '\r' ? end - 1 : end;
    } else return;
    const at = positionAt(manuscript.lineStarts, end);
    hints.push({ line: at.line, character: at.character, ...describe(scene, index, calendar) });
  });
  return hints;
}

function describe(scene: Scene, index: number, calendar: Calendar): { label: string; tooltip: string } {
  const date = scene.date ? dateInWords(scene.date, calendar) : undefined;
  const mode = scene.mode && scene.mode !== 'normal' ? scene.mode : undefined;
  const fields = scene.marker?.fields ?? {};
  const setsDate = index === 0 || 'when' in fields || 'date' in fields;
  const label = [date ?? 'undated', mode ?? 'normal'].join(' · ');
  const parts: string[] = [];
  parts.push(date ? `From here the story is ${setsDate ? 'set' : 'still'} in ${date}` : setsDate ? 'From here the story is undated (the date could not be read)' : 'From here the story is undated');
  if (mode) parts.push(`in a ${mode} scene: dead, unborn and absent characters are not flagged`);
  else if (scene.unknownMode) parts.push(`as a normal scene ("${scene.unknownMode}" is no mode)`);
  else parts.push('as a normal scene');
  const others = Object.entries(fields).filter(([key]) => key !== 'when' && key !== 'date' && key !== 'mode');
  const extra = others.length > 0 ? ` Also noted: ${others.map(([k, v]) => `${k}: ${v}`).join(', ')}.` : '';
  return { label: scene.unknownMode ? `${label} (“${scene.unknownMode}” unknown)` : label, tooltip: `${parts.join(', ')}.${extra}` };
}

function hasDateProblem(manuscript: Manuscript): boolean {
  return manuscript.problems.some((p) => p.code === 'invalid-scene-date' && p.range.start.line < manuscript.lineStarts.length && manuscript.lineStarts[p.range.start.line] < manuscript.frontMatterEnd);
}
