// Lorekeeper: Import Canon from Wiki Export… in a real VS Code: the Memory Alpha fixture imported
// into lore/imported as the first layer, its entries in the Lore view, merged under the
// workspace's own lore. The workspace is put back afterwards for the other tests.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { suite, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import { EXTENSION_ID, lorekeeper, until, workspaceUri } from './helpers';

interface ImportCanonResult { out: string; entries: number; entriesByKind: Record<string, number>; problems: number; report: string }

suite('Import Canon from Wiki Export', () => {
  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('lorekeeper').update('lore', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.fs.delete(workspaceUri('lore', 'imported'), { recursive: true, useTrash: false }).then(undefined, () => undefined);
    const api = await lorekeeper();
    await vscode.commands.executeCommand('lorekeeper.reloadLore');
    await until('the workspace lore back as it was', async () => (await api.whenIdle())?.entries === 7 || undefined);
  });

  test('the command imports a wiki export; the Lore view shows its entries under the writer’s own layer', async () => {
    const api = await lorekeeper();
    const before = (await api.whenIdle())!.entries;
    await vscode.workspace.getConfiguration('lorekeeper').update('lore', ['lore/imported', 'lore'], vscode.ConfigurationTarget.Workspace);
    const extensionPath = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
    const result = await vscode.commands.executeCommand<ImportCanonResult>('lorekeeper.importCanon', {
      files: [path.join(extensionPath, 'test', 'fixtures', 'import', 'memory-alpha.xml')],
      out: 'lore/imported',
      quiet: true,
    });
    assert.equal(result.entries, 8);
    assert.deepEqual(result.entriesByKind, { character: 4, event: 1, organization: 1, place: 1, ship: 1 });
    assert.equal(result.problems, 2);
    await vscode.workspace.fs.stat(workspaceUri('lore', 'imported', 'characters.yaml'));

    const tree = api.loreTree!;
    const labels = async (element?: unknown) => Promise.all(((await tree.getChildren(element)) ?? []).map(async (e) => ({ e, item: await tree.getTreeItem(e) })));
    const kinds = await until('the imported kinds in the Lore view', async () => {
      const all = await labels();
      return all.some((k) => k.item.label === 'Places') ? all : undefined;
    });
    assert.deepEqual(kinds.map((k) => k.item.label).sort(), ['Characters', 'Events', 'Organizations', 'Places', 'Ships']);
    const people = await labels(kinds.find((k) => k.item.label === 'Characters')!.e);
    const shown = new Map(people.map((p) => [p.item.label, p.item.description]));
    // Imported only: shown with their imported death; in both layers: one entry, not two.
    assert.equal(shown.get('Tasha Yar'), '† 2364');
    assert.equal(shown.get('Robert Picard'), '† 2371');
    assert.equal(people.filter((p) => p.item.label === 'Data').length, 1);
    assert.equal(people.filter((p) => p.item.label === 'Jean-Luc Picard').length, 1);
    const state = (await api.whenIdle())!;
    assert.equal(state.problems, 0);
    assert.ok(state.entries > before);
  });

  test('a bad export is refused with nothing written', async () => {
    const extensionPath = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
    const result = await vscode.commands.executeCommand('lorekeeper.importCanon', {
      files: [path.join(extensionPath, 'package.json')],
      out: 'lore/refused',
      quiet: true,
    });
    assert.equal(result, undefined);
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(workspaceUri('lore', 'refused'))));
  });
});
