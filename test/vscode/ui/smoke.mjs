// UI smoke test: the workbench shows the fixture workspace, a chapter opens, the
// extension activates. Test functions run in the order written; each gets
// { page, wb, workspace, screenshot, extensionId, logsDir, serverUrl }.
import fs from 'node:fs';
import path from 'node:path';

export async function opensAChapterAndActivates({ wb, workspace, screenshot }) {
  const chapter = fs.readdirSync(workspace, { recursive: true })
    .map(String).filter((f) => f.endsWith('.md') && !f.split(path.sep).includes('node_modules')).sort()[0];
  if (!chapter) throw new Error(`the fixture workspace ${workspace} has no .md file`);
  await wb.openFile(chapter);
  await wb.waitForActivation();
  await screenshot('chapter-open');
}
