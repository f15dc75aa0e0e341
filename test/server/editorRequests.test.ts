// What a client's own views and commands ask the server (src/server/protocol.ts, editorViews.ts),
// the inlay hints at scene markers, the lore-file quick fixes and fields, and the story fixes that
// edit other files — driven through `lorekeeper lsp --stdio` as the VS Code extension drives them.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { applyEdits, folderWith, testBench, type Range } from './client';

const LORE = `# The crew.
- name: Jean-Luc Picard
  aliases: [Picard]
  born: 2305-07-13
- name: Data
  born: 2338
  died: 2379
- name: Agnes Jurati
  aliases: [Jurati]
  born: 2360
`;
const PLACES = `- name: La Barre
  kind: place
`;
const CHAPTER = `<!-- when: 2399 -->
Data walked to the window.
Jurrati smiled at Picard.

<!-- when: 2380, mode: memory -->
Data laughed.
`;

const bench = testBench({ 'lore/characters.yaml': LORE, 'lore/places.yaml': PLACES, 'chapters/one.md': CHAPTER, 'chapters/two.md': '<!-- when: 2390 -->\nPicard sat down.\n' }, after);
const { project, client } = bench;

type Edit = { range: Range; newText: string };
type Change = { kind?: string; uri?: string; textDocument?: { uri: string; version: number | null }; edits?: Edit[] };
type Action = { title: string; command?: { command: string; arguments?: unknown[] }; edit?: { documentChanges: Change[] } };
const whole = { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } };
const COMMANDS = { clientCommands: ['lorekeeper.openEntry', 'lorekeeper.addToLore', 'lorekeeper.saveFile'] };


test('inlay hints: the date and mode understood at each scene marker; none when turned off, none in a lore file', async () => {
  const p = project();
  const c = client();
  const init = await c.initialize([p.dir]);
  assert.equal(init.capabilities.inlayHintProvider, true);
  const uri = p.uri('chapters/one.md');
  c.open(uri, CHAPTER);
  type Hint = { position: { line: number; character: number }; label: string; tooltip?: string };
  const hints = await c.request<Hint[]>('textDocument/inlayHint', { textDocument: { uri }, range: whole });
  assert.deepEqual(hints.map((h) => [h.position.line, h.label]), [[0, '2399 · normal'], [4, '2380 · memory']]);
  assert.equal(hints[0].position.character, '<!-- when: 2399 -->'.length);
  // Only the range asked for.
  const second = await c.request<Hint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 3, character: 0 }, end: { line: 5, character: 0 } } });
  assert.deepEqual(second.map((h) => h.label), ['2380 · memory']);
  const lore = p.uri('lore/characters.yaml');
  c.open(lore, LORE, 'yaml');
  assert.deepEqual(await c.request('textDocument/inlayHint', { textDocument: { uri: lore }, range: whole }), []);
  await c.shutdown();

  const off = client({ settings: { sceneMarkers: { showDate: false } } });
  await off.initialize([p.dir]);
  off.open(uri, CHAPTER);
  assert.deepEqual(await off.request('textDocument/inlayHint', { textDocument: { uri }, range: whole }), []);
  await off.shutdown();
});

test('lorekeeper/sceneCast: who the scene at the cursor mentions, where each stands; null outside a manuscript', async () => {
  const p = project();
  const c = client();
  await c.initialize([p.dir]);
  const uri = p.uri('chapters/one.md');
  c.open(uri, CHAPTER);
  type Cast = { date?: string; mode?: string; members: Array<{ id: string; name: string; note: string; present: boolean; ended: boolean }> };
  const cast = await c.request<Cast>('lorekeeper/sceneCast', { textDocument: { uri }, position: { line: 1, character: 0 } });
  assert.equal(cast.date, '2399');
  assert.deepEqual(cast.members.map((m) => `${m.name}: ${m.note}${m.ended ? ' (ended)' : ''}`), ['Data: dead for 20 years († 2379) (ended)', 'Jean-Luc Picard: age 93 or 94']);
  const memory = await c.request<Cast>('lorekeeper/sceneCast', { textDocument: { uri }, position: { line: 5, character: 0 } });
  assert.equal(memory.mode, 'memory');
  assert.deepEqual(memory.members.map((m) => m.name), ['Data']);
  assert.equal(cast.members.find((m) => m.name === 'Jean-Luc Picard')!.ended, false, 'the living are not marked');
  const lore = p.uri('lore/characters.yaml');
  c.open(lore, LORE, 'yaml');
  assert.equal(await c.request('lorekeeper/sceneCast', { textDocument: { uri: lore }, position: { line: 1, character: 0 } }), null);
  await c.shutdown();
});

test('lorekeeper/timeline: every manuscript (open ones as they are now), as SVG, and a page when asked', async () => {
  const p = project();
  const c = client();
  await c.initialize([p.dir]);
  const uri = p.uri('chapters/one.md');
  // Unsaved: the open text counts, not the disk's.
  c.open(uri, CHAPTER.replace('2380', '2370'));
  type Timeline = { title?: string; svg: string; html?: string; scenes: Array<{ file: string; line: number; endLine: number }>; files: string[] };
  const drawn = await c.request<Timeline>('lorekeeper/timeline', { uri: p.uri(''), width: 900 });
  assert.match(drawn.svg, /^<svg/);
  assert.equal(drawn.html, undefined, 'no page unless asked');
  assert.deepEqual(drawn.scenes.map((s) => `${s.file.split('/').pop()}:${s.line}`).sort(), ['one.md:1', 'one.md:5', 'two.md:1']);
  assert.match(drawn.svg, /Scene 2 · 2370 · memory/);
  assert.doesNotMatch(drawn.svg, /Scene 2 · 2380/);
  assert.ok(drawn.files.some((f) => f.endsWith('two.md')), 'a manuscript that is not open is drawn too');
  const page = await c.request<Timeline>('lorekeeper/timeline', { width: 900, page: { csp: "default-src 'none'", nonce: 'n0nce', themeCss: 'body{}' } });
  assert.match(page.html ?? '', /nonce="n0nce"/);
  assert.match(page.html ?? '', /default-src 'none'/);
  await c.shutdown();

  const empty = folderWith({ 'chapters/one.md': CHAPTER });
  bench.folders.push(empty);
  const none = client();
  await none.initialize([empty.dir]);
  assert.equal(await none.request('lorekeeper/timeline', {}), null, 'no lore: nothing to draw');
  await none.shutdown();
});

test('lorekeeper/projectInfo, newLoreText and loreVocabulary: what New Lore Entry and the status bar need', async () => {
  const p = project({ 'lorekeeper.yaml': 'lore: [lore]\nchecks:\n  wrong-age: off\n' });
  const c = client();
  await c.initialize([p.dir]);
  type Info = { lore: string[]; loreFiles: string[]; configFile?: string; configSettings?: { lore?: string[]; checks?: Record<string, string> } };
  const info = await c.request<Info>('lorekeeper/projectInfo', { uri: p.uri('chapters/one.md') });
  assert.deepEqual(info.lore, ['lore']);
  assert.deepEqual(info.loreFiles.map((f) => f.split('/').slice(-2).join('/')).sort(), ['lore/characters.yaml', 'lore/places.yaml']);
  assert.match(info.configFile ?? '', /lorekeeper\.yaml$/);
  assert.deepEqual(info.configSettings, { lore: ['lore'], checks: { 'wrong-age': 'off' } });
  const chapter = await c.request<{ what: string; text: string }>('lorekeeper/newLoreText', { what: 'chapter' });
  assert.match(chapter.text, /^<!-- when: /);
  const entry = await c.request<{ snippet?: string; error?: string }>('lorekeeper/newLoreText', { what: 'entry', kind: 'place', existing: PLACES });
  assert.match(entry.snippet ?? '', /kind: place/);
  const refused = await c.request<{ snippet?: string; error?: string }>('lorekeeper/newLoreText', { what: 'entry', kind: 'place', existing: 'title: Star Trek\n' });
  assert.equal(refused.snippet, undefined);
  assert.match(refused.error ?? '', /settings file/);
  const base = await c.request<{ settings: string; example: string }>('lorekeeper/newLoreText', { what: 'base', title: 'Harry Potter', calendar: { kind: 'none' } });
  assert.match(base.settings, /^title: Harry Potter$/m);
  const vocabulary = await c.request<{ kinds: string[]; importPresets: Array<{ name: string }> }>('lorekeeper/loreVocabulary');
  assert.ok(vocabulary.kinds.includes('ship') && vocabulary.kinds.includes('character'));
  assert.ok(vocabulary.importPresets.length > 0);
  await c.shutdown();
});

test('add to the lore: the files of the kind first, then a new one; the edit keeps every byte of the file', async () => {
  const p = project();
  const c = client({});
  await c.initialize([p.dir], COMMANDS);
  const uri = p.uri('chapters/one.md');
  c.open(uri, CHAPTER);
  type Files = { files: Array<{ uri: string; label: string; exists: boolean; ofKind: boolean }> };
  const forPlace = await c.request<Files>('lorekeeper/loreFiles', { uri, kind: 'place' });
  assert.deepEqual(forPlace.files.map((f) => `${f.label}${f.ofKind ? ' *' : ''}${f.exists ? '' : ' (new)'}`), ['lore/places.yaml *', 'lore/characters.yaml']);
  const forShip = await c.request<Files>('lorekeeper/loreFiles', { uri, kind: 'ship' });
  assert.deepEqual(forShip.files.map((f) => `${f.label}${f.exists ? '' : ' (new)'}`), ['lore/characters.yaml', 'lore/places.yaml', 'lore/ships.yaml (new)']);

  // A layer under the story's own (an import) is never offered: a re-import would replace it.
  const layered = project({ 'lorekeeper.yaml': 'lore: [lore/imported, lore]\n', 'lore/imported/characters.yaml': '- name: Tasha Yar\n- name: Worf\n- name: Troi\n' });
  const lc = client();
  await lc.initialize([layered.dir]);
  const offered = await lc.request<Files>('lorekeeper/loreFiles', { uri: layered.uri('chapters/one.md'), kind: 'character' });
  assert.deepEqual(offered.files.map((f) => f.label), ['lore/characters.yaml', 'lore/places.yaml']);
  const intoImport = await lc.request<{ error?: string }>('lorekeeper/addEntry', { uri: layered.uri('chapters/one.md'), name: 'Ro Laren', kind: 'character', file: layered.uri('lore/imported/characters.yaml') });
  assert.match(intoImport.error ?? '', /not in the story's lore folder/);
  await lc.shutdown();

  type Answer = { edit?: { documentChanges: Change[] }; error?: string };
  const added = await c.request<Answer>('lorekeeper/addEntry', { uri, name: 'Château Picard', kind: 'place', file: forPlace.files[0].uri });
  const change = added.edit!.documentChanges[0];
  const after = applyEdits(PLACES, change.edits!);
  assert.ok(after.startsWith(PLACES), 'the file as it was, then the new entry');
  assert.match(after.slice(PLACES.length), /name: Château Picard/);
  assert.match(after.slice(PLACES.length), /kind: place/);
  const fresh = await c.request<Answer>('lorekeeper/addEntry', { uri, name: 'La Sirena', kind: 'ship', file: forShip.files[2].uri });
  assert.equal(fresh.edit!.documentChanges[0].kind, 'create');
  // Near misses: outside the story's lore, an unknown kind, a settings file.
  const outside = await c.request<Answer>('lorekeeper/addEntry', { uri, name: 'X', kind: 'place', file: p.uri('chapters/x.yaml') });
  assert.match(outside.error ?? '', /not in the story's lore folder/);
  const badKind = await c.request<Answer>('lorekeeper/addEntry', { uri, name: 'X', kind: 'planet', file: forPlace.files[0].uri });
  assert.match(badKind.error ?? '', /no kind of entry/);
  await c.shutdown();
});

test('story quick fixes: clients with the commands get "Add to the lore…" (asking kind and file) and "Open the lore entry"; others plain edits', async () => {
  const p = project();
  const c = client();
  await c.initialize([p.dir], COMMANDS);
  const uri = p.uri('chapters/one.md');
  c.open(uri, CHAPTER);
  const published = await c.diagnosticsFor(uri);
  const typo = published.diagnostics.find((d) => d.code === 'unknown-name')!;
  const dead = published.diagnostics.find((d) => d.code === 'dead-character')!;
  const actions = await c.request<Action[]>('textDocument/codeAction', { textDocument: { uri }, range: typo.range, context: { diagnostics: [typo] } });
  const add = actions.find((a) => a.title === "Add 'Jurrati' to the lore…")!;
  assert.deepEqual(add.command, { title: add.title, command: 'lorekeeper.addToLore', arguments: [{ uri, name: 'Jurrati' }] });
  assert.ok(!actions.some((a) => /to the lore \(/.test(a.title)), 'no one-shot edit beside the question');
  const alias = actions.find((a) => a.title === "Add 'Jurrati' as an alias of Agnes Jurati")!;
  const aliasChange = alias.edit!.documentChanges[0];
  assert.match(aliasChange.textDocument!.uri, /characters\.yaml$/);
  assert.match(applyEdits(LORE, aliasChange.edits!), /aliases: \[ ?Jurati, Jurrati ?\]/);
  const ignore = actions.find((a) => a.title === "Ignore 'Jurrati' in this workspace (lorekeeper.yaml)")!;
  assert.equal(ignore.command?.command, 'lorekeeper.saveFile');
  assert.equal(ignore.edit!.documentChanges[0].kind, 'create');
  const onDead = await c.request<Action[]>('textDocument/codeAction', { textDocument: { uri }, range: dead.range, context: { diagnostics: [dead] } });
  const open = onDead.find((a) => a.title === 'Open the lore entry of Data')!;
  assert.deepEqual(open.command?.arguments, ['data']);
  assert.ok(!onDead.some((a) => /alias|Ignore/.test(a.title)), 'alias and ignore are for unknown names only');
  await c.shutdown();

  const plain = client();
  await plain.initialize([p.dir]);
  plain.open(uri, CHAPTER);
  const again = await plain.diagnosticsFor(uri);
  const deadAgain = again.diagnostics.find((d) => d.code === 'dead-character')!;
  const plainActions = await plain.request<Action[]>('textDocument/codeAction', { textDocument: { uri }, range: deadAgain.range, context: { diagnostics: [deadAgain] } });
  assert.ok(plainActions.every((a) => a.command === undefined), 'no command a client did not say it has');
  await plain.shutdown();
});

test('lore-file quick fixes: a prose date normalised, a field name fixed, a duplicate alias removed; a clean file gets none', async () => {
  const bad = '# Comments survive the fixes.\n- name: Harry Potter\n  born: July 31, 1980\n- name: Ginny Weasley\n  bron: 1981-08-11\n- name: Hugo Picard\n  aliases: [Hugo, Picard]\n';
  const p = project({ 'lore/wizards.yaml': bad });
  const c = client();
  await c.initialize([p.dir]);
  const uri = p.uri('lore/wizards.yaml');
  c.open(uri, bad, 'yaml');
  const published = await c.diagnosticsFor(uri, 0, (d) => d.diagnostics.length >= 3);
  const titles: string[] = [];
  let text = bad;
  for (const code of ['lore-invalid-date', 'lore-unknown-field', 'lore-duplicate-alias']) {
    const diagnostic = published.diagnostics.find((d) => d.code === code);
    assert.ok(diagnostic, `a ${code} diagnostic among ${published.diagnostics.map((d) => d.code).join(', ')}`);
    const actions = await c.request<Action[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    assert.equal(actions.length, 1, `one fix for ${code}`);
    titles.push(actions[0].title);
  }
  assert.deepEqual(titles, ['Write the date as 1980-07-31', "Rename the field to 'born'", "Remove the duplicate alias 'Picard'"]);
  // Each fix on the file as published: applied one after the other, bottom first.
  for (const code of ['lore-duplicate-alias', 'lore-unknown-field', 'lore-invalid-date']) {
    const diagnostic = published.diagnostics.find((d) => d.code === code)!;
    const [action] = await c.request<Action[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    text = applyEdits(text, action.edit!.documentChanges[0].edits!);
  }
  assert.equal(text, '# Comments survive the fixes.\n- name: Harry Potter\n  born: 1980-07-31\n- name: Ginny Weasley\n  born: 1981-08-11\n- name: Hugo Picard\n  aliases: [Hugo]\n');
  const clean = p.uri('lore/places.yaml');
  c.open(clean, PLACES, 'yaml');
  const foreign = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } }, message: 'x', code: 'lore-unknown-field', source: 'Lorekeeper' };
  assert.deepEqual(await c.request('textDocument/codeAction', { textDocument: { uri: clean }, range: foreign.range, context: { diagnostics: [foreign] } }), []);
  await c.shutdown();
});

test('lore YAML: fields and kinds completed, a date explained on hover; nothing of the kind in a manuscript', async () => {
  const p = project();
  const c = client();
  await c.initialize([p.dir]);
  const uri = p.uri('lore/places.yaml');
  const text = `${PLACES}  bo\n- name: Risa\n  kind: pl\n`;
  c.open(uri, text, 'yaml');
  type List = { items: Array<{ label: string }> };
  const fields = await c.request<List>('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: 4 } });
  assert.ok(fields.items.some((i) => i.label === 'born'));
  const kinds = await c.request<List>('textDocument/completion', { textDocument: { uri }, position: { line: 4, character: 10 } });
  assert.ok(kinds.items.some((i) => i.label === 'place'));
  const dated = p.uri('lore/characters.yaml');
  c.open(dated, LORE, 'yaml');
  const hover = await c.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: dated }, position: { line: 3, character: 10 } });
  assert.ok(hover && hover.contents.value.length > 0, 'a hover on a date');
  const chapter = p.uri('chapters/one.md');
  c.open(chapter, 'born: \n');
  const none = await c.request<List | null>('textDocument/completion', { textDocument: { uri: chapter }, position: { line: 0, character: 6 }, context: { triggerKind: 1 } });
  assert.ok(!none || !none.items.some((i) => i.label === 'born'));
  await c.shutdown();
});

test('a Markdown file Lorekeeper does not check where one may expect it (in the lore folder) says why; a chapter does not', async () => {
  const p = project({ 'lore/notes.md': 'Data is fine.\n' });
  const c = client();
  await c.initialize([p.dir]);
  const uri = p.uri('lore/notes.md');
  c.open(uri, 'Data is fine.\n');
  const published = await c.diagnosticsFor(uri, 0, (d) => d.diagnostics.length > 0);
  assert.deepEqual(published.diagnostics.map((d) => [d.code, d.severity]), [['not-checked', 3]]);
  const chapter = p.uri('chapters/two.md');
  c.open(chapter, 'Picard sat down.\n');
  const checked = await c.diagnosticsFor(chapter);
  assert.ok(!checked.diagnostics.some((d) => d.code === 'not-checked'));
  await c.shutdown();
});

test('a lore file opened already edited (a quick fix on a file that was not open) is forgotten when closed unsaved', async () => {
  const p = project();
  const c = client();
  await c.initialize([p.dir]);
  type State = { entryCount: number; generation: number };
  const state = () => c.request<State>('lorekeeper/loreState', {});
  const before = await state();
  const uri = p.uri('lore/places.yaml');
  // Opened with text that is not the disk's (VS Code opens a file an edit touched that way).
  c.open(uri, `${PLACES}- name: Risa\n  kind: place\n`, 'yaml');
  await c.request('lorekeeper/reloadLore');
  assert.equal((await state()).entryCount, before.entryCount + 1, 'the open text counts while it is open');
  c.notify('textDocument/didClose', { textDocument: { uri } });
  let now = await state();
  for (let i = 0; i < 50 && now.entryCount !== before.entryCount; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    now = await state();
  }
  assert.equal(now.entryCount, before.entryCount, 'closed unsaved: the disk counts again');
  // Near miss: a lore file opened and closed with no load in between costs no reload.
  const generation = now.generation;
  c.open(uri, PLACES, 'yaml');
  c.notify('textDocument/didClose', { textDocument: { uri } });
  await new Promise((resolve) => setTimeout(resolve, 400));
  assert.equal((await state()).generation, generation);
  await c.shutdown();
});
