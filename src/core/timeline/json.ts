// `lorekeeper timeline --format json`: the model behind the drawings (SPEC §7), one document.
import type { TimelineModel } from './model';

export function formatTimelineJson(model: TimelineModel): string {
  const { version, title, calendar, scenes, entries, events, diagnostics, axis } = model;
  const document = {
    version,
    ...(title !== undefined ? { title } : {}),
    calendar: { eras: calendar.eras.map((era) => ({ ...era })) },
    scenes,
    entries,
    events,
    diagnostics,
    axis: axis.segments,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
