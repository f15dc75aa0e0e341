// `lorekeeper.yaml`, read alike by the CLI and the extension.
import { parseDocument } from 'yaml';
import { CODES } from './codes';
import { globSyntaxError } from './glob';
import type { SeveritySetting } from './types';

export interface LorekeeperConfig {
  /** Lore folders, in layer order (later layers override earlier ones). */
  lore?: string[];
  manuscripts?: string[];
  exclude?: string[];
  checks?: Record<string, SeveritySetting>;
  /** Words that are never an unknown-name (as cSpell's `words`): the writer's own names. */
  words?: string[];
}

export type ConfigResult = { ok: true; config: LorekeeperConfig } | { ok: false; message: string };

const SEVERITIES = new Set(['off', 'hint', 'info', 'warning', 'error']);
const KNOWN_CODES = new Set<string>([...CODES.map((c) => c.code), 'lore-*']);

export function parseConfig(text: string): ConfigResult {
  // parseDocument, not parse: parse() hands YAML warnings (an unknown tag) to Node, which prints them.
  const doc = parseDocument(text, { prettyErrors: false });
  const error = doc.errors[0] ?? doc.warnings[0];
  if (error) return { ok: false, message: `not valid YAML: ${error.message.split('\n')[0]}` };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (failure) {
    return { ok: false, message: `not valid YAML: ${(failure as Error).message.split('\n')[0]}` };
  }
  if (data === null || data === undefined) return { ok: true, config: {} };
  if (typeof data !== 'object' || Array.isArray(data)) return { ok: false, message: 'must be a mapping (lore:, manuscripts:, exclude:, checks:)' };
  const raw = data as Record<string, unknown>;
  const config: LorekeeperConfig = {};
  if (raw.words !== undefined && raw.words !== null) {
    const words = typeof raw.words === 'string' ? [raw.words] : raw.words;
    if (!Array.isArray(words) || !words.every((w) => typeof w === 'string' || typeof w === 'number')) return { ok: false, message: '`words` must be a list of words' };
    config.words = words.map(String);
  }
  for (const key of ['lore', 'manuscripts', 'exclude'] as const) {
    const value = raw[key];
    if (value === undefined || value === null) continue;
    const list = typeof value === 'string' ? [value] : value;
    if (!Array.isArray(list) || !list.every((v) => typeof v === 'string')) return { ok: false, message: `\`${key}\` must be a path or a list of paths` };
    // An empty path would silently mean the whole workspace (`lore: ""` made the root the lore).
    if (list.some((v) => v.trim() === '')) return { ok: false, message: `\`${key}\` has an empty path: name a folder or a glob` };
    // The workspace itself as the lore would hide every manuscript (they are never lore): a false green.
    if (key === 'lore' && list.some((v) => /^(?:\.[\\/]*)+$/.test(v.trim()))) return { ok: false, message: '`lore` cannot be the workspace folder itself: name the lore folder (e.g. lore)' };
    if (key === 'lore' && list.length === 0) return { ok: false, message: '`lore` is an empty list: name at least one lore folder (or leave `lore` out for ./lore)' };
    if (key !== 'lore') {
      // `lore` folders are paths, taken literally; `manuscripts` and `exclude` are globs.
      for (const glob of list as string[]) {
        const problem = globSyntaxError(glob);
        if (problem) return { ok: false, message: `\`${key}\`: ${problem}` };
      }
    }
    config[key] = list as string[];
  }
  if (raw.checks !== undefined && raw.checks !== null) {
    if (typeof raw.checks !== 'object' || Array.isArray(raw.checks)) return { ok: false, message: '`checks` must map a code to off, hint, info, warning or error' };
    config.checks = {};
    for (const [code, severity] of Object.entries(raw.checks as Record<string, unknown>)) {
      if (!KNOWN_CODES.has(code)) return { ok: false, message: `unknown check code "${code}" in \`checks\`` };
      if (typeof severity !== 'string' || !SEVERITIES.has(severity)) {
        return { ok: false, message: `\`checks.${code}\` must be off, hint, info, warning or error, not ${JSON.stringify(severity)}` };
      }
      config.checks[code] = severity as SeveritySetting;
    }
  }
  const unknown = Object.keys(raw).filter((key) => !['lore', 'manuscripts', 'exclude', 'checks', 'words'].includes(key));
  if (unknown.length > 0) return { ok: false, message: `unknown setting "${unknown[0]}" (known: lore, manuscripts, exclude, checks, words)` };
  return { ok: true, config };
}
