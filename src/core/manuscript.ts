// A manuscript's text → its scenes (story date and mode), suppressions, and its prose.
// `prose` is the text with everything that is not prose (front matter, code, comments, markup)
// blanked to spaces, so every offset in it is an offset in the original text.
import { isMap, isScalar, parseDocument, type Node as YamlNode } from 'yaml';
import { parseStoryDate, type Calendar, type DateParse, type StoryDate } from './dates';
import type { Diagnostic, Position, Range } from './types';

/** Modes in which the presence checks are suspended (SPEC §2). */
export const SUSPENDING_MODES = new Set(['dream', 'memory', 'vision', 'hologram', 'simulation']);

/** Every mode a scene marker may name: the suspending ones, and `normal` (the story's present). */
export const SCENE_MODES: readonly string[] = [...SUSPENDING_MODES, 'normal'];

/** The presence checks a suspending mode turns off. */
export const PRESENCE_CODES = new Set(['dead-character', 'unborn-character', 'nonexistent-entity']);

export interface Scene {
  /** Offset where the scene starts (its marker, or 0). */
  start: number;
  date?: StoryDate;
  /** The date as written, for messages. */
  dateText?: string;
  mode?: string;
  /** The marker that starts the scene (none for the first scene), and every field it carries. */
  marker?: SceneMarker;
  /** A mode the marker named that is no mode: the scene is checked as a normal one. */
  unknownMode?: string;
}

export interface SceneMarker {
  start: number;
  end: number;
  /** Every `key: value` of the marker, keys lower-cased (`when`, `mode`, `pov`, `location`…). */
  fields: Record<string, string>;
}

export interface Suppression {
  /** Zero-based lines, inclusive. */
  startLine: number;
  endLine: number;
  /** Codes suppressed; undefined means every code. */
  codes?: string[];
}

export interface Manuscript {
  path: string;
  text: string;
  prose: string;
  lineStarts: number[];
  scenes: Scene[];
  suppressions: Suppression[];
  /** Offset ranges of headings: a mention there is never presence. */
  headings: Array<[number, number]>;
  /** Offset just past the front matter's closing line (0 when there is none). */
  frontMatterEnd: number;
  /** The front matter says `lorekeeper: off`: a note, not story; nothing in it is checked. */
  off?: boolean;
  problems: Diagnostic[];
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^ {0,3}#{1,6}(\s|$)/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)\s*$/;
const MARKUP = /[<`\]]/g;
const COMMENT_START = /</g;
/** The characters of MARKUP and COMMENT_START, one by one. */
const MARKUP_CHARS = ['<', '`', ']'];
const COMMENT_START_CHARS = ['<'];
const DIRECTIVE = /^\s*(lorekeeper-(?:disable-next-line|disable-line|disable|enable))\b([\s\S]*)$/;

export function isMarkdownPath(path: string): boolean {
  return !/\.txt$/i.test(path);
}

export function parseManuscript(path: string, source: string, calendar: Calendar): Manuscript {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const markdown = isMarkdownPath(path);
  const lineStarts = computeLineStarts(text);
  const m: Manuscript = { path, text, prose: '', lineStarts, scenes: [{ start: 0 }], suppressions: [], headings: [], problems: [], frontMatterEnd: 0 };
  const out: string[] = [];
  let cursor = 0; // text[0..cursor) has been copied or blanked into `out`
  const blank = (from: number, to: number): void => {
    if (from > cursor) out.push(text.slice(cursor, from));
    const hidden = text.slice(Math.max(from, cursor), to);
    out.push(/[\r\n]/.test(hidden) ? hidden.replace(/[^\r\n]/g, ' ') : ' '.repeat(hidden.length));
    cursor = Math.max(cursor, to);
  };
  const openSuppressions = new OpenSuppressions(m.suppressions);

  let line = 0;
  const frontMatterEnd = readFrontMatter(m, text, lineStarts, calendar);
  m.frontMatterEnd = frontMatterEnd;
  if (frontMatterEnd > 0) {
    blank(0, frontMatterEnd);
    line = lineOf(lineStarts, frontMatterEnd);
  }

  let fence: string | undefined;
  let inComment = false;
  let commentStart = 0;
  // The next of each character that can start inline markup, searched for in the whole text
  // (`indexOf`, several times faster than the pattern), forward only: a line of plain prose (most
  // of them) is passed over without a copy of it or a pattern run on it.
  const special = markdown ? MARKUP : COMMENT_START;
  const specialChars = markdown ? MARKUP_CHARS : COMMENT_START_CHARS;
  // A typed array, one kind of elements on every call (`map` made a holey array on some calls and not
  // others, which threw the optimised parse back to the interpreter on a later chapter), sized by the
  // list rather than written out beside it.
  const nextSpecial = new Int32Array(specialChars.length).fill(-1);
  const hasSpecial = (from: number, to: number): boolean => {
    for (let k = 0; k < specialChars.length; k++) {
      if (nextSpecial[k] < from) {
        const at = text.indexOf(specialChars[k], from);
        nextSpecial[k] = at < 0 ? text.length : at;
      }
      if (nextSpecial[k] < to) return true;
    }
    return false;
  };
  for (; line < lineStarts.length; line++) {
    const start = lineStarts[line];
    const end = line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length;
    const lineEnd = contentEnd(text, start, end);
    const block = markdown && mayOpenBlock(text, start, lineEnd);
    if (!inComment && !fence && !block && !hasSpecial(start, lineEnd)) continue;
    const content = text.slice(start, lineEnd);
    if (inComment) {
      const close = content.indexOf('-->');
      if (close < 0) continue;
      inComment = false;
      blank(commentStart, start + close + 3);
      handleComment(m, text.slice(commentStart + 4, start + close), commentStart, start + close + 3, openSuppressions, calendar);
      maskInline(content.slice(close + 3), start + close + 3);
      continue;
    }
    if (markdown) {
      if (fence) {
        blank(start, start + content.length);
        if (new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`).test(content)) fence = undefined;
        continue;
      }
      const open = block ? FENCE.exec(content) : null;
      if (open) {
        fence = open[1];
        blank(start, start + content.length);
        continue;
      }
      if (block) {
        if (HEADING.test(content)) m.headings.push([start, start + content.length]);
        else if (line > 0 && SETEXT_UNDERLINE.test(content) && content.trim().length > 0 && !content.trim().startsWith('-')) {
          m.headings.push([lineStarts[line - 1], start]);
        }
      }
    }
    maskInline(content, start);
  }
  if (inComment) blank(commentStart, text.length);
  if (cursor < text.length) out.push(text.slice(cursor));
  m.prose = out.join('');
  openSuppressions.closeAll(Number.MAX_SAFE_INTEGER);
  return m;

  /** Blanks comments, code spans and markup inside one line's content (which starts at `base`). */
  function maskInline(content: string, base: number): void {
    // Forward-only searches, remembered, so that a line of unclosed `](` or backticks stays linear.
    let nextParen = -2; // -2: not searched yet; -1: no `)` after the last search
    let ticks: BacktickRuns | undefined;
    let i = 0;
    while (i < content.length) {
      // Jump to the next character that can start markup; prose in between needs no look.
      special.lastIndex = i;
      const found = special.exec(content);
      if (!found) return;
      i = found.index;
      const c = content[i];
      if (c === '<' && content.startsWith('<!--', i)) {
        const close = content.indexOf('-->', i + 4);
        if (close < 0) {
          inComment = true;
          commentStart = base + i;
          return;
        }
        blank(base + i, base + close + 3);
        handleComment(m, content.slice(i + 4, close), base + i, base + close + 3, openSuppressions, calendar);
        i = close + 3;
        continue;
      }
      if (!markdown) {
        i++;
        continue;
      }
      if (c === '`') {
        ticks ??= new BacktickRuns(content);
        let run = 1;
        while (content[i + run] === '`') run++;
        const close = ticks.closing(i, run);
        if (close < 0) {
          i += run;
          continue;
        }
        blank(base + i, base + close + run);
        i = close + run;
        continue;
      }
      if (c === ']' && content[i + 1] === '(') {
        if (nextParen === -2 || (nextParen >= 0 && nextParen < i + 2)) nextParen = content.indexOf(')', i + 2);
        const close = nextParen;
        if (close > 0) {
          blank(base + i + 1, base + close + 1);
          i = close + 1;
          continue;
        }
      }
      if (c === '<') {
        const tag = /^<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>|^<[a-z][a-z0-9+.-]*:[^\s<>]*>/i.exec(content.slice(i, i + 512));
        if (tag) {
          blank(base + i, base + i + tag[0].length);
          i += tag[0].length;
          continue;
        }
      }
      i++;
    }
  }
}

const SPACE = 32;

/**
 * Whether FENCE, HEADING or SETEXT_UNDERLINE could match the line text[start, end): all three begin
 * with at most three spaces, then one of a few characters. Read by char code, so plain lines skip all three.
 */
function mayOpenBlock(text: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && i - start < 3 && text.charCodeAt(i) === SPACE) i++;
  if (i >= end) return false;
  // A fence (`` ` ``, `~`), an ATX heading (`#`) or a setext underline (`=`, `-`).
  const c = text.charCodeAt(i);
  return c === 96 || c === 126 || c === 35 || c === 61 || c === 45;
}

/**
 * Where a line's content ends: before its line break (LF, CRLF or a lone CR, as computeLineStarts
 * splits them). Read by char code: no regex runs along the line and no second copy of it is made.
 */
function contentEnd(text: string, start: number, end: number): number {
  if (end <= start) return end;
  const last = text.charCodeAt(end - 1);
  if (last === 10) return end - 1 > start && text.charCodeAt(end - 2) === 13 ? end - 2 : end - 1;
  return last === 13 ? end - 1 : end;
}

function readFrontMatter(m: Manuscript, text: string, lineStarts: number[], calendar: Calendar): number {
  if (!/^---[ \t]*(?:\r\n|\r|\n)/.test(text)) return 0;
  for (let line = 1; line < lineStarts.length; line++) {
    const start = lineStarts[line];
    const end = line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length;
    if (!/^(---|\.\.\.)[ \t]*(\r\n|\r|\n)?$/.test(text.slice(start, end))) continue;
    // The YAML library knows only LF and CRLF: a lone CR becomes LF, which keeps every offset.
    const yamlText = text.slice(lineStarts[1], start).replace(/\r(?!\n)/g, '\n');
    // Most front matter is a few `key: value` lines, read without the YAML library; anything else
    // goes to it. parseDocument, not parse: an unknown tag is a problem here, never a warning printed by Node.
    let field = simpleFrontMatter(yamlText);
    if (!field) {
      const doc = parseDocument(yamlText);
      if (doc.errors.length > 0) {
        m.problems.push(problem(m, lineStarts[1], start, `Front matter is not valid YAML: ${doc.errors[0].message.split('\n')[0]}`));
        return end;
      }
      field = yamlFrontMatter(doc);
    }
    if (field) {
      const off = field('lorekeeper')?.value;
      if (off === false || (typeof off === 'string' && /^(off|false|no|ignore)$/i.test(off.trim()))) m.off = true;
      const date = field('date');
      const when = date && date.value !== null ? date : field('when') ?? date;
      const scene = m.scenes[0];
      if (when && when.value !== null && when.value !== undefined) {
        const at = when.range ? [lineStarts[1] + when.range[0], lineStarts[1] + when.range[1]] : [lineStarts[1], start];
        setSceneDate(m, scene, when.value, at[0], at[1], calendar);
      }
      const mode = field('mode');
      if (typeof mode?.value === 'string') {
        const modeAt = mode.range ? [lineStarts[1] + mode.range[0], lineStarts[1] + mode.range[1]] : [lineStarts[1], start];
        setSceneMode(m, scene, mode.value, modeAt[0], modeAt[1]);
      }
    }
    return end;
  }
  return 0;
}

/** A front-matter field: its value as YAML reads it, and where the value is in the front matter's text. */
export interface FrontMatterField {
  value: unknown;
  range?: [number, number];
}

/** The first field of a key in front matter, or undefined. */
export type FrontMatterLookup = (key: string) => FrontMatterField | undefined;

/** The fields of front matter the YAML library parsed (undefined when it is no mapping). Exported for tests. */
export function yamlFrontMatter(doc: ReturnType<typeof parseDocument>): FrontMatterLookup | undefined {
  const root = doc.contents;
  if (!isMap(root)) return undefined;
  return (key) => {
    const pair = root.items.find((p) => isScalar(p.key) && p.key.value === key);
    if (!pair) return undefined;
    const node = (pair.value as YamlNode | null) ?? (pair.key as YamlNode);
    const value = pair.value ? (pair.value as { toJS(doc: unknown): unknown }).toJS(doc) : null;
    return { value, range: node.range ? [node.range[0], node.range[1]] : undefined };
  };
}

const SIMPLE_FIELD = /^([A-Za-z_][A-Za-z0-9_-]*):[ ]+(.*?)[ \t\r]*$/;
/** A plain scalar that YAML's core schema reads as the string it is (or, all digits, a number). */
const SIMPLE_VALUE = /^[\p{L}\p{N}][\p{L}\p{N}\p{M} _.,'’()/?!;&-]*$/u;
/** Words the core schema (or YAML 1.1 readers) may read as booleans or null: left to the library. */
const RESERVED_WORD = /^(?:true|false|null|yes|no|on|off|y|n)$/i;

/**
 * Front matter of `key: value` lines alone (blank lines and `#` comment lines between them), each
 * key once, each value a plain word or phrase, a date like `2302-05-17` or a whole number: read
 * here with the result the YAML library gives. Undefined for anything else (quotes, lists,
 * nesting, numbers with a point or exponent, `true`/`null`, comments after a value…), which
 * the library then reads. Exported for tests, which compare the two.
 */
export function simpleFrontMatter(text: string): FrontMatterLookup | undefined {
  const fields = new Map<string, FrontMatterField>();
  for (let at = 0; at < text.length; ) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    const line = text.slice(at, end);
    const lineStart = at;
    at = end + 1;
    if (/^[ \t\r]*$/.test(line) || line[0] === '#') continue;
    const match = SIMPLE_FIELD.exec(line);
    if (!match) return undefined;
    const [, key, raw] = match;
    if (fields.has(key) || RESERVED_WORD.test(key) || !SIMPLE_VALUE.test(raw) || RESERVED_WORD.test(raw)) return undefined;
    let value: string | number = raw;
    const c = raw.charCodeAt(0);
    if (c >= 48 && c <= 57) {
      // Numbers of the core schema (0x…, 0o…, 012, 1.5, 2e3) are left to the library; a date stays a string.
      if (c === 48 && raw.length > 1) return undefined;
      if (/^[0-9]+$/.test(raw)) {
        if (raw.length > 15) return undefined;
        value = Number(raw);
      } else if (/^[0-9.eE]+$/.test(raw)) return undefined;
    }
    const valueStart = lineStart + line.indexOf(raw, key.length + 1);
    fields.set(key, { value, range: [valueStart, valueStart + raw.length] });
  }
  return (key) => fields.get(key);
}

/** The backtick runs of one line, so that finding a code span's closing run never rescans the line. */
class BacktickRuns {
  private readonly byLength = new Map<number, number[]>();
  private readonly next = new Map<number, number>();

  constructor(content: string) {
    for (let i = content.indexOf('`'); i >= 0; ) {
      let run = 1;
      while (content[i + run] === '`') run++;
      let list = this.byLength.get(run);
      if (!list) this.byLength.set(run, (list = []));
      list.push(i);
      i = content.indexOf('`', i + run);
    }
  }

  /** Start of the first run of exactly `run` backticks after the one at `at` (searches only go forward). */
  closing(at: number, run: number): number {
    const list = this.byLength.get(run);
    if (!list) return -1;
    let k = this.next.get(run) ?? 0;
    while (k < list.length && list[k] <= at) k++;
    this.next.set(run, k);
    return k < list.length ? list[k] : -1;
  }
}

/**
 * `lorekeeper-disable` blocks still open, by code: an enable closes its codes at once, however many
 * blocks are open, so that thousands of directives cost linear time.
 */
class OpenSuppressions {
  private readonly byCode = new Map<string, number>();
  private everyCode: number | undefined;

  constructor(private readonly closed: Suppression[]) {}

  open(line: number, codes: string[] | undefined): void {
    if (!codes) {
      this.everyCode ??= line;
      return;
    }
    for (const code of codes) if (!this.byCode.has(code)) this.byCode.set(code, line);
  }

  /** `lorekeeper-enable CODE…` closes those codes; without codes it closes every block. */
  close(line: number, codes: string[] | undefined): void {
    if (!codes) {
      this.closeAll(line);
      return;
    }
    for (const code of codes) {
      const start = this.byCode.get(code);
      if (start === undefined) continue;
      this.closed.push({ startLine: start, endLine: line, codes: [code] });
      this.byCode.delete(code);
    }
  }

  closeAll(line: number): void {
    for (const [code, start] of this.byCode) this.closed.push({ startLine: start, endLine: line, codes: [code] });
    this.byCode.clear();
    if (this.everyCode !== undefined) this.closed.push({ startLine: this.everyCode, endLine: line });
    this.everyCode = undefined;
  }
}

/** A comment is either a scene marker, a suppression directive, or an ordinary comment. */
function handleComment(
  m: Manuscript,
  body: string,
  start: number,
  end: number,
  open: OpenSuppressions,
  calendar: Calendar,
): void {
  const directive = DIRECTIVE.exec(body);
  if (directive) {
    const codes = directive[2].split(/[\s,]+/).filter((code) => code.length > 0 && code !== '--');
    const line = lineOf(m.lineStarts, start);
    const endLine = lineOf(m.lineStarts, end);
    const suppression = { codes: codes.length > 0 ? codes : undefined };
    switch (directive[1]) {
      case 'lorekeeper-disable-next-line':
        m.suppressions.push({ startLine: endLine + 1, endLine: endLine + 1, ...suppression });
        break;
      case 'lorekeeper-disable-line':
        m.suppressions.push({ startLine: line, endLine: line, ...suppression });
        break;
      case 'lorekeeper-disable':
        open.open(line, suppression.codes);
        break;
      case 'lorekeeper-enable':
        open.close(line, suppression.codes);
        break;
    }
    return;
  }
  const read = readMarker(body);
  if (read === undefined) return;
  if ('malformed' in read) {
    m.problems.push(problem(m, start, end, `This comment starts like a scene marker but cannot be read: ${read.malformed}. Write it as <!-- when: DATE -->, <!-- when: DATE, mode: MODE --> or <!-- mode: MODE -->; the scene it would start is not started.`, 'invalid-scene-marker'));
    return;
  }
  const previous = m.scenes[m.scenes.length - 1];
  const scene: Scene = { start, marker: { start, end, fields: read.fields } };
  const bodyStart = start + 4;
  if (read.when !== undefined) {
    setSceneDate(m, scene, read.when.value, start, end, calendar);
  } else {
    scene.date = previous.date;
    scene.dateText = previous.dateText;
  }
  if (read.mode !== undefined) setSceneMode(m, scene, read.mode.value, bodyStart + read.mode.start, bodyStart + read.mode.end);
  m.scenes.push(scene);
}

interface MarkerValue {
  value: string;
  /** Offsets of the value in the comment's body. */
  start: number;
  end: number;
}

type MarkerRead = { when?: MarkerValue; mode?: MarkerValue; fields: Record<string, string> } | { malformed: string };

/** Comments that start the way a marker does: `<!-- when…`, `<!-- date…`, `<!-- mode…`. */
const MARKER_LIKE = /^\s*(when|date|mode)(?:\s*(?:[:=]|$)|\s+(?=[-\d]|\S+\s*$))/i;
const FIELD = /^(\s*)([\p{L}_][\p{L}\p{N}_ -]*?)\s*:\s*/u;

/**
 * A scene marker's fields (SPEC §2): `when: 2385`, `when: 2399, mode: dream`, `mode: dream`, with
 * any other `key: value` fields kept (`pov: Hermione`). A part without a key continues the value
 * before it (`location: Ottery St Catchpole, Devon`). Undefined for a comment that is no marker.
 */
function readMarker(body: string): MarkerRead | undefined {
  const likeMarker = MARKER_LIKE.test(body);
  const fields: Record<string, string> = {};
  const values = new Map<string, MarkerValue>();
  let last: string | undefined;
  let offset = 0;
  for (const part of body.split(',')) {
    const field = FIELD.exec(part);
    if (field) {
      const key = field[2].trim().toLowerCase();
      const valueStart = offset + field[0].length;
      const value = part.slice(field[0].length).trim();
      const valueEnd = valueStart + part.slice(field[0].length).trimEnd().length;
      values.set(key, { value, start: valueStart, end: valueEnd });
      fields[key] = value;
      last = key;
    } else if (last !== undefined) {
      const previous = values.get(last)!;
      const joined = body.slice(previous.start, offset + part.trimEnd().length).trim();
      values.set(last, { value: joined, start: previous.start, end: offset + part.trimEnd().length });
      fields[last] = joined;
    } else {
      return likeMarker ? { malformed: `"${body.trim()}" has no \`key: value\`` } : undefined;
    }
    offset += part.length + 1;
  }
  const when = values.get('when') ?? values.get('date');
  const mode = values.get('mode');
  if (when === undefined && mode === undefined) return likeMarker ? { malformed: `"${body.trim()}" names no \`when\` or \`mode\`` } : undefined;
  for (const [key, value] of [['when', when], ['mode', mode]] as const) {
    if (value !== undefined && value.value === '') return { malformed: `\`${key}:\` has no value` };
  }
  return { when, mode, fields };
}

/** Gives the scene its mode; an unknown mode is reported and the scene stays a normal one. */
function setSceneMode(m: Manuscript, scene: Scene, value: string, start: number, end: number): void {
  const mode = value.trim().toLowerCase();
  if (SCENE_MODES.includes(mode)) {
    scene.mode = mode;
    return;
  }
  scene.unknownMode = value.trim();
  const near = SCENE_MODES.find((known) => isOneEditApart(mode, known));
  const finding = problem(
    m,
    start,
    end,
    `"${value.trim()}" is no scene mode (${SCENE_MODES.slice(0, -1).join(', ')} or normal)${near ? `: did you mean "${near}"?` : '.'} The scene is checked as a normal scene.`,
    'invalid-scene-marker',
  );
  if (near) finding.fix = near;
  m.problems.push(finding);
}

/** One insertion, deletion, substitution or swap of neighbours apart. */
function isOneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

function setSceneDate(m: Manuscript, scene: Scene, value: unknown, start: number, end: number, calendar: Calendar): void {
  const written = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : undefined;
  const parsed = parseStoryDate(written ?? value, calendar);
  if (parsed.ok) {
    scene.date = parsed.date;
    scene.dateText = written;
  } else {
    // A number is quoted as the writer wrote it (YAML reads 99999999999999999999 as 1e20), where
    // the range is the value's own; a marker's range is the whole comment.
    const source = m.text.slice(start, end).trim();
    const quoted = typeof value === 'number' && NUMBER_AS_WRITTEN.test(source) ? source : written;
    m.problems.push(problem(m, start, end, `${sceneDateProblem(quoted, parsed)} The scene is treated as undated.`));
  }
}

/** A YAML number as written: digits with a sign, point, underscores or exponent, or hexadecimal or octal. */
const NUMBER_AS_WRITTEN = /^[-+]?(?:[0-9][0-9_]*\.?[0-9_]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$|^0[xXoO][0-9a-fA-F]+$/;

/**
 * What is wrong with a scene date, said once: a value that is no date at all ("X is not a date
 * (hint)") is not named twice, as in "The scene date "X" is not a date: X is not a date".
 */
function sceneDateProblem(written: string | undefined, failed: Extract<DateParse, { ok: false }>): string {
  const none = failed.notADate;
  if (none && written !== undefined) return `The scene date "${written}" is not a date (${none.hint}).`;
  if (none) return `The scene date is ${none.what}, not a date (${none.hint}).`;
  return `${written !== undefined ? `The scene date "${written}"` : 'The scene date'} is not a date: ${failed.reason}.`;
}

function problem(m: Manuscript, start: number, end: number, message: string, code: 'invalid-scene-date' | 'invalid-scene-marker' = 'invalid-scene-date'): Diagnostic {
  return {
    file: m.path,
    range: rangeOf(m.lineStarts, start, end),
    severity: 'warning',
    code,
    message,
  };
}

/** The scene in force at an offset (binary search over scene starts). */
export function sceneAt(m: Manuscript, offset: number): Scene {
  const scenes = m.scenes;
  let lo = 0;
  let hi = scenes.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (scenes[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return scenes[lo];
}

/** Suppressed lines by code (`''` for every code), as merged, sorted line intervals. */
type SuppressionIndex = Map<string, { starts: number[]; ends: number[] }>;

const suppressionIndexes = new WeakMap<Suppression[], { count: number; index: SuppressionIndex }>();

function suppressionIndex(m: Manuscript): SuppressionIndex {
  const hit = suppressionIndexes.get(m.suppressions);
  if (hit && hit.count === m.suppressions.length) return hit.index;
  const spans = new Map<string, Array<[number, number]>>();
  for (const s of m.suppressions) {
    for (const code of s.codes ?? ['']) {
      let list = spans.get(code);
      if (!list) spans.set(code, (list = []));
      list.push([s.startLine, s.endLine]);
    }
  }
  const index: SuppressionIndex = new Map();
  for (const [code, list] of spans) {
    list.sort((a, b) => a[0] - b[0]);
    const starts: number[] = [];
    const ends: number[] = [];
    for (const [start, end] of list) {
      const last = ends.length - 1;
      if (last >= 0 && start <= ends[last] + 1) ends[last] = Math.max(ends[last], end);
      else {
        starts.push(start);
        ends.push(end);
      }
    }
    index.set(code, { starts, ends });
  }
  suppressionIndexes.set(m.suppressions, { count: m.suppressions.length, index });
  return index;
}

function inSpans(spans: { starts: number[]; ends: number[] } | undefined, line: number): boolean {
  if (!spans) return false;
  const k = lastAtOrBefore(spans.starts, line);
  return k >= 0 && spans.ends[k] >= line;
}

/** Whether a diagnostic of `code` on `line` is suppressed: a binary search, however many directives. */
export function isSuppressed(m: Manuscript, line: number, code: string): boolean {
  if (m.suppressions.length === 0) return false;
  const index = suppressionIndex(m);
  return inSpans(index.get(''), line) || inSpans(index.get(code), line);
}

/** Index of the last element ≤ value in a sorted list, or -1. */
function lastAtOrBefore(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= value) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Line starts; a line ends at LF, CRLF or a lone CR, as in editors. */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  if (!text.includes('\r')) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}

export function lineOf(lineStarts: number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function positionAt(lineStarts: number[], offset: number): Position {
  const line = lineOf(lineStarts, offset);
  return { line, character: offset - lineStarts[line] };
}

export function rangeOf(lineStarts: number[], start: number, end: number): Range {
  return { start: positionAt(lineStarts, start), end: positionAt(lineStarts, end) };
}

export function offsetAt(lineStarts: number[], position: Position): number {
  return (lineStarts[position.line] ?? lineStarts[lineStarts.length - 1]) + position.character;
}
