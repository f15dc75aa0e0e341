// The drawings of the timeline: SVG, HTML and JSON snapshots of a small canon of their own
// (UPDATE_SNAPSHOTS=1 rewrites them after a deliberate change), what the picture of the shipped
// sample must show, and its bounded size.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { renderTimelineHtml } from '../../src/core/timeline/html';
import { formatTimelineJson } from '../../src/core/timeline/json';
import { renderTimelineSvg } from '../../src/core/timeline/svg';
import { SAMPLE, SNAPSHOT_LORE, SNAPSHOT_STORY, STARWARS, timelineOf, timelineOnDisk } from './helpers';

const SNAPSHOTS = 'test/fixtures/timeline';

function matchesSnapshot(name: string, actual: string): void {
  const file = `${SNAPSHOTS}/${name}`;
  if (process.env.UPDATE_SNAPSHOTS || !existsSync(file)) {
    mkdirSync(SNAPSHOTS, { recursive: true });
    writeFileSync(file, actual);
    if (!process.env.UPDATE_SNAPSHOTS) assert.fail(`${file} did not exist: written; check it and commit it`);
    return;
  }
  const expected = readFileSync(file, 'utf8');
  if (actual === expected) return;
  const a = actual.split('\n');
  const e = expected.split('\n');
  const at = a.findIndex((line, i) => line !== e[i]);
  assert.fail(`${file} differs at line ${at + 1}:\n  expected: ${e[at]?.slice(0, 300)}\n  actual:   ${a[at]?.slice(0, 300)}\n(UPDATE_SNAPSHOTS=1 npm test rewrites the snapshots)`);
}

test('timeline svg/html/json: a small canon matches its snapshots, and the same input gives the same bytes', async () => {
  const model = await timelineOnDisk(SNAPSHOT_LORE, SNAPSHOT_STORY);
  const svg = renderTimelineSvg(model);
  assert.equal(renderTimelineSvg(await timelineOnDisk(SNAPSHOT_LORE, SNAPSHOT_STORY)), svg, 'deterministic');
  assert.equal(renderTimelineSvg(await timelineOnDisk('lore', [SAMPLE])), renderTimelineSvg(await timelineOnDisk('lore', [SAMPLE])), 'deterministic on the sample too');
  matchesSnapshot('story.svg', svg);
  matchesSnapshot('story.html', renderTimelineHtml(model));
  matchesSnapshot('story.json', formatTimelineJson(model));
  // What the snapshot holds, said in words.
  assert.match(svg, /The Keepers of Gannet Rock — story timeline/);
  assert.match(svg, /Assistant Keeper/, 'a rank period written inside the bar');
  assert.match(svg, /Undated text \(1\)/);
  assert.equal((svg.match(/class="lk-scene lk-warn"/g) ?? []).length, 2, 'the 1962 and the 1970 scenes');
  assert.match(svg, /lk-scene-suspended/, 'the memory');
});

test('timeline svg: the contradictions are drawn in the warning colour on their scenes, with their messages', async () => {
  const model = await timelineOnDisk('lore', [SAMPLE]);
  const svg = renderTimelineSvg(model);
  const markers = [...svg.matchAll(/<g class="lk-scene-item" data-scene="(s\d+)"[^>]*><title>([^<]*)<\/title>(?:<circle class="lk-hint-ring"[^>]*\/>)?<circle class="([^"]+)"/g)];
  assert.deepEqual(
    markers.map((m) => [m[1], m[3]]).filter(([id]) => id !== 's6').sort((a, b) => Number(a[0].slice(1)) - Number(b[0].slice(1))),
    [['s1', 'lk-scene lk-warn'], ['s2', 'lk-scene lk-warn'], ['s3', 'lk-scene-suspended'], ['s4', 'lk-scene lk-warn'], ['s5', 'lk-scene-suspended']],
    'warned scenes are warning-coloured; the dream and the memory are drawn apart, their dead and lost suspended',
  );
  const plain = await timelineOf({ 'lore/a.yaml': '- name: Data\n  born: 2338\n' }, { 'a.md': '<!-- when: 2390 -->\nData smiled.\n' });
  assert.match(renderTimelineSvg(plain), /<circle class="lk-scene" cx=/, 'near-miss: a scene with nothing wrong is drawn plain');
  const s2 = markers.find((m) => m[1] === 's2')![2];
  assert.match(s2, /line 53 · dead-character: Icheb died in 2386/);
  assert.match(s2, /Present: .*Icheb/);
  for (const d of model.diagnostics) assert.ok(svg.includes(esc(d.message.slice(0, 40))), `the message "${d.message.slice(0, 40)}…" is written out`);
  assert.match(svg, /<title>[^<]*Icheb · present in scene 2 \(2399-09\)\n⚠ Icheb died in 2386/);
  assert.ok(svg.includes('data-entry="jean-luc-picard" data-file="lore/characters/jean-luc-picard.yaml"'), 'a lane knows where its entry is defined');
  assert.match(svg, /data-scene="s2" data-file="examples\/the-vineyard-at-dusk.md" data-line="27"/);
  assert.match(svg, /\d+ years with no scene or canon date \(\d+ – \d+\): compressed/);
  assert.doesNotMatch(svg, /<style>[^]*<\/style>[^]*<style>/, 'one style block');
  assert.doesNotMatch(renderTimelineSvg(model, { embedStyle: false }), /<style>/);
});

test('timeline svg: an era canon writes its axis in BBY/ABY and lists undated text apart', async () => {
  const svg = renderTimelineSvg(await timelineOnDisk('test/fixtures/starwars/lore', STARWARS));
  assert.match(svg, />41 BBY</, 'a year label in the base\'s notation');
  assert.match(svg, />4 ABY</);
  assert.doesNotMatch(svg, />-41</, 'never the absolute year');
  assert.match(svg, /Undated text \(1\)/);
  assert.match(svg, /ch3\.txt:1–4 · \d+ words? · mentions Padmé Amidala/);
  assert.match(svg, /eras: BBY, ABY/);
});

test('timeline svg: a narrow page keeps everything on it, and hover details can name files as the host likes', async () => {
  const model = await timelineOnDisk('lore', [SAMPLE]);
  for (const width of [400, 480, 640, 800]) {
    const svg = renderTimelineSvg(model, { width });
    const xs = [...svg.matchAll(/ (?:x|cx|x1|x2)="(-?[\d.]+)"|translate\((-?[\d.]+) /g)].map((m) => Number(m[1] ?? m[2]));
    assert.ok(xs.every((x) => x >= 0 && x <= width), `at ${width} px everything is inside (min ${Math.min(...xs)}, max ${Math.max(...xs)})`);
    assert.match(svg, new RegExp(`width="${width}"`));
  }
  assert.match(renderTimelineSvg(model, { width: 480 }), /<text class="lk-text lk-label" x="32" y="[\d.]+">Icheb died in 2386/, 'a narrow page writes the message on its own line');
  const shown = renderTimelineSvg(model, { displayPath: (f) => `«${f}»` });
  assert.match(shown, /«examples\/the-vineyard-at-dusk\.md»:27–62/);
  assert.match(shown, /data-file="examples\/the-vineyard-at-dusk\.md"/, 'the click target keeps the real file');
});

test('timeline svg: names are escaped, and a canon with no dates at all says what to do', async () => {
  const model = await timelineOf({ 'lore/a.yaml': '- name: Tom <Riddle> & Co\n  aliases: [Tom]\n' }, { 'a.md': 'Tom smiled.\n' });
  const svg = renderTimelineSvg(model);
  assert.ok(svg.includes('Tom &lt;Riddle&gt; &amp; Co'));
  const hostile = renderTimelineSvg(await timelineOf({ 'lore/a.yaml': '- name: "Tom\\u0007 Bell"\n  aliases: [Tom]\n' }, { 'a.md': 'Tom smiled.\n' }));
  assert.doesNotMatch(hostile, /\u0007/, 'no character XML cannot carry');
  assert.match(hostile, /Tom\ufffd Bell/);
  assert.ok(!svg.includes('<Riddle>'));
  assert.match(svg, /No scene has a date yet/);
});

test('timeline svg: thousands of scenes and entries draw a bounded number of elements, aggregated', async () => {
  const names = Array.from({ length: 300 }, (_, i) => `Person${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}x`);
  const lore = { 'lore/people.yaml': names.map((n, i) => `- name: ${n}\n  born: ${1900 + (i % 80)}\n`).join('') };
  const chapters: Record<string, string> = {};
  for (let c = 0; c < 50; c++) {
    const parts: string[] = [];
    for (let s = 0; s < 100; s++) {
      const n = c * 100 + s;
      parts.push(`<!-- when: ${1997 + (n % 3)}-${String(1 + (n % 12)).padStart(2, '0')} -->\n${names[n % 300]} walked in. ${names[(n * 7) % 300]} waved.\n`);
    }
    chapters[`ch${String(c).padStart(2, '0')}.md`] = parts.join('\n');
  }
  const model = await timelineOf(lore, chapters);
  assert.equal(model.scenes.length, 5000);
  assert.equal(model.entries.length, 300);
  const svg = renderTimelineSvg(model);
  const elements = (svg.match(/<(circle|rect|path|line|text|g)\b/g) ?? []).length;
  assert.ok(elements < 12_000, `${elements} elements drawn for 5000 scenes × 300 lanes`);
  assert.ok((svg.match(/lk-scene-group/g) ?? []).length > 0, 'crowded columns are drawn as counts');
  assert.ok((svg.match(/class="lk-lane"/g) ?? []).length === 40, 'at most 40 lanes');
  assert.match(svg, /\+ 260 more entries mentioned, not drawn/);
  assert.ok(!svg.includes('class="lk-thread"'), 'no reading thread through aggregated columns');
  assert.ok(renderTimelineHtml(model).length < 3_000_000, 'the page stays small');
});

test('timeline html: one self-contained page: no network, a strict policy, zoom, filter, hover details', async () => {
  const model = await timelineOnDisk('lore', [SAMPLE]);
  const html = renderTimelineHtml(model);
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;|content="default-src 'none'/);
  const urls = html.match(/https?:\/\/[^\s"'<>)]+/g) ?? [];
  assert.deepEqual([...new Set(urls)], ['http://www.w3.org/2000/svg'], 'no address but the SVG namespace');
  assert.doesNotMatch(html, /<(link|img|iframe)\b|src=/, 'nothing is loaded');
  for (const id of ['lk-in', 'lk-out', 'lk-fit', 'lk-filter', 'lk-tip']) assert.match(html, new RegExp(`id="${id}"`));
  assert.match(html, /data-tip/, 'the script turns titles into hover details');
  const nonced = renderTimelineHtml(model, { nonce: 'abc123', csp: "default-src 'none'; script-src 'nonce-abc123'", themeCss: 'body{--lk-bg:var(--vscode-editor-background)}' });
  assert.match(nonced, /<style nonce="abc123">/);
  assert.match(nonced, /<script nonce="abc123">/);
  assert.match(nonced, /<body class="lk-themed">/);
  assert.doesNotMatch(nonced, /\sstyle="/, 'no inline style attribute a strict policy would block');
});

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
