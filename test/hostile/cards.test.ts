// Issue 8, item 15: a shared lore pack cannot put live links, remote images or a megabyte of
// Markdown in a card, nor Markdown in the status bar.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CARD_LIMITS, codeSpan, entryCard } from '../../src/core/features/card';
import { statusBarTitle, statusTooltipTitle } from '../../src/core/features/statusText';
import { isInsideFolders, normalizePath } from '../../src/core/features/workspacePaths';
import { loreFrom } from '../helpers';

/** Link or image syntax that Markdown would render: `[text](target)` not preceded by a backslash. */
const LIVE_LINK = /(?<!\\)\[[^\]]*(?<!\\)\]\(/;

test('card: a field key is escaped like a value — no live link, no remote image', async () => {
  const { base } = await loreFrom({
    'lore/a.yaml': 'name: Mallory\n"[click](command:workbench.action.terminal.new)": x\n"![p](https://tracker.example/p.png)": 1\nhome_world: Earth\n',
  });
  const card = entryCard(base.byId.get('mallory')!, base);
  assert.doesNotMatch(card, LIVE_LINK);
  assert.match(card, /\\\[click\\\]\(command:workbench/, 'the key shows as written');
  assert.match(card, /\*\*Home world:\*\* Earth/, 'the near-miss: an ordinary key still reads as a label');
});

test('card: a field name under "Changed in this story" cannot break out of its code span', async () => {
  const { base } = await loreFrom(
    { 'lore/a.yaml': 'name: Hugh\n', 'au/a.yaml': 'id: hugh\n"x` [click](command:evil) `y": 1\nsummary: Lives.\n' },
    ['lore', 'au'],
  );
  const card = entryCard(base.byId.get('hugh')!, base);
  const changed = card.split('\n').find((line) => line.startsWith('**Changed in this story:**'))!;
  assert.ok(changed.includes('`` x` [click](command:evil) `y ``'), changed);
  assert.ok(changed.includes('`summary` set by the au layer'), 'the near-miss: a plain field name in single backticks');
  assert.equal(codeSpan('a``b'), '``` a``b ```');
});

test('card: a portrait only through the host link; a host that refuses it shows none', async () => {
  const { base } = await loreFrom({ 'lore/a.yaml': '- name: A\n  image: https://tracker.example/p.png\n- name: B\n  image: b.png\n' });
  const inside = (path: string): string | undefined => (isInsideFolders(path, ['lore']) ? path : undefined);
  assert.doesNotMatch(entryCard(base.byId.get('a')!, base, { links: { image: inside } }), /tracker/);
  assert.doesNotMatch(entryCard(base.byId.get('a')!, base), /tracker/, 'no host link: no remote image either');
  assert.match(entryCard(base.byId.get('b')!, base, { links: { image: inside } }), /!\[B\]\(lore\/b\.png\)/);
});

test('workspace paths: only files inside the folders, after `..`, escapes and separators are resolved', () => {
  const ws = ['file:///home/w/story'];
  assert.equal(isInsideFolders('file:///home/w/story/lore/p.png', ws), true);
  assert.equal(isInsideFolders('file:///home/w/story/lore/../../other/p.png', ws), false);
  assert.equal(isInsideFolders('file:///home/w/story/lore/%2e%2e/%2E%2E/x.png', ws), false);
  assert.equal(isInsideFolders('file:///home/w/story-evil/p.png', ws), false, 'a sibling with the same prefix');
  assert.equal(isInsideFolders('https://home/w/story/p.png', ws), false);
  assert.equal(isInsideFolders('data:image/png;base64,AAAA', ws), false);
  assert.equal(isInsideFolders('file:///home/w/story/a%2F..%2F..%2Fx', ws), false);
  assert.equal(normalizePath('lore/./a/../b.yaml'), 'lore/b.yaml');
  assert.equal(normalizePath('../x'), undefined);
  assert.equal(isInsideFolders('lore/b.yaml', ['lore']), true);
});

test('card: size caps — 20,000 aliases make a short card that says how many were left out', async () => {
  const aliases = Array.from({ length: 20_000 }, (_, i) => `Alias${i}`);
  const { base } = await loreFrom({ 'lore/a.yaml': JSON.stringify({ name: 'Many', aliases, summary: 'word '.repeat(10_000), notes: aliases }) });
  const card = entryCard(base.byId.get('many')!, base);
  assert.ok(card.length <= CARD_LIMITS.cardChars + 200, `${card.length} characters`);
  assert.match(card, /… and 19988 more/);
  const small = await loreFrom({ 'lore/a.yaml': 'name: Few\naliases: [A1, A2]\n' });
  assert.doesNotMatch(entryCard(small.base.byId.get('few')!, small.base), /more/, 'the near-miss: a short card is whole');
});

test('status bar: the lore title is escaped in the tooltip and defused in the text', () => {
  assert.equal(statusTooltipTitle('[click](command:evil) *x*'), '\\[click\\](command:evil) \\*x\\*');
  assert.equal(statusBarTitle('$(loading~spin) Canon\n\u001b[2J'), '$\u200b(loading~spin) Canon');
  assert.equal(statusBarTitle(undefined), 'Lore');
  assert.equal(statusTooltipTitle('Star Trek'), 'Star Trek', 'the near-miss: a plain title unchanged');
});
