// The settings in force: VS Code's `lorekeeper.*` settings, overridden by a `lorekeeper.yaml` in
// the workspace (the file wins field by field, and code by code for `checks`), because the CLI
// reads that file too and the two must agree.
import * as vscode from 'vscode';
import { parseConfig, type LorekeeperConfig } from '../core/config';
import { decodeText, FileRefusedError } from '../core/fileSystem';
import type { SeveritySetting } from '../core/types';
import { workspaceFileSystem } from './workspaceFileSystem';

const MAX_CONFIG_BYTES = 1024 * 1024;

export interface Settings {
  lore: string[];
  manuscripts?: string[];
  exclude: string[];
  checks: Record<string, SeveritySetting>;
  /** Words never flagged as unknown-name (`words:` of lorekeeper.yaml). */
  words: string[];
  completionEnabled: boolean;
  /** Offer names while the writer types a capitalised word, not only on Ctrl+Space. */
  completionAsYouType: boolean;
  /** Show the date and mode understood at each scene marker. */
  markerHints: boolean;
  debounceMs: number;
  /** The `lorekeeper.yaml` read, if any. */
  configFile?: vscode.Uri;
  /** Why that file could not be used, if it could not. */
  configProblem?: string;
  /** Settings the writer changed in VS Code that lorekeeper.yaml overrides (`lore`, `checks.wrong-age`). */
  overridden: string[];
}

export const CONFIG_FILES = ['lorekeeper.yaml', 'lorekeeper.yml'];

export async function readSettings(root: vscode.Uri): Promise<Settings> {
  const section = vscode.workspace.getConfiguration('lorekeeper', root);
  const fromEditor: LorekeeperConfig = {
    lore: section.get<string[]>('lore'),
    manuscripts: section.get<string[]>('manuscripts'),
    exclude: section.get<string[]>('exclude'),
    checks: section.get<Record<string, SeveritySetting>>('checks'),
  };
  let fromFile: LorekeeperConfig = {};
  let configFile: vscode.Uri | undefined;
  let configProblem: string | undefined;
  for (const name of CONFIG_FILES) {
    const uri = vscode.Uri.joinPath(root, name);
    let bytes: Uint8Array;
    let refused: string | undefined;
    try {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      // A config that is a named pipe or a device is refused from its stat, never opened.
      bytes = open ? new TextEncoder().encode(open.getText()) : await workspaceFileSystem.readFile(uri.toString(), { maxBytes: MAX_CONFIG_BYTES });
    } catch (error) {
      if (!(error instanceof FileRefusedError)) continue;
      refused = error.message;
      bytes = new Uint8Array(0);
    }
    configFile = uri;
    const decoded = refused !== undefined ? { ok: false as const, reason: refused } : decodeText(bytes, MAX_CONFIG_BYTES);
    const parsed = decoded.ok ? parseConfig(decoded.text) : { ok: false as const, message: decoded.reason };
    if (parsed.ok) fromFile = parsed.config;
    else configProblem = `${name}: ${parsed.message}. The editor settings are used instead.`;
    break;
  }
  // A blank or `.` folder would make the workspace root the lore: such entries are ignored.
  const folders = (list: string[] | undefined): string[] | undefined =>
    nonEmpty(list?.map((folder) => String(folder).trim().replace(/^(?:\.\/)+/, '').replace(/\/+$/, '')).filter((folder) => folder !== '' && folder !== '.'));
  const lore = folders(fromFile.lore) ?? folders(fromEditor.lore) ?? ['lore'];
  // A setting the writer changed (not the default) that the file sets otherwise.
  const changed = (key: string): unknown => {
    const i = section.inspect(key);
    return i?.workspaceFolderValue ?? i?.workspaceValue ?? i?.globalValue;
  };
  const overridden: string[] = [];
  for (const key of ['lore', 'manuscripts', 'exclude'] as const) {
    const mine = changed(key);
    if (fromFile[key] !== undefined && mine !== undefined && JSON.stringify(mine) !== JSON.stringify(fromFile[key])) overridden.push(key);
  }
  const myChecks = (changed('checks') ?? {}) as Record<string, string>;
  for (const [code, severity] of Object.entries(fromFile.checks ?? {})) if (myChecks[code] !== undefined && myChecks[code] !== severity) overridden.push(`checks.${code}`);
  return {
    lore,
    manuscripts: nonEmpty(fromFile.manuscripts) ?? nonEmpty(fromEditor.manuscripts),
    exclude: fromFile.exclude ?? fromEditor.exclude ?? [],
    checks: { ...(fromEditor.checks ?? {}), ...(fromFile.checks ?? {}) },
    words: fromFile.words ?? [],
    completionEnabled: section.get<boolean>('completion.enabled', true),
    completionAsYouType: section.get<boolean>('completion.asYouType', true),
    markerHints: section.get<boolean>('sceneMarkers.showDate', true),
    debounceMs: Math.max(0, section.get<number>('diagnostics.debounceMs', 250)),
    configFile,
    configProblem,
    overridden,
  };
}

function nonEmpty(list: string[] | undefined): string[] | undefined {
  return list && list.length > 0 ? list : undefined;
}
