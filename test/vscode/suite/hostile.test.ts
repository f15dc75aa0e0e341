// Hostile and broken input in the editor (issue 8): a named pipe among the lore files, and globs
// that cannot be read, in lorekeeper.yaml and in the settings — never a hang, never a throw.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { unlinkSync } from 'node:fs';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { codeOf, deleteFile, diagnosticsWhen, lorekeeper, openFile, until, workspaceUri, writeFile } from './helpers';

suite('Hostile input', () => {
  suiteSetup(async () => {
    await lorekeeper();
  });

  test('a named pipe among the lore files is reported on it, never opened, and the rest of the lore loads', async function () {
    const api = await lorekeeper();
    const pipe = workspaceUri('lore', 'pipe.yaml');
    // Windows has no named pipes in the file system; everywhere else a pipe that cannot be made is a failure, not a pass.
    if (process.platform === 'win32') this.skip();
    const made = spawnSync('mkfifo', [pipe.fsPath], { encoding: 'utf8' });
    assert.equal(made.status, 0, `mkfifo could not make the pipe: ${made.error?.message ?? made.stderr}`);
    try {
      await vscode.commands.executeCommand('lorekeeper.reloadLore');
      const problems = await diagnosticsWhen(pipe, 'the pipe reported', (codes) => codes.includes('lore-unreadable-file'));
      // The desktop server reads file: URIs with Node, which names the kind; vscode.workspace.fs cannot.
      assert.match(problems[0].message, /^Cannot read lore file: not a regular file \(it is a (named pipe|special file)\)\.$/);
      assert.equal((await api.whenIdle())!.entries, 7, 'the fixture lore still loads');
    } finally {
      unlinkSync(pipe.fsPath);
      await vscode.commands.executeCommand('lorekeeper.reloadLore');
    }
    await until('the problem to go with the pipe', () => vscode.languages.getDiagnostics(pipe).length === 0);
  });

  test('an unbalanced `{` in lorekeeper.yaml is a config problem; in the settings it is taken literally, and checking goes on', async () => {
    const { document } = await openFile('chapters', 'one-of-each.md');
    const before = (await diagnosticsWhen(document.uri, 'the fixture diagnostics', (codes) => codes.length >= 8)).length;
    const file = workspaceUri('lorekeeper.yaml');
    await writeFile(file, 'exclude: ["drafts/{old"]\n');
    try {
      const problems = await diagnosticsWhen(file, 'the config problem', (codes) => codes.includes('lorekeeper-config'));
      assert.match(problems[0].message, /^lorekeeper\.yaml: `exclude`: "drafts\/\{old": the `\{` at character 8 is never closed/);
    } finally {
      await deleteFile(file);
    }
    const config = vscode.workspace.getConfiguration('lorekeeper');
    await config.update('exclude', ['drafts/{old'], vscode.ConfigurationTarget.Workspace);
    try {
      // Edited, the manuscript is checked again with the bad glob in force: no throw, same findings.
      await vscode.window.activeTextEditor!.edit((edit) => edit.insert(new vscode.Position(document.lineCount, 0), '\n'));
      const found = await diagnosticsWhen(document.uri, 'the manuscript still checked', (codes) => codes.length === before);
      assert.ok(found.some((d) => codeOf(d) === 'dead-character'));
    } finally {
      await config.update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });
});
