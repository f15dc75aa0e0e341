// Completion of canon names at the scene's date, and of entry ids in lore files.
import * as assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { askedCompletions, completions, discard, draft, labelOf, lorekeeper, openFile, positionOf } from './helpers';

suite('Completion', () => {
  suiteSetup(async () => {
    await lorekeeper();
  });

  test('names at two scene dates: those alive then come first', async () => {
    const editor = await draft('<!-- when: 2399 -->\nDa\n\n<!-- when: 2370 -->\nDa\n');
    const document = editor.document;
    try {
      // Two letters: offered when the writer asks (Ctrl+Space), not as they type.
      const typing = (await completions(document, new vscode.Position(1, 2))).map(labelOf);
      assert.ok(!typing.some((l) => ['Dahj Asha', 'Dahj', 'Data'].includes(l)), `not as the writer types: ${typing.join(', ')}`);
      const in2399 = await askedCompletions(editor, new vscode.Position(1, 2));
      assert.deepEqual(in2399.slice(0, 3).map(labelOf), ['Dahj Asha', 'Dahj', 'Data']);
      const data2399 = in2399.find((i) => labelOf(i) === 'Data')!;
      assert.equal((data2399.label as vscode.CompletionItemLabel).detail, ' † 2379');

      const in2370 = await askedCompletions(editor, new vscode.Position(4, 2));
      assert.deepEqual(in2370.slice(0, 3).map(labelOf), ['Data', 'Dahj Asha', 'Dahj']);
      const dahj2370 = in2370.find((i) => labelOf(i) === 'Dahj Asha')!;
      assert.equal((dahj2370.label as vscode.CompletionItemLabel).detail, ' born 2396');
      assert.equal((in2370[0].label as vscode.CompletionItemLabel).detail, undefined, 'the living get no note');
    } finally {
      await discard(document);
    }
  });

  test('every word of a name, typos, and the hover card as documentation', async () => {
    const editor = await draft('<!-- when: 2399 -->\nLuc\nJurrati\nthe attack on M\n', 'plaintext');
    const document = editor.document;
    try {
      const luc = await completions(document, new vscode.Position(1, 3), 1);
      assert.deepEqual(luc.slice(0, 2).map(labelOf), ['Jean-Luc Picard', 'Jean-Luc']);
      const card = luc[0].documentation as vscode.MarkdownString;
      assert.match(card.value, /### Jean-Luc Picard/);
      assert.match(card.value, /In 2399:\*\* 93 or 94 years old/);
      assert.ok(luc[0].range && 'replacing' in luc[0].range && luc[0].range.replacing.start.character === 0);

      assert.ok(!(await completions(document, new vscode.Position(2, 7))).some((i) => labelOf(i) === 'Jurati'), 'a near miss is never offered as the writer types');
      const typo = await askedCompletions(editor, new vscode.Position(2, 7));
      assert.equal(labelOf(typo[0]), 'Jurati');
      assert.ok(!typo[0].preselect, 'nor preselected when asked for');

      const event = await completions(document, new vscode.Position(3, 15));
      assert.equal(labelOf(event[0]), 'the attack on Mars');
      assert.equal((event[0].range as { inserting: vscode.Range }).inserting.start.character, 0, 'the whole typed phrase is replaced');
    } finally {
      await discard(document);
    }
  });

  test('entry ids inside relations of a lore file', async () => {
    const editor = await openFile('lore', 'characters', 'people.yaml');
    const at = positionOf(editor.document, 'friend: [data', 'friend: [da'.length);
    const items = await completions(editor.document, at);
    const ids = items.map(labelOf);
    assert.ok(ids.includes('data') && ids.includes('dahj-asha'), `ids offered: ${ids.join(', ')}`);
    assert.ok(!items.some((i) => labelOf(i) === 'Data'), 'names are not offered in lore files');
  });
});
