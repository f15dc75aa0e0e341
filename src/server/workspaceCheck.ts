// lorekeeper/checkWorkspace: every manuscript of the workspace checked, the findings published as
// diagnostics (open documents as they are in the editor), and a summary by code.
import { appendAll } from '../core/arrays';
import type { CancellationToken } from 'vscode-languageserver';
import { summariseContinuity } from '../core/features/continuityReport';
import { checkFile, type Diagnostics } from './diagnostics';
import type { CheckWorkspaceParams, CheckWorkspaceResult } from './protocol';
import { normaliseUri } from './uris';
import type { Workspace } from './workspace';

export async function checkWorkspace(workspace: Workspace, diagnostics: Diagnostics, params: CheckWorkspaceParams | undefined, token: CancellationToken): Promise<CheckWorkspaceResult> {
  const wanted = params?.folder ? normaliseUri(params.folder) : undefined;
  const projects = workspace.folders.filter((p) => wanted === undefined || p.root === wanted);
  const byCode: Record<string, number> = {};
  let files = 0;
  let loreProblems = 0;
  let anyActive = false;
  const missing: string[] = [];
  for (const project of projects) {
    const state = await project.whenIdle();
    if (!state.active) {
      appendAll(missing, state.settings.lore.map((f) => (projects.length > 1 ? `${project.name}/${f}` : f)));
      continue;
    }
    anyActive = true;
    loreProblems += state.loaded.base.problems.length;
    const uris = await project.listManuscripts(state.settings, () => token.isCancellationRequested);
    for (const uri of uris) {
      if (token.isCancellationRequested) break;
      const found = await checkFile(workspace, project, state, uri);
      if (found === undefined) continue;
      files++;
      diagnostics.showChecked(uri, found);
      for (const d of found) byCode[d.code] = (byCode[d.code] ?? 0) + 1;
      // Let other requests (a keystroke's diagnostics) through between files.
      if (files % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }
  const total = Object.values(byCode).reduce((a, b) => a + b, 0);
  const report = { files, byCode, total, loreProblems, cancelled: token.isCancellationRequested };
  return { ...report, summary: summariseContinuity(report), ...(anyActive ? {} : { missingLore: missing }) };
}
