// Lorekeeper: Check Continuity — every manuscript of the project checked, the Problems panel
// filled, and a one-line summary by code.
import * as vscode from 'vscode';
import { checkFile, type LiveDiagnostics } from './diagnostics';
import { findManuscripts } from './manuscripts';
import type { Project } from './project';

export const CHECK_CONTINUITY = 'lorekeeper.checkContinuity';

export interface ContinuityReport {
  files: number;
  /** Findings in the manuscripts, by code. */
  byCode: Record<string, number>;
  total: number;
  loreProblems: number;
  cancelled: boolean;
  summary: string;
}

export async function checkContinuity(project: Project, diagnostics: LiveDiagnostics): Promise<ContinuityReport | undefined> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Lorekeeper: checking continuity', cancellable: true },
    async (progress, token) => {
      const state = await project.whenIdle();
      if (!state.active) {
        const folders = state.settings.lore.join(', ');
        void vscode.window.showWarningMessage(`Lorekeeper: no lore folder found (${folders}). Set "lorekeeper.lore" or add a lorekeeper.yaml.`);
        return undefined;
      }
      const uris = await findManuscripts(project, state, token);
      const byCode: Record<string, number> = {};
      let files = 0;
      for (const uri of uris) {
        if (token.isCancellationRequested) break;
        progress.report({ message: project.relativePath(uri) ?? uri.path, increment: 100 / Math.max(uris.length, 1) });
        const found = await checkFile(project, state, uri);
        if (found === undefined) continue;
        files++;
        diagnostics.show(uri, found, true);
        for (const d of found) byCode[d.code] = (byCode[d.code] ?? 0) + 1;
        // Let the editor breathe between files.
        if (files % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 0));
      }
      const total = Object.values(byCode).reduce((a, b) => a + b, 0);
      const loreProblems = state.loaded.base.problems.length;
      const report: ContinuityReport = { files, byCode, total, loreProblems, cancelled: token.isCancellationRequested, summary: '' };
      report.summary = summarise(report);
      const show = total > 0 || loreProblems > 0 ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
      void show(report.summary, ...(total > 0 || loreProblems > 0 ? ['Show Problems'] : [])).then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
      });
      return report;
    },
  );
}

/** "7 contradictions: 2 dead-character, 1 wrong-date, … in 3 manuscripts." */
export function summarise(report: Omit<ContinuityReport, 'summary'>): string {
  const files = `${report.files} manuscript${report.files === 1 ? '' : 's'}`;
  const lore = report.loreProblems > 0 ? ` The lore has ${report.loreProblems} problem${report.loreProblems === 1 ? '' : 's'}.` : '';
  const stopped = report.cancelled ? ' (cancelled)' : '';
  if (report.total === 0) return `No contradictions in ${files}${stopped}.${lore}`;
  const parts = Object.entries(report.byCode)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([code, count]) => `${count} ${code}`);
  return `${report.total} contradiction${report.total === 1 ? '' : 's'}: ${parts.join(', ')} in ${files}${stopped}.${lore}`;
}
