// Lorekeeper: Check Continuity over the fixture workspace.
import * as assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import type { ContinuityReport } from '../../../src/vscode/commands';
import { codeOf, lorekeeper, until, workspaceUri } from './helpers';

suite('Check Continuity', () => {
  suiteSetup(async () => {
    await lorekeeper();
  });

  test('checks every manuscript, fills the Problems panel and sums up by code', async () => {
    const report = await vscode.commands.executeCommand<ContinuityReport>('lorekeeper.checkContinuity');
    assert.ok(report, 'the command reports');
    assert.equal(report.files, 2);
    assert.equal(report.total, 8);
    assert.deepEqual(Object.keys(report.byCode).sort(), [
      'dead-character', 'invalid-scene-date', 'nonexistent-entity', 'unborn-character',
      'unknown-name', 'wrong-age', 'wrong-date', 'wrong-elapsed-time',
    ]);
    assert.match(report.summary, /^8 contradictions in 2 manuscripts: 1 dead character acting, 1 scene date that cannot be read, .*\.$/);
    assert.doesNotMatch(report.summary, /dead-character|invalid-scene-date|wrong-age/, 'checks named in words, not codes');

    const chapter = workspaceUri('chapters', 'one-of-each.md');
    const problems = await until('problems of the chapter', () => {
      const found = vscode.languages.getDiagnostics(chapter).filter((d) => d.source === 'Lorekeeper');
      return found.length === 8 ? found : undefined;
    });
    assert.ok(problems.some((d) => codeOf(d) === 'wrong-elapsed-time'));
    assert.deepEqual(vscode.languages.getDiagnostics(workspaceUri('chapters', 'quiet.txt')), []);
  });

  test('the status bar shows the canon, its size and the date at the cursor', async () => {
    const api = await lorekeeper();
    const document = await vscode.workspace.openTextDocument(workspaceUri('chapters', 'one-of-each.md'));
    const editor = await vscode.window.showTextDocument(document);
    const elnor = document.positionAt(document.getText().indexOf('Elnor smiled'));
    editor.selection = new vscode.Selection(elnor, elnor);
    await until('the 2370 scene in the status bar', () => api.statusText() === '$(book) Test Canon · 7 entries · 2370');
    const data = document.positionAt(document.getText().indexOf('Data walked'));
    editor.selection = new vscode.Selection(data, data);
    await until('the September 2399 scene in the status bar', () => api.statusText().endsWith('· September 2399'));
  });
});
