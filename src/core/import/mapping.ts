// The mapping of a wiki's infoboxes to lore entries (SPEC §5 `--mapping`): the shipped presets
// are files in this same format. Reading one never throws: a bad file is one line saying where.
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { parseCalendar, type Calendar, GREGORIAN } from '../dates';
import { DATE_FIELDS, type DateField } from '../lore/entry';

export interface SkipRule {
  /** Why pages are skipped, as the report says it (`Legends`); `--include` names it to keep them. */
  reason: string;
  titleSuffix?: string;
  template?: string;
  /** With `template`: its first unnamed parameter must be this (`{{Top|leg}}`). */
  positional?: string;
}

export interface StatusRule {
  param: string;
  /** The parameter holding the date of that status (Memory Alpha's `datestatus`). */
  date?: string;
  /** A status (lower-case) → the date field it ends (`deceased: died`, `destroyed: until`). */
  ends: Map<string, DateField>;
}

export interface TemplateRule {
  /** Lower-case template names. */
  names: string[];
  kind: string;
  /** Lore field → the template parameters that give it, first non-empty wins. */
  fields: Array<{ field: string; params: string[] }>;
  relations: Array<{ relation: string; params: string[] }>;
  /** Parameters listing relatives as links labelled in parentheses: `[[James Potter]] (father)`. */
  labelledRelations: string[];
  aliases: string[];
  status?: StatusRule;
}

export interface Mapping {
  wiki: string;
  url?: string;
  license?: string;
  /** Site names of the export's <siteinfo> that this mapping is for (preset guessing). */
  siteNames: string[];
  calendar: Calendar;
  /** The calendar as written, for the imported settings file. */
  calendarSource?: unknown;
  inline: Map<string, string>;
  /** Drop a trailing ` (…)` from titles: `Data (android)` is named `Data`. */
  stripDisambiguation: boolean;
  skip: SkipRule[];
  templates: TemplateRule[];
  /** Namespaces whose pages are articles (default: 0, the main namespace). */
  namespaces: number[];
}

export type MappingParse = { ok: true; mapping: Mapping } | { ok: false; message: string };

const TOP_KEYS = new Set(['wiki', 'url', 'license', 'site-names', 'calendar', 'inline-templates', 'strip-disambiguation', 'skip', 'templates', 'namespaces']);
const TEMPLATE_KEYS = new Set(['names', 'kind', 'fields', 'relations', 'labelled-relations', 'aliases', 'status']);
const SKIP_KEYS = new Set(['reason', 'title-suffix', 'template', 'positional']);
const STATUS_KEYS = new Set(['param', 'date', 'ends']);
const RESERVED = new Set(['name', 'id', 'kind', 'aliases', 'relations', 'source', 'summary', 'image']);

class MappingError extends Error {}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function text(v: unknown, where: string): string {
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string' || v.trim() === '') throw new MappingError(`${where} must be text`);
  return v.trim();
}

function texts(v: unknown, where: string): string[] {
  if (Array.isArray(v)) return v.map((item, i) => text(item, `${where}[${i}]`));
  return [text(v, where)];
}

function keysOf(v: Record<string, unknown>, allowed: Set<string>, where: string): void {
  for (const key of Object.keys(v)) {
    if (!allowed.has(key)) throw new MappingError(`${where}: unknown key "${key}" (known: ${[...allowed].join(', ')})`);
  }
}

/** Reads a mapping file's text; `name` prefixes the message (`mapping.yaml: …`). */
export function parseMapping(source: string, name: string): MappingParse {
  let data: unknown;
  try {
    data = parseYaml(source, { prettyErrors: true });
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const at = error.linePos?.[0];
      const first = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      return { ok: false, message: `${name}${at ? `:${at.line}:${at.col}` : ''}: invalid YAML: ${first}` };
    }
    return { ok: false, message: `${name}: invalid YAML` };
  }
  try {
    return { ok: true, mapping: readMapping(data) };
  } catch (error) {
    if (error instanceof MappingError) return { ok: false, message: `${name}: ${error.message}` };
    throw error;
  }
}

function readMapping(data: unknown): Mapping {
  if (!isRecord(data)) throw new MappingError('a mapping file is a YAML mapping with `wiki:` and `templates:`');
  keysOf(data, TOP_KEYS, 'top level');
  const wiki = text(data.wiki, '`wiki`');
  let calendar = GREGORIAN;
  if (data.calendar !== undefined && data.calendar !== null) {
    const parsed = parseCalendar(data.calendar);
    if (parsed.problems.length > 0) throw new MappingError(`calendar.${parsed.problems[0]!.path.join('.')}: ${parsed.problems[0]!.message}`);
    calendar = parsed.calendar;
  }
  const inline = new Map<string, string>();
  if (data['inline-templates'] !== undefined) {
    const given = data['inline-templates'];
    if (!isRecord(given)) throw new MappingError('`inline-templates` must map template names to patterns such as "{1} {2} {3}"');
    for (const [key, value] of Object.entries(given)) {
      if (typeof value !== 'string') throw new MappingError(`inline-templates.${key} must be text (use "" to drop the template)`);
      inline.set(key.trim().toLowerCase().replace(/_/g, ' '), value);
    }
  }
  if (!Array.isArray(data.templates) || data.templates.length === 0) throw new MappingError('`templates` must be a list of infobox rules (names, kind, fields)');
  const templates = data.templates.map((t, i) => readTemplateRule(t, `templates[${i}]`));
  const skip = data.skip === undefined ? [] : readSkip(data.skip);
  const namespaces = data.namespaces === undefined ? [0] : texts(data.namespaces, '`namespaces`').map((n) => {
    if (!/^-?\d+$/.test(n)) throw new MappingError(`namespaces: "${n}" is no namespace number`);
    return Number(n);
  });
  const strip = data['strip-disambiguation'];
  if (strip !== undefined && typeof strip !== 'boolean') throw new MappingError('`strip-disambiguation` must be true or false');
  return {
    wiki,
    url: data.url === undefined ? undefined : text(data.url, '`url`'),
    license: data.license === undefined ? undefined : text(data.license, '`license`'),
    siteNames: data['site-names'] === undefined ? [wiki] : texts(data['site-names'], '`site-names`'),
    calendar,
    calendarSource: data.calendar ?? undefined,
    inline,
    stripDisambiguation: strip !== false,
    skip,
    templates,
    namespaces,
  };
}

function readSkip(v: unknown): SkipRule[] {
  if (!Array.isArray(v)) throw new MappingError('`skip` must be a list of rules (reason, title-suffix or template)');
  return v.map((rule, i) => {
    const where = `skip[${i}]`;
    if (!isRecord(rule)) throw new MappingError(`${where} must be a mapping`);
    keysOf(rule, SKIP_KEYS, where);
    const out: SkipRule = { reason: text(rule.reason, `${where}.reason`) };
    if (rule['title-suffix'] !== undefined) out.titleSuffix = text(rule['title-suffix'], `${where}.title-suffix`);
    if (rule.template !== undefined) out.template = text(rule.template, `${where}.template`).toLowerCase();
    if (rule.positional !== undefined) out.positional = text(rule.positional, `${where}.positional`).toLowerCase();
    if (!out.titleSuffix && !out.template) throw new MappingError(`${where} needs a title-suffix or a template`);
    return out;
  });
}

function readTemplateRule(v: unknown, where: string): TemplateRule {
  if (!isRecord(v)) throw new MappingError(`${where} must be a mapping with names, kind and fields`);
  keysOf(v, TEMPLATE_KEYS, where);
  const names = texts(v.names, `${where}.names`).map((n) => n.toLowerCase().replace(/_/g, ' ').replace(/\s+/g, ' '));
  const kind = text(v.kind, `${where}.kind`);
  const fields: TemplateRule['fields'] = [];
  if (v.fields !== undefined) {
    if (!isRecord(v.fields)) throw new MappingError(`${where}.fields must map lore fields to template parameters`);
    for (const [field, params] of Object.entries(v.fields)) {
      if (RESERVED.has(field)) throw new MappingError(`${where}.fields.${field}: "${field}" is set by the importer itself`);
      fields.push({ field, params: texts(params, `${where}.fields.${field}`).map((p) => p.toLowerCase()) });
    }
  }
  const relations: TemplateRule['relations'] = [];
  if (v.relations !== undefined) {
    if (!isRecord(v.relations)) throw new MappingError(`${where}.relations must map relation names to template parameters`);
    for (const [relation, params] of Object.entries(v.relations)) {
      relations.push({ relation, params: texts(params, `${where}.relations.${relation}`).map((p) => p.toLowerCase()) });
    }
  }
  const rule: TemplateRule = {
    names,
    kind,
    fields,
    relations,
    labelledRelations: v['labelled-relations'] === undefined ? [] : texts(v['labelled-relations'], `${where}.labelled-relations`).map((p) => p.toLowerCase()),
    aliases: v.aliases === undefined ? [] : texts(v.aliases, `${where}.aliases`).map((p) => p.toLowerCase()),
  };
  if (v.status !== undefined) {
    const s = v.status;
    if (!isRecord(s)) throw new MappingError(`${where}.status must be a mapping with param, date and ends`);
    keysOf(s, STATUS_KEYS, `${where}.status`);
    const ends = new Map<string, DateField>();
    if (!isRecord(s.ends)) throw new MappingError(`${where}.status.ends must map statuses to date fields (deceased: died)`);
    for (const [status, field] of Object.entries(s.ends)) {
      if (typeof field !== 'string' || !(DATE_FIELDS as readonly string[]).includes(field)) {
        throw new MappingError(`${where}.status.ends.${status} must be one of ${DATE_FIELDS.join(', ')}`);
      }
      ends.set(status.toLowerCase(), field as DateField);
    }
    rule.status = { param: text(s.param, `${where}.status.param`).toLowerCase(), date: s.date === undefined ? undefined : text(s.date, `${where}.status.date`).toLowerCase(), ends };
  }
  return rule;
}
