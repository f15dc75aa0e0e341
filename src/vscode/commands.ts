// Lorekeeper: Check Continuity — the server checks every manuscript of the workspace and fills
// the Problems panel; the editor shows progress and a one-line summary by code.
import * as vscode from 'vscode';
import { CheckWorkspaceRequest } from '../server/protocol';
import type { LoreClient } from './client';

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

export async function checkContinuity(lore: LoreClient): Promise<ContinuityReport | undefined> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Lorekeeper: checking continuity', cancellable: true },
    async (_progress, token) => {
      const result = await lore.request(CheckWorkspaceRequest, {}, token);
      if (result.missingLore) {
        void vscode.window.showWarningMessage(`Lorekeeper: no lore folder found (${result.missingLore.join(', ')}). Set "lorekeeper.lore" or add a lorekeeper.yaml.`);
        return undefined;
      }
      const { files, byCode, total, loreProblems, cancelled, summary } = result;
      const report: ContinuityReport = { files, byCode, total, loreProblems, cancelled: cancelled || token.isCancellationRequested, summary };
      const troubled = total > 0 || loreProblems > 0;
      const show = troubled ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
      void show(summary, ...(troubled ? ['Show Problems'] : [])).then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
      });
      return report;
    },
  );
}
