// One wiki page → a draft lore entry, a redirect, or a reason it was skipped (SPEC §5).
// Pure: the page arrives as plain data from whatever read the export.
import type { DateField } from '../lore/entry';
import type { Mapping, TemplateRule } from './mapping';
import { readWikiDate } from './wikiDates';
import { leadSummary, linksOf, listItems, normalizeTitle, plainText, topLevelTemplates, WikitextError, type Template } from './wikitext';

export interface WikiPage {
  title: string;
  ns: number;
  /** Target title of a redirect page. */
  redirect?: string;
  revision?: string;
  timestamp?: string;
  text: string;
}

/** A value the importer could not read, with the page it came from. */
export interface ImportProblem {
  page: string;
  field?: string;
  value?: string;
  message: string;
}

export interface DraftEntry {
  title: string;
  /** The title without its disambiguation (`Data` for `Data (android)`). */
  name: string;
  kind: string;
  /** Set when a skip rule was overridden with --include: the entry's id gets this suffix. */
  variant?: string;
  dates: Partial<Record<DateField, string>>;
  /** Descriptive fields in mapping order: one value, or several. */
  fields: Array<[string, string | string[]]>;
  aliases: string[];
  relationLinks: Array<{ relation: string; target: string }>;
  summary?: string;
  revision?: string;
  timestamp?: string;
}

export type PageResult =
  | { type: 'entry'; entry: DraftEntry; problems: ImportProblem[] }
  | { type: 'redirect'; from: string; to: string }
  | { type: 'skipped'; reason: string; problems: ImportProblem[] };

export const SKIP_NAMESPACE = 'not an article (talk, user, template or other namespace)';
export const SKIP_NO_INFOBOX = 'no infobox this mapping knows';
export const SKIP_BROKEN = 'broken wikitext';

/** The templates of each mapping, indexed once. */
const ruleIndex = new WeakMap<Mapping, Map<string, TemplateRule>>();

function rulesOf(mapping: Mapping): Map<string, TemplateRule> {
  let index = ruleIndex.get(mapping);
  if (!index) {
    index = new Map();
    for (const rule of mapping.templates) for (const name of rule.names) if (!index.has(name)) index.set(name, rule);
    ruleIndex.set(mapping, index);
  }
  return index;
}

export function stripDisambiguation(title: string): string {
  const stripped = title.replace(/\s+\([^()]*\)$/, '').trim();
  return stripped.length > 0 ? stripped : title;
}

export function readPage(page: WikiPage, mapping: Mapping, include: ReadonlySet<string> = new Set()): PageResult {
  const result = readPageText(page, mapping, include);
  // What an import keeps must not pin the export's text: V8 slices share their parent string, so a
  // 20-character name could hold a whole megabyte chunk of the dump in memory. JSON copies are flat.
  return result.type === 'skipped' && result.problems.length === 0 ? result : (JSON.parse(JSON.stringify(result)) as PageResult);
}

function readPageText(page: WikiPage, mapping: Mapping, include: ReadonlySet<string>): PageResult {
  const title = normalizeTitle(page.title);
  // Older exports have no <redirect/> element: the text says it.
  const redirect = page.redirect ?? /^\s*#REDIRECT\s*:?\s*\[\[([^\]|]+)/i.exec(page.text)?.[1]?.trim();
  if (redirect !== undefined) {
    if (!mapping.namespaces.includes(page.ns)) return { type: 'skipped', reason: SKIP_NAMESPACE, problems: [] };
    return { type: 'redirect', from: title, to: redirect };
  }
  if (!mapping.namespaces.includes(page.ns)) return { type: 'skipped', reason: SKIP_NAMESPACE, problems: [] };
  const text = page.text;
  // Most pages of a dump have no infobox: look for one cheaply before reading templates.
  if (text.indexOf('{{') < 0) return { type: 'skipped', reason: SKIP_NO_INFOBOX, problems: [] };

  let templates: Template[];
  let broken: string | undefined;
  try {
    templates = topLevelTemplates(text);
  } catch (error) {
    if (!(error instanceof WikitextError)) throw error;
    broken = error.message;
    templates = safeTemplates(text);
  }
  let variant: string | undefined;
  let name = title;
  for (const rule of mapping.skip) {
    const byTitle = rule.titleSuffix !== undefined && title.endsWith(rule.titleSuffix);
    const byTemplate = rule.template !== undefined && templates.some((t) => t.name.toLowerCase() === rule.template && (rule.positional === undefined || t.positional.some((p) => p.toLowerCase() === rule.positional)));
    if (!byTitle && !byTemplate) continue;
    if (!include.has(rule.reason.toLowerCase())) return { type: 'skipped', reason: rule.reason, problems: [] };
    variant = rule.reason;
    if (byTitle) name = title.slice(0, -rule.titleSuffix!.length).trim();
  }
  const rules = rulesOf(mapping);
  const infobox = templates.find((t) => rules.has(t.name.toLowerCase()));
  if (!infobox) {
    if (broken) return { type: 'skipped', reason: SKIP_BROKEN, problems: [{ page: title, message: `broken wikitext: ${broken}` }] };
    return { type: 'skipped', reason: SKIP_NO_INFOBOX, problems: [] };
  }
  const rule = rules.get(infobox.name.toLowerCase())!;
  const problems: ImportProblem[] = [];
  if (broken) problems.push({ page: title, message: `broken wikitext after the infobox (summary may be short): ${broken}` });
  const entry = buildDraft(title, mapping.stripDisambiguation ? stripDisambiguation(name) : name, rule, infobox, page, mapping, problems);
  if (variant) entry.variant = variant;
  const summary = leadSummary(text, mapping.inline);
  if (summary) entry.summary = summary;
  return { type: 'entry', entry, problems };
}

/** The templates before the first unclosed one. */
function safeTemplates(text: string): Template[] {
  const out: Template[] = [];
  let from = 0;
  for (;;) {
    const at = text.indexOf('{{', from);
    if (at < 0) return out;
    try {
      const [t] = topLevelTemplates(text.slice(at), 1);
      if (!t) return out;
      out.push({ ...t, start: t.start + at, end: t.end + at });
      from = t.end + at;
    } catch {
      return out;
    }
  }
}

function firstParam(t: Template, params: string[]): { param: string; value: string } | undefined {
  for (const param of params) {
    const value = t.params.get(param);
    if (value !== undefined && plainText(value).length > 0) return { param, value };
  }
  return undefined;
}

function buildDraft(title: string, name: string, rule: TemplateRule, t: Template, page: WikiPage, mapping: Mapping, problems: ImportProblem[]): DraftEntry {
  const entry: DraftEntry = { title, name, kind: rule.kind, dates: {}, fields: [], aliases: [], relationLinks: [], revision: page.revision, timestamp: page.timestamp };
  const deathPlace: string[] = [];
  for (const { field, params } of rule.fields) {
    const found = firstParam(t, params);
    if (!found) continue;
    if (isDateField(field)) {
      const plain = plainText(found.value, mapping.inline);
      const date = readWikiDate(plain, mapping.calendar);
      if (date.kind === 'date') {
        entry.dates[field] = date.value;
        if (date.place) {
          if (field === 'died' || field === 'until') deathPlace.push(date.place);
          else entry.fields.push([field === 'born' ? 'birthplace' : `${field}-place`, date.place]);
        }
      } else if (date.kind === 'approximate') {
        entry.fields.push([`${field}-text`, date.text]);
        problems.push({ page: title, field: found.param, value: plain, message: `approximate date not imported as ${field} (kept as ${field}-text)` });
      } else if (date.kind === 'unreadable') {
        entry.fields.push([`${field}-text`, date.text]);
        problems.push({ page: title, field: found.param, value: plain, message: `unreadable date (kept as ${field}-text)` });
      }
      continue;
    }
    const items = listItems(found.value, mapping.inline);
    if (items.length === 0) continue;
    entry.fields.push([field, items.length === 1 ? items[0]! : items]);
  }
  if (rule.status) applyStatus(rule, t, entry, mapping, problems, deathPlace);
  if (deathPlace.length > 0) entry.fields.push(['death', deathPlace.join('; ')]);

  for (const param of rule.aliases) {
    const value = t.params.get(param);
    if (value === undefined) continue;
    for (const item of listItems(value, mapping.inline)) {
      const alias = item.replace(/\s*\([^)]*\)\s*$/, '').replace(/^["“]|["”]$/g, '').trim();
      if (alias.length > 0 && alias.length <= 80) entry.aliases.push(alias);
    }
  }
  for (const { relation, params } of rule.relations) {
    for (const param of params) {
      const value = t.params.get(param);
      if (value === undefined) continue;
      for (const link of linksOf(value)) entry.relationLinks.push({ relation, target: link.target });
    }
  }
  for (const param of rule.labelledRelations) {
    const value = t.params.get(param);
    if (value === undefined) continue;
    for (const link of linksOf(value)) {
      const label = /\(\s*([^)]+?)\s*\)/.exec(plainText(link.after, mapping.inline));
      const relation = label ? relationName(label[1]!) : param;
      if (relation) entry.relationLinks.push({ relation, target: link.target });
    }
  }
  return entry;
}

/** `(paternal grandfather)` → `paternal-grandfather`; `(née Evans)` and other notes → none. */
function relationName(label: string): string | undefined {
  const cleaned = label.toLowerCase().replace(/\s*(?:†|\bdeceased\b|\bformerly\b|\bestranged\b|\badoptive\b|\bin-law\b.*)$/g, '').trim();
  if (!/^[a-z][a-z -]{1,40}$/.test(cleaned)) return undefined;
  if (!/(?:father|mother|parent|son|daughter|child|brother|sister|sibling|wife|husband|spouse|partner|uncle|aunt|cousin|niece|nephew|grand|ancestor|descendant|twin|fianc)/.test(cleaned)) return undefined;
  return cleaned.replace(/\s+/g, '-');
}

function applyStatus(rule: TemplateRule, t: Template, entry: DraftEntry, mapping: Mapping, problems: ImportProblem[], deathPlace: string[]): void {
  const status = rule.status!;
  const raw = t.params.get(status.param);
  if (raw === undefined) return;
  const value = plainText(raw, mapping.inline);
  if (!value) return;
  entry.fields.push(['status', value]);
  const field = status.ends.get(value.toLowerCase().replace(/\s*\(.*$/, '').trim());
  if (!field || entry.dates[field] !== undefined || !status.date) return;
  const dateRaw = t.params.get(status.date);
  if (dateRaw === undefined) return;
  const plain = plainText(dateRaw, mapping.inline);
  const date = readWikiDate(plain, mapping.calendar);
  if (date.kind === 'date') {
    entry.dates[field] = date.value;
    if (date.place) deathPlace.push(date.place);
  } else if (date.kind === 'approximate' || date.kind === 'unreadable') {
    entry.fields.push([`${field}-text`, date.text]);
    problems.push({ page: entry.title, field: status.date, value: plain, message: `${date.kind === 'approximate' ? 'approximate' : 'unreadable'} date not imported as ${field} (kept as ${field}-text)` });
  }
}

function isDateField(field: string): field is DateField {
  return field === 'born' || field === 'died' || field === 'from' || field === 'until' || field === 'date';
}
