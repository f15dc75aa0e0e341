// The three output formats of `lorekeeper check` (SPEC §4).
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

const COLOURS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', hint: '\x1b[2m' };

export function formatText(report: Report, colour: boolean): string {
  const paint = (text: string, code: string): string => (colour ? `${code}${text}\x1b[0m` : text);
  const lines = report.diagnostics.map((d) => {
    const where = `${d.file}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
    const fix = d.fix !== undefined ? ` (fix: ${d.fix})` : '';
    return `${where}  ${paint(d.severity, COLOURS[d.severity])}  ${d.message}${fix}  ${paint(d.code, '\x1b[2m')}`;
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

export function formatSarif(report: Report, version: string): string {
  const ruleIndex = new Map(CODES.map((c, i) => [c.code as string, i]));
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
              helpUri: docsPath(c.code),
              defaultConfiguration: { level: SARIF_LEVEL[c.severity] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: report.diagnostics.map((d) => {
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
            locations: [{ physicalLocation: { artifactLocation: { uri: d.file }, region } }],
            ...(d.entity !== undefined ? { properties: { entity: d.entity } } : {}),
            ...(d.fix !== undefined
              ? {
                  fixes: [{
                    description: { text: `Replace with "${d.fix}"` },
                    artifactChanges: [{ artifactLocation: { uri: d.file }, replacements: [{ deletedRegion: region, insertedContent: { text: d.fix } }] }],
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
