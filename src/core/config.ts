// `lorekeeper.yaml`, read alike by the CLI and the extension.
import { parse as parseYaml } from 'yaml';
import { CODES } from './codes';
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
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    return { ok: false, message: `not valid YAML: ${(error as Error).message.split('\n')[0]}` };
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
