import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ExportError, findSevenZip } from '../../src/cli/import/readExport';

function sandbox(): { dir: string; file: (rel: string, mode: number) => string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'lk-7z-'));
  return {
    dir,
    file(rel, mode) {
      const path = join(dir, rel);
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, '#!/bin/sh\n');
      chmodSync(path, mode);
      return path;
    },
    done: () => rmSync(dir, { recursive: true, force: true }),
  };
}

const linux = { platform: 'linux' as const, arch: 'x64' };

test('7-Zip: the binary of 7zip-bin first, its execute bit given back if the unpacking lost it', () => {
  const box = sandbox();
  try {
    const bundled = box.file('pkg/linux/x64/7za', 0o644);
    const system = box.file('bin/7z', 0o755);
    assert.equal(findSevenZip('dump.xml.7z', { ...linux, bundled, searchPath: join(box.dir, 'bin') }), bundled);
    assert.ok(statSync(bundled).mode & 0o100, 'made executable');
    assert.equal(findSevenZip('dump.xml.7z', { ...linux, bundled: join(box.dir, 'pkg/mac/arm64/7za'), searchPath: join(box.dir, 'bin') }), system,
      'the package without this platform\'s binary (the .vsix on a Mac): the system\'s 7-Zip');
  } finally {
    box.done();
  }
});

test('7-Zip: on PATH, 7zz before 7za before 7z, executable files only, and no system file is touched', () => {
  const box = sandbox();
  try {
    const notExecutable = box.file('a/7zz', 0o644);
    const p7zip = box.file('b/7z', 0o755);
    const standalone = box.file('c/7za', 0o755);
    mkdirSync(join(box.dir, 'd/7zz'), { recursive: true }); // a directory of that name is no binary
    const searchPath = ['', join(box.dir, 'a'), join(box.dir, 'd'), join(box.dir, 'b'), join(box.dir, 'c')].join(':');
    assert.equal(findSevenZip('x.7z', { ...linux, bundled: undefined, searchPath }), standalone, '7za outranks 7z; the non-executable 7zz is passed over');
    assert.equal(statSync(notExecutable).mode & 0o777, 0o644, 'its mode is left as it was');
    assert.equal(findSevenZip('x.7z', { ...linux, bundled: undefined, searchPath: join(box.dir, 'b') }), p7zip);
    assert.equal(findSevenZip('x.7z', { ...linux, bundled: '7za', searchPath }), standalone, 'USE_SYSTEM_7ZA: a bare name is looked up on PATH');
  } finally {
    box.done();
  }
});

test('7-Zip: none anywhere — one line that says how to import the archive anyway', () => {
  const box = sandbox();
  try {
    box.file('bin/7zip-notes.txt', 0o755);
    const lookup = { platform: 'darwin' as const, arch: 'arm64', bundled: join(box.dir, 'pkg/mac/arm64/7za'), searchPath: join(box.dir, 'bin') };
    assert.throws(() => findSevenZip('starwars_pages_current.xml.7z', lookup), (error: unknown) => {
      assert.ok(error instanceof ExportError);
      assert.doesNotMatch(error.message, /\n/);
      assert.match(error.message, /^starwars_pages_current\.xml\.7z: reading a \.7z needs 7-Zip/);
      assert.match(error.message, /darwin-arm64/);
      assert.match(error.message, /npx lorekeeper import mediawiki starwars_pages_current\.xml\.7z/);
      assert.match(error.message, /extract the archive and import the \.xml/);
      return true;
    });
  } finally {
    box.done();
  }
});
