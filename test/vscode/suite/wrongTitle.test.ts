// Facts that change over time, in a real VS Code: the wrong-title diagnostic, its quick fix, and
// the card's rank at the scene's date.
import * as assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { codeOf, diagnosticsWhen, discard, draft, lorekeeper, positionOf } from './helpers';

async function hoverText(document: vscode.TextDocument, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

suite('Titles over time (wrong-title)', () => {
  suiteSetup(async () => {
    await lorekeeper();
  });

  test('a title that does not hold at the scene date: the diagnostic, its quick fix, and the card at that date', async () => {
    const { document } = await draft('<!-- when: 2370 -->\nAdmiral Picard walked onto the bridge.\n\n"Admiral Picard would have hated this," Jurati said.\n');
    try {
      const found = await diagnosticsWhen(document.uri, 'wrong-title', (codes) => codes.includes('wrong-title'));
      const wrong = found.filter((d) => codeOf(d) === 'wrong-title');
      assert.equal(wrong.length, 1, 'only the presence: never the title inside dialogue');
      const [diagnostic] = wrong;
      assert.equal(document.getText(diagnostic.range), 'Admiral Picard');
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
      assert.equal(diagnostic.message, 'Picard was a Captain in 2370, and became an Admiral in 2381. Source: Star Trek: The Next Generation.');

      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range);
      const action = actions.find((a) => a.title === "Change to 'Captain Picard'");
      assert.ok(action?.edit, `no "Change to 'Captain Picard'" among: ${actions.map((a) => a.title).join(' | ')}`);
      assert.equal(await vscode.workspace.applyEdit(action.edit), true);
      assert.equal(document.getText(), '<!-- when: 2370 -->\nCaptain Picard walked onto the bridge.\n\n"Admiral Picard would have hated this," Jurati said.\n');
      await diagnosticsWhen(document.uri, 'no more wrong-title', (codes) => !codes.includes('wrong-title'));

      // The card: the rank at the scene's date, then the history.
      const card = await hoverText(document, positionOf(document, 'Captain Picard walked', 9));
      assert.match(card, /### Jean-Luc Picard/);
      assert.match(card, /\*\*Rank in 2370:\*\* Captain — Admiral 2381–2385, Admiral \(retired\) from 2385/);
    } finally {
      await discard(document);
    }
  });
});
