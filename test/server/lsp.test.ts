// `lorekeeper lsp --stdio` driven as an editor drives it: a real process, real files, JSON-RPC.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { applyEdits, CLI, testBench, textAt, type Published, type Range } from './client';

const LORE = `
- name: Jean-Luc Picard
  aliases: [Picard, Jean-Luc]
  born: 2305-07-13
  summary: Captain of the Enterprise.
- name: Data
  born: 2338
  died: 2379
  death: Killed destroying the Scimitar
- name: Agnes Jurati
  aliases: [Jurati]
  born: 2360
  relations:
    friend: data
`;

const CHAPTER = `<!-- when: 2399 -->
Data walked to the window.
Jurrati smiled at Picard.

<!-- when: 2380, mode: memory -->
Data laughed.
`;

const { project, client } = testBench({ 'lore/characters.yaml': LORE, 'chapters/one.md': CHAPTER, 'chapters/two.md': 'Picard sat down.\n' }, after);

const codes = (p: Published) => p.diagnostics.map((d) => d.code).sort();
const at = (line: number, character: number) => ({ line, character });


test('lsp: initialize answers with the features and the server info', async () => {
  const p = project();
  const c = client();
  const { capabilities, serverInfo } = (await c.initialize([p.dir])) as unknown as { capabilities: Record<string, unknown>; serverInfo: { name: string } };
  assert.equal(serverInfo.name, 'lorekeeper');
  for (const feature of ['hoverProvider', 'completionProvider', 'codeActionProvider', 'definitionProvider', 'referencesProvider', 'documentSymbolProvider']) {
    assert.ok(capabilities[feature], feature);
  }
  // A client without pull diagnostics gets them pushed: no diagnostic provider is announced.
  assert.equal(capabilities.diagnosticProvider, undefined);
  assert.equal(await c.shutdown(), 0);
});

test('lsp: an open manuscript gets its diagnostics pushed; a file that is no manuscript gets none', async () => {
  const p = project({ 'lore/notes.md': 'Data walked in.\n' });
  const c = client();
  await c.initialize([p.dir]);
  c.open(p.uri('chapters/one.md'), CHAPTER);
  const published = await c.diagnosticsFor(p.uri('chapters/one.md'));
  assert.deepEqual(codes(published), ['dead-character', 'unknown-name']);
  const dead = published.diagnostics.find((d) => d.code === 'dead-character')!;
  assert.equal(textAt(CHAPTER, dead.range), 'Data');
  assert.equal(dead.range.start.line, 1, 'the memory scene in 2380 is not flagged');
  assert.equal(dead.source, 'Lorekeeper');
  assert.match(dead.message, /Data died in 2379/);
  assert.match((dead as { codeDescription?: { href: string } }).codeDescription!.href, /docs\/checks\/dead-character\.md$/);
  // A Markdown file inside the lore folder is no manuscript: it is never checked, only told why.
  const from = c.notifications.length;
  c.open(p.uri('lore/notes.md'), 'Data walked in.\n');
  c.open(p.uri('chapters/two.md'), 'Picard sat down.\n');
  await c.diagnosticsFor(p.uri('chapters/two.md'), from);
  const notes = c.notifications.slice(from).filter((n) => (n.params as Published | undefined)?.uri === p.uri('lore/notes.md')).flatMap((n) => (n.params as Published).diagnostics);
  assert.deepEqual([...new Set(notes.map((d) => d.code))], ['not-checked']);
  await c.shutdown();
});

test('lsp: hover shows the card at the scene date; no card off a name', async () => {
  const p = project();
  const c = client();
  await c.initialize([p.dir]);
  c.open(p.uri('chapters/one.md'), CHAPTER);
  const hover = await c.request<{ contents: { kind: string; value: string }; range: Range } | null>('textDocument/hover', { textDocument: { uri: p.uri('chapters/one.md') }, position: at(2, 20) });
  assert.ok(hover);
  assert.equal(hover.contents.kind, 'markdown');
  assert.match(hover.contents.value, /### Jean-Luc Picard/);
  assert.match(hover.contents.value, /93/, 'his age in 2399');
  assert.equal(textAt(CHAPTER, hover.range), 'Picard');
  // The card links to the YAML file at the entry, for editors without command links.
  assert.match(hover.contents.value, /characters\.yaml#L2/);
  const none = await c.request('textDocument/hover', { textDocument: { uri: p.uri('chapters/one.md') }, position: at(1, 20) });
  assert.equal(none, null);
  await c.shutdown();
});

test('lsp: completion offers canon names, best first, and resolves the card; relation ids in lore files', async () => {
  const p = project();
  const c = client();
  await c.initialize([p.dir]);
  const text = `${CHAPTER}\nJur`;
  c.open(p.uri('chapters/one.md'), text);
  const list = await c.request<{ isIncomplete: boolean; items: Array<{ label: string; textEdit: { insert: Range; newText: string }; data: unknown }> }>('textDocument/completion', {
    textDocument: { uri: p.uri('chapters/one.md') },
    position: at(7, 3),
  });
  assert.equal(list.isIncomplete, true);
  assert.equal(list.items[0].label, 'Jurati');
  assert.deepEqual(list.items[0].textEdit.insert, { start: at(7, 0), end: at(7, 3) });
  const resolved = await c.request<{ documentation: { value: string } }>('completionItem/resolve', list.items[0]);
  assert.match(resolved.documentation.value, /### Agnes Jurati/);
  // Inside a comment there is nothing to complete.
  const inComment = await c.request('textDocument/completion', { textDocument: { uri: p.uri('chapters/one.md') }, position: at(0, 8) });
  assert.equal(inComment, null);

  const lore = `${LORE}    rival: pic`;
  c.open(p.uri('lore/characters.yaml'), lore, 'yaml');
  const lines = lore.split('\n');
  const ids = await c.request<{ items: Array<{ label: string }> }>('textDocument/completion', {
    textDocument: { uri: p.uri('lore/characters.yaml') },
    position: at(lines.length - 1, lines[lines.length - 1].length),
  });
  assert.equal(ids.items[0].label, 'jean-luc-picard');
  // Not a relation: a name is not completed with ids.
  const name = await c.request('textDocument/completion', { textDocument: { uri: p.uri('lore/characters.yaml') }, position: at(1, 10) });
  assert.equal(name, null);
  await c.shutdown();
});

type Items = { isIncomplete: boolean; items: Array<{ label: string; preselect?: boolean }> } | null;

test('lsp: completion never hijacks prose — capitalised words as you type, near misses and the scene cast only when asked', async () => {
  const p = project();
  const c = client();
  await c.initialize([p.dir]);
  const uri = p.uri('chapters/one.md');
  const lines = ['<!-- when: 2399 -->', 'Data walked to the window.', 'and the', 'She saw Pic', 'She saw Jurrati', 'She saw '];
  c.open(uri, lines.join('\n'));
  const complete = (line: number, explicit: boolean | undefined, triggerKind = 1) => {
    const position = at(line, lines[line].length);
    if (explicit !== undefined) c.notify('lorekeeper/completionRequest', { textDocument: { uri }, position, explicit });
    return c.request<Items>('textDocument/completion', { textDocument: { uri }, position, context: { triggerKind } });
  };
  const labels = (list: Items) => (list?.items ?? []).map((i) => i.label).filter((l) => l !== '\u200b');
  // A lowercase word while typing: nothing (Enter must stay a new line).
  assert.deepEqual(labels(await complete(2, false)), []);
  // A capitalised prefix while typing: the canonical name, preselected.
  const pic = await complete(3, false);
  assert.ok(labels(pic).includes('Picard'), labels(pic).join());
  assert.equal(pic!.items[0].preselect, true);
  // A typo while typing: no near miss; asked for (Ctrl+Space): offered, never preselected.
  assert.ok(!labels(await complete(4, false)).includes('Jurati'));
  const asked = await complete(4, true);
  assert.ok(labels(asked).includes('Jurati'), labels(asked).join());
  assert.ok(asked!.items.every((i) => !i.preselect));
  // Ctrl+Space after a space: the scene's cast (Data is in it); while typing: nothing.
  assert.ok(labels(await complete(5, true)).includes('Data'));
  assert.deepEqual(labels(await complete(5, false)), []);
  await c.shutdown();

  // A client that says nothing: `Invoked` counts as asked for, a re-query of an incomplete list does not.
  const other = client();
  await other.initialize([p.dir]);
  other.open(uri, lines.join('\n'));
  const plain = (triggerKind: number) => other.request<Items>('textDocument/completion', { textDocument: { uri }, position: at(4, lines[4].length), context: { triggerKind } });
  assert.ok(labels(await plain(1)).includes('Jurati'));
  assert.equal(await plain(3), null);
  await other.shutdown();
});

test('lsp: completion.asYouType off offers names only when asked; words of lorekeeper.yaml are never unknown-name', async () => {
  const p = project({ 'lorekeeper.yaml': 'words: [Jurrati]\n' });
  const c = client({ settings: { completion: { asYouType: false } } });
  await c.initialize([p.dir]);
  const uri = p.uri('chapters/one.md');
  const text = `${CHAPTER}\nShe saw Pic`;
  c.open(uri, text);
  const published = await c.diagnosticsFor(uri);
  assert.ok(!codes(published).includes('unknown-name'), codes(published).join());
  const position = at(7, 11);
  c.notify('lorekeeper/completionRequest', { textDocument: { uri }, position, explicit: false });
  const typing = await c.request<Items>('textDocument/completion', { textDocument: { uri }, position, context: { triggerKind: 1 } });
  assert.equal(typing, null);
  c.notify('lorekeeper/completionRequest', { textDocument: { uri }, position, explicit: true });
  const asked = await c.request<Items>('textDocument/completion', { textDocument: { uri }, position, context: { triggerKind: 1 } });
  assert.ok((asked?.items ?? []).some((i) => i.label === 'Picard'));
  await c.shutdown();
});

test('lsp: code actions — the canon spelling fixes unknown-name once applied; presence gets scene modes and suppression', async () => {
  const p = project();
  const c = client();
  await c.initialize([p.dir]);
  const uri = p.uri('chapters/one.md');
  c.open(uri, CHAPTER);
  const published = await c.diagnosticsFor(uri);
  const typo = published.diagnostics.find((d) => d.code === 'unknown-name')!;
  type Action = { title: string; isPreferred?: boolean; edit: { documentChanges: Array<{ kind?: string; textDocument?: { uri: string; version: number | null }; edits?: Array<{ range: Range; newText: string }> }> } };
  const actions = await c.request<Action[]>('textDocument/codeAction', { textDocument: { uri }, range: typo.range, context: { diagnostics: [typo] } });
  const titles = actions.map((a) => a.title);
  assert.deepEqual(titles, [
    "Change to 'Jurati'",
    "Add 'Jurrati' to the lore (lore/new.yaml)",
    "Add 'Jurrati' as an alias of Agnes Jurati",
    "Ignore 'Jurrati' in this workspace (lorekeeper.yaml)",
    'Disable unknown-name on this line',
  ]);
  const change = actions[0];
  assert.equal(change.isPreferred, true);
  const docEdit = change.edit.documentChanges[0];
  assert.equal(docEdit.textDocument!.version, 1);
  const fixed = applyEdits(CHAPTER, docEdit.edits!);
  assert.match(fixed, /^Jurati smiled at Picard\.$/m);
  const from = c.notifications.length;
  c.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
  const after = await c.diagnosticsFor(uri, from, (d) => d.version === 2);
  assert.deepEqual(codes(after), ['dead-character']);

  const dead = after.diagnostics[0];
  const presence = await c.request<Action[]>('textDocument/codeAction', { textDocument: { uri }, range: dead.range, context: { diagnostics: [dead] } });
  assert.deepEqual(
    presence.map((a) => a.title),
    ['Mark this scene as a dream', 'Mark this scene as a memory', 'Mark this scene as a vision', 'Mark this scene as a hologram', 'Mark this scene as a simulation', 'Disable dead-character on this line'],
  );
  const dream = applyEdits(fixed, presence[0].edit.documentChanges[0].edits!);
  assert.match(dream, /^<!-- when: 2399, mode: dream -->$/m);
  // The "new entry" fix creates the file in the story's lore, as a new file.
  const add = actions[1].edit.documentChanges;
  assert.equal(add[0].kind, 'create');
  assert.match(add[1].edits![0].newText, /name: Jurrati/);
  // A diagnostic that is not Lorekeeper's gets nothing.
  const foreign = await c.request<Action[]>('textDocument/codeAction', { textDocument: { uri }, range: dead.range, context: { diagnostics: [{ ...dead, source: 'cSpell' }] } });
  assert.deepEqual(foreign, []);
  await c.shutdown();
});

test('lsp: definition goes to the entry; references find every manuscript; symbols are the scenes', async () => {
  const p = project();
  const c = client();
  await c.initialize([p.dir]);
  const uri = p.uri('chapters/one.md');
  c.open(uri, CHAPTER);
  const def = await c.request<{ uri: string; range: Range }>('textDocument/definition', { textDocument: { uri }, position: at(1, 1) });
  assert.equal(def.uri, p.uri('lore/characters.yaml'));
  assert.equal(def.range.start.line, LORE.split('\n').indexOf('- name: Data'));
  assert.equal(await c.request('textDocument/definition', { textDocument: { uri }, position: at(1, 10) }), null);

  const refs = await c.request<Array<{ uri: string; range: Range }>>('textDocument/references', { textDocument: { uri }, position: at(2, 20), context: { includeDeclaration: false } });
  assert.deepEqual(refs.map((r) => r.uri.split('/').pop()).sort(), ['one.md', 'two.md']);

  const symbols = await c.request<Array<{ name: string; range: Range }>>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.deepEqual(symbols.map((s) => s.name), ['2399', '2380 · memory']);
  assert.equal(symbols[1].range.start.line, 4);
  await c.shutdown();
});

/** A project's server started, with chapter one open and its first findings in. */
async function chapterOneOpen() {
  const p = project();
  const c = client();
  await c.initialize([p.dir]);
  const uri = p.uri('chapters/one.md');
  c.open(uri, CHAPTER);
  assert.deepEqual(codes(await c.diagnosticsFor(uri)), ['dead-character', 'unknown-name']);
  return { p, c, uri };
}

test('lsp: editing the lore refreshes the diagnostics — on disk (watched files) and unsaved (open document)', async () => {
  const { p, c, uri } = await chapterOneOpen();
  // The server asked to watch the lore files.
  await c.waitFor(() => c.serverRequests.some((r) => r.method === 'client/registerCapability'));

  // In this story Data lives on: the file changes on disk and the client reports it.
  writeFileSync(join(p.dir, 'lore/characters.yaml'), LORE.replace('  died: 2379\n', ''));
  let from = c.notifications.length;
  c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: p.uri('lore/characters.yaml'), type: 2 }] });
  assert.deepEqual(codes(await c.diagnosticsAfterReload(uri, from)), ['unknown-name']);

  // An unsaved edit in the open lore file: its problem shows in the YAML, and the manuscript follows.
  from = c.notifications.length;
  const lore = LORE.replace('  died: 2379\n', '  died: sometime\n');
  c.open(p.uri('lore/characters.yaml'), LORE.replace('  died: 2379\n', ''), 'yaml');
  c.notify('textDocument/didChange', { textDocument: { uri: p.uri('lore/characters.yaml'), version: 2 }, contentChanges: [{ text: lore }] });
  const problems = await c.diagnosticsFor(p.uri('lore/characters.yaml'), from, (d) => d.diagnostics.length > 0);
  assert.ok(problems.diagnostics.some((d) => d.code === 'lore-invalid-date'), JSON.stringify(problems));
  await c.shutdown();
});

test('lsp: lore changed on disk is read again when the editor reports nothing (its watcher missing or dropping events)', async () => {
  const { p, c, uri } = await chapterOneOpen();

  // A broken lore file appears (a git pull, another editor): its problem shows, with no didChangeWatchedFiles.
  let from = c.notifications.length;
  writeFileSync(join(p.dir, 'lore/broken.yaml'), '- name: [unclosed\n');
  const broken = await c.diagnosticsFor(p.uri('lore/broken.yaml'), from, (d) => d.diagnostics.length > 0);
  assert.deepEqual(broken.diagnostics.map((d) => d.code), ['lore-invalid-yaml']);
  // It goes, and its problem with it.
  from = c.notifications.length;
  rmSync(join(p.dir, 'lore/broken.yaml'));
  assert.deepEqual((await c.diagnosticsFor(p.uri('lore/broken.yaml'), from)).diagnostics, []);
  // An edit to a lore file: in this story Data lives on.
  from = c.notifications.length;
  writeFileSync(join(p.dir, 'lore/characters.yaml'), LORE.replace('  died: 2379\n', ''));
  assert.deepEqual(codes(await c.diagnosticsFor(uri, from, (d) => !d.diagnostics.some((x) => x.code === 'dead-character'))), ['unknown-name']);
  // A lore folder made after the start is watched too.
  from = c.notifications.length;
  mkdirSync(join(p.dir, 'lore/imported'));
  // (a second Jurrati, of the crew: the name is no misspelling any more)
  writeFileSync(join(p.dir, 'lore/imported/people.yaml'), '- name: Ensign Jurrati\n  aliases: [Jurrati]\n');
  assert.deepEqual(codes(await c.diagnosticsFor(uri, from, (d) => !d.diagnostics.some((x) => x.code === 'unknown-name'))), []);
  // A file beside the lore that is not lore (notes, an editor's swap file) reads nothing again.
  const loads = () => c.notifications.filter((n) => n.method === 'lorekeeper/loreChanged').length;
  await new Promise((resolve) => setTimeout(resolve, 600));
  const before = loads();
  writeFileSync(join(p.dir, 'lore/notes.md'), 'Ideas.\n');
  writeFileSync(join(p.dir, 'lore/.characters.yaml.swp'), 'x');
  await new Promise((resolve) => setTimeout(resolve, 800));
  assert.equal(loads(), before);
  await c.shutdown();
});

test('lsp: settings come from workspace/configuration, and lorekeeper.yaml wins over them', async () => {
  const p = project();
  const c = client({ settings: { checks: { 'unknown-name': 'off', 'dead-character': 'error' } } });
  await c.initialize([p.dir]);
  const uri = p.uri('chapters/one.md');
  c.open(uri, CHAPTER);
  const first = await c.diagnosticsFor(uri);
  assert.deepEqual(codes(first), ['dead-character']);
  assert.equal(first.diagnostics[0].severity, 1);

  writeFileSync(join(p.dir, 'lorekeeper.yaml'), 'checks:\n  dead-character: off\n');
  const from = c.notifications.length;
  c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: p.uri('lorekeeper.yaml'), type: 1 }] });
  assert.deepEqual(codes(await c.diagnosticsAfterReload(uri, from)), []);
  await c.shutdown();
});

test('lsp: an editor that never answers for its settings does not hold the lore back', async () => {
  const p = project();
  const c = client({ unanswered: ['workspace/configuration'] });
  await c.initialize([p.dir]);
  const uri = p.uri('chapters/one.md');
  c.open(uri, CHAPTER);
  // The settings are waited for a few seconds, then the check goes on with the defaults.
  assert.deepEqual(codes(await c.diagnosticsFor(uri, 0, () => true, 15_000)), ['dead-character', 'unknown-name']);
  const warning = c.notifications.find((n) => n.method === 'window/logMessage' && /did not give its settings/.test((n.params as { message: string }).message));
  assert.ok(warning, 'the wait is said in the log');
  // And a later reload is not stuck behind the unanswered request.
  writeFileSync(join(p.dir, 'lore/characters.yaml'), LORE.replace('  died: 2379\n', ''));
  const from = c.notifications.length;
  c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: p.uri('lore/characters.yaml'), type: 2 }] });
  assert.deepEqual(codes(await c.diagnosticsFor(uri, from, (d) => !d.diagnostics.some((x) => x.code === 'dead-character'), 15_000)), ['unknown-name']);
  await c.shutdown();
});

test('lsp: several workspace folders, each with its own lore', async () => {
  const a = project();
  const b = project({ 'lore/characters.yaml': '- name: Data\n  born: 2338\n' });
  const c = client();
  await c.initialize([a.dir, b.dir]);
  c.open(a.uri('chapters/one.md'), CHAPTER);
  c.open(b.uri('chapters/one.md'), CHAPTER);
  assert.deepEqual(codes(await c.diagnosticsFor(a.uri('chapters/one.md'))), ['dead-character', 'unknown-name']);
  // B's Data never died, and B has no Jurati to misspell.
  assert.deepEqual(codes(await c.diagnosticsFor(b.uri('chapters/one.md'))), []);
  await c.shutdown();
});

test('lsp: pull diagnostics where the client supports them, and a refresh when the lore changes', async () => {
  const p = project();
  const c = client({ pull: true });
  const { capabilities } = await c.initialize([p.dir]);
  assert.ok(capabilities.diagnosticProvider);
  const uri = p.uri('chapters/one.md');
  c.open(uri, CHAPTER);
  const report = await c.request<{ kind: string; items: Published['diagnostics'] }>('textDocument/diagnostic', { textDocument: { uri } });
  assert.equal(report.kind, 'full');
  assert.deepEqual(report.items.map((d) => d.code).sort(), ['dead-character', 'unknown-name']);
  assert.equal(c.notifications.filter((n) => (n.params as Published | undefined)?.uri === uri).length, 0, 'nothing pushed for a pulled document');
  writeFileSync(join(p.dir, 'lore/characters.yaml'), LORE.replace('  died: 2379\n', ''));
  const before = c.serverRequests.length;
  c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: p.uri('lore/characters.yaml'), type: 2 }] });
  await c.waitFor(() => c.serverRequests.slice(before).some((r) => r.method === 'workspace/diagnostic/refresh'));
  const again = await c.request<{ items: Published['diagnostics'] }>('textDocument/diagnostic', { textDocument: { uri } });
  assert.deepEqual(again.items.map((d) => d.code), ['unknown-name']);
  await c.shutdown();
});

test('lsp: with pull diagnostics, what the workspace check pushed for a file gives way once the file is opened and pulled', async () => {
  const p = project();
  const c = client({ pull: true });
  await c.initialize([p.dir]);
  const uri = p.uri('chapters/one.md');
  await c.request('lorekeeper/checkWorkspace', {});
  assert.deepEqual(codes(await c.diagnosticsFor(uri)), ['dead-character', 'unknown-name']);
  const from = c.notifications.length;
  c.open(uri, CHAPTER);
  const pulled = await c.request<{ items: Published['diagnostics'] }>('textDocument/diagnostic', { textDocument: { uri } });
  assert.equal(pulled.items.length, 2);
  // Otherwise the Problems panel would show every finding twice, and keep stale ones.
  assert.deepEqual((await c.diagnosticsFor(uri, from)).diagnostics, []);
  await c.shutdown();
});

test('lsp: the workspace check (lorekeeper/checkWorkspace) covers manuscripts that are not open', async () => {
  const p = project({ 'chapters/three.md': '<!-- when: 2399 -->\nData walked in.\n' });
  const c = client();
  await c.initialize([p.dir]);
  const result = await c.request<{ files: number; byCode: Record<string, number>; total: number; summary: string }>('lorekeeper/checkWorkspace', {});
  assert.equal(result.files, 3);
  assert.deepEqual(result.byCode, { 'dead-character': 2, 'unknown-name': 1 });
  assert.match(result.summary, /^3 contradictions in 3 manuscripts: 2 dead characters acting, 1 possibly misspelled name\.$/);
  const three = await c.diagnosticsFor(p.uri('chapters/three.md'));
  assert.deepEqual(codes(three), ['dead-character']);
  await c.shutdown();
});

test('lsp: a virtual workspace (no file: URIs) is read through the client, as vscode.dev and github.dev need', async () => {
  const root = 'vscode-vfs://github/fan/story';
  const files = { [`${root}/lore/characters.yaml`]: LORE, [`${root}/chapters/one.md`]: CHAPTER, [`${root}/chapters/two.md`]: 'Picard sat down.\n' };
  const c = client({ files });
  await c.initialize([], { clientFileSystem: true }, [root]);
  const uri = `${root}/chapters/one.md`;
  c.open(uri, CHAPTER);
  assert.deepEqual(codes(await c.diagnosticsFor(uri)), ['dead-character', 'unknown-name']);
  const refs = await c.request<Array<{ uri: string }>>('textDocument/references', { textDocument: { uri }, position: at(2, 20), context: { includeDeclaration: true } });
  assert.deepEqual(refs.map((r) => r.uri.slice(root.length)).sort(), ['/chapters/one.md', '/chapters/two.md', '/lore/characters.yaml']);
  assert.ok(c.serverRequests.some((r) => r.method === 'lorekeeper/fs/readFile'));
  await c.shutdown();
});

test('lsp: malformed JSON-RPC, unknown methods and a document closed twice leave the server serving', async () => {
  const p = project();
  const c = client();
  await c.initialize([p.dir]);
  c.sendRaw('{"jsonrpc": "2.0", "id": 99, "method": '); // cut off mid-message
  c.sendRaw('[1, 2');
  const unknown = await c.requestMessage('lorekeeper/noSuchThing', {});
  assert.equal(unknown.error?.code, -32601);
  c.notify('$/noSuchNotification', {});
  const uri = p.uri('chapters/one.md');
  c.open(uri, CHAPTER);
  c.notify('textDocument/didClose', { textDocument: { uri } });
  c.notify('textDocument/didClose', { textDocument: { uri } });
  c.notify('textDocument/didChange', { textDocument: { uri, version: 5 }, contentChanges: [{ text: 'x' }] });
  // A request about a document that is not open, and one with nonsense parameters.
  assert.equal(await c.request('textDocument/hover', { textDocument: { uri }, position: at(0, 0) }), null);
  await c.requestMessage('textDocument/hover', { nonsense: true });
  c.open(uri, CHAPTER, 'markdown', 7);
  assert.deepEqual(codes(await c.diagnosticsFor(uri, 0, (d) => d.version === 7)), ['dead-character', 'unknown-name']);
  const started = Date.now();
  assert.equal(await c.shutdown(), 0);
  assert.ok(Date.now() - started < 3000, 'shutdown and exit within a few seconds');
  assert.doesNotMatch(c.stderr, /at .*\.js:\d+/, 'no stack trace');
});

test('lsp: exit without shutdown ends the process with status 1; an unknown flag is a usage error', async () => {
  const c = client();
  await c.initialize([]);
  c.notify('exit');
  assert.equal(await c.exited, 1);
  const bad = spawnSync(process.execPath, [CLI, 'lsp', '--tcp'], { encoding: 'utf8' });
  assert.equal(bad.status, 2);
  assert.equal(bad.stderr.trim().split('\n').length, 1);
  assert.match(bad.stderr, /unknown option --tcp/);
});
