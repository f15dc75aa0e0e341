// `lorekeeper check` against hostile and broken input on a real disk (issue 8): named pipes,
// devices, sparse giants, folders that cannot be listed, bad globs, bad caches, closed pipes,
// control characters — never a hang, never a crash, never a false green.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { deserialize, serialize } from 'node:v8';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { readBaseFile, writeBaseFile } from './baseFile';

const CLI = resolve('dist/cli.js');
const temporary: string[] = [];
after(() => {
  // rm copes with paths longer than PATH_MAX, which Node's rmSync does not.
  for (const dir of temporary) spawnSync('rm', ['-rf', dir]);
});

function run(args: string[], cwd: string) {
  // A timeout, so that a regression that blocks on a pipe fails the test instead of hanging it.
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 20_000, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: join(cwd, '.cache-home') } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, signal: result.signal };
}

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'lorekeeper-hostile-'));
  temporary.push(dir);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

interface JsonDiagnostic { file: string; line: number; code: string; severity: string; message: string }
const json = (stdout: string): JsonDiagnostic[] => (JSON.parse(stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics;

const DATA = 'name: Data\nborn: 2338\ndied: 2379\n';
const STORY = '<!-- when: 2399 -->\nData walked in.\n';

function mkfifo(path: string): void {
  const made = spawnSync('mkfifo', [path]);
  assert.equal(made.status, 0, 'mkfifo is available');
}

test('cli hostile: a named pipe, a link to /dev/zero and a sparse 1.5 GB file in the lore are refused at once, the rest checked', () => {
  const dir = workspace({ 'lore/a.yaml': DATA, 'story.md': STORY });
  mkfifo(join(dir, 'lore/pipe.yaml'));
  symlinkSync('/dev/zero', join(dir, 'lore/zero.yaml'));
  const fd = openSync(join(dir, 'lore/sparse.yaml'), 'w');
  ftruncateSync(fd, 1.5 * 1024 ** 3);
  closeSync(fd);
  const started = Date.now();
  const { status, stdout, stderr, signal } = run(['check', 'story.md', '--format', 'json', '--no-cache'], dir);
  assert.equal(signal, null, 'no hang');
  assert.ok(Date.now() - started < 10_000);
  assert.equal(stderr, '');
  assert.equal(status, 1);
  assert.deepEqual(json(stdout).map((d) => [d.file, d.code, d.message]), [
    ['lore/pipe.yaml', 'lore-unreadable-file', 'Cannot read lore file: not a regular file (it is a named pipe).'],
    ['lore/sparse.yaml', 'lore-unreadable-file', 'Cannot read lore file: file is 1536.0 MB, over the 20 MB limit.'],
    ['lore/zero.yaml', 'lore-unreadable-file', 'Cannot read lore file: not a regular file (it is a character device).'],
    ['story.md', 'dead-character', 'Data died in 2379, but this scene is set in 2399.'],
  ]);
});

test('cli hostile: a named pipe or a device as a manuscript path is reported, never opened; as --config it is a one-line error', () => {
  const dir = workspace({ 'lore/a.yaml': DATA, 'story.md': STORY });
  mkfifo(join(dir, 'pipe.md'));
  const manuscripts = run(['check', 'pipe.md', '/dev/zero', 'story.md', '--format', 'json'], dir);
  assert.equal(manuscripts.signal, null, 'no hang');
  assert.equal(manuscripts.status, 1);
  const found = json(manuscripts.stdout);
  const message = (suffix: string) => found.find((d) => d.file.endsWith(suffix) && d.code === 'unreadable-manuscript')?.message;
  assert.equal(message('dev/zero'), 'Not checked: not a regular file (it is a character device).');
  assert.equal(message('pipe.md'), 'Not checked: not a regular file (it is a named pipe).');
  assert.deepEqual(found.filter((d) => d.file === 'story.md').map((d) => d.code), ['dead-character'], 'the regular file is checked');

  for (const config of ['pipe.md', '/dev/zero']) {
    const result = run(['check', 'story.md', '--config', config], dir);
    assert.equal(result.signal, null, 'no hang');
    assert.equal(result.status, 2);
    assert.match(result.stderr, /^lorekeeper: cannot read config file .*: not a regular file \(it is a (named pipe|character device)\)\n$/);
  }
  mkfifo(join(dir, 'lorekeeper.yaml'));
  const implicit = run(['check', 'story.md'], dir);
  assert.equal(implicit.status, 2, 'a lorekeeper.yaml that is a pipe is no silent default either');
  assert.match(implicit.stderr, /named pipe/);
});

/** Makes `depth` nested folders of 200-letter names below `folder`: past PATH_MAX, listing fails even as root. */
function tooDeep(folder: string, depth = 25): string {
  const name = 'd'.repeat(200);
  const script = `mkdir -p "$1" && cd "$1" || exit 1; for i in $(seq ${depth}); do mkdir ${name} && cd ${name} || exit 1; done; printf 'name: Hidden\\n' > hidden.yaml; printf 'Data walked in.\\n' > hidden.md`;
  const made = spawnSync('bash', ['-c', script, 'bash', folder]);
  assert.equal(made.status, 0, made.stderr?.toString());
  return name;
}

test('cli hostile: a lore sub-folder that cannot be listed is an error at that folder, never "No contradictions found"', () => {
  const dir = workspace({ 'lore/a.yaml': 'name: Data\n', 'story.md': 'Nothing happens.\n' });
  tooDeep(join(dir, 'lore'));
  const text = run(['check', 'story.md', '--no-cache'], dir);
  assert.equal(text.stderr, '');
  assert.equal(text.status, 1, 'never exit 0 when lore could not be read');
  assert.doesNotMatch(text.stdout, /No contradictions found/);
  const diagnostics = json(run(['check', 'story.md', '--format', 'json', '--no-cache'], dir).stdout);
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0].code, 'lore-unreadable-folder');
  assert.equal(diagnostics[0].severity, 'error');
  assert.match(diagnostics[0].file, /^lore\/d{200}\//);
  assert.match(diagnostics[0].message, /ENAMETOOLONG/);
});

// The issue's own case, where this machine has it: as root, `/proc/1/map_files` cannot be listed.
test('cli hostile: `--lore /proc` (folders even root cannot list) reports them, never a false green', { skip: readdirSafe('/proc/1/map_files') }, () => {
  const dir = workspace({ 'story.md': 'Nothing happens.\n' });
  const result = run(['check', 'story.md', '--lore', '/proc', '--format', 'json', '--no-cache'], dir);
  assert.equal(result.signal, null);
  assert.equal(result.stderr, '');
  assert.equal(result.status, 1);
  const diagnostics = json(result.stdout);
  assert.ok(diagnostics.some((d) => d.code === 'lore-unreadable-folder' && /proc\/1\/map_files$/.test(d.file)), JSON.stringify(diagnostics.slice(0, 3)));
});

function readdirSafe(path: string): boolean {
  try {
    readdirSync(path);
    return true;
  } catch {
    return false;
  }
}

test('cli hostile: a manuscript sub-folder that cannot be listed is reported at the folder, and the rest is checked', () => {
  const dir = workspace({ 'lore/a.yaml': DATA, 'book/ch1.md': STORY });
  tooDeep(join(dir, 'book'));
  const { status, stdout, stderr } = run(['check', 'book', '--format', 'json'], dir);
  assert.equal(stderr, '', 'no stack trace');
  assert.equal(status, 1);
  const diagnostics = json(stdout);
  const folder = diagnostics.find((d) => d.code === 'unreadable-manuscript')!;
  assert.match(folder.file, /^book\/d{200}\//);
  assert.match(folder.message, /^Not checked: cannot list this folder \(ENAMETOOLONG\), so the manuscripts in it were not checked\.$/);
  assert.ok(diagnostics.some((d) => d.file === 'book/ch1.md' && d.code === 'dead-character'), 'the rest is checked');

  // With `manuscripts` globs, a folder no glob could reach into does not matter; one inside does.
  tooDeep(join(dir, 'data'));
  writeFileSync(join(dir, 'lorekeeper.yaml'), 'manuscripts: ["book/**/*.md"]\n');
  const selected = json(run(['check', '--format', 'json'], dir).stdout).filter((d) => d.code === 'unreadable-manuscript');
  assert.equal(selected.length, 1);
  assert.match(selected[0].file, /^book\//);
});

test('cli hostile: an unbalanced `{` in a glob is a one-line configuration error; a lore folder named with `{` works literally', () => {
  const dir = workspace({ 'lore/a.yaml': DATA, 'story.md': STORY, 'lorekeeper.yaml': 'exclude: ["drafts/{old"]\n' });
  const bad = run(['check'], dir);
  assert.equal(bad.status, 2);
  assert.equal(bad.stdout, '');
  assert.match(bad.stderr, /^lorekeeper: lorekeeper\.yaml: `exclude`: "drafts\/\{old": the `\{` at character 8 is never closed \(write \\\{ for a literal brace\)\n$/);
  writeFileSync(join(dir, 'lorekeeper.yaml'), 'manuscripts: ["{a,b"]\n');
  assert.equal(run(['check'], dir).status, 2);
  // Near miss: balanced braces are fine.
  writeFileSync(join(dir, 'lorekeeper.yaml'), 'exclude: ["drafts/{old,new}"]\n');
  assert.equal(run(['check'], dir).status, 1);

  const braces = workspace({ '{canon/a.yaml': DATA, 'story.md': STORY, '{canon/notes.md': STORY });
  for (const [args, config] of [[['check', '--lore', '{canon', '--format', 'json'], undefined], [['check', '--format', 'json'], 'lore: "{canon"\n']] as const) {
    if (config) writeFileSync(join(braces, 'lorekeeper.yaml'), config);
    const result = run([...args], braces);
    assert.equal(result.stderr, '');
    assert.deepEqual(json(result.stdout).map((d) => [d.file, d.code]), [['story.md', 'dead-character']], 'the lore folder is excluded from manuscripts, literally');
  }
});

test('cli hostile: a cache file of another shape is a miss, never a crash; a different build never serves its results', () => {
  const dir = workspace({ 'lore/a.yaml': DATA, 'node_modules/.keep': '', 'story.md': STORY });
  const cold = run(['check', 'story.md', '--format', 'json'], dir);
  const cacheDir = join(dir, 'node_modules/.cache/lorekeeper');
  const cacheFiles = readdirSync(cacheDir).map((f) => join(cacheDir, f));
  assert.deepEqual(
    cacheFiles.map((f) => f.replace(/^.*lore-[0-9a-f]+/, '').replace(/^.*code-lorekeeper-[0-9a-f]+/, 'code')).sort(),
    ['.base.json', '.json', '.names.bin', 'code.bin'],
    'parsed files, the merged base and its name index; the compiled code',
  );
  for (const bad of ['{"format":4,"files":null}', '{"format":5,"files":null}', '{"format":5,"build":"x","key":"y","files":[],"base":null}', 'null', '[]', '{']) {
    for (const file of cacheFiles) writeFileSync(file, bad);
    const result = run(['check', 'story.md', '--format', 'json'], dir);
    assert.equal(result.stderr, '', bad);
    assert.equal(result.stdout, cold.stdout, bad);
  }
  // A cache written by another build (same format number) with a different answer is ignored.
  const warm = run(['check', 'story.md', '--format', 'json'], dir);
  assert.equal(warm.stdout, cold.stdout);
  const changeDeath = (json: string) => json.replace(/"died":\{"year":2379\}/, '"died":{"year":2500}').replace(/2379/g, '2500');
  for (const file of readdirSync(cacheDir).map((f) => join(cacheDir, f))) {
    if (file.endsWith('.base.json')) {
      // The merged base: a header line, the body, the locations (test/baseFile.ts).
      const parts = readBaseFile(file);
      writeBaseFile(file, { header: { ...parts.header, build: 'an-older-build' }, body: JSON.parse(changeDeath(JSON.stringify(parts.body))), ints: parts.ints }, false, true);
      continue;
    }
    if (/code-[^/]*\.bin$/.test(file)) {
      // The compiled code, one byte of it changed: its digest no longer matches.
      const code = readFileSync(file);
      code[code.length - 1] ^= 0xff;
      writeFileSync(file, code);
      continue;
    }
    if (file.endsWith('.bin')) {
      const derived = deserialize(readFileSync(file)) as { build: string };
      writeFileSync(file, serialize({ ...derived, build: 'an-older-build' }));
      continue;
    }
    const data = JSON.parse(readFileSync(file, 'utf8'));
    data.build = 'an-older-build';
    writeFileSync(file, changeDeath(JSON.stringify(data)));
  }
  assert.equal(run(['check', 'story.md', '--format', 'json'], dir).stdout, cold.stdout);
});

test('cli hostile: more than 125,000 diagnostics are all printed', () => {
  const dir = workspace({ 'lore/a.yaml': DATA, 'story.md': `<!-- when: 2399 -->\n${'Data walked in.\n'.repeat(130_000)}` });
  const { status, stdout, stderr } = run(['check', 'story.md', '--format', 'json', '--no-cache'], dir);
  assert.equal(stderr, '');
  assert.equal(status, 1);
  assert.equal(json(stdout).length, 130_000);
});

test('cli hostile: `lorekeeper check | head -1` exits quietly when the reader goes away', async () => {
  const dir = workspace({ 'lore/a.yaml': DATA, 'story.md': `<!-- when: 2399 -->\n${'Data walked in.\n'.repeat(20_000)}` });
  const child = spawn(process.execPath, [CLI, 'check', 'story.md', '--no-cache'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.once('data', () => child.stdout.destroy());
  const status = await new Promise<number | null>((done) => child.on('close', (code) => done(code)));
  assert.equal(stderr, '', 'no EPIPE stack trace');
  assert.equal(status, 1, 'the status of the check, as if the output had been read');
});

test('cli hostile: escape sequences from a shared lore pack and a newline in a file name never reach the terminal raw', () => {
  const dir = workspace({ 'lore/a.yaml': 'name: "Da\\e[2Jta\\e]0;owned\\a"\naliases: [Data]\nborn: 2338\ndied: 2379\n', 'ch\n1.md': STORY });
  const { stdout, stderr } = run(['check', '.', '--no-cache'], dir);
  assert.equal(stderr, '');
  assert.ok(!/[\x00-\x09\x0b-\x1f\x7f]/.test(stdout), JSON.stringify(stdout));
  const lines = stdout.trimEnd().split('\n');
  assert.equal(lines.length, 3, 'one line per result, a blank line, the summary');
  assert.equal(lines[0], 'ch\\n1.md:2:1  warning  Da\\x1b[2Jta\\x1b]0;owned\\x07 died in 2379, but this scene is set in 2399.  dead-character');
  const usage = run(['check', 'no\x1b[2Jsuch.md'], dir);
  assert.equal(usage.status, 2);
  assert.equal(usage.stderr, 'lorekeeper: no such file or folder: no\\x1b[2Jsuch.md\n');
});

test('cli hostile: SARIF of a real run, with spaces, % and # in file names, is valid against the official schema', () => {
  const dir = workspace({ 'lore/a.yaml': DATA, 'my chapters/100% #2.md': STORY, 'lore/bad.yaml': 'name: [\n' });
  const { stdout } = run(['check', 'my chapters', '--format', 'sarif', '--no-cache'], dir);
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const schema = ajv.compile(JSON.parse(readFileSync('test/fixtures/sarif/sarif-schema-2.1.0.json', 'utf8')));
  // A plain boolean: the schema's type guard would narrow the parsed log to `unknown`.
  const validate = Object.assign((value: unknown): boolean => schema(value), { get errors() { return schema.errors; } });
  const sarif = JSON.parse(stdout);
  assert.ok(validate(sarif), JSON.stringify(validate.errors, null, 2));
  const uris = sarif.runs[0].results.map((r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => r.locations[0].physicalLocation.artifactLocation.uri);
  assert.deepEqual(uris.sort(), ['lore/bad.yaml', 'my%20chapters/100%25%20%232.md']);
  assert.equal(sarif.runs[0].originalUriBaseIds['%SRCROOT%'].uri, `file://${dir}/`);
});
