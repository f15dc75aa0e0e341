// The timeline as a standalone SVG image, written by hand from the model: no library, no DOM, the
// same bytes for the same input. Colours are CSS variables with light defaults, so that a page
// (the HTML output, the editor's webview) can theme it without touching the drawing.
import { formatStoryDate, type StoryDate } from '../dates';
import { layoutTimeline, round, sceneHasContradiction, type LayoutOptions, type TimelineLayout } from './layout';
import { isContradiction, type TimelineDiagnostic, type TimelineEntry, type TimelineModel, type TimelineScene } from './model';

export interface SvgOptions extends LayoutOptions {
  /** Leave out the `<style>` element (a page that styles the classes itself, under a strict CSP). */
  embedStyle?: boolean;
  /** Contradictions listed under the drawing at most (default 20). */
  maxListed?: number;
  /** How a file is named in the hover details (the editor's files are URIs; a writer wants a path). */
  displayPath?: (file: string) => string;
}

/** The classes the drawing uses, with their default (light) colours. */
export const TIMELINE_CSS = `
.lk-bg{fill:var(--lk-bg,#ffffff)}
.lk-k-character{fill:#2f81f7;stroke:#2f81f7}
.lk-k-place{fill:#2da44e;stroke:#2da44e}
.lk-k-ship{fill:#0a9396;stroke:#0a9396}
.lk-k-organization{fill:#a371f7;stroke:#a371f7}
.lk-k-species{fill:#db61a2;stroke:#db61a2}
.lk-k-item{fill:#e16f24;stroke:#e16f24}
.lk-k-other{fill:#8c959f;stroke:#8c959f}
.lk-text{fill:var(--lk-fg,#1f2328);font-family:var(--lk-font,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif)}
.lk-muted{fill:var(--lk-muted,#656d76)}
.lk-title{font-size:18px;font-weight:600}
.lk-small{font-size:10px}
.lk-label{font-size:12px}
.lk-head{font-size:11px;font-weight:600;letter-spacing:.04em;text-transform:uppercase;fill:var(--lk-muted,#656d76)}
.lk-axis{stroke:var(--lk-grid,#8c959f);stroke-width:1}
.lk-tick{stroke:var(--lk-grid,#8c959f);stroke-width:1}
.lk-stripe{fill:var(--lk-stripe,#f6f8fa)}
.lk-break{fill:var(--lk-break,#eaeef2);fill-opacity:.6}
.lk-break-line{stroke:var(--lk-muted,#656d76);stroke-width:1.5;fill:none}
.lk-thread{fill:none;stroke:var(--lk-accent,#0969da);stroke-width:1.5;stroke-opacity:.45}
.lk-scene{fill:var(--lk-accent,#0969da);stroke:var(--lk-bg,#ffffff);stroke-width:1.5}
.lk-scene-suspended{fill:var(--lk-bg,#ffffff);stroke:var(--lk-accent,#0969da);stroke-width:1.5;stroke-dasharray:2.5 2}
.lk-scene-num{fill:var(--lk-on-accent,#ffffff);font-size:9px;font-weight:700;text-anchor:middle;font-family:var(--lk-font,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif)}
.lk-scene-suspended+.lk-scene-num{fill:var(--lk-accent,#0969da)}
.lk-warn{fill:var(--lk-warning,#bf8803)}
.lk-warn-guide{stroke:var(--lk-warning,#bf8803);stroke-width:1;stroke-opacity:.35;stroke-dasharray:4 3}
.lk-info{fill:var(--lk-info,#1a85ff)}
.lk-hint-ring{fill:none;stroke:var(--lk-info,#1a85ff);stroke-width:1.5}
.lk-aggregate{fill:var(--lk-accent,#0969da);fill-opacity:.85}
.lk-event{fill:var(--lk-event,#6e7781)}
.lk-event-named{fill:var(--lk-event-named,#8250df)}
.lk-bar-open{stroke-width:2;stroke-dasharray:4 3;fill:none}
.lk-mark-ref{fill:var(--lk-bg,#ffffff);stroke:var(--lk-fg,#1f2328);stroke-width:1.5}
.lk-mark-present{fill:var(--lk-fg,#1f2328);stroke:var(--lk-bg,#ffffff);stroke-width:1.5}
.lk-fact{fill:var(--lk-bg,#ffffff);fill-opacity:.28}
.lk-fact-text{fill:var(--lk-on-accent,#ffffff);font-size:8px;font-family:var(--lk-font,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif)}
.lk-event-item .lk-warn{fill:var(--lk-warning,#bf8803)}
`.trim();

const KINDS = new Set(['character', 'place', 'ship', 'organization', 'species', 'item']);
const LANE = 24;
const FONT_WIDTH = 0.6;

export function renderTimelineSvg(model: TimelineModel, options: SvgOptions = {}): string {
  const layout = layoutTimeline(model, options);
  const show = options.displayPath ?? ((file: string) => file);
  const out: string[] = [];
  const { width, left, right } = layout;
  const dated = model.scenes.length - layout.undated.length;
  const contradictions = model.diagnostics.filter((d) => isContradiction(d.severity)).length;

  // Heights, top to bottom.
  let y = 0;
  const summary = [
    `${model.scenes.length} scene${plural(model.scenes.length)}${layout.undated.length ? ` (${layout.undated.length} undated)` : ''}`,
    `${model.entries.length} entr${model.entries.length === 1 ? 'y' : 'ies'} mentioned`,
    `${contradictions} contradiction${plural(contradictions)}${model.diagnostics.length > contradictions ? `, ${model.diagnostics.length - contradictions} note${plural(model.diagnostics.length - contradictions)}` : ''}`,
    ...(model.calendar.eras.length ? [`eras: ${model.calendar.eras.map((e) => e.name).join(', ')}`] : []),
  ].join(' · ');
  // On a narrow page the legend gets a line of its own.
  const legendOwnLine = 16 + textWidth(summary, 12) + 24 > right - legendWidth();
  const legendLines = legendOwnLine ? Math.ceil(legendWidth() / (right - 16)) : 0;
  const headerBottom = 58 + legendLines * 16;
  const axisY = headerBottom + 18;
  const eventsTop = axisY + 14;
  const eventRows = placeEventLabels(model, layout);
  const eventsBottom = eventsTop + 24 + eventRows.rows * 12;
  const maxStack = layout.columns.reduce((m, c) => Math.max(m, c.aggregate ? 1 : c.scenes.length), 1);
  const scenesTop = eventsBottom + 6;
  const sceneRow = 22;
  const scenesBottom = scenesTop + 16 + maxStack * sceneRow;
  const lanesTop = scenesBottom + 8;
  const lanesBottom = lanesTop + layout.lanes.length * LANE;
  y = lanesBottom + (layout.hiddenLanes ? 22 : 8);
  const listed = model.diagnostics.slice(0, Math.max(0, options.maxListed ?? 20));
  const listTop = y + 12;
  // A narrow page writes each message on a line of its own, under where it is.
  const twoLines = width < 1000;
  const listRow = twoLines ? 30 : 16;
  const listBottom = listed.length ? listTop + 22 + listed.length * listRow + (model.diagnostics.length > listed.length ? 16 : 0) : y;
  const undatedShown = layout.undated.slice(0, 12);
  const undatedTop = listBottom + 12;
  const undatedBottom = undatedShown.length ? undatedTop + 22 + undatedShown.length * 16 + (layout.undated.length > undatedShown.length ? 16 : 0) : listBottom;
  const height = Math.round(undatedBottom + 16);

  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="lk-timeline" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(`${model.title ?? 'Story'} timeline`)}">`,
  );
  out.push(`<title>${esc(`${model.title ?? 'Story'} — timeline of ${model.scenes.length} scene${plural(model.scenes.length)}`)}</title>`);
  if (options.embedStyle !== false) out.push(`<style>${TIMELINE_CSS}</style>`);
  out.push(`<rect class="lk-bg" x="0" y="0" width="${width}" height="${height}"/>`);

  // Header.
  out.push(text(16, 28, `${model.title ?? 'Story'} — story timeline`, 'lk-text lk-title'));
  out.push(text(16, 46, summary, 'lk-text lk-muted lk-label'));
  legend(out, legendOwnLine ? { left: 16, right, y: 64 } : { right, y: 46 });

  if (dated === 0 && model.entries.every((e) => !e.start && !e.end)) {
    out.push(text(left, axisY, 'No scene has a date yet: add `date:` front matter or a <!-- when: … --> marker.', 'lk-text lk-muted lk-label'));
  }

  // Compressed years: a band through the whole chart.
  for (const segment of model.axis.segments) {
    if (!segment.compressed) continue;
    const x0 = layout.x({ year: segment.start }, 'start');
    const x1 = layout.x({ year: segment.end }, 'start');
    const years = segment.end - segment.start;
    out.push(
      `<g class="lk-gap"><title>${esc(`${years} years with no scene or canon date (${label(model, segment.start)} – ${label(model, segment.end - 1)}): compressed`)}</title>` +
        `<rect class="lk-break" x="${round(x0 + 1)}" y="${axisY - 8}" width="${round(Math.max(1, x1 - x0 - 2))}" height="${round(lanesBottom - axisY + 8)}"/>` +
        `<path class="lk-break-line" d="M${round((x0 + x1) / 2 - 3)} ${axisY + 5}L${round((x0 + x1) / 2 + 1)} ${axisY - 5}M${round((x0 + x1) / 2 + 1)} ${axisY + 5}L${round((x0 + x1) / 2 + 5)} ${axisY - 5}"/>` +
        `</g>`,
    );
  }

  // Axis and year labels (skipping those that would collide).
  out.push(`<line class="lk-axis" x1="${left}" y1="${axisY}" x2="${right}" y2="${axisY}"/>`);
  let lastLabelEnd = -Infinity;
  for (const segment of model.axis.segments) {
    if (segment.compressed) continue;
    for (let year = segment.start; year < segment.end; year++) {
      const x0 = layout.x({ year }, 'start');
      const x1 = layout.x({ year }, 'end');
      const name = label(model, year);
      const w = textWidth(name, 10);
      const cx = segment.end - segment.start === 1 ? (x0 + x1) / 2 : x0;
      out.push(`<line class="lk-tick" x1="${round(x0)}" y1="${axisY - 4}" x2="${round(x0)}" y2="${axisY + 4}"/>`);
      if (cx - w / 2 > lastLabelEnd + 6) {
        out.push(text(cx, axisY - 8, name, 'lk-text lk-muted lk-small', 'middle'));
        lastLabelEnd = cx + w / 2;
      }
      // A roomy year shows its months.
      if (x1 - x0 > 160) {
        for (let month = 2; month <= 12; month++) {
          const mx = layout.x({ year, month }, 'start');
          out.push(`<line class="lk-tick" x1="${round(mx)}" y1="${axisY - 2}" x2="${round(mx)}" y2="${axisY + 2}"/>`);
        }
      }
    }
  }
  out.push(`<line class="lk-tick" x1="${right}" y1="${axisY - 4}" x2="${right}" y2="${axisY + 4}"/>`);

  // Canon events.
  out.push(text(16, eventsTop + 14, 'Canon events', 'lk-head lk-text'));
  const eventY = eventsTop + 10;
  const ranged = (p: PlacedEvent): number => (!p.event.date && p.event.from && p.event.until ? 0 : 1);
  for (const placed of [...eventRows.placed].sort((a, b) => ranged(a) - ranged(b))) {
    const event = placed.event;
    const cls = event.mentioned ? 'lk-event-named' : 'lk-event';
    const tip = `${event.name} · ${event.label}${event.mentioned ? ' · named in the story' : ''}${event.contradictions.length ? ` · contradicted in scene ${event.contradictions.map((s) => s.slice(1)).join(', ')}` : ''}${event.summary ? `\n${event.summary}` : ''}`;
    let shape: string;
    if (!event.date && event.from && event.until) {
      const x0 = layout.x(event.from, 'start');
      const x1 = layout.x(event.until, 'end');
      shape = `<rect class="${cls}" x="${round(x0)}" y="${eventY - 3}" width="${round(Math.max(3, x1 - x0))}" height="6" rx="3"/>`;
    } else {
      const cx = placed.x;
      shape = `<path class="${cls}${event.contradictions.length ? ' lk-warn' : ''}" d="M${cx} ${eventY - 6}L${round(cx + 6)} ${eventY}L${cx} ${eventY + 6}L${round(cx - 6)} ${eventY}Z"/>`;
    }
    const labelText = placed.row >= 0 ? text(placed.labelX, eventY + 18 + placed.row * 12, placed.text, `lk-text lk-small${event.mentioned ? '' : ' lk-muted'}`) : '';
    out.push(`<g class="lk-event-item" data-event="${esc(event.id)}" data-file="${esc(event.file)}" data-line="${event.line}"><title>${esc(tip)}</title>${shape}${labelText}</g>`);
  }

  // Scenes: the reading thread, then the markers.
  out.push(text(16, scenesTop + 14, 'Scenes', 'lk-head lk-text'));
  out.push(text(16, scenesTop + 28, 'numbered in reading order', 'lk-text lk-muted lk-small'));
  const sceneY = new Map<string, number>();
  for (const column of layout.columns) {
    column.scenes.forEach((scene, i) => sceneY.set(scene.id, scenesTop + 16 + (column.aggregate ? 0 : i) * sceneRow + 9));
  }
  // Vertical guides where the story contradicts the canon.
  for (const column of layout.columns) {
    if (column.scenes.some((s) => sceneHasContradiction(model, s))) {
      out.push(`<line class="lk-warn-guide" x1="${column.x}" y1="${scenesTop + 8}" x2="${column.x}" y2="${lanesBottom}"/>`);
    }
  }
  if (layout.columns.every((c) => !c.aggregate) && dated > 1 && dated <= 400) {
    const points = model.scenes.filter((s) => s.date).map((s) => `${layout.sceneX.get(s.id)} ${sceneY.get(s.id)}`);
    out.push(`<path class="lk-thread" d="M${points.join('L')}"/>`);
  }
  for (const column of layout.columns) {
    if (column.aggregate) {
      out.push(aggregateMarker(model, column.x, scenesTop + 16 + 9, column.scenes));
      continue;
    }
    for (const scene of column.scenes) out.push(sceneMarker(model, column.x, sceneY.get(scene.id)!, scene, show));
  }

  // Lanes.
  layout.lanes.forEach((lane, i) => {
    const top = lanesTop + i * LANE;
    out.push(laneRow(model, layout, lane.entry, lane.marks, top, i));
  });
  if (layout.hiddenLanes) {
    out.push(text(16, lanesBottom + 16, `+ ${layout.hiddenLanes} more entr${layout.hiddenLanes === 1 ? 'y' : 'ies'} mentioned, not drawn (the most present are shown; all are in --format json)`, 'lk-text lk-muted lk-small'));
  }

  // The diagnostics, with their messages.
  if (listed.length) {
    out.push(text(16, listTop + 12, `Contradictions and notes (${model.diagnostics.length})`, 'lk-head lk-text'));
    const whereOf = (d: TimelineDiagnostic): string => {
      const scene = d.scene ? model.scenes.find((s) => s.id === d.scene) : undefined;
      return `${scene ? `scene ${scene.order}${scene.dateLabel ? ` (${scene.dateLabel})` : ''} · ` : ''}${baseName(d.file)}:${d.line}`;
    };
    const whereWidth = Math.min(360, listed.reduce((m, d) => Math.max(m, textWidth(whereOf(d), 12)), 0));
    const codeWidth = listed.reduce((m, d) => Math.max(m, textWidth(d.code, 12)), 0);
    listed.forEach((d, i) => {
      const ly = listTop + 30 + i * listRow;
      const where = clip(whereOf(d), Math.floor(360 / (12 * FONT_WIDTH)));
      const warn = isContradiction(d.severity);
      const codeX = 32 + whereWidth + 14;
      const messageX = twoLines ? 32 : codeX + codeWidth + 14;
      const messageY = twoLines ? ly + 14 : ly;
      const room = Math.floor((width - 16 - messageX) / (12 * FONT_WIDTH));
      out.push(
        `<g class="lk-diagnostic" data-file="${esc(d.file)}" data-line="${d.line}"${d.scene ? ` data-scene="${d.scene}"` : ''}><title>${esc(`${d.code}: ${d.message}`)}</title>` +
          `<circle class="${warn ? 'lk-warn' : 'lk-info'}" cx="22" cy="${ly - 4}" r="4"/>` +
          text(32, ly, where, 'lk-text lk-muted lk-label') +
          text(codeX, ly, d.code, `lk-text lk-label${warn ? ' lk-warn' : ' lk-info'}`) +
          text(messageX, messageY, clip(d.message, room), 'lk-text lk-label') +
          `</g>`,
      );
    });
    if (model.diagnostics.length > listed.length) {
      out.push(text(32, listTop + 30 + listed.length * listRow, `+ ${model.diagnostics.length - listed.length} more`, 'lk-text lk-muted lk-small'));
    }
  }

  // Undated text, listed apart.
  if (undatedShown.length) {
    out.push(text(16, undatedTop + 12, `Undated text (${layout.undated.length})`, 'lk-head lk-text'));
    undatedShown.forEach((scene, i) => {
      const ly = undatedTop + 30 + i * 16;
      const names = scene.mentioned.map((id) => nameOf(model, id));
      const line = `${baseName(scene.file)}:${scene.line}–${scene.endLine}${scene.title ? ` · ${scene.title}` : ''} · ${scene.words} word${plural(scene.words)}${names.length ? ` · mentions ${names.slice(0, 6).join(', ')}${names.length > 6 ? ` +${names.length - 6}` : ''}` : ''}`;
      out.push(
        `<g class="lk-undated" data-scene="${scene.id}" data-file="${esc(scene.file)}" data-line="${scene.line}" data-entries="${esc(scene.mentioned.join(' '))}"><title>${esc(sceneTip(model, scene, show))}</title>` +
          text(32, ly, clip(line, Math.floor((width - 48) / (12 * FONT_WIDTH))), 'lk-text lk-label') +
          `</g>`,
      );
    });
    if (layout.undated.length > undatedShown.length) {
      out.push(text(32, undatedTop + 30 + undatedShown.length * 16, `+ ${layout.undated.length - undatedShown.length} more`, 'lk-text lk-muted lk-small'));
    }
  }

  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

const LEGEND_NAMES = ['scene', 'dream, memory…', 'contradiction', 'present', 'mentioned', 'canon event'];

function legendWidth(): number {
  return LEGEND_NAMES.reduce((sum, name) => sum + textWidth(name, 10) + 28, 0);
}

/** Right-aligned after the summary, or from the left edge on lines of its own, wrapping. */
function legend(out: string[], place: { left?: number; right: number; y: number }): void {
  const items: Array<[string, string]> = [
    [`<circle class="lk-scene" cx="0" cy="-4" r="6"/>`, 'scene'],
    [`<circle class="lk-scene-suspended" cx="0" cy="-4" r="6"/>`, 'dream, memory…'],
    [`<circle class="lk-warn" cx="0" cy="-4" r="6"/>`, 'contradiction'],
    [`<circle class="lk-mark-present" cx="0" cy="-4" r="5"/>`, 'present'],
    [`<circle class="lk-mark-ref" cx="0" cy="-4" r="3.5"/>`, 'mentioned'],
    [`<path class="lk-event-named" d="M0 -10L6 -4L0 2L-6 -4Z"/>`, 'canon event'],
  ];
  const parts: string[] = [];
  const widthOf = (name: string): number => textWidth(name, 10) + 28;
  if (place.left === undefined) {
    let x = place.right;
    for (const [shape, name] of [...items].reverse()) {
      x -= widthOf(name);
      parts.unshift(`<g transform="translate(${round(x)} ${place.y})">${shape}${text(10, 0, name, 'lk-text lk-muted lk-small')}</g>`);
    }
  } else {
    let x = place.left + 6;
    let y = place.y;
    for (const [shape, name] of items) {
      if (x + widthOf(name) > place.right && x > place.left + 6) {
        x = place.left + 6;
        y += 16;
      }
      parts.push(`<g transform="translate(${round(x)} ${y})">${shape}${text(10, 0, name, 'lk-text lk-muted lk-small')}</g>`);
      x += widthOf(name);
    }
  }
  out.push(`<g class="lk-legend">${parts.join('')}</g>`);
}

function sceneMarker(model: TimelineModel, x: number, y: number, scene: TimelineScene, show: (file: string) => string): string {
  const warn = sceneHasContradiction(model, scene);
  const hint = !warn && scene.diagnostics.length > 0;
  const cls = warn ? 'lk-scene lk-warn' : scene.suspended ? 'lk-scene-suspended' : 'lk-scene';
  return (
    `<g class="lk-scene-item" data-scene="${scene.id}" data-file="${esc(scene.file)}" data-line="${scene.line}" data-entries="${esc(scene.mentioned.join(' '))}">` +
    `<title>${esc(sceneTip(model, scene, show))}</title>` +
    (hint ? `<circle class="lk-hint-ring" cx="${x}" cy="${y}" r="11"/>` : '') +
    `<circle class="${cls}" cx="${x}" cy="${y}" r="9"/>` +
    `<text class="lk-scene-num" x="${x}" y="${round(y + 3)}">${scene.order}</text>` +
    `</g>`
  );
}

function aggregateMarker(model: TimelineModel, x: number, y: number, scenes: TimelineScene[]): string {
  const warned = scenes.filter((s) => sceneHasContradiction(model, s));
  const first = scenes[0];
  const dates = scenes.map((s) => s.dateLabel!).filter((d, i, all) => all.indexOf(d) === i);
  const tip = `${scenes.length} scenes · ${dates.length > 3 ? `${dates[0]} … ${dates[dates.length - 1]}` : dates.join(', ')}\nscenes ${scenes.slice(0, 8).map((s) => s.order).join(', ')}${scenes.length > 8 ? ', …' : ''}${warned.length ? `\n⚠ ${warned.length} with contradictions` : ''}`;
  const w = Math.max(20, textWidth(String(scenes.length), 9) + 10);
  return (
    `<g class="lk-scene-item lk-scene-group" data-scene="${first.id}" data-file="${esc(first.file)}" data-line="${first.line}" data-scenes="${scenes.length}">` +
    `<title>${esc(tip)}</title>` +
    `<rect class="${warned.length ? 'lk-warn' : 'lk-aggregate'}" x="${round(x - w / 2)}" y="${y - 9}" width="${round(w)}" height="18" rx="9"/>` +
    `<text class="lk-scene-num" x="${x}" y="${round(y + 3)}">${scenes.length}</text>` +
    `</g>`
  );
}

function laneRow(model: TimelineModel, layout: TimelineLayout, entry: TimelineEntry, marks: TimelineLayout['lanes'][number]['marks'], top: number, index: number): string {
  const kind = KINDS.has(entry.kind) ? entry.kind : 'other';
  const k = `lk-k-${kind}`;
  const cy = top + LANE / 2;
  const parts: string[] = [];
  if (index % 2 === 0) parts.push(`<rect class="lk-stripe" x="0" y="${top}" width="${layout.width}" height="${LANE}"/>`);
  const dates = [entry.startLabel ? `${entry.startField === 'born' ? 'born' : 'from'} ${entry.startLabel}` : '', entry.endLabel ? `${entry.endField === 'died' ? 'died' : 'until'} ${entry.endLabel}` : '']
    .filter(Boolean)
    .join(' · ');
  const tip = `${entry.name} (${entry.kind})\n${dates || 'no dates in the lore'} · ${entry.mentions} mention${plural(entry.mentions)}, present in ${entry.scenes.filter((s) => s.presence).length} scene${plural(entry.scenes.filter((s) => s.presence).length)}${entry.facts.length ? `\n${entry.facts.map((f) => `${f.field}: ${f.value}${f.fromLabel ? ` from ${f.fromLabel}` : ''}${f.untilLabel ? ` until ${f.untilLabel}` : ''}`).join('\n')}` : ''}${entry.summary ? `\n${clip(entry.summary, 200)}` : ''}`;
  parts.push(`<g class="lk-lane-label" data-entry="${esc(entry.id)}" data-file="${esc(entry.file)}" data-line="${entry.line}"><title>${esc(tip)}</title>${text(16, cy + 4, clip(entry.name, Math.floor((layout.left - 24) / (12 * FONT_WIDTH))), 'lk-text lk-label')}</g>`);

  const start = entry.start ? layout.x(entry.start, 'start') : undefined;
  const end = entry.end ? layout.x(entry.end, 'end') : undefined;
  const bar: string[] = [];
  if (start === undefined && end === undefined) {
    bar.push(`<line class="${k}" x1="${layout.left}" y1="${cy}" x2="${layout.right}" y2="${cy}" stroke-width="1" stroke-opacity=".3"/>`);
  } else {
    const x0 = start ?? layout.left;
    const x1 = end ?? layout.right;
    if (start === undefined) bar.push(`<line class="lk-bar-open ${k}" x1="${layout.left}" y1="${cy}" x2="${round(x1)}" y2="${cy}" stroke-opacity=".5"/>`);
    else {
      bar.push(`<rect class="${k}" x="${round(x0)}" y="${cy - 5}" width="${round(Math.max(3, x1 - x0))}" height="10" rx="5" fill-opacity="${end === undefined ? '.55' : '.8'}"/>`);
      // Timed facts of one field (rank or title first) alternate shades inside the bar, with their
      // value where it fits; every field's history is in the hover.
      const fields = [...new Set(entry.facts.map((f) => f.field))];
      const shown = ['rank', 'title'].find((f) => fields.includes(f)) ?? fields.find((f) => f !== 'alias') ?? fields[0];
      entry.facts.filter((f) => f.field === shown).forEach((fact, i) => {
        const f0 = Math.max(x0, fact.from ? layout.x(fact.from, 'start') : x0);
        const f1 = Math.min(x1, fact.until ? layout.x(fact.until, 'start') : x1);
        if (f1 - f0 < 1) return;
        if (i % 2 === 1) bar.push(`<rect class="lk-fact" x="${round(f0)}" y="${cy - 5}" width="${round(f1 - f0)}" height="10"/>`);
        if (textWidth(fact.value, 8) + 6 < f1 - f0) bar.push(text(round(f0 + 3), cy + 3, fact.value, 'lk-fact-text'));
      });
    }
    if (entry.startLabel && start !== undefined) {
      const w = textWidth(entry.startLabel, 9);
      if (start - w - 6 > layout.left) bar.push(text(round(start - 4), cy + 3, entry.startLabel, 'lk-text lk-muted lk-small', 'end'));
    }
    if (entry.endLabel && end !== undefined) {
      const tag = entry.endField === 'died' ? `† ${entry.endLabel}` : `✕ ${entry.endLabel}`;
      if (end + textWidth(tag, 9) + 6 < layout.right) bar.push(text(round(end + 4), cy + 3, tag, 'lk-text lk-muted lk-small'));
    }
  }
  parts.push(`<g class="lk-lane-bar" data-entry="${esc(entry.id)}" data-file="${esc(entry.file)}" data-line="${entry.line}"><title>${esc(tip)}</title>${bar.join('')}</g>`);

  for (const mark of marks) {
    const scenes = mark.scenes;
    const d = mark.contradiction
      ? model.diagnostics.filter((x) => x.entity === entry.id && x.scene && scenes.some((s) => s.id === x.scene) && isContradiction(x.severity))
      : [];
    const tipMark = `${entry.name} · ${mark.presence ? 'present' : 'mentioned'} in scene ${scenes.map((s) => s.order).join(', ')}${scenes[0].dateLabel ? ` (${scenes[0].dateLabel})` : ''}${d.map((x) => `\n⚠ ${x.message}`).join('')}`;
    const shape = mark.contradiction
      ? `<circle class="lk-warn" cx="${mark.x}" cy="${cy}" r="6"/><text class="lk-scene-num" x="${mark.x}" y="${cy + 3}">!</text>`
      : mark.presence
        ? `<circle class="lk-mark-present" cx="${mark.x}" cy="${cy}" r="5"/>`
        : `<circle class="lk-mark-ref" cx="${mark.x}" cy="${cy}" r="3.5"/>`;
    parts.push(`<g class="lk-mark" data-scene="${scenes[0].id}" data-file="${esc(scenes[0].file)}" data-line="${scenes[0].line}"><title>${esc(tipMark)}</title>${shape}</g>`);
  }
  return `<g class="lk-lane" data-entry="${esc(entry.id)}">${parts.join('')}</g>`;
}

interface PlacedEvent {
  event: TimelineModel['events'][number];
  x: number;
  labelX: number;
  row: number;
  text: string;
}

/** Events drawn: the ones the story names, and others inside the drawn years, at most 60. */
function placeEventLabels(model: TimelineModel, layout: TimelineLayout): { placed: PlacedEvent[]; rows: number } {
  const segments = model.axis.segments;
  if (segments.length === 0) return { placed: [], rows: 0 };
  const first = segments[0].start;
  const last = segments[segments.length - 1].end - 1;
  const inRange = (d: StoryDate | undefined): boolean => d !== undefined && d.year >= first && d.year <= last;
  const touchedYears = new Set<number>();
  for (const s of segments) if (!s.compressed) for (let y = s.start; y < s.end; y++) touchedYears.add(y);
  const candidates = model.events.filter((e) => e.mentioned || ((inRange(e.date) || inRange(e.from)) && touchedYears.has((e.date ?? e.from)!.year)));
  const chosen = candidates.filter((e) => e.mentioned).concat(candidates.filter((e) => !e.mentioned)).slice(0, 60);
  const shown = new Set(chosen.map((e) => e.id));
  const rows: Array<Array<[number, number]>> = [[], [], []];
  const placed: PlacedEvent[] = [];
  // Labels are placed by importance (contradicted, then named), so that a crowd drops the least.
  const importance = (e: TimelineModel['events'][number]): number => (e.contradictions.length ? 0 : e.mentioned ? 1 : 2);
  const ordered = model.events.filter((e) => shown.has(e.id)).sort((a, b) => importance(a) - importance(b));
  for (const event of ordered) {
    const at = event.date ?? event.from ?? event.until!;
    const x = layout.x(at, event.date ? 'middle' : 'start');
    const name = clip(event.name, 34);
    const w = textWidth(name, 10) + 10;
    // Labels hang under their mark, pulled left when they would run off the page.
    const labelX = Math.max(layout.left, Math.min(x - 4, layout.right - w));
    const row = rows.findIndex((taken) => taken.every(([a, b]) => labelX + w <= a || labelX >= b));
    if (row >= 0) rows[row].push([labelX, labelX + w]);
    placed.push({ event, x, labelX, row, text: name });
  }
  placed.sort((a, b) => a.x - b.x || (a.event.id < b.event.id ? -1 : 1));
  return { placed, rows: placed.reduce((m, p) => Math.max(m, p.row + 1), 1) };
}

function sceneTip(model: TimelineModel, scene: TimelineScene, show: (file: string) => string): string {
  const names = (ids: string[]): string => ids.map((id) => nameOf(model, id)).join(', ');
  const lines = [
    `Scene ${scene.order}${scene.title ? ` · ${scene.title}` : ''} · ${scene.dateLabel ?? 'undated'}${scene.mode !== 'normal' ? ` · ${scene.mode}` : ''}`,
    `${show(scene.file)}:${scene.line}–${scene.endLine} · ${scene.words} word${plural(scene.words)}`,
  ];
  if (scene.present.length) lines.push(`Present: ${clip(names(scene.present), 300)}`);
  const others = scene.mentioned.filter((id) => !scene.present.includes(id));
  if (others.length) lines.push(`Mentioned: ${clip(names(others), 300)}`);
  for (const i of scene.diagnostics) lines.push(diagnosticLine(model.diagnostics[i]));
  return lines.join('\n');
}

function diagnosticLine(d: TimelineDiagnostic): string {
  return `${isContradiction(d.severity) ? '⚠' : 'ℹ'} line ${d.line} · ${d.code}: ${d.message}`;
}

const nameCache = new WeakMap<TimelineModel, Map<string, string>>();

function nameOf(model: TimelineModel, id: string): string {
  let names = nameCache.get(model);
  if (!names) {
    names = new Map();
    for (const e of model.entries) names.set(e.id, e.name);
    for (const e of model.events) names.set(e.id, e.name);
    nameCache.set(model, names);
  }
  return names.get(id) ?? id;
}

function label(model: TimelineModel, year: number): string {
  return formatStoryDate({ year }, model.calendar);
}

function text(x: number, y: number, content: string, cls: string, anchor?: 'middle' | 'end'): string {
  return `<text class="${cls}" x="${round(x)}" y="${round(y)}"${anchor ? ` text-anchor="${anchor}"` : ''}>${esc(content)}</text>`;
}

export function textWidth(s: string, size: number): number {
  return s.length * size * FONT_WIDTH;
}

function clip(s: string, max: number): string {
  const flat = s.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, Math.max(1, max - 1))}…` : flat;
}

function baseName(path: string): string {
  const clean = path.replace(/#\.txt$/, '');
  const name = clean.slice(clean.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

function plural(n: number): string {
  return n === 1 ? '' : 's';
}

// Characters XML cannot carry at all (control characters, lone surrogates): a name or message
// holding one would make the whole image unreadable, so each becomes U+FFFD.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(NOT_XML, '\ufffd');
}
