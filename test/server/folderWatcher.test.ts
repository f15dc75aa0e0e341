// The node server's own watch over lore folders: what changes in them reaches the server even
// when the editor reports nothing, in folders made after it started, and where the system
// refuses to watch (then by polling).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { watchFolders } from '../../src/server/node/folderWatcher';

function tree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lorekeeper-watch-'));
  mkdirSync(join(dir, 'lore', 'ships'), { recursive: true });
  writeFileSync(join(dir, 'lore', 'people.yaml'), '- name: Data\n');
  return dir;
}

/** Records what the watch reports; `next(pred)` waits for a report that matches. */
function recorder() {
  const seen: string[] = [];
  let wake: (() => void) | undefined;
  return {
    seen,
    onChange: (uri: string) => {
      seen.push(uri);
      wake?.();
    },
    async next(match: (uri: string) => boolean, what: string, timeoutMs = 10_000): Promise<string> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = seen.find(match);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no report of ${what} within ${timeoutMs} ms; reported: ${seen.join(', ') || 'nothing'}`);
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 50);
        });
      }
    },
  };
}

const uriOf = (path: string): string => pathToFileURL(path).href;
const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

/** A project's tree watched as the server watches it (its root, and its lore folder with what is under it). */
async function watchingProject(body: (dir: string, r: ReturnType<typeof recorder>) => Promise<void>): Promise<void> {
  const dir = tree();
  const r = recorder();
  const watch = watchFolders([{ uri: uriOf(dir), recursive: false }, { uri: uriOf(join(dir, 'lore')), recursive: true }], r.onChange);
  try {
    await watch.ready;
    await body(dir, r);
  } finally {
    watch.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('folder watch: a lore file deleted, edited or added in a subfolder is reported by its URI', () =>
  watchingProject(async (dir, r) => {
    rmSync(join(dir, 'lore', 'people.yaml'));
    await r.next((u) => u === uriOf(join(dir, 'lore', 'people.yaml')), 'the deletion');
    writeFileSync(join(dir, 'lore', 'ships', 'ships.yaml'), '- name: Enterprise\n');
    await r.next((u) => u === uriOf(join(dir, 'lore', 'ships', 'ships.yaml')), 'a file in a subfolder');
    writeFileSync(join(dir, 'lorekeeper.yaml'), 'lore: lore\n');
    await r.next((u) => u === uriOf(join(dir, 'lorekeeper.yaml')), 'the config file at the root');
  }));

test('folder watch: folders made after the start, and a lore folder removed and made again, are watched', () =>
  watchingProject(async (dir, r) => {
    mkdirSync(join(dir, 'lore', 'imported', 'wiki'), { recursive: true });
    await r.next((u) => u === uriOf(join(dir, 'lore', 'imported')), 'the new folder');
    await settle();
    writeFileSync(join(dir, 'lore', 'imported', 'wiki', 'places.yaml'), '- name: Earth\n');
    await r.next((u) => u === uriOf(join(dir, 'lore', 'imported', 'wiki', 'places.yaml')), 'a file two folders down a new folder');

    rmSync(join(dir, 'lore'), { recursive: true });
    await r.next((u) => u === uriOf(join(dir, 'lore')), 'the lore folder going (seen from the root)');
    mkdirSync(join(dir, 'lore'));
    await settle();
    await settle();
    r.seen.length = 0;
    writeFileSync(join(dir, 'lore', 'again.yaml'), '- name: Data\n');
    await r.next((u) => u === uriOf(join(dir, 'lore', 'again.yaml')), 'a file in the lore folder made again');
  }));

test('folder watch: a folder an event names is watched anew with the folders under it, even at the inodes they had (deleted and made again, a folder can get its inode back)', async () => {
  const dir = tree();
  const r = recorder();
  const made: Array<{ path: string; listener: (event: string, name: string | null) => void; closed: boolean }> = [];
  const spy = ((path: string, options: object, listener: (event: string, name: string | null) => void) => {
    const record = { path, listener, closed: false };
    made.push(record);
    const watcher = watch(path, options, listener);
    const close = watcher.close.bind(watcher);
    watcher.close = () => {
      record.closed = true;
      close();
    };
    return watcher;
  }) as unknown as typeof watch;
  const lore = join(dir, 'lore');
  mkdirSync(join(lore, 'ships', 'classes'));
  const watch1 = watchFolders([{ uri: uriOf(lore), recursive: true }], r.onChange, { watchImpl: spy });
  try {
    await watch1.ready;
    const ships = () => made.filter((m) => m.path === join(lore, 'ships'));
    assert.equal(ships().length, 1, 'each folder is watched once at the start');
    // What the lore folder's watch says when ships/ is deleted and made again; the folder is there at its old inode.
    made.find((m) => m.path === lore)?.listener('rename', 'ships');
    for (let waited = 0; ships().length < 2 && waited < 5000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(ships().length, 2, 'ships/ is watched anew');
    assert.deepEqual(ships().map((m) => m.closed), [true, false], 'the old watch closed, the new one open');
    const classes = made.filter((m) => m.path === join(lore, 'ships', 'classes'));
    assert.deepEqual(classes.map((m) => m.closed), [true, false], 'a folder under it, made again with it, is watched anew too');
    assert.equal(made.filter((m) => m.path === lore).length, 1, 'the folders the event did not name are left as they are');
    writeFileSync(join(lore, 'ships', 'ships.yaml'), '- name: Enterprise\n');
    await r.next((u) => u === uriOf(join(lore, 'ships', 'ships.yaml')), 'a file in the folder watched anew');
  } finally {
    watch1.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('folder watch: where the system refuses to watch, the folders are polled', async () => {
  const dir = tree();
  const r = recorder();
  const refuse = (() => {
    throw Object.assign(new Error('ENOSPC: System limit for number of file watchers reached'), { code: 'ENOSPC' });
  }) as unknown as typeof import('node:fs').watch;
  const watch = watchFolders([{ uri: uriOf(join(dir, 'lore')), recursive: true }], r.onChange, { watchImpl: refuse, pollMs: 100 });
  try {
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(r.seen, [], 'nothing changed yet');
    rmSync(join(dir, 'lore', 'people.yaml'));
    await r.next((u) => u === uriOf(join(dir, 'lore')), 'the change, by polling');
    const count = r.seen.length;
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal(r.seen.length, count, 'an unchanged folder is not reported again');
  } finally {
    watch.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('folder watch: after dispose nothing is reported, and a missing folder is no error', async () => {
  const dir = tree();
  const r = recorder();
  const watch = watchFolders([{ uri: uriOf(join(dir, 'nowhere')), recursive: true }, { uri: uriOf(join(dir, 'lore')), recursive: true }], r.onChange);
  await settle();
  watch.dispose();
  writeFileSync(join(dir, 'lore', 'late.yaml'), '- name: Data\n');
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.deepEqual(r.seen, []);
  rmSync(dir, { recursive: true, force: true });
});
