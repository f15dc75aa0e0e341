// The lore reloads in place when a file changes, re-parsing only that file.
import * as assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { completions, deleteFile, discard, draft, labelOf, lorekeeper, until, workspaceUri, writeFile } from './helpers';

suite('Reloading the lore', () => {
  test('a new lore file is read alone, and its names complete at once', async () => {
    const api = await lorekeeper();
    // The fixture's seven entries (other tests put back what they add).
    const before = await until('the fixture lore', async () => {
      const state = (await api.whenIdle())!;
      return state.entries === 7 ? state : undefined;
    });
    const extra = workspaceUri('lore', 'extra.yaml');
    await writeFile(extra, '- name: Kestra Troi-Riker\n  born: 2390\n');
    try {
      const after = await until('the new entry', async () => {
        const state = (await api.whenIdle())!;
        return state.entries === before.entries + 1 ? state : undefined;
      });
      assert.equal(after.parsedFiles, 1, 'only the new file was parsed');
      const { document } = await draft('<!-- when: 2399 -->\nKes\n');
      try {
        const items = await completions(document, new vscode.Position(1, 3));
        assert.equal(labelOf(items[0]), 'Kestra Troi-Riker');
      } finally {
        await discard(document);
      }
    } finally {
      await deleteFile(extra);
    }
    await until('the entry to go with its file', async () => (await api.whenIdle())!.entries === before.entries);
  });

  test('an edited lore file changes the diagnostics of open manuscripts', async () => {
    const api = await lorekeeper();
    const ships = workspaceUri('lore', 'ships.yaml');
    const original = new TextDecoder().decode(await vscode.workspace.fs.readFile(ships));
    const { document } = await draft('<!-- when: 2399 -->\nPicard beamed aboard the Stargazer.\n');
    try {
      await until('nonexistent-entity', () => vscode.languages.getDiagnostics(document.uri).some((d) => (d.code as { value: string }).value === 'nonexistent-entity'));
      await writeFile(ships, original.replace('until: 2355', 'until: 2400'));
      await until('no diagnostic once the ship lasts', () => vscode.languages.getDiagnostics(document.uri).length === 0);
      assert.equal((await api.whenIdle())!.parsedFiles, 1);
    } finally {
      await writeFile(ships, original);
      await discard(document);
    }
  });
});
