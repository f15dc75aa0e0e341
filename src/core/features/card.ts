// The hover card of an entry, as Markdown: who or what it is, and where it stands at the scene's
// date. Links are built by the caller (command links in VS Code, nothing in a terminal).
import { dateInWords, whenInWords, wholeYearsBetween, type Calendar, type StoryDate } from '../dates';
import type { LoreBase } from '../lore/base';
import { isBeing, type Entry } from '../lore/entry';
import { aliasList, timedFieldLines } from './cardTimed';
import { formatAge, lifeStatusAt, years } from './lifeStatus';

export interface CardLinks {
  /** Where a link to another entry points (e.g. a command that opens it). */
  entry?(id: string): string;
  /**
   * Where the portrait is loaded from, given `entry.image`; undefined shows no portrait (the host
   * refuses images outside the workspace). Without this link a card shows no portrait at all.
   */
  image?(path: string): string | undefined;
  /** A link that opens the entry where it is defined, with the text to show. */
  definition?(entry: Entry): { href: string; label: string };
}

export interface CardScene {
  date?: StoryDate;
  mode?: string;
}

export interface CardOptions {
  /** The scene the mention is in; without it (or without a date) the card is timeless. */
  scene?: CardScene;
  links?: CardLinks;
}

/** Fields shown in the header line rather than as descriptive fields. */
const HEADLINE_FIELDS = ['species', 'affiliation'];

/** Size caps: a shared lore pack with 100,000 aliases must not make a megabyte of hover. */
export const CARD_LIMITS = { listItems: 12, textChars: 1200, fields: 30, relations: 20, cardChars: 12_000 };

export function entryCard(entry: Entry, base: LoreBase, options: CardOptions = {}): string {
  const calendar = base.calendar;
  const links = options.links ?? {};
  const date = options.scene?.date;
  const mode = options.scene?.mode;
  const out: string[] = [];
  const date$ = (d: StoryDate): string => dateInWords(d, calendar);

  out.push(`### ${escape(entry.name)}`);
  const headline = [`*${escape(entry.kind)}*`, ...HEADLINE_FIELDS.filter((key) => !entry.periods?.[key]).map((key) => describe(entry.extra[key])).filter((v): v is string => v !== undefined)];
  out.push(headline.join(' · '));
  if (entry.aliases.length > 0) out.push(`Also: ${aliasList(entry, calendar, (text) => escape(clip(text)), CARD_LIMITS.listItems)}`);

  const status = statusLine(entry, calendar, date, mode);
  if (status) out.push(status);
  if (entry.summary) out.push(escape(clip(entry.summary)));

  const facts: string[] = [...spanLines(entry, date), ...timedFieldLines(entry, calendar, date, label, (text) => escape(clip(text)))];
  const shownFields = Object.entries(entry.extra).filter(([key]) => !HEADLINE_FIELDS.includes(key) && !entry.periods?.[key]);
  for (const [key, value] of shownFields.slice(0, CARD_LIMITS.fields)) {
    const text = describe(value);
    // The key is lore text too: `"[click](command:…)": x` must show as written, never as a link.
    if (text !== undefined) facts.push(`**${escape(clip(label(key)))}:** ${text}`);
  }
  if (shownFields.length > CARD_LIMITS.fields) facts.push(`*… and ${shownFields.length - CARD_LIMITS.fields} more fields*`);
  if (facts.length > 0) out.push(facts.join('  \n'));

  const relations = capped(Object.entries(entry.relations), CARD_LIMITS.relations, ([relation, ids]) => {
    const targets = capped(ids, CARD_LIMITS.listItems, (id) => {
      const target = base.byId.get(id);
      if (!target) return `${escape(clip(id))} *(no such entry)*`;
      return links.entry ? `[${escape(clip(target.name))}](${links.entry(id)})` : escape(clip(target.name));
    });
    return `${escape(clip(label(relation).toLowerCase()))} ${targets.join(', ')}`;
  });
  if (relations.length > 0) out.push(`**Relations:** ${relations.join(' · ')}`);

  // A portrait only through the host's link, which admits files inside the workspace: a remote
  // URL in a shared lore pack would be a tracking pixel loaded on hover.
  const image = entry.image && links.image ? links.image(entry.image) : undefined;
  if (image) out.push(`![${escape(clip(entry.name))}](${image})`);

  const changed = capped(Object.entries(entry.overrides), CARD_LIMITS.listItems, ([field, how]) => {
    const removed = entry.fieldLocations[field] === undefined;
    const [, layer, was] = /^(\S+)\s*(.*)$/.exec(how) ?? [how, how, ''];
    return `${codeSpan(clip(field))} ${removed ? 'removed' : 'set'} by the ${escape(clip(layer))} layer${was ? ` ${escape(clip(was))}` : ''}`;
  });
  if (changed.length > 0) out.push(`**Changed in this story:** ${changed.join('; ')}.`);

  const footer: string[] = [];
  if (entry.source) footer.push(`*Source:* ${escape(entry.source)}`);
  if (links.definition) {
    const at = links.definition(entry);
    footer.push(`[${escape(at.label)}](${at.href})`);
  }
  if (footer.length > 0) out.push(footer.join(' · '));
  return withinBudget(out, CARD_LIMITS.cardChars);

  function spanLines(e: Entry, at: StoryDate | undefined): string[] {
    const lines: string[] = [];
    const relative = (d: StoryDate): string => {
      if (!at) return '';
      const diff = at.year - d.year;
      if (diff === 0) return ' · the same year as this scene';
      return diff > 0 ? ` · ${years(diff)} before this scene` : ` · ${years(-diff)} after this scene`;
    };
    if (e.born) {
      const alive = at && lifeStatusAt(e, at).state === 'alive';
      const age = alive && e.born ? ` · ${formatAge(wholeYearsBetween(e.born, at))} in ${date$({ year: at.year })}` : relative(e.born);
      lines.push(`**Born:** ${date$(e.born)}${age}`);
    }
    if (e.died) {
      const how = e.death ? ` (${escape(e.death)})` : '';
      const atDeath = e.born ? `, aged ${formatAge(wholeYearsBetween(e.born, e.died))}` : '';
      lines.push(`**Died:** ${date$(e.died)}${how}${atDeath}${relative(e.died)}`);
    }
    if (e.from) lines.push(`**${isBeing(e) ? 'From' : 'Since'}:** ${date$(e.from)}${relative(e.from)}`);
    if (e.until) {
      const how = e.death && !e.died ? ` (${escape(e.death)})` : '';
      lines.push(`**Until:** ${date$(e.until)}${how}${relative(e.until)}`);
    }
    if (e.date) lines.push(`**Date:** ${date$(e.date)}${relative(e.date)}`);
    return lines;
  }
}

/** "**In 2399:** 94 years old." — the entry's status at the scene's date, or undefined when undated. */
function statusLine(entry: Entry, calendar: Calendar, date: StoryDate | undefined, mode: string | undefined): string | undefined {
  if (!date) return undefined;
  const when = `**In ${dateInWords({ year: date.year }, calendar)}${mode ? ` (${escape(mode)})` : ''}:**`;
  const status = lifeStatusAt(entry, date);
  const being = isBeing(entry);
  const fmt = (d: StoryDate): string => whenInWords(d, calendar);
  if (entry.kind === 'event') {
    const at = entry.date ?? entry.from;
    if (!at) return undefined;
    const diff = date.year - at.year;
    const text = diff > 0 ? `${years(diff)} ago` : diff < 0 ? `still ${years(-diff)} in the future` : 'this same year';
    return `${when} ${text}.`;
  }
  switch (status.state) {
    case 'ended': {
      const end = being ? entry.died! : entry.until!;
      const since = status.years === 0 ? 'earlier the same year' : `${years(status.years!)} before this scene`;
      return being ? `${when} dead — died ${fmt(end)}, ${since}.` : `${when} no longer exists — ended ${fmt(end)}, ${since}.`;
    }
    case 'not-yet': {
      const start = being ? entry.born! : entry.from!;
      const until = status.years === 0 ? 'later the same year' : `${years(status.years!)} after this scene`;
      return being ? `${when} not yet born — born ${fmt(start)}, ${until}.` : `${when} does not exist yet — from ${dateInWords(start, calendar)}, ${until}.`;
    }
    case 'alive':
      if (status.age) return `${when} ${formatAge(status.age)} years old.`;
      if (!being && (entry.from || entry.until)) return `${when} exists.`;
      if (being && entry.died) return `${when} alive.`;
      return undefined;
    default:
      return undefined;
  }
}

/** A descriptive field's value as text: a string, a number, or a list of them (capped). */
function describe(value: unknown, depth = 0): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (depth > 4) return '…';
  if (Array.isArray(value)) {
    const parts = value.map((v) => describe(v, depth + 1)).filter((v): v is string => v !== undefined);
    return parts.length > 0 ? capped(parts, CARD_LIMITS.listItems, (p) => p).join(', ') : undefined;
  }
  if (typeof value === 'object') {
    const parts = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => {
        const text = describe(v, depth + 1);
        return text === undefined ? undefined : `${escape(clip(k))}: ${text}`;
      })
      .filter((v): v is string => v !== undefined);
    return parts.length > 0 ? capped(parts, CARD_LIMITS.listItems, (p) => p).join('; ') : undefined;
  }
  return escape(clip(String(value)));
}

/** The first `max` items shown, then "… and N more". */
function capped<T>(items: readonly T[], max: number, show: (item: T) => string): string[] {
  const shown = items.slice(0, max).map(show);
  if (items.length > max) shown.push(`*… and ${items.length - max} more*`);
  return shown;
}

/** Long lore text cut at a word, with an ellipsis. */
function clip(text: string): string {
  if (text.length <= CARD_LIMITS.textChars) return text;
  const cut = text.slice(0, CARD_LIMITS.textChars);
  const space = cut.lastIndexOf(' ');
  return `${space > CARD_LIMITS.textChars / 2 ? cut.slice(0, space) : cut}…`;
}

/** Parts of the card while they fit the budget, then a line saying how many were left out. */
function withinBudget(parts: string[], budget: number): string {
  let size = 0;
  let kept = 0;
  while (kept < parts.length && size + parts[kept].length + 2 <= budget) size += parts[kept++].length + 2;
  if (kept === parts.length) return parts.join('\n\n');
  return [...parts.slice(0, Math.max(kept, 1)).map((p) => (p.length > budget ? `${p.slice(0, budget)}…` : p)), `*… and ${parts.length - Math.max(kept, 1)} more (open the entry to see everything)*`].join('\n\n');
}

/** Text as a Markdown code span that no backtick in it can close early. */
export function codeSpan(text: string): string {
  const flat = text.replace(/\s*\n\s*/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || longest > 0 ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** `home_world` → `Home world`. */
function label(key: string): string {
  const words = key.replace(/[_-]+/g, ' ').trim();
  return words.length > 0 ? words[0].toUpperCase() + words.slice(1) : key;
}

/** Escapes the characters Markdown would take for formatting, so lore text shows as written. */
export function escape(text: string): string {
  return text.replace(/[\\`*_[\]<>|#]/g, '\\$&').replace(/\s*\n\s*/g, ' ');
}
