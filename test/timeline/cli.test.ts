// `lorekeeper timeline` as a writer runs it (SPEC §7): formats, --out, and usage errors.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';

const CLI = resolve('dist/cli.js');
const cache = join(tmpdir(), 'lorekeeper-timeline-test-cache');
const out = mkdtempSync(join(tmpdir(), 'lorekeeper-timeline-'));
after(() => {
  rmSync(out, { recursive: true, force: true });
  rmSync(cache, { recursive: true, force: true });
});

function run(args: string[], cwd = process.cwd()) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: cache } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('cli timeline: json is the model behind the drawing, in the SPEC §7 shape', () => {
  const { status, stdout, stderr } = run(['timeline', 'examples/the-vineyard-at-dusk.md', '--lore', 'lore', '--format', 'json']);
  assert.equal(status, 0, stderr);
  const doc = JSON.parse(stdout);
  assert.equal(doc.version, 1);
  for (const key of ['scenes', 'entries', 'events', 'diagnostics']) assert.ok(Array.isArray(doc[key]), key);
  assert.equal(doc.scenes.length, 6);
  assert.ok(doc.diagnostics.length >= 7, 'at least the seven planted findings');
  assert.ok(doc.diagnostics.every((d: { scene?: string }) => /^s\d+$/.test(d.scene ?? '')), 'each placed on its scene');
  assert.equal(doc.diagnostics[0].file, 'examples/the-vineyard-at-dusk.md');
  assert.equal(doc.entries.find((e: { id: string }) => e.id === 'data').file, 'lore/characters/synths.yaml');
});

test('cli timeline: --out writes the file, its extension choosing the format; html by default', () => {
  const svg = join(out, 'deep', 'timeline.svg');
  const written = run(['timeline', 'examples/the-vineyard-at-dusk.md', '--lore', 'lore', '--out', svg]);
  assert.equal(written.status, 0, written.stderr);
  assert.equal(written.stdout, '', 'nothing on stdout when writing a file');
  assert.match(written.stderr, /Wrote .*timeline\.svg: 6 scenes \(6 dated\), \d+ entries, \d+ diagnostics\./);
  assert.match(readFileSync(svg, 'utf8'), /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  const html = run(['timeline', 'examples/the-vineyard-at-dusk.md', '--lore', 'lore', '--width', '900']);
  assert.equal(html.status, 0);
  assert.match(html.stdout, /^<!DOCTYPE html>/);
  assert.match(html.stdout, /width="900"/);
});

test('cli timeline: usage errors are one line and exit 2', () => {
  for (const [args, message] of [
    [['timeline', '--format', 'pdf'], /unknown timeline format "pdf" \(use html, svg or json\)/],
    [['timeline', '--lore', 'no-such-lore'], /lore folder not found: no-such-lore/],
    [['timeline', '--width', 'wide'], /--width must be a whole number/],
    [['timeline', '--bogus'], /unknown option --bogus/],
    [['timeline', 'no/such/file.md'], /no such file or folder: no\/such\/file\.md/],
  ] as const) {
    const { status, stderr } = run([...args]);
    assert.equal(status, 2, `${args.join(' ')}: ${stderr}`);
    assert.match(stderr, message);
    assert.equal(stderr.trim().split('\n').length, 1, 'one line, no stack trace');
  }
  const help = run(['timeline', '--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /Usage: lorekeeper timeline/);
});

test('cli timeline: the manuscripts are those lorekeeper.yaml selects, the lore and excluded folders left out', () => {
  const dir = join(out, 'project');
  const files: Record<string, string> = {
    'lorekeeper.yaml': 'lore: [canon]\nmanuscripts: ["chapters/**/*.md"]\nexclude: [chapters/drafts]\n',
    'canon/people.yaml': '- name: Mara Quill\n  aliases: [Mara]\n  born: 1902\n',
    'canon/notes.md': 'Mara in the lore folder is no scene.\n',
    'chapters/one.md': '<!-- when: 1930 -->\nMara climbed the steps.\n',
    'chapters/drafts/two.md': '<!-- when: 1931 -->\nMara slept.\n',
    'notes.md': '<!-- when: 1932 -->\nMara outside the selection.\n',
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const { status, stdout, stderr } = run(['timeline', '--format', 'json'], dir);
  assert.equal(status, 0, stderr);
  assert.deepEqual(JSON.parse(stdout).scenes.map((s: { file: string }) => s.file), ['chapters/one.md']);
  const given = run(['timeline', 'chapters', '--format', 'json'], dir);
  assert.deepEqual(JSON.parse(given.stdout).scenes.map((s: { file: string }) => s.file), ['chapters/one.md'], 'a folder given still leaves out the excluded drafts');
});
