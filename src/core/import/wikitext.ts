// A small wikitext reader: just what an importer needs from a page — its templates with their
// parameters (nested templates and links kept whole), links with their labels, and plain text.
// Chosen over a full parser (wtf_wikipedia) for speed and for exact control; see README.

export interface Template {
  /** As written, trimmed, first letter upper-cased, `_` as space (`Sidebar individual`). */
  name: string;
  /** Named parameters, keys lower-cased and trimmed; values raw wikitext, trimmed. */
  params: Map<string, string>;
  /** Unnamed parameters in order ({{Top|leg}} → ['leg']). */
  positional: string[];
  start: number;
  end: number;
}

export interface Link {
  /** The page linked to, normalised as a title (`Starfleet`), without `#section`. */
  target: string;
  /** The text shown (`the fleet` for `[[Starfleet|the fleet]]`). */
  label: string;
  /** Wikitext after the link up to the next link or line break (`(father)` in family lists). */
  after: string;
}

export class WikitextError extends Error {}

/** A title as MediaWiki stores it: `_` as space, runs of space collapsed, first letter upper-case. */
export function normalizeTitle(title: string): string {
  const t = title.replace(/_/g, ' ').replace(/\s+/g, ' ').trim();
  return t.length === 0 ? t : t[0]!.toUpperCase() + t.slice(1);
}

/** Comments, references and `<nowiki>` wrappers go: they never hold a value the importer wants. */
export function stripNoise(text: string): string {
  if (text.indexOf('<') < 0) return text;
  return text
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    .replace(/<ref\b[^>]*\/>/gi, '')
    .replace(/<ref\b[^>]*>[\s\S]*?(?:<\/ref\s*>|$)/gi, '')
    .replace(/<\/?nowiki\s*\/?>/gi, '');
}

/**
 * The templates at the top level of `text` from `from` on (nested ones stay inside their
 * parent's values). Throws WikitextError on a template that is never closed.
 */
export function topLevelTemplates(text: string, limit = Infinity): Template[] {
  const found: Template[] = [];
  let i = text.indexOf('{{');
  while (i >= 0 && found.length < limit) {
    if (text.startsWith('{{{', i) && !text.startsWith('{{{{', i)) {
      // A template parameter ({{{1}}}) only occurs on template pages: step over it.
      const close = text.indexOf('}}}', i + 3);
      if (close < 0) break;
      i = text.indexOf('{{', close + 3);
      continue;
    }
    const end = matchingClose(text, i);
    if (end < 0) throw new WikitextError(`a template opened at character ${i + 1} ("${text.slice(i, i + 30).replace(/\s+/g, ' ')}…") is never closed`);
    found.push(readTemplate(text, i, end));
    i = text.indexOf('{{', end);
  }
  return found;
}

/** Index just after the `}}` that closes the `{{` at `start`, or -1. Links and nested templates are skipped whole. */
function matchingClose(text: string, start: number): number {
  let depth = 0;
  let links = 0;
  const n = text.length;
  for (let i = start; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 123 /* { */ && text.charCodeAt(i + 1) === 123) {
      depth++;
      i++;
    } else if (c === 125 /* } */ && text.charCodeAt(i + 1) === 125) {
      depth--;
      i++;
      if (depth === 0) return i + 1;
    } else if (c === 91 /* [ */ && text.charCodeAt(i + 1) === 91) {
      links++;
      i++;
    } else if (c === 93 /* ] */ && text.charCodeAt(i + 1) === 93 && links > 0) {
      links--;
      i++;
    } else if (c === 60 /* < */ && text.startsWith('<!--', i)) {
      const close = text.indexOf('-->', i + 4);
      if (close < 0) return -1;
      i = close + 2;
    }
  }
  return -1;
}

function readTemplate(text: string, start: number, end: number): Template {
  const inner = text.slice(start + 2, end - 2);
  const parts = splitTopLevel(inner, 124 /* | */);
  const name = normalizeTitle(stripNoise(parts[0]!).replace(/^\s*(?:template|msgnw|subst|safesubst)\s*:/i, ''));
  const params = new Map<string, string>();
  const positional: string[] = [];
  for (let k = 1; k < parts.length; k++) {
    const part = parts[k]!;
    const eq = indexOfTopLevel(part, 61 /* = */);
    if (eq < 0) {
      positional.push(part.trim());
      params.set(String(positional.length), part.trim());
    } else {
      const key = stripNoise(part.slice(0, eq)).trim().toLowerCase();
      // A repeated parameter: MediaWiki shows the last one.
      params.set(key, part.slice(eq + 1).trim());
    }
  }
  return { name, params, positional, start, end };
}

/** Splits at `sep` outside nested templates, links and comments. */
function splitTopLevel(text: string, sep: number): string[] {
  const parts: string[] = [];
  let depth = 0;
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c === 123 && text.charCodeAt(i + 1) === 123) || (c === 91 && text.charCodeAt(i + 1) === 91)) {
      depth++;
      i++;
    } else if ((c === 125 && text.charCodeAt(i + 1) === 125) || (c === 93 && text.charCodeAt(i + 1) === 93)) {
      if (depth > 0) depth--;
      i++;
    } else if (c === 60 && text.startsWith('<!--', i)) {
      const close = text.indexOf('-->', i + 4);
      i = close < 0 ? text.length : close + 2;
    } else if (c === sep && depth === 0) {
      parts.push(text.slice(last, i));
      last = i + 1;
    }
  }
  parts.push(text.slice(last));
  return parts;
}

function indexOfTopLevel(text: string, char: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c === 123 && text.charCodeAt(i + 1) === 123) || (c === 91 && text.charCodeAt(i + 1) === 91)) {
      depth++;
      i++;
    } else if ((c === 125 && text.charCodeAt(i + 1) === 125) || (c === 93 && text.charCodeAt(i + 1) === 93)) {
      if (depth > 0) depth--;
      i++;
    } else if (c === char && depth === 0) return i;
  }
  return -1;
}

/** Namespaces whose links are no words in the text (images, categories, interlanguage links). */
const HIDDEN_LINK = /^\s*:?\s*(?:file|image|category|media|[a-z]{2,3}(?:-[a-z]+)?)\s*:/i;

/**
 * How inline templates in a value read as text: a template name (lower-case) → a pattern
 * with `{1}`, `{2}`… for its positional parameters (`d: "{1} {2} {3}"`). Others are dropped.
 */
export type InlineTemplates = ReadonlyMap<string, string>;

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", ndash: '–', mdash: '—', hellip: '…', thinsp: ' ', ensp: ' ', emsp: ' ' };

/** Wikitext as the words a reader sees: links as their labels, markup and unknown templates gone. */
export function plainText(wikitext: string, inline: InlineTemplates = new Map(), lineBreaks = false): string {
  let text = stripNoise(wikitext);
  if (text.indexOf('{{') >= 0) text = replaceTemplates(text, inline);
  if (text.indexOf('[') >= 0) text = replaceLinks(text);
  if (text.indexOf('<') >= 0) {
    text = text.replace(/<br\s*\/?\s*>/gi, '\n').replace(/<\/?(?:p|div|li|ul|ol)\b[^>]*>/gi, '\n').replace(/<[a-z/][^>]*>/gi, '');
  }
  if (text.indexOf('&') >= 0) {
    text = text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    });
  }
  text = text.replace(/'{2,}/g, '');
  if (lineBreaks) return text.replace(/[ \t]+/g, ' ').replace(/ *\n */g, '\n').replace(/\n{2,}/g, '\n').trim();
  return text.replace(/\s+/g, ' ').trim();
}

function replaceTemplates(text: string, inline: InlineTemplates): string {
  let templates: Template[];
  try {
    templates = topLevelTemplates(text);
  } catch {
    // An unclosed template inside a value: drop from it on, keep what came before.
    const at = text.indexOf('{{');
    return at < 0 ? text : text.slice(0, at);
  }
  let out = '';
  let last = 0;
  for (const t of templates) {
    out += text.slice(last, t.start);
    const pattern = inline.get(t.name.toLowerCase());
    if (pattern !== undefined) {
      out += pattern.replace(/\{(\d+)\}/g, (_, n: string) => plainText(t.positional[Number(n) - 1] ?? '', inline));
    }
    last = t.end;
  }
  return out + text.slice(last);
}

function replaceLinks(text: string): string {
  // Innermost first: an image caption may hold links of its own.
  let previous: string;
  do {
    previous = text;
    text = text.replace(/\[\[([^[\]]*)\]\]/g, (_, inner: string) => {
      if (HIDDEN_LINK.test(inner)) return '';
      const bar = inner.indexOf('|');
      if (bar < 0) return inner.replace(/^:/, '').replace(/#.*$/, '') || inner.replace(/^#/, '');
      const label = inner.slice(bar + 1);
      // The pipe trick: [[Kirk (captain)|]] shows "Kirk".
      return label.trim() === '' ? inner.slice(0, bar).replace(/\s*\([^)]*\)\s*$/, '') : label;
    });
  } while (text !== previous && text.indexOf('[[') >= 0);
  return text.replace(/\[(?:https?:)?\/\/[^\s\]]+(?:\s+([^\]]*))?\]/g, (_, label?: string) => label ?? '');
}

/** The links of a value, in order, with the wikitext that follows each (up to the next link or line). */
export function linksOf(wikitext: string): Link[] {
  const text = stripNoise(wikitext).replace(/<br\s*\/?\s*>/gi, '\n');
  const links: Link[] = [];
  const pattern = /\[\[([^[\]|]*)(?:\|([^[\]]*))?\]\]/g;
  let m: RegExpExecArray | null;
  const raw: Array<{ target: string; label: string; end: number; start: number }> = [];
  while ((m = pattern.exec(text))) {
    if (HIDDEN_LINK.test(m[1]!)) continue;
    const target = normalizeTitle(m[1]!.replace(/#.*$/, ''));
    if (!target) continue;
    raw.push({ target, label: m[2] ?? m[1]!, end: m.index + m[0].length, start: m.index });
  }
  raw.forEach((link, index) => {
    const stop = index + 1 < raw.length ? raw[index + 1]!.start : text.length;
    const rest = text.slice(link.end, stop);
    const line = rest.indexOf('\n');
    links.push({ target: link.target, label: link.label, after: line < 0 ? rest : rest.slice(0, line) });
  });
  return links;
}

/** A value holding several items (one per line, `<br />`, or list bullet) as those items in plain text. */
export function listItems(wikitext: string, inline: InlineTemplates = new Map()): string[] {
  const text = plainText(wikitext.replace(/^\s*[*#]+\s*/gm, '\n'), inline, true);
  return text
    .split('\n')
    .map((s) => s.replace(/^[\s,;*]+|[\s,;]+$/g, ''))
    .filter((s) => s.length > 0);
}

/** The lead of an article — the text before its first heading — as plain sentences. */
export function leadSummary(wikitext: string, inline: InlineTemplates, maxLength = 320): string {
  let text = stripNoise(wikitext);
  const heading = text.search(/^=+[^=\n].*=+\s*$/m);
  if (heading >= 0) text = text.slice(0, heading);
  // Tables and every template (infoboxes, notices) are no sentences of the lead.
  text = text.replace(/^\{\|[\s\S]*?^\|\}/gm, '');
  let templates: Template[];
  try {
    templates = topLevelTemplates(text);
  } catch {
    templates = [];
    const open = text.lastIndexOf('{{');
    text = text.slice(0, Math.max(0, open));
  }
  let body = '';
  let last = 0;
  for (const t of templates) {
    body += text.slice(last, t.start);
    const pattern = inline.get(t.name.toLowerCase());
    if (pattern !== undefined) body += plainText(text.slice(t.start, t.end), inline);
    last = t.end;
  }
  body += text.slice(last);
  const paragraphs = body
    .split(/\n\s*\n/)
    .map((p) => p.replace(/^\s*[*#:;].*$/gm, ''))
    .map((p) => plainText(p, inline))
    .filter((p) => p.length > 0);
  const first = paragraphs[0];
  if (!first) return '';
  return firstSentences(first, maxLength);
}

const ABBREVIATION = /(?:\b(?:c|ca|Mr|Mrs|Ms|Dr|St|Jr|Sr|Lt|Cmdr|Capt|Gen|Adm|Col|Sgt|No|vs|U\.S|[A-Z])\.)$/;

/** As many whole sentences as fit in `max` characters (at least one, cut at a word if it is longer). */
function firstSentences(text: string, max: number): string {
  const sentence = /[.!?]["'”’)]*(?=\s+["'“‘(]?[\p{Lu}\d]|$)/gu;
  let end = -1;
  let m: RegExpExecArray | null;
  while ((m = sentence.exec(text))) {
    const stop = m.index + m[0].length;
    if (ABBREVIATION.test(text.slice(Math.max(0, m.index - 6), m.index + 1))) continue;
    if (stop > max && end > 0) break;
    end = stop;
    if (stop > max) break;
  }
  if (end > 0 && end <= max) return text.slice(0, end);
  if (text.length <= max) return text;
  const cut = text.lastIndexOf(' ', max - 1);
  return `${text.slice(0, cut > 0 ? cut : max - 1)}…`;
}
