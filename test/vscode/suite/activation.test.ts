// Host-suite smoke test: runs inside the real extension host (see ./index.ts).
import * as assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';

const EXTENSION_ID = 'lorekeeper.lorekeeper';

suite('Lorekeeper in a real VS Code', () => {
  test('the extension under development is loaded and activates', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is loaded`);
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  test('the fixture workspace is open', () => {
    assert.ok(vscode.workspace.workspaceFolders?.length, 'a workspace folder is open');
  });
});
