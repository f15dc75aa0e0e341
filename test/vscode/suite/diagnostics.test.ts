// Live diagnostics: every code in the fixture manuscript, documentation links, severities from
// the settings, re-checking as the text changes, and lore problems in lore files.
import * as assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { codeOf, deleteFile, diagnosticsWhen, discard, draft, lorekeeper, openFile, until, workspaceUri, writeFile } from './helpers';
import type { LorekeeperApi } from '../../../src/vscode/extension';

const EVERY_CODE = [
  'dead-character',
  'unborn-character',
  'nonexistent-entity',
  'wrong-date',
  'wrong-age',
  'wrong-elapsed-time',
  'unknown-name',
  'invalid-scene-date',
];

/** The check page a `command:lorekeeper.openCheckDocs?[page]` link opens. */
function pageOf(target: vscode.Uri): string {
  return vscode.Uri.parse((JSON.parse(decodeURIComponent(target.query)) as string[])[0]).path;
}

suite('Diagnostics', () => {
  let api: LorekeeperApi;
  suiteSetup(async () => {
    api = await lorekeeper();
  });

  /** The lore's generation (how many loads so far), or why it could not be had within 5 s. */
  const loreGeneration = (): Promise<string> =>
    Promise.race([
      api.whenIdle().then((state) => String(state?.generation ?? 'none'), (e: Error) => `an error (${e.message})`),
      new Promise<string>((resolve) => setTimeout(() => resolve('no answer within 5 s'), 5000)),
    ]);

  test('the fixture manuscript has one diagnostic of every code, each linked to its page', async () => {
    const { document } = await openFile('chapters', 'one-of-each.md');
    const found = await diagnosticsWhen(document.uri, 'every code', (codes) => EVERY_CODE.every((c) => codes.includes(c)));
    assert.deepEqual(found.map(codeOf).sort(), [...EVERY_CODE].sort());
    for (const d of found) {
      const code = d.code as { value: string; target: vscode.Uri };
      // The link is a command that opens the page as a rendered preview (not the editable file).
      assert.equal(`${code.target.scheme}:${code.target.path}`, 'command:lorekeeper.openCheckDocs', `${code.value} links to ${code.target.toString()}`);
      assert.ok(pageOf(code.target).endsWith(`/docs/checks/${code.value}.md`), `${code.value} links to ${pageOf(code.target)}`);
      const expected = code.value === 'unknown-name' ? vscode.DiagnosticSeverity.Information : vscode.DiagnosticSeverity.Warning;
      assert.equal(d.severity, expected, code.value);
    }
    const dead = found.find((d) => codeOf(d) === 'dead-character')!;
    assert.equal(dead.message, 'Data died in 2379 (Killed destroying the Scimitar), but this scene is set in September 2399. Source: Star Trek Nemesis.');
    assert.deepEqual([dead.range.start.line, dead.range.start.character, dead.range.end.character], [7, 0, 4]);
  });

  test('a code link opens the check page as a rendered Markdown preview, not as an editable file', async () => {
    const { document } = await openFile('chapters', 'one-of-each.md');
    const found = await diagnosticsWhen(document.uri, 'a dead-character', (codes) => codes.includes('dead-character'));
    const target = (found.find((d) => codeOf(d) === 'dead-character')!.code as { target: vscode.Uri }).target;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // What the hover and the Problems panel do on a click: run the command link's command with its arguments.
    assert.equal(await vscode.commands.executeCommand(target.path, ...JSON.parse(decodeURIComponent(target.query))), true);
    const preview = await until('a Markdown preview tab', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType)));
    assert.match(preview.label, /dead-character/, 'the preview shows the dead-character page');
    assert.equal(vscode.window.visibleTextEditors.some((e) => e.document.uri.path.endsWith('/docs/checks/dead-character.md')), false, 'no editable copy opened');
    // Near miss: the command opens nothing but the extension's own check pages.
    assert.equal(await vscode.commands.executeCommand(target.path, workspaceUri('chapters', 'one-of-each.md').toString()), false);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('severities follow lorekeeper.checks', async () => {
    const { document } = await openFile('chapters', 'one-of-each.md');
    const config = vscode.workspace.getConfiguration('lorekeeper');
    await config.update('checks', { 'unknown-name': 'off', 'wrong-age': 'error' }, vscode.ConfigurationTarget.Workspace);
    try {
      const found = await diagnosticsWhen(document.uri, 'unknown-name off', (codes) => !codes.includes('unknown-name') && codes.includes('wrong-age'));
      assert.equal(found.find((d) => codeOf(d) === 'wrong-age')!.severity, vscode.DiagnosticSeverity.Error);
    } finally {
      await config.update('checks', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await diagnosticsWhen(document.uri, 'unknown-name back', (codes) => codes.includes('unknown-name'));
  });

  test('lorekeeper.yaml wins over the editor settings, and its own problems are shown', async () => {
    const { document } = await openFile('chapters', 'one-of-each.md');
    const config = vscode.workspace.getConfiguration('lorekeeper');
    const file = workspaceUri('lorekeeper.yaml');
    await config.update('checks', { 'unknown-name': 'error' }, vscode.ConfigurationTarget.Workspace);
    await writeFile(file, 'checks:\n  unknown-name: off\n');
    try {
      await diagnosticsWhen(document.uri, 'the file to win', (codes) => codes.length === 7 && !codes.includes('unknown-name'));
      await writeFile(file, 'checks:\n  unknown-name: loud\n');
      const problems = await diagnosticsWhen(file, 'the config problem', (codes) => codes.includes('lorekeeper-config'));
      assert.match(problems[0].message, /^lorekeeper\.yaml: `checks\.unknown-name` must be off, hint, info, warning or error/);
      const found = await diagnosticsWhen(document.uri, 'the editor setting meanwhile', (codes) => codes.includes('unknown-name'));
      assert.equal(found.find((d) => codeOf(d) === 'unknown-name')!.severity, vscode.DiagnosticSeverity.Error);
    } finally {
      await deleteFile(file);
      await config.update('checks', undefined, vscode.ConfigurationTarget.Workspace);
    }
    const back = await diagnosticsWhen(document.uri, 'the default severity back', (codes) => codes.includes('unknown-name'));
    await until('the info severity', () =>
      vscode.languages.getDiagnostics(document.uri).find((d) => codeOf(d) === 'unknown-name')?.severity === vscode.DiagnosticSeverity.Information);
    assert.ok(back.length >= 8);
    assert.deepEqual(vscode.languages.getDiagnostics(file), []);
  });

  test('re-checked as the writer types', async () => {
    const editor = await draft('<!-- when: 2399 -->\nData walked in.\n');
    try {
      await diagnosticsWhen(editor.document.uri, 'dead-character', (codes) => codes.includes('dead-character'));
      await editor.edit((e) => e.insert(new vscode.Position(0, '<!-- when: 2399'.length), ', mode: dream'));
      await diagnosticsWhen(editor.document.uri, 'no diagnostics in a dream', (codes) => codes.length === 0);
    } finally {
      await discard(editor.document);
    }
  });

  test('a broken lore file shows its problem while everything else keeps working', async () => {
    const broken = workspaceUri('lore', 'broken.yaml');
    await writeFile(broken, '- name: [unclosed\n');
    try {
      const problems = await diagnosticsWhen(broken, 'lore-invalid-yaml', (codes) => codes.includes('lore-invalid-yaml'));
      assert.equal(problems[0].severity, vscode.DiagnosticSeverity.Error);
      assert.ok(pageOf((problems[0].code as { target: vscode.Uri }).target).endsWith('/docs/checks/lore-problems.md'));
      const { document } = await openFile('chapters', 'one-of-each.md');
      await diagnosticsWhen(document.uri, 'manuscript still checked', (codes) => codes.includes('dead-character'));
    } finally {
      await deleteFile(broken);
    }
    const deletedAt = await loreGeneration();
    // The server hears of the deletion from VS Code's watcher and from its own watch of the lore
    // folder. If the problem stays, say what was seen: the file, the diagnostics, and whether the
    // lore was read again at all (its generation) or the server no longer answers.
    await until('the problem to go with the file', () => vscode.languages.getDiagnostics(broken).length === 0, 20_000).catch(async (error: Error) => {
      const exists = await vscode.workspace.fs.stat(broken).then(() => true, () => false);
      const shown = vscode.languages.getDiagnostics(broken).map((d) => `${codeOf(d)}: ${d.message}`);
      throw new Error(`${error.message}; the file ${exists ? 'still exists' : 'is gone'}; its diagnostics: ${shown.join(' | ')}; lore generation when deleted ${deletedAt}, now ${await loreGeneration()}`);
    });
  });
});
