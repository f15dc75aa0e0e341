// Lorekeeper: Import Canon from Wiki Export… — the CLI's `import mediawiki` behind a file picker,
// a target folder and a cancellable progress notification. Tests (and other extensions) drive it
// without dialogs by passing ImportCanonArgs.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { REPORT_FILE } from '../core/import/assemble';
import type { Mapping } from '../core/import/mapping';
import { parseMapping } from '../core/import/mapping';
import { PRESET_NAMES, presetMapping } from '../core/import/presets';
import { runImport } from '../cli/import/importer';
import { ExportError } from '../cli/import/readExport';
import { checkOutputFolder, writeImport } from '../cli/import/writeImport';

export const IMPORT_CANON = 'lorekeeper.importCanon';
const DEFAULT_OUT = 'lore/imported';

export interface ImportCanonArgs {
  /** Export files (file-system paths). */
  files: string[];
  /** Target folder, relative to the workspace folder or absolute (default lore/imported). */
  out?: string;
  preset?: string;
  /** A mapping file (path). */
  mapping?: string;
  /** Skip reasons to import anyway (`Legends`). */
  include?: string[];
  /** No summary notification (tests). */
  quiet?: boolean;
}

export interface ImportCanonResult {
  out: string;
  entries: number;
  entriesByKind: Record<string, number>;
  problems: number;
  report: string;
}

export function registerImportCanon(): vscode.Disposable {
  return vscode.commands.registerCommand(IMPORT_CANON, (args?: ImportCanonArgs) => importCanon(args));
}

async function importCanon(given?: ImportCanonArgs): Promise<ImportCanonResult | undefined> {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!root || root.scheme !== 'file') {
    void vscode.window.showWarningMessage('Lorekeeper: open a folder on this computer to import a canon into.');
    return undefined;
  }
  const args = given ?? (await askForArgs(root));
  if (!args) return undefined;
  const out = path.resolve(root.fsPath, args.out ?? DEFAULT_OUT);
  let mapping: Mapping | undefined;
  try {
    mapping = await readMapping(args);
    checkOutputFolder(out);
  } catch (error) {
    void vscode.window.showErrorMessage(`Lorekeeper: ${(error as Error).message}`);
    return undefined;
  }

  const controller = new AbortController();
  let result: ImportCanonResult | undefined;
  try {
    result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Lorekeeper: importing canon', cancellable: true },
      async (progress, token) => {
        token.onCancellationRequested(() => controller.abort());
        let reported = 0;
        const run = await runImport({
          files: args.files,
          mapping,
          include: new Set((args.include ?? []).map((r) => r.toLowerCase())),
          signal: controller.signal,
          onProgress(file, fraction, pages) {
            const percent = fraction < 0 ? undefined : Math.floor(fraction * 100);
            progress.report({ message: `${path.basename(file)}: ${pages.toLocaleString()} pages`, increment: percent === undefined ? undefined : Math.max(0, percent - reported) });
            if (percent !== undefined) reported = Math.max(reported, percent);
          },
        });
        if (controller.signal.aborted) return undefined;
        progress.report({ message: 'writing the lore files' });
        writeImport(out, run.files);
        return { out, entries: run.report.entries, entriesByKind: run.report.entriesByKind, problems: run.report.problems.length, report: path.join(out, REPORT_FILE) };
      },
    );
  } catch (error) {
    const message = error instanceof ExportError ? error.message : `import failed: ${(error as Error).message}`;
    if (!controller.signal.aborted) void vscode.window.showErrorMessage(`Lorekeeper: ${message}`);
    return undefined;
  }
  if (!result) return undefined;
  await vscode.commands.executeCommand('lorekeeper.reloadLore');
  if (!args.quiet) void showSummary(root, result);
  return result;
}

async function showSummary(root: vscode.Uri, result: ImportCanonResult): Promise<void> {
  const kinds = Object.entries(result.entriesByKind).map(([kind, n]) => `${n} ${kind}`).join(', ');
  const where = path.relative(root.fsPath, result.out).split(path.sep).join('/');
  const layers = vscode.workspace.getConfiguration('lorekeeper', root).get<string[]>('lore') ?? ['lore'];
  const inLore = layers.some((layer) => where === layer || where.startsWith(`${layer.replace(/\/+$/, '')}/`));
  const note = inLore ? '' : ` Add "${where}" to your lore folders (lore: [${where}, lore]) to use it.`;
  const text = `Lorekeeper: imported ${result.entries} entries into ${where}/ (${kinds || 'none'})${result.problems > 0 ? `; ${result.problems} values could not be read` : ''}.${note}`;
  const show = result.problems > 0 ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  const choice = await show(text, 'Open report', 'Check Continuity now');
  if (choice === 'Open report') await vscode.window.showTextDocument(vscode.Uri.file(result.report));
  else if (choice === 'Check Continuity now') await vscode.commands.executeCommand('lorekeeper.checkContinuity');
}

async function readMapping(args: ImportCanonArgs): Promise<Mapping | undefined> {
  if (args.preset) {
    const mapping = presetMapping(args.preset);
    if (!mapping) throw new Error(`unknown preset "${args.preset}" (presets: ${PRESET_NAMES.join(', ')})`);
    return mapping;
  }
  if (!args.mapping) return undefined;
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.file(args.mapping));
  const parsed = parseMapping(new TextDecoder().decode(bytes), path.basename(args.mapping));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.mapping;
}

async function askForArgs(root: vscode.Uri): Promise<ImportCanonArgs | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title: 'Wiki export to import (Special:Export XML, or a *_pages_current.xml dump)',
    canSelectMany: true,
    openLabel: 'Import',
    defaultUri: root,
    filters: { 'MediaWiki export': ['xml', 'gz', 'bz2', '7z'], 'All files': ['*'] },
  });
  if (!picked || picked.length === 0) return undefined;
  const choices: Array<vscode.QuickPickItem & { preset?: string; mapping?: boolean }> = [
    { label: 'Guess from the export', description: 'by the wiki’s site name' },
    ...PRESET_NAMES.map((name) => ({ label: name, description: presetMapping(name)!.wiki, preset: name })),
    { label: 'Mapping file…', description: 'a YAML mapping for any other wiki', mapping: true },
  ];
  const choice = await vscode.window.showQuickPick(choices, { title: 'Which wiki is it from?' });
  if (!choice) return undefined;
  let mapping: string | undefined;
  if (choice.mapping) {
    const file = await vscode.window.showOpenDialog({ title: 'Mapping file', defaultUri: root, filters: { YAML: ['yaml', 'yml'] } });
    if (!file?.[0]) return undefined;
    mapping = file[0].fsPath;
  }
  const out = await vscode.window.showInputBox({
    title: 'Folder the import owns (a re-import replaces it; keep corrections in a later layer)',
    value: DEFAULT_OUT,
    validateInput: (value) => (value.trim() === '' ? 'A folder, relative to the workspace' : undefined),
  });
  if (out === undefined) return undefined;
  return { files: picked.map((uri) => uri.fsPath), out: out.trim(), preset: choice.preset, mapping };
}
