// Hover cards at the scene's date.
import * as assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { lorekeeper, openFile, positionOf } from './helpers';

async function hoverText(document: vscode.TextDocument, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

suite('Hover cards', () => {
  suiteSetup(async () => {
    await lorekeeper();
  });

  test('a dead character in a later scene: dead, and for how long', async () => {
    const { document } = await openFile('chapters', 'one-of-each.md');
    const text = await hoverText(document, positionOf(document, 'Data walked', 1));
    assert.match(text, /### Data/);
    assert.match(text, /\*character\* · Android/);
    assert.match(text, /\*\*In 2399:\*\*/);
    assert.match(text, /dead — died in 2379, 20 years before this scene/);
    assert.match(text, /Killed destroying the Scimitar/);
    assert.match(text, /\*Source:\* Star Trek Nemesis/);
  });

  test('the same canon at another scene date: age, relations, portrait, definition link', async () => {
    const { document } = await openFile('chapters', 'one-of-each.md');
    const picard = await hoverText(document, positionOf(document, 'Picard laughed', 2));
    assert.match(picard, /\*\*In 2399:\*\* 94 years old\./);
    assert.match(picard, /\[Data\]\(command:lorekeeper\.openEntry\?/);
    assert.match(picard, /!\[Jean-Luc Picard\]\([^)]*portraits\/picard\.png/);
    assert.match(picard, /\[Open in lore\/characters\/people\.yaml\]\(command:lorekeeper\.openEntry/);

    const elnor = await hoverText(document, positionOf(document, 'Elnor smiled', 1));
    assert.match(elnor, /\*\*In 2370:\*\* not yet born — born in 2381, 11 years after this scene\./);
  });

  test('no card off a name', async () => {
    const { document } = await openFile('chapters', 'one-of-each.md');
    assert.equal(await hoverText(document, positionOf(document, 'walked to the window', 2)), '');
  });
});
