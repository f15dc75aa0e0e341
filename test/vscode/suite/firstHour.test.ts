// Issue 11, a writer's first hour: a new fandom from the editor, marker hints, the Scene view,
// lore-file quick fixes and the story's new quick fixes — each applied in a real VS Code.
import * as assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import type { LorekeeperApi } from '../../../src/vscode/extension';
import { codeOf, completions, deleteFile, diagnosticsWhen, discard, draft, labelOf, lorekeeper, until, workspaceUri, writeFile } from './helpers';

async function actionsFor(uri: vscode.Uri, code: string): Promise<{ diagnostic: vscode.Diagnostic; actions: vscode.CodeAction[] }> {
  const found = await diagnosticsWhen(uri, code, (codes) => codes.includes(code));
  const diagnostic = found.find((d) => codeOf(d) === code)!;
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range);
  return { diagnostic, actions };
}

function titled(actions: vscode.CodeAction[], title: string | RegExp): vscode.CodeAction {
  const action = actions.find((a) => (typeof title === 'string' ? a.title === title : title.test(a.title)));
  assert.ok(action, `no "${String(title)}" among: ${actions.map((a) => a.title).join(' | ')}`);
  return action;
}

async function apply(action: vscode.CodeAction): Promise<void> {
  if (action.edit) assert.equal(await vscode.workspace.applyEdit(action.edit), true, action.title);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

suite('A writer\'s first hour', () => {
  let api: LorekeeperApi;
  suiteSetup(async () => {
    api = await lorekeeper();
  });

  test('New Lore Base → New Lore Entry → a dated scene → a warning, in a folder with no lore yet', async () => {
    const config = vscode.workspace.getConfiguration('lorekeeper');
    const folder = workspaceUri('fresh-lore');
    const chapters: vscode.Uri[] = [];
    await config.update('lore', ['fresh-lore'], vscode.ConfigurationTarget.Workspace);
    try {
      await until('no lore', async () => (await api.whenIdle())?.active === false);
      await vscode.commands.executeCommand('lorekeeper.newLoreBase', { title: 'Harry Potter', calendar: { kind: 'none' } });
      const settings = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, '_settings.yaml')));
      assert.match(settings, /^title: Harry Potter$/m);
      await until('the new base to be active', async () => (await api.whenIdle())?.active === true);

      await vscode.commands.executeCommand('lorekeeper.newLoreEntry', { kind: 'character', file: 'fresh-lore/characters.yaml' });
      const editor = await until('the entry snippet', () => {
        const active = vscode.window.activeTextEditor;
        return active?.document.uri.path.endsWith('/fresh-lore/characters.yaml') && active.document.getText().includes('- name: Name') ? active : undefined;
      });
      assert.equal(editor.document.getText(editor.selection), 'Name', 'the first tab stop is the name');
      // The writer fills the tab stops: a name, and a death long before the scene.
      const text = editor.document.getText().replace('- name: Name', '- name: Albus Dumbledore').replace('# died: 1998-05-02', 'died: 1997-06-30').replace('born: 1960-03-10', 'born: 1881');
      await editor.edit((e) => e.replace(new vscode.Range(0, 0, editor.document.lineCount, 0), text));
      await editor.document.save();
      await until('Dumbledore in the lore', async () => (await api.whenIdle())?.entries === 1);

      const chapter = await vscode.commands.executeCommand<vscode.Uri>('lorekeeper.newChapter');
      chapters.push(chapter);
      const scene = vscode.window.activeTextEditor!;
      assert.match(scene.document.getText(), /^<!-- when: \d{4}-\d\d-\d\d -->\n/);
      await scene.edit((e) => e.replace(new vscode.Range(0, 0, scene.document.lineCount, 0), '<!-- when: 1998-09-02 -->\nAlbus Dumbledore smiled at the new students.\n'));
      const found = await diagnosticsWhen(chapter, 'dead-character', (codes) => codes.includes('dead-character'));
      assert.match(found.find((d) => codeOf(d) === 'dead-character')!.message, /^Albus Dumbledore died on 30 June 1997/);
      await scene.document.save();
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await config.update('lore', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false }).then(undefined, () => undefined);
      for (const chapter of chapters) await deleteFile(chapter);
      await api.whenIdle();
    }
  });

  test('Open the Sample Story copies the shipped canon and story, overwriting nothing', async () => {
    const folder = workspaceUri('sample-copy');
    try {
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(folder, 'examples'));
      await writeFile(vscode.Uri.joinPath(folder, 'examples', 'EXPECTED.md'), 'mine\n');
      const copied = await vscode.commands.executeCommand<number>('lorekeeper.openSample', { folder: folder.toString(), open: false });
      assert.ok(copied > 10, `copied ${copied} files`);
      const story = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, 'examples', 'the-vineyard-at-dusk.md')));
      assert.match(story, /Vineyard at Dusk/);
      await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder, 'lore', '_settings.yaml'));
      assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, 'examples', 'EXPECTED.md'))), 'mine\n', 'an existing file is kept');
    } finally {
      await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false }).then(undefined, () => undefined);
      await api.whenIdle();
    }
  });

  test('the status bar says when lorekeeper.yaml overrides a setting the writer changed', async () => {
    const config = vscode.workspace.getConfiguration('lorekeeper');
    const file = workspaceUri('lorekeeper.yaml');
    await config.update('checks', { 'wrong-age': 'error' }, vscode.ConfigurationTarget.Workspace);
    try {
      await writeFile(file, 'checks:\n  wrong-age: off\n  dead-character: hint\n');
      await until('the override in the tooltip', async () => {
        await api.whenIdle();
        return /overrides your settings: `checks\.wrong-age`/.test(api.statusTooltip?.() ?? '');
      });
      assert.doesNotMatch(api.statusTooltip!(), /dead-character/, 'a code the writer did not change is no override');
    } finally {
      await deleteFile(file);
      await config.update('checks', undefined, vscode.ConfigurationTarget.Workspace);
    }
    // The status bar asks the server again after the change: wait for its answer, not a moment.
    await until('the override gone from the tooltip', async () => {
      await api.whenIdle();
      return !/overrides/.test(api.statusTooltip?.() ?? '');
    });
  });

  test('a lore line being typed is not flagged before the writer pauses', async () => {
    const file = workspaceUri('lore', 'typing.yaml');
    await writeFile(file, '- name: Minerva McGonagall\n');
    try {
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
      await api.whenIdle();
      // "  aliases: [Minerva" is invalid YAML until the "]": typed at a writer's pace.
      for (const char of '  aliases: [Minerva, Professor]') {
        const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
        await editor.edit((e) => e.insert(end, end.line === 1 && end.character === 0 ? char : char));
        await new Promise((resolve) => setTimeout(resolve, 120));
        assert.ok(!vscode.languages.getDiagnostics(file).some((d) => codeOf(d) === 'lore-invalid-yaml'), `flagged while typing "${editor.document.lineAt(1).text}"`);
      }
      await editor.edit((e) => e.insert(editor.document.lineAt(1).range.end, '\n  born: [1935'));
      await diagnosticsWhen(file, 'the slip, once the writer pauses', (codes) => codes.includes('lore-invalid-yaml'), 5000);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await deleteFile(file);
      await api.whenIdle();
    }
  });

  test('lore-file quick fixes: normalise a date, fix a field name, remove a duplicate alias', async () => {
    const file = workspaceUri('lore', 'first-hour.yaml');
    await writeFile(file, '# Comments survive the fixes.\n- name: Harry Potter\n  born: July 31, 1980\n- name: Ginny Weasley\n  bron: 1981-08-11\n- name: Hugo Picard\n  aliases: [Hugo, Picard]\n');
    try {
      const document = await vscode.workspace.openTextDocument(file);
      await apply(titled((await actionsFor(file, 'lore-invalid-date')).actions, 'Write the date as 1980-07-31'));
      await apply(titled((await actionsFor(file, 'lore-unknown-field')).actions, "Rename the field to 'born'"));
      await apply(titled((await actionsFor(file, 'lore-duplicate-alias')).actions, "Remove the duplicate alias 'Picard'"));
      assert.equal(document.getText(), '# Comments survive the fixes.\n- name: Harry Potter\n  born: 1980-07-31\n- name: Ginny Weasley\n  born: 1981-08-11\n- name: Hugo Picard\n  aliases: [Hugo]\n');
      await document.save();
      await diagnosticsWhen(file, 'no problem left', (codes) => codes.length === 0);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await deleteFile(file);
      await api.whenIdle();
    }
  });

  test('story fixes: open the lore entry, add as an alias, ignore the word in this workspace, every scene mode, the interval', async () => {
    const { document } = await draft('<!-- when: 2399 -->\nJurrati was reading. Data walked in.\nIt had been twenty years since the attack on Mars.\n');
    const config = workspaceUri('lorekeeper.yaml');
    const people = workspaceUri('lore', 'characters', 'people.yaml');
    const original = new TextDecoder().decode(await vscode.workspace.fs.readFile(people));
    try {
      const dead = await actionsFor(document.uri, 'dead-character');
      for (const mode of ['dream', 'memory', 'vision', 'hologram', 'simulation']) titled(dead.actions, `Mark this scene as a ${mode}`);
      titled(dead.actions, 'Open the lore entry of Data');
      const interval = await actionsFor(document.uri, 'wrong-elapsed-time');
      titled(interval.actions, "Change to 'fourteen years'");

      const unknown = await actionsFor(document.uri, 'unknown-name');
      assert.equal(unknown.diagnostic.severity, vscode.DiagnosticSeverity.Information, 'listed and counted, as cSpell does');
      const alias = titled(unknown.actions, "Add 'Jurrati' as an alias of Agnes Jurati");
      assert.ok(alias.edit?.entries().some(([uri]) => uri.toString() === people.toString()), 'the edit is in the entry\'s lore file');
      await apply(titled(unknown.actions, "Ignore 'Jurrati' in this workspace (lorekeeper.yaml)"));
      await until('lorekeeper.yaml to list the word', async () => /words:\n\s+- Jurrati/.test(new TextDecoder().decode(await vscode.workspace.fs.readFile(config))));
      await diagnosticsWhen(document.uri, 'the ignored word no longer flagged', (codes) => !codes.includes('unknown-name') && codes.includes('dead-character'));

      await apply(titled(dead.actions, 'Open the lore entry of Data'));
      await until('the entry opened', () => vscode.window.activeTextEditor?.document.uri.toString() === people.toString() && vscode.window.activeTextEditor.document.getText(vscode.window.activeTextEditor.selection) === 'Data');
    } finally {
      await discard(document);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await deleteFile(config);
      await writeFile(people, original);
      await api.whenIdle();
    }
  });

  test('marker hints show the date and mode understood; a bad mode is invalid-scene-marker; extra fields keep the date', async () => {
    const { document } = await draft('<!-- when: 2370 -->\nA\n<!-- when: 2399, pov: Raffi -->\nData walked in.\n<!-- mode: daydream -->\nB\n');
    try {
      const found = await diagnosticsWhen(document.uri, 'invalid-scene-marker and dead-character', (codes) => codes.includes('invalid-scene-marker') && codes.includes('dead-character'));
      assert.match(found.find((d) => codeOf(d) === 'dead-character')!.message, /this scene is set in 2399/, 'the marker with pov still set 2399');
      const hints = await until('inlay hints', async () => {
        const list = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', document.uri, new vscode.Range(0, 0, document.lineCount, 0));
        return list.length >= 3 ? list : undefined;
      });
      const labels = hints.map((h) => `${h.position.line}:${typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')}`);
      assert.deepEqual(labels, ['0:2370 · normal', '2:2399 · normal', '4:2399 · normal (“daydream” unknown)']);
    } finally {
      await discard(document);
    }
  });

  test('completion: nothing for an ordinary lowercase word, names for a capitalised one; the Scene view lists the cast', async () => {
    const editor = await draft('<!-- when: 2399 -->\nand then Pic\nData and Agnes Jurati talked.\n');
    try {
      for (const languageId of ['markdown', 'plaintext']) {
        const editorSettings = vscode.workspace.getConfiguration('editor', { languageId });
        assert.deepEqual(editorSettings.get('quickSuggestions'), { other: 'on', comments: 'off', strings: 'off' }, `${languageId}: suggestions as you type`);
        assert.equal(editorSettings.get('wordBasedSuggestions'), 'off', `${languageId}: no document words`);
      }
      const then = (await completions(editor.document, new vscode.Position(1, 8))).filter((i) => (i.detail ?? '') !== '' && i.kind !== vscode.CompletionItemKind.Snippet);
      assert.deepEqual(then.map(labelOf), [], '"then" brings up no canon name');
      const pic = await completions(editor.document, new vscode.Position(1, 12));
      assert.equal(labelOf(pic[0]), 'Picard');
      assert.equal(pic[0].preselect, true);
      editor.selection = new vscode.Selection(2, 3, 2, 3);
      const cast = await until('the Scene view', async () => {
        const c = await api.sceneCast?.();
        return c && c.members.length >= 2 ? c : undefined;
      });
      assert.equal(cast.date, '2399');
      assert.deepEqual(cast.members.map((m) => `${m.name}: ${m.note}`), ['Data: dead for 20 years († 2379)', 'Agnes Jurati: age 38 or 39']);
    } finally {
      await discard(editor.document);
    }
  });
});
