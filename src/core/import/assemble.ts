// All drafts of an import → lore files and the report (SPEC §5). Deterministic: the same pages
// in the same order give the same bytes. Names, ids and aliases are made unique by the rules
// below so that the imported base loads without `lore-duplicate-alias` errors:
//
// 1. Two pages whose titles strip to the same name: the page titled exactly that keeps the name;
//    the others keep their full title (`Data (android)`) as name.
// 2. Two names with the same default id: the later (by title) gets `-2`, `-3`…
// 3. An alias that is another entry's name belongs to that entry only.
// 4. An alias claimed by two or more entries (two "Ben"s) is dropped from all of them.
// Each decision of rules 1, 3 and 4 is listed in the report.
import { stringify } from 'yaml';
import { defaultId } from '../lore/entry';
import type { Mapping } from './mapping';
import { entriesYaml } from './yamlText';
import { stripDisambiguation, type DraftEntry, type ImportProblem } from './page';
import { normalizeTitle } from './wikitext';

export interface ImportReport {
  wiki: string;
  files: string[];
  pagesRead: number;
  entriesByKind: Record<string, number>;
  entries: number;
  redirects: number;
  skipped: Record<string, number>;
  aliasDecisions: Array<{ alias: string; kept?: string; droppedFrom: string[] }>;
  renamed: Array<{ page: string; name: string; reason: string }>;
  problems: ImportProblem[];
}

export interface ImportOutput {
  /** Paths relative to the output folder, `/`-separated, sorted. */
  files: Array<{ path: string; text: string }>;
  report: ImportReport;
}

export interface ImportTally {
  pagesRead: number;
  skipped: Map<string, number>;
  problems: ImportProblem[];
}

const PLURAL: Record<string, string> = { character: 'characters', place: 'places', ship: 'ships', organization: 'organizations', event: 'events', item: 'items', species: 'species', concept: 'concepts' };
/** Above this many entries a kind's file is split by initial, so that no file is huge. */
const SPLIT_ABOVE = 1000;
export const REPORT_FILE = 'import-report.log';
export const SETTINGS_FILE = 'settings.yaml';
/** Marks a folder as one an import wrote, so that a re-import may replace it. */
export const IMPORT_MARK = 'imported-by';

interface Final {
  draft: DraftEntry;
  name: string;
  id: string;
  aliases: string[];
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function assembleImport(drafts: DraftEntry[], redirects: Array<{ from: string; to: string }>, mapping: Mapping, tally: ImportTally, inputs: string[]): ImportOutput {
  const problems = [...tally.problems];
  const renamed: ImportReport['renamed'] = [];
  // The same page in two exports: the later revision wins.
  const latest = new Map<string, DraftEntry>();
  for (const d of drafts) {
    const key = `${d.title}\u0000${d.variant ?? ''}`;
    const seen = latest.get(key);
    if (!seen || (d.timestamp ?? '') > (seen.timestamp ?? '')) latest.set(key, d);
  }
  const sorted = [...latest.values()].sort((a, b) => byText(a.title, b.title) || byText(a.variant ?? '', b.variant ?? ''));

  // Redirects: the target's title (without #section) → its redirect titles.
  const titleToEntry = new Map<string, Final>();
  const redirectTo = new Map<string, string>();
  for (const r of redirects) {
    const target = normalizeTitle(r.to.replace(/#.*$/, ''));
    if (target && r.from !== target) redirectTo.set(r.from, r.to.includes('#') ? '' : target);
  }

  // Rule 1: names.
  const byName = new Map<string, DraftEntry[]>();
  for (const d of sorted) byName.set(d.name, [...(byName.get(d.name) ?? []), d]);
  const finals: Final[] = [];
  for (const d of sorted) {
    let name = d.name;
    const sharing = byName.get(d.name)!;
    if (sharing.length > 1) {
      const plain = sharing.filter((s) => !s.variant);
      const exact = plain.filter((s) => s.title === s.name);
      const keeper = exact.length === 1 ? exact[0] : plain.length === 1 ? plain[0] : undefined;
      if (d !== keeper) {
        name = d.variant ? `${d.name} (${d.variant})` : d.title;
        const others = sharing.filter((s) => s !== d).map((s) => s.title + (s.variant ? ` (${s.variant})` : ''));
        renamed.push({ page: d.title, name, reason: `"${d.name}" is also the name of ${others.join(', ')}` });
      }
    }
    finals.push({ draft: d, name, id: '', aliases: [] });
  }

  // Rule 2: ids.
  const usedIds = new Set<string>();
  for (const f of finals) {
    let base = defaultId(f.draft.variant ? f.draft.name : f.name) || defaultId(f.draft.title) || 'entry';
    if (f.draft.variant) base = `${base}-${defaultId(f.draft.variant)}`;
    let id = base;
    for (let n = 2; usedIds.has(id); n++) id = `${base}-${n}`;
    usedIds.add(id);
    f.id = id;
    titleToEntry.set(f.draft.title, f);
  }

  // Aliases: the infobox's other names, then every redirect to the page.
  const redirectsTo = new Map<string, string[]>();
  for (const [from, to] of [...redirectTo].sort((a, b) => byText(a[0], b[0]))) {
    if (!to) continue;
    redirectsTo.set(to, [...(redirectsTo.get(to) ?? []), from]);
  }
  const names = new Map<string, Final>();
  for (const f of finals) names.set(f.name, f);
  const claims = new Map<string, Final[]>();
  for (const f of finals) {
    const own = new Set<string>([f.name]);
    const candidates = [...f.draft.aliases, ...(redirectsTo.get(f.draft.title) ?? []).map((t) => (mapping.stripDisambiguation ? stripDisambiguation(t) : t))];
    if (f.name !== f.draft.name) candidates.push(f.draft.name);
    for (const alias of candidates) {
      if (own.has(alias) || !usableAlias(alias)) continue;
      own.add(alias);
      f.aliases.push(alias);
      claims.set(alias, [...(claims.get(alias) ?? []), f]);
    }
  }
  const aliasDecisions: ImportReport['aliasDecisions'] = [];
  for (const [alias, claimants] of [...claims].sort((a, b) => byText(a[0], b[0]))) {
    const owner = names.get(alias);
    if (owner) {
      // Rule 3: another entry is named so.
      for (const f of claimants) f.aliases = f.aliases.filter((a) => a !== alias);
      aliasDecisions.push({ alias, kept: `${owner.name} (${owner.id})`, droppedFrom: claimants.map((f) => `${f.name} (${f.id})`) });
    } else if (claimants.length > 1) {
      // Rule 4: ambiguous in prose, so no entry gets it.
      for (const f of claimants) f.aliases = f.aliases.filter((a) => a !== alias);
      aliasDecisions.push({ alias, droppedFrom: claimants.map((f) => `${f.name} (${f.id})`) });
    }
  }

  // Relations: links to imported pages, directly or through a redirect.
  const resolve = (title: string): Final | undefined => {
    let t = title;
    for (let hops = 0; hops < 4; hops++) {
      const found = titleToEntry.get(t);
      if (found) return found;
      const next = redirectTo.get(t);
      if (!next) return undefined;
      t = next;
    }
    return undefined;
  };

  const entriesByKind: Record<string, number> = {};
  const byKind = new Map<string, Array<{ final: Final; data: Record<string, unknown> }>>();
  for (const f of finals) {
    const data = entryData(f, mapping, resolve);
    const list = byKind.get(f.draft.kind) ?? [];
    list.push({ final: f, data });
    byKind.set(f.draft.kind, list);
    entriesByKind[f.draft.kind] = (entriesByKind[f.draft.kind] ?? 0) + 1;
  }

  const files: Array<{ path: string; text: string }> = [];
  const header = `# Imported from ${mapping.wiki} by \`lorekeeper import mediawiki\`. Do not edit: a re-import replaces this folder.\n# Put corrections in a later lore layer (lore: [lore/imported, lore]).\n`;
  for (const [kind, list] of [...byKind].sort((a, b) => byText(a[0], b[0]))) {
    list.sort((a, b) => byText(a.final.id, b.final.id));
    const folder = PLURAL[kind] ?? (defaultId(kind) || 'other');
    const groups = new Map<string, Array<Record<string, unknown>>>();
    for (const { final, data } of list) {
      const key = list.length > SPLIT_ABOVE ? `${folder}/${initialOf(final.id)}.yaml` : `${folder}.yaml`;
      groups.set(key, [...(groups.get(key) ?? []), data]);
    }
    for (const [path, entries] of groups) files.push({ path, text: header + entriesYaml(entries as Array<Record<string, never>>) });
  }
  files.push({ path: SETTINGS_FILE, text: settingsText(mapping) });
  files.sort((a, b) => byText(a.path, b.path));

  const skipped: Record<string, number> = {};
  for (const [reason, count] of [...tally.skipped].sort((a, b) => byText(a[0], b[0]))) skipped[reason] = count;
  const report: ImportReport = {
    wiki: mapping.wiki,
    files: inputs,
    pagesRead: tally.pagesRead,
    entries: finals.length,
    entriesByKind: Object.fromEntries(Object.entries(entriesByKind).sort((a, b) => byText(a[0], b[0]))),
    redirects: redirects.length,
    skipped,
    aliasDecisions,
    renamed,
    problems: problems.sort((a, b) => byText(a.page, b.page)),
  };
  files.push({ path: REPORT_FILE, text: formatReportText(report) });
  return { files, report };
}

function usableAlias(alias: string): boolean {
  // A lower-case redirect (`jean-luc picard`) or a one-letter one is no name the prose uses.
  return alias.length >= 2 && alias.length <= 80 && /\p{Lu}|\p{N}/u.test(alias[0]!) && !/[[\]{}|#<>]/.test(alias);
}

function initialOf(id: string): string {
  const c = id[0] ?? '';
  return /[a-z]/.test(c) ? c : /[0-9]/.test(c) ? '0-9' : 'other';
}

function entryData(f: Final, mapping: Mapping, resolve: (title: string) => Final | undefined): Record<string, unknown> {
  const d = f.draft;
  const data: Record<string, unknown> = { name: f.name };
  if (f.id !== defaultId(f.name)) data.id = f.id;
  data.kind = d.kind;
  if (f.aliases.length > 0) data.aliases = f.aliases;
  for (const field of ['born', 'died', 'from', 'until', 'date'] as const) if (d.dates[field] !== undefined) data[field] = d.dates[field];
  for (const [key, value] of d.fields) if (data[key] === undefined) data[key] = value;
  if (d.variant) data.continuity = d.variant;
  const relations: Record<string, string[]> = {};
  for (const { relation, target } of d.relationLinks) {
    const found = resolve(target);
    if (!found || found === f) continue;
    const list = (relations[relation] ??= []);
    if (!list.includes(found.id)) list.push(found.id);
  }
  const relationNames = Object.keys(relations);
  if (relationNames.length > 0) data.relations = Object.fromEntries(relationNames.map((r) => [r, relations[r]!.length === 1 ? relations[r]![0] : relations[r]]));
  if (d.summary) data.summary = d.summary;
  const revision = [d.revision ? `revision ${d.revision}` : '', d.timestamp ?? ''].filter(Boolean).join(', ');
  data.source = `${mapping.wiki}: ${d.title}${revision ? ` (${revision})` : ''}`;
  return data;
}

function settingsText(mapping: Mapping): string {
  const settings: Record<string, unknown> = {
    title: mapping.license ? `${mapping.wiki} (imported; text under ${mapping.license})` : `${mapping.wiki} (imported)`,
  };
  if (mapping.license) settings.license = mapping.license;
  if (mapping.url) settings.url = mapping.url;
  if (mapping.calendarSource !== undefined) settings.calendar = mapping.calendarSource;
  settings[IMPORT_MARK] = 'lorekeeper import mediawiki';
  return `# Settings of the imported base (a later layer's settings file overrides the title or calendar).\n${stringify(settings, { lineWidth: 0 })}`;
}

export function formatReportText(report: ImportReport): string {
  const lines: string[] = [];
  const kinds = Object.entries(report.entriesByKind).map(([k, n]) => `${n} ${k}`).join(', ');
  lines.push(`Imported ${report.entries} entries from ${report.wiki} (${report.pagesRead} pages read, ${report.redirects} redirects)${kinds ? `: ${kinds}` : ''}.`);
  const skipped = Object.entries(report.skipped);
  if (skipped.length > 0) {
    lines.push('Pages skipped:');
    for (const [reason, n] of skipped) lines.push(`  ${n}  ${reason}`);
  }
  if (report.renamed.length > 0) {
    lines.push(`Names kept with their disambiguation (${report.renamed.length}):`);
    for (const r of report.renamed) lines.push(`  ${r.page}: named "${r.name}" (${r.reason})`);
  }
  if (report.aliasDecisions.length > 0) {
    lines.push(`Aliases shared by several entries (${report.aliasDecisions.length}):`);
    for (const a of report.aliasDecisions) {
      lines.push(a.kept ? `  "${a.alias}": the name of ${a.kept}; dropped from ${a.droppedFrom.join(', ')}` : `  "${a.alias}": dropped from ${a.droppedFrom.join(', ')} (ambiguous)`);
    }
  }
  if (report.problems.length > 0) {
    lines.push(`Values that could not be read (${report.problems.length}):`);
    for (const p of report.problems) lines.push(`  ${p.page}${p.field ? ` [${p.field}]` : ''}: ${p.message}${p.value !== undefined ? `: "${p.value}"` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}
