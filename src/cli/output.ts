// The three output formats of `lorekeeper check` (SPEC §4).
import { pathToFileURL } from 'node:url';
import { repository } from '../../package.json';
import { CODES, docsPath } from '../core/codes';
import type { Diagnostic, Severity } from '../core/types';

export interface Report {
  /** Diagnostics whose `file` is already relative to the working folder, with `/`. */
  diagnostics: Diagnostic[];
  filesChecked: number;
}

export function formatJson(report: Report): string {
  const diagnostics = report.diagnostics.map((d) => ({
    file: d.file,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    severity: d.severity,
    code: d.code,
    message: d.message,
    ...(d.entity !== undefined ? { entity: d.entity } : {}),
    ...(d.fix !== undefined ? { fix: d.fix } : {}),
  }));
  return `${JSON.stringify({ version: 1, diagnostics }, null, 2)}\n`;
}

// Control characters (C0, DEL, C1), line and paragraph separators and the bidirectional overrides
// of "Trojan Source": what a shared lore pack or a file name could use to redraw the terminal.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Text made safe for a terminal: each control character is written as an escape (`\x1b`, `\n`). */
export function escapeControlCharacters(text: string): string {
  return text.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return NAMED[c] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
  });
}

const COLOURS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', hint: '\x1b[2m' };

export function formatText(report: Report, colour: boolean): string {
  const paint = (text: string, code: string): string => (colour ? `${code}${text}\x1b[0m` : text);
  const lines = report.diagnostics.map((d) => {
    // Names, messages and file names come from files the writer may not have written.
    const where = `${escapeControlCharacters(d.file)}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
    const fix = d.fix !== undefined ? ` (fix: ${escapeControlCharacters(d.fix)})` : '';
    return `${where}  ${paint(d.severity, COLOURS[d.severity])}  ${escapeControlCharacters(d.message)}${fix}  ${paint(d.code, '\x1b[2m')}`;
  });
  const count = (severity: Severity): number => report.diagnostics.filter((d) => d.severity === severity).length;
  const total = report.diagnostics.length;
  const files = `${report.filesChecked} file${report.filesChecked === 1 ? '' : 's'} checked`;
  if (total === 0) lines.push(`No contradictions found (${files}).`);
  else {
    const parts = (['error', 'warning', 'info', 'hint'] as const).filter((s) => count(s) > 0).map((s) => `${count(s)} ${s}${count(s) === 1 ? '' : 's'}`);
    lines.push('', `${total} problem${total === 1 ? '' : 's'} (${parts.join(', ')}) in ${files}.`);
  }
  return `${lines.join('\n')}\n`;
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** Where the documentation of a code is published (SARIF wants an absolute `helpUri`). */
const DOCS_BASE = `${repository.url.replace(/^git\+/, '').replace(/\.git$/, '')}/blob/main/`;

/** A relative `/` path as a URI reference: each segment percent-encoded (`my chapters/100%25 %232.md`). */
export function pathToUriReference(path: string): string {
  // A lone surrogate cannot be encoded; a file name holding one becomes U+FFFD, as a decoder would.
  const wellFormed = path.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  return wellFormed.split('/').map(encodeURIComponent).join('/');
}

/** SARIF 2.1.0; `cwd` is the folder the results' paths are relative to (`%SRCROOT%`). */
export function formatSarif(report: Report, version: string, cwd: string): string {
  const ruleIndex = new Map(CODES.map((c, i) => [c.code as string, i]));
  const root = pathToFileURL(cwd).href.replace(/\/?$/, '/');
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Lorekeeper',
            version,
            informationUri: 'https://www.npmjs.com/package/lorekeeper',
            rules: CODES.map((c) => ({
              id: c.code,
              name: c.code.replace(/(^|-)(\w)/g, (_m, _d: string, ch: string) => ch.toUpperCase()),
              shortDescription: { text: c.summary },
              helpUri: `${DOCS_BASE}${docsPath(c.code)}`,
              defaultConfiguration: { level: SARIF_LEVEL[c.severity] },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: root } },
        columnKind: 'utf16CodeUnits',
        results: report.diagnostics.map((d) => {
          const artifactLocation = { uri: pathToUriReference(d.file), uriBaseId: '%SRCROOT%' };
          const region = {
            startLine: d.range.start.line + 1,
            startColumn: d.range.start.character + 1,
            endLine: d.range.end.line + 1,
            endColumn: d.range.end.character + 1,
          };
          return {
            ruleId: d.code,
            ruleIndex: ruleIndex.get(d.code) ?? -1,
            level: SARIF_LEVEL[d.severity],
            message: { text: d.message },
            locations: [{ physicalLocation: { artifactLocation, region } }],
            ...(d.entity !== undefined ? { properties: { entity: d.entity } } : {}),
            ...(d.fix !== undefined
              ? {
                  fixes: [{
                    description: { text: `Replace with "${d.fix}"` },
                    artifactChanges: [{ artifactLocation, replacements: [{ deletedRegion: region, insertedContent: { text: d.fix } }] }],
                  }],
                }
              : {}),
          };
        }),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
