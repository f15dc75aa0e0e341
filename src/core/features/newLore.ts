// "New Lore Base" and "New Lore Entry": the files and snippets that start a fandom, in the base's
// own calendar. The editor asks the questions and writes the files; the texts are made here.
import { formatStoryDate, GREGORIAN, parseCalendar, type Calendar } from '../dates';
import { isMap, isSeq, parseDocument } from 'yaml';

export type CalendarChoice =
  | { kind: 'none' }
  | { kind: 'bby-aby' }
  | { kind: 'ta-fa' }
  /** Eras named by the writer: one counted backwards before year 0 and/or one after it. */
  | { kind: 'custom'; before?: string; after?: string };

export const CALENDAR_CHOICES: ReadonlyArray<{ choice: CalendarChoice; label: string; detail: string }> = [
  { choice: { kind: 'none' }, label: 'Plain years', detail: '1998, 1998-09, 1998-09-02 — most canons' },
  { choice: { kind: 'bby-aby' }, label: 'BBY / ABY', detail: '19 BBY, 4 ABY — Star Wars' },
  { choice: { kind: 'ta-fa' }, label: 'TA / FA', detail: 'TA 3019, FA 1 — Third and Fourth Age, Middle-earth' },
  { choice: { kind: 'custom' }, label: 'Eras of my own…', detail: 'name an era before year 0 and one after it' },
];

function calendarYaml(choice: CalendarChoice): string | undefined {
  switch (choice.kind) {
    case 'none':
      return undefined;
    case 'bby-aby':
      return 'calendar:\n  eras:\n    - { name: BBY, aliases: [B.B.Y.], before: true }   # 19 BBY is year -19\n    - { name: ABY, aliases: [A.B.Y.] }                 # 4 ABY is year 4\n';
    case 'ta-fa':
      return 'calendar:\n  eras:\n    - { name: TA, aliases: [T.A.] }                # TA 3019: year 3019 of the Third Age\n    - { name: FA, aliases: [F.A.], offset: 3021 }  # FA 1 is the year after TA 3021\n';
    case 'custom': {
      const eras: string[] = [];
      if (choice.before) eras.push(`    - { name: ${yamlWord(choice.before)}, before: true }   # 10 ${choice.before} is year -10`);
      if (choice.after) eras.push(`    - { name: ${yamlWord(choice.after)} }                 # 10 ${choice.after} is year 10`);
      return eras.length > 0 ? `calendar:\n  eras:\n${eras.join('\n')}\n` : undefined;
    }
  }
}

/** The calendar a choice gives, to write example dates in it. */
export function calendarOf(choice: CalendarChoice): Calendar {
  const yaml = calendarYaml(choice);
  if (!yaml) return GREGORIAN;
  const doc = parseDocument(yaml).toJSON() as { calendar: unknown };
  return parseCalendar(doc.calendar).calendar;
}

/** `lore/_settings.yaml` of a new base. */
export function settingsFile(title: string, choice: CalendarChoice): string {
  const calendar = calendarYaml(choice);
  return [
    '# The settings of this lore base: its title, and the calendar its dates are written in.',
    `title: ${yamlText(title.trim() || 'My canon')}`,
    ...(calendar ? [calendar.trimEnd()] : ['# No calendar: dates are plain years (1998), months (1998-09) or days (1998-09-02).']),
    '',
  ].join('\n');
}

/** A typical date of the calendar, for examples: the year 1000 of its last era, or 1998. */
function sampleDates(calendar: Calendar): { born: string; died: string; event: string } {
  const era = calendar.eras[calendar.eras.length - 1];
  if (!era) return { born: '1960-03-10', died: '1998-05-02', event: '1981-10-31' };
  const at = (n: number): string => formatStoryDate({ year: era.before ? era.offset - n : era.offset + n }, calendar);
  return { born: at(era.before ? 40 : 1), died: at(era.before ? 1 : 40), event: at(era.before ? 20 : 20) };
}

/** The commented example entry written beside the settings: every line a comment, nothing loaded. */
export function exampleEntryFile(calendar: Calendar): string {
  const d = sampleDates(calendar);
  const lines = [
    'One entry per character, place, ship, organisation or event. Uncomment and edit this',
    'example, or run "Lorekeeper: New Lore Entry" to add one with the fields filled in.',
    '',
    '- name: Ada Quill                     # the canonical name (required)',
    '  aliases: [Ada, Miss Quill]          # other names prose uses',
    `  born: ${d.born}`.padEnd(38) + '# checked against every scene\'s date',
    `  died: ${d.died}`.padEnd(38) + '# a presence after this is a warning',
    '  species: Human                      # any other field is shown on the card',
    '  summary: Cartographer of the northern coast.',
    '  relations:',
    '    friend: [tomas-reed]              # ids of other entries',
    '',
    '- name: The Long Winter',
    '  kind: event',
    `  date: ${d.event}`.padEnd(38) + '# a year stated for it in prose is checked',
  ];
  return lines.map((line) => (line === '' ? '#' : `# ${line}`)).join('\n') + '\n';
}

/** The fields a new entry of each kind starts with, as a snippet with tab stops. */
export function entrySnippet(kind: string, calendar: Calendar, indent = ''): string {
  const d = sampleDates(calendar);
  const date = (n: number, text: string): string => `\${${n}:${text.replace(/[$}\\]/g, '\\$&')}}`;
  const lines: string[] = [`- name: \${1:Name}`];
  if (kind !== 'character') lines.push(`  kind: ${kind}`);
  switch (kind) {
    case 'character':
      lines.push('  aliases: [${2}]', `  born: ${date(3, d.born)}`, `  # died: ${d.died}`, '  summary: ${4}');
      break;
    case 'event':
      lines.push(`  date: ${date(2, d.event)}`, '  summary: ${3}');
      break;
    case 'species':
    case 'concept':
      lines.push('  summary: ${2}');
      break;
    default:
      lines.push('  aliases: [${2}]', `  from: ${date(3, d.event)}`, `  # until: ${d.died}`, '  summary: ${4}');
  }
  return lines.map((line) => indent + line).join('\n') + '\n$0';
}

/** Where a new entry goes in a lore file: the end, and whether the file must first become a list. */
export function entryInsertion(existing: string): { ok: true; prefix: string; indent: string } | { ok: false; reason: string } {
  if (existing.trim() === '') return { ok: true, prefix: '', indent: '' };
  const doc = parseDocument(existing);
  if (doc.errors.length > 0) return { ok: false, reason: 'the file is not valid YAML yet' };
  const root = doc.contents;
  const newline = existing.endsWith('\n') ? '\n' : '\n\n';
  if (isSeq(root) || root === null) return { ok: true, prefix: existing.endsWith('\n') ? '\n' : '\n\n', indent: '' };
  if (isMap(root) && root.has('entries') && isSeq(root.get('entries', true))) {
    const match = /^([ \t]*)- /m.exec(existing.slice(existing.indexOf('entries:')));
    return { ok: true, prefix: newline, indent: match ? match[1] : '  ' };
  }
  if (isMap(root) && root.has('name')) return { ok: false, reason: 'the file holds one entry written as a mapping; add the entry to a list file' };
  return { ok: false, reason: 'the file is a settings file' };
}

function yamlText(text: string): string {
  return /^[\p{L}\p{N}][\p{L}\p{N} ,.'!?&-]*$/u.test(text) && !/: |#/.test(text) ? text : JSON.stringify(text);
}

function yamlWord(text: string): string {
  return /^[\p{L}][\p{L}\p{N}.]*$/u.test(text.trim()) ? text.trim() : JSON.stringify(text.trim());
}

/** The file a new entry of a kind goes in by default, inside the lore folder. */
export function fileForKind(kind: string): string {
  const plural: Record<string, string> = { species: 'species', character: 'characters', organization: 'organizations' };
  return `${plural[kind] ?? `${kind}s`}.yaml`;
}

/** A first chapter: a dated scene marker at a date of the base's calendar, and a line to replace. */
export function newChapterText(calendar: Calendar): string {
  return `<!-- when: ${sampleDates(calendar).event} -->\nWrite your first scene here. The date above holds until the next marker.\n`;
}
