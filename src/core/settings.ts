// The settings in force for one project: the editor's `lorekeeper.*` settings, overridden by the
// project's `lorekeeper.yaml` (the file wins field by field, and code by code for `checks`),
// because the CLI reads that file too and the two must agree. Pure: the caller reads the file.
import { parseConfig, type LorekeeperConfig } from './config';
import type { SeveritySetting } from './types';

export const CONFIG_FILES = ['lorekeeper.yaml', 'lorekeeper.yml'];

/** The editor's side: what `workspace/configuration` (section `lorekeeper`) or VS Code gives. */
export interface EditorSettings extends LorekeeperConfig {
  completion?: { enabled?: boolean; asYouType?: boolean };
  diagnostics?: { debounceMs?: number };
  /** `lorekeeper.sceneMarkers.showDate`: the date and mode understood at each scene marker, as inlay hints. */
  sceneMarkers?: { showDate?: boolean };
}

export interface ProjectSettings {
  lore: string[];
  manuscripts?: string[];
  exclude: string[];
  checks: Record<string, SeveritySetting>;
  /** Words never flagged as unknown-name (`words:` of lorekeeper.yaml). */
  words: string[];
  completionEnabled: boolean;
  /** Offer names while the writer types a capitalised word, not only when asked (Ctrl+Space). */
  completionAsYouType: boolean;
  debounceMs: number;
  /** Show the date and mode understood at each scene marker (inlay hints). */
  markerHints: boolean;
  /** The `lorekeeper.yaml` read (its name, relative to the project), if any. */
  configFile?: string;
  /** Why that file could not be used, if it could not. */
  configProblem?: string;
}

/** `configFile` is the first of CONFIG_FILES that exists, with its text (or why it is unreadable). */
export function resolveSettings(editor: EditorSettings | undefined, configFile?: { name: string; text: string } | { name: string; unreadable: string }): ProjectSettings {
  const fromEditor = sanitiseEditor(editor);
  let fromFile: LorekeeperConfig = {};
  let configProblem: string | undefined;
  if (configFile) {
    const parsed = 'text' in configFile ? parseConfig(configFile.text) : { ok: false as const, message: configFile.unreadable };
    if (parsed.ok) fromFile = parsed.config;
    else configProblem = `${configFile.name}: ${parsed.message}. The editor settings are used instead.`;
  }
  // A blank or `.` folder would make the workspace root the lore: such entries are ignored.
  const folders = (list: string[] | undefined): string[] | undefined =>
    nonEmpty(list?.map((folder) => String(folder).trim().replace(/^(?:\.\/)+/, '').replace(/\/+$/, '')).filter((folder) => folder !== '' && folder !== '.'));
  const lore = folders(fromFile.lore) ?? folders(fromEditor.lore) ?? ['lore'];
  const debounce = editor?.diagnostics?.debounceMs;
  return {
    lore,
    manuscripts: nonEmpty(fromFile.manuscripts) ?? nonEmpty(fromEditor.manuscripts),
    exclude: fromFile.exclude ?? fromEditor.exclude ?? [],
    checks: { ...(fromEditor.checks ?? {}), ...(fromFile.checks ?? {}) },
    words: fromFile.words ?? [],
    completionEnabled: editor?.completion?.enabled !== false,
    completionAsYouType: editor?.completion?.asYouType !== false,
    debounceMs: typeof debounce === 'number' && Number.isFinite(debounce) ? Math.max(0, debounce) : 250,
    markerHints: editor?.sceneMarkers?.showDate !== false,
    configFile: configFile?.name,
    configProblem,
  };
}

/** Editors send whatever the writer typed: keep only values of the right shape. */
function sanitiseEditor(editor: EditorSettings | undefined): LorekeeperConfig {
  if (!editor || typeof editor !== 'object') return {};
  const list = (value: unknown): string[] | undefined => (Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined);
  const checks = editor.checks && typeof editor.checks === 'object' && !Array.isArray(editor.checks) ? editor.checks : undefined;
  return { lore: list(editor.lore), manuscripts: list(editor.manuscripts), exclude: list(editor.exclude), checks };
}

function nonEmpty(list: string[] | undefined): string[] | undefined {
  return list && list.length > 0 ? list : undefined;
}
