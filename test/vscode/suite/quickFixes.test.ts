// Every quick fix, applied: the document (or the lore file) changes as promised.
import * as assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { codeOf, deleteFile, diagnosticsWhen, discard, draft, lorekeeper, until, workspaceUri, writeFile } from './helpers';

/** Waits for the diagnostic of `code`, then returns the quick fix titled `title` for it. */
async function quickFix(document: vscode.TextDocument, code: string, title: string | RegExp): Promise<vscode.CodeAction> {
  const found = await diagnosticsWhen(document.uri, code, (codes) => codes.includes(code));
  const diagnostic = found.find((d) => codeOf(d) === code)!;
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range);
  const action = actions.find((a) => (typeof title === 'string' ? a.title === title : title.test(a.title)));
  assert.ok(action, `no "${String(title)}" among: ${actions.map((a) => a.title).join(' | ')}`);
  return action;
}

/**
 * "Add 'Name' to the lore…" asks the kind and the file: the tests answer in advance through the
 * command's arguments (the quick picks themselves are VS Code's).
 */
async function addToLore(action: vscode.CodeAction, answers: { kind: string; file: string }): Promise<unknown> {
  assert.equal(action.command?.command, 'lorekeeper.addToLore', `${action.title} asks through lorekeeper.addToLore`);
  const [args] = (action.command.arguments ?? []) as Array<Record<string, unknown>>;
  return vscode.commands.executeCommand('lorekeeper.addToLore', { ...args, ...answers });
}

async function apply(action: vscode.CodeAction): Promise<void> {
  assert.ok(action.edit, `${action.title} has an edit`);
  assert.equal(await vscode.workspace.applyEdit(action.edit), true);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

/** Runs `body` on a fresh unsaved manuscript, then throws it away. */
async function onDraft(text: string, body: (document: vscode.TextDocument) => Promise<void>): Promise<void> {
  const { document } = await draft(text);
  try {
    await body(document);
  } finally {
    await discard(document);
  }
}

suite('Quick fixes', () => {
  suiteSetup(async () => {
    await lorekeeper();
  });

  test('wrong-date: the canon year', () =>
    onDraft('<!-- when: 2399 -->\nShe remembered the attack on Mars in 2386.\n', async (document) => {
      await apply(await quickFix(document, 'wrong-date', "Change to '2385'"));
      assert.equal(document.getText(), '<!-- when: 2399 -->\nShe remembered the attack on Mars in 2385.\n');
      await diagnosticsWhen(document.uri, 'no more wrong-date', (codes) => !codes.includes('wrong-date'));
    }));

  test('wrong-age: the age at the scene date', () =>
    onDraft('<!-- when: 2399-09 -->\nThe 80-year-old Picard laughed.\n', async (document) => {
      await apply(await quickFix(document, 'wrong-age', "Change to '94'"));
      assert.equal(document.getText(), '<!-- when: 2399-09 -->\nThe 94-year-old Picard laughed.\n');
    }));

  test('unknown-name: the canon spelling', () =>
    onDraft('<!-- when: 2399 -->\nJurrati was reading.\n', async (document) => {
      await apply(await quickFix(document, 'unknown-name', "Change to 'Jurati'"));
      assert.equal(document.getText(), '<!-- when: 2399 -->\nJurati was reading.\n');
    }));

  test('mark the scene as a dream: the marker gets a mode', () =>
    onDraft('<!-- when: 2399 -->\nData walked in.\n', async (document) => {
      await apply(await quickFix(document, 'dead-character', 'Mark this scene as a dream'));
      assert.equal(document.getText(), '<!-- when: 2399, mode: dream -->\nData walked in.\n');
      await diagnosticsWhen(document.uri, 'the dream suspends the check', (codes) => codes.length === 0);
    }));

  test('mark the scene as a memory: a marker after the front matter', () =>
    onDraft('---\ndate: 2399\n---\nData walked in.\n', async (document) => {
      await apply(await quickFix(document, 'dead-character', 'Mark this scene as a memory'));
      assert.equal(document.getText(), '---\ndate: 2399\n---\n<!-- mode: memory -->\nData walked in.\n');
    }));

  test('disable the code on this line', () =>
    onDraft('<!-- when: 2399 -->\nData walked in.\n', async (document) => {
      await apply(await quickFix(document, 'dead-character', 'Disable dead-character on this line'));
      assert.equal(document.getText(), '<!-- when: 2399 -->\n<!-- lorekeeper-disable-next-line dead-character -->\nData walked in.\n');
      await diagnosticsWhen(document.uri, 'suppressed', (codes) => codes.length === 0);
    }));

  test("add an unknown name to the lore, keeping the file's comments", async () => {
    const target = workspaceUri('lore', 'characters', 'new.yaml');
    await writeFile(target, '# Our own characters.\n- name: Hugh # survives, in this story\n  born: 2350\n');
    try {
      await onDraft('<!-- when: 2399 -->\nJurrati was reading.\n', async (document) => {
        const edited = await addToLore(await quickFix(document, 'unknown-name', "Add 'Jurrati' to the lore…"), { kind: 'character', file: 'lore/characters/new.yaml' });
        assert.equal(String(edited), target.toString());
        const lore = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
        assert.ok(lore, 'the lore file is open');
        assert.equal(lore.isDirty, true, 'the change is left for the writer to save');
        assert.equal(lore.getText(), '# Our own characters.\n- name: Hugh # survives, in this story\n  born: 2350\n- name: Jurrati\n  kind: character\n');
        await discard(lore);
      });
    } finally {
      await deleteFile(target);
    }
  });

  test('add an unknown name to the lore as another kind: a place goes in as a place (a name one letter from a character’s); a file outside the story’s lore is refused', async () => {
    const target = workspaceUri('lore', 'places-new.yaml');
    await writeFile(target, '# Places of our own.\n- name: Risa\n  kind: place\n');
    try {
      await onDraft('<!-- when: 2399 -->\nThey flew to Jurrati.\n', async (document) => {
        const action = await quickFix(document, 'unknown-name', "Add 'Jurrati' to the lore…");
        assert.equal(await addToLore(action, { kind: 'place', file: 'chapters/places.yaml' }), undefined, 'not a lore file: nothing edited');
        await addToLore(action, { kind: 'place', file: 'lore/places-new.yaml' });
        const lore = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
        assert.ok(lore, 'the lore file is open');
        assert.equal(lore.getText(), '# Places of our own.\n- name: Risa\n  kind: place\n- name: Jurrati\n  kind: place\n');
        await discard(lore);
      });
    } finally {
      await deleteFile(target);
    }
  });

  test('add an unknown name to the lore asks the kind, then the file: a character goes in the file of characters', () =>
    onDraft('<!-- when: 2399 -->\nJurrati was reading.\n', async (document) => {
      const action = await quickFix(document, 'unknown-name', "Add 'Jurrati' to the lore…");
      let done = false;
      const running = Promise.resolve(vscode.commands.executeCommand<vscode.Uri | undefined>(action.command!.command, ...(action.command!.arguments ?? []))).finally(() => (done = true));
      // The first item of each question, as a writer pressing Enter twice: `character`, then the
      // story's file that holds the characters.
      for (let tries = 0; !done && tries < 50; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 300));
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      }
      const edited = await running;
      assert.ok(edited, 'a lore file was edited');
      assert.match(edited.path, /\/lore\/characters\/people\.yaml$/);
      const lore = vscode.workspace.textDocuments.find((d) => d.uri.toString() === edited.toString());
      assert.ok(lore?.isDirty, 'the change is left for the writer to save');
      assert.match(lore.getText(), /\n- name: Jurrati\n {2}kind: character\n$/);
      await discard(lore);
    }));

  test('add an unknown name to the lore: a new file when there is none', async () => {
    const target = workspaceUri('lore', 'characters', 'new.yaml');
    await deleteFile(target);
    try {
      await onDraft('<!-- when: 2399 -->\nJurrati was reading.\n', async (document) => {
        await addToLore(await quickFix(document, 'unknown-name', "Add 'Jurrati' to the lore…"), { kind: 'character', file: 'lore/characters/new.yaml' });
        const lore = await until('the new lore file', () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString()));
        assert.equal(lore.getText(), '- name: Jurrati\n  kind: character\n');
        await lore.save();
        const api = await lorekeeper();
        await until('the new entry in the lore', async () => ((await api.whenIdle())?.entries ?? 0) === 8);
      });
    } finally {
      await deleteFile(target);
    }
    const api = await lorekeeper();
    await until('the entry to go with its file', async () => ((await api.whenIdle())?.entries ?? 0) === 7);
  });
});
