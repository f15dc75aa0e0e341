// Go to Definition and Find All References.
import * as assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { lorekeeper, openFile, positionOf } from './helpers';

function targetOf(location: vscode.Location | vscode.LocationLink): { uri: vscode.Uri; range: vscode.Range } {
  return 'targetUri' in location ? { uri: location.targetUri, range: location.targetRange } : location;
}

suite('Definitions and references', () => {
  suiteSetup(async () => {
    await lorekeeper();
  });

  test('from a name to its lore entry', async () => {
    const { document } = await openFile('chapters', 'one-of-each.md');
    const found = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', document.uri, positionOf(document, 'Data walked', 2));
    assert.equal(found.length, 1);
    const { uri, range } = targetOf(found[0]);
    assert.ok(uri.path.endsWith('/lore/characters/people.yaml'), uri.toString());
    const lore = await vscode.workspace.openTextDocument(uri);
    assert.equal(lore.lineAt(range.start.line).text, '- name: Data');
  });

  test('from a relation id in a lore file to the entry it names', async () => {
    const { document } = await openFile('lore', 'characters', 'people.yaml');
    const found = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', document.uri, positionOf(document, 'agnes-jurati', 3));
    assert.equal(document.lineAt(targetOf(found[0]).range.start.line).text, '- name: Agnes Jurati');
  });

  test('every mention of an entry across the manuscripts', async () => {
    const { document } = await openFile('chapters', 'one-of-each.md');
    const found = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', document.uri, positionOf(document, 'Picard beamed', 1));
    const where = found.map((l) => `${l.uri.path.split('/').slice(-2).join('/')}:${l.range.start.line}:${l.range.start.character}`).sort();
    assert.deepEqual(where, ['chapters/one-of-each.md:15:0', 'chapters/one-of-each.md:19:16', 'chapters/quiet.txt:1:0', 'characters/people.yaml:1:8']);
  });

  test('references from the entry in its YAML file', async () => {
    const { document } = await openFile('lore', 'characters', 'people.yaml');
    const found = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', document.uri, positionOf(document, 'name: Data', 7));
    const manuscripts = found.filter((l) => l.uri.path.endsWith('.md'));
    assert.deepEqual(manuscripts.map((l) => l.range.start.line), [7]);
  });
});
