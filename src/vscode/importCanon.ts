// Lorekeeper: Import Canon from Wiki Export… — the CLI's `lorekeeper import mediawiki` behind a
// file picker, a target folder and a cancellable progress notification. The import runs in a child
// process of the CLI bundle (dist/cli.js): its XML reader and YAML writer never load into the
// extension host. Tests (and other extensions) drive it without dialogs by passing ImportCanonArgs.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LoreVocabularyRequest } from '../server/protocol';
import type { ImportProgressMessage } from '../cli/import/command';
import type { LoreClient } from './client';

export const IMPORT_CANON = 'lorekeeper.importCanon';
const DEFAULT_OUT = 'lore/imported';
/** The report the importer writes beside the lore files it made (core/import/assemble.ts). */
const REPORT_FILE = 'import-report.log';

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

export function registerImportCanon(context: vscode.ExtensionContext, lore: LoreClient): vscode.Disposable {
  return vscode.commands.registerCommand(IMPORT_CANON, (args?: ImportCanonArgs) => importCanon(context, lore, args));
}

async function importCanon(context: vscode.ExtensionContext, lore: LoreClient, given?: ImportCanonArgs): Promise<ImportCanonResult | undefined> {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!root || root.scheme !== 'file') {
    void vscode.window.showWarningMessage('Lorekeeper: open a folder on this computer to import a canon into.');
    return undefined;
  }
  const args = given ?? (await askForArgs(lore, root));
  if (!args) return undefined;
  const out = path.resolve(root.fsPath, args.out ?? DEFAULT_OUT);
  const argv = ['import', 'mediawiki', ...args.files, '--out', out, '--format', 'json'];
  if (args.preset) argv.push('--preset', args.preset);
  if (args.mapping) argv.push('--mapping', args.mapping);
  for (const reason of args.include ?? []) argv.push('--include', reason);

  let result: ImportCanonResult | undefined;
  try {
    result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Lorekeeper: importing canon', cancellable: true },
      async (progress, token) => {
        progress.report({ message: args.files.map((f) => path.basename(f)).join(', ') });
        // The bar moves with the files read: each file an equal share, the writing at the end.
        let reported = 0;
        const onMessage = (message: ImportProgressMessage): void => {
          if (message.lorekeeperImport === 'writing') {
            progress.report({ message: `writing ${message.entries.toLocaleString()} entries`, increment: Math.max(0, 100 - reported) });
            reported = 100;
            return;
          }
          const index = Math.max(0, args.files.findIndex((f) => path.resolve(root.fsPath, f) === message.file));
          const done = message.fraction < 0 ? undefined : Math.min(99, Math.floor(((index + message.fraction) / args.files.length) * 100));
          const pages = message.pages === undefined ? '' : `: ${message.pages.toLocaleString()} pages`;
          progress.report({ message: `${path.basename(message.file)}${pages}`, increment: done === undefined ? undefined : Math.max(0, done - reported) });
          if (done !== undefined) reported = Math.max(reported, done);
        };
        const run = await runCli(context.asAbsolutePath('dist/cli.js'), argv, root.fsPath, token, onMessage);
        if (!run) return undefined;
        return { out, entries: run.entries, entriesByKind: run.entriesByKind, problems: run.problems, report: path.join(out, REPORT_FILE) };
      },
    );
  } catch (error) {
    void vscode.window.showErrorMessage(`Lorekeeper: ${(error as Error).message}`);
    return undefined;
  }
  if (!result) return undefined;
  await vscode.commands.executeCommand('lorekeeper.reloadLore');
  if (!args.quiet) void showSummary(root, result);
  return result;
}

/**
 * `node dist/cli.js import …` in a child process, its progress told over the message channel; its JSON report, undefined when cancelled (the
 * child is stopped). A refused export (exit 2) rejects with the CLI's one-line message.
 */
function runCli(cli: string, argv: string[], cwd: string, token: vscode.CancellationToken, onMessage: (message: ImportProgressMessage) => void): Promise<{ entries: number; entriesByKind: Record<string, number>; problems: number } | undefined> {
  return new Promise((resolve, reject) => {
    // Required here, not at the top: activation has no use for child_process (bench/activate.cjs).
    const { fork } = require('node:child_process') as typeof import('node:child_process');
    const child = fork(cli, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe', 'ipc'], execArgv: [] });
    let stdout = '';
    let stderr = '';
    let cancelled = false;
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('message', (message: unknown) => {
      if (typeof message === 'object' && message !== null && 'lorekeeperImport' in message) onMessage(message as ImportProgressMessage);
    });
    const listener = token.onCancellationRequested(() => {
      cancelled = true;
      child.kill();
    });
    child.on('error', (error) => {
      listener.dispose();
      reject(new Error(`the importer did not start (${error.message})`));
    });
    child.on('exit', (code) => {
      listener.dispose();
      if (cancelled) return resolve(undefined);
      // Exit 1: imported, with values that could not be read (counted in the report).
      if (code === 0 || code === 1) {
        try {
          const report = JSON.parse(stdout) as { entries: number; entriesByKind: Record<string, number>; problems: unknown[] };
          return resolve({ entries: report.entries, entriesByKind: report.entriesByKind, problems: report.problems.length });
        } catch {
          return reject(new Error('import failed: the importer gave no report'));
        }
      }
      const message = stderr.split('\n').find((line) => line.trim() !== '')?.replace(/^lorekeeper:\s*/, '') ?? `the importer stopped (exit ${code})`;
      reject(new Error(code === 2 ? message : `import failed: ${message}`));
    });
  });
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

async function askForArgs(lore: LoreClient, root: vscode.Uri): Promise<ImportCanonArgs | undefined> {
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
    ...(await lore.request0(LoreVocabularyRequest)).importPresets.map((p) => ({ label: p.name, description: p.wiki, preset: p.name })),
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
