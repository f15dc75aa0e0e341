// The Lore view: entries by kind, the dead marked, a click opens the entry.
import * as assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { lorekeeper, until } from './helpers';

suite('Lore view', () => {
  test('entries by kind, the dead with † and their death year; a click opens the entry', async () => {
    const api = await lorekeeper();
    const tree = api.loreTree!;
    const kinds = (await tree.getChildren())!;
    const kindItems = await Promise.all(kinds.map((k) => tree.getTreeItem(k)));
    assert.deepEqual(kindItems.map((i) => [i.label, i.description]), [['Characters', '5'], ['Ships', '1'], ['Events', '1']]);

    const people = (await tree.getChildren(kinds[0]))!;
    const items = await Promise.all(people.map((p) => tree.getTreeItem(p)));
    assert.deepEqual(items.map((i) => [i.label, i.description]), [
      ['Agnes Jurati', undefined],
      ['Dahj Asha', '† March 2399'],
      ['Data', '† 2379'],
      ['Elnor', undefined],
      ['Jean-Luc Picard', undefined],
    ]);
    const data = items[2];
    assert.equal(data.command?.command, 'lorekeeper.openEntry');
    await vscode.commands.executeCommand(data.command!.command, ...(data.command!.arguments ?? []));
    const editor = await until('the entry opened', () => {
      const e = vscode.window.activeTextEditor;
      return e?.document.uri.path.endsWith('/lore/characters/people.yaml') ? e : undefined;
    });
    assert.equal(editor.document.getText(editor.selection), 'Data');
  });
});
