import assert from 'node:assert/strict';
import { test } from 'node:test';
import { globMayMatchBelow, globSyntaxError, literalGlob, matchesGlob } from '../src/core/glob';

test('glob: **, *, ?, braces, file names anywhere, and folders covering what is below them', () => {
  assert.equal(matchesGlob('chapters/one/ch1.md', 'chapters/**/*.md'), true);
  assert.equal(matchesGlob('chapters/ch1.md', 'chapters/**/*.md'), true);
  assert.equal(matchesGlob('chapters/ch1.txt', 'chapters/**/*.md'), false);
  assert.equal(matchesGlob('a/b/notes.md', 'notes.md'), true);
  assert.equal(matchesGlob('ch1.md', '*.{md,txt}'), true);
  assert.equal(matchesGlob('ch1.md', 'ch?.md'), true);
  assert.equal(matchesGlob('lore/notes.md', 'lore'), true);
  assert.equal(matchesGlob('book/drafts/old.md', 'book/drafts'), true);
  assert.equal(matchesGlob('book/drafts/old.md', './book/drafts/'), true);
  assert.equal(matchesGlob('book/drafting.md', 'book/drafts'), false);
  assert.equal(matchesGlob('x/drafts/y.md', 'drafts'), true);
  assert.equal(matchesGlob('lorekeeper/notes.md', 'lore'), false);
});

test('glob: nested braces, `**` in the middle, and `\\` before a character taking it literally', () => {
  assert.equal(matchesGlob('a/x/y/b/c.md', 'a/**/b/*.md'), true);
  assert.equal(matchesGlob('a/b/c.md', 'a/**/b/*.md'), true);
  assert.equal(matchesGlob('a/xb/c.md', 'a/**/b/*.md'), false);
  assert.equal(matchesGlob('one.md', '{one,t{w,hre}o}.md'), true);
  assert.equal(matchesGlob('two.md', '{one,t{w,hre}o}.md'), true);
  assert.equal(matchesGlob('threo.md', '{one,t{w,hre}o}.md'), true);
  assert.equal(matchesGlob('to.md', '{one,t{w,hre}o}.md'), false);
  assert.equal(matchesGlob('old{1}.md', 'old\\{1\\}.md'), true);
  assert.equal(matchesGlob('old1.md', 'old\\{1\\}.md'), false);
  assert.equal(matchesGlob('a*b.md', 'a\\*b.md'), true);
  assert.equal(matchesGlob('axb.md', 'a\\*b.md'), false);
  assert.equal(matchesGlob('ch1.md', 'ch1.m'), false);
});

test('glob: an unbalanced `{` is a one-line syntax error, and matching with it never throws (taken literally)', () => {
  const message = globSyntaxError('drafts/{old');
  assert.ok(message && !message.includes('\n'), message);
  assert.match(message!, /drafts\/\{old.*never closed/);
  assert.equal(globSyntaxError('drafts/{old,new}'), undefined);
  assert.equal(globSyntaxError('drafts/old}'), undefined, 'a lone `}` is an ordinary character');
  assert.doesNotThrow(() => matchesGlob('drafts/x.md', 'drafts/{old'));
  assert.equal(matchesGlob('drafts/{old/x.md', 'drafts/{old'), true);
  assert.equal(matchesGlob('drafts/old/x.md', 'drafts/{old'), false);
});

test('glob: literalGlob makes a folder whose name holds glob characters match only itself', () => {
  for (const folder of ['lore{', 'my {canon}', 'a,b', 'x*y', 'q?', 'back\\slash']) {
    assert.equal(globSyntaxError(literalGlob(folder)), undefined, folder);
    assert.equal(matchesGlob(`${folder}/file.yaml`, literalGlob(folder)), true, folder);
    assert.equal(matchesGlob(`${folder}x/file.yaml`, literalGlob(folder)), false, folder);
  }
  assert.equal(matchesGlob('xxy/file.md', literalGlob('x*y')), false);
});

test('glob: many `**` on a deep path take time linear in its depth, not a power of it', () => {
  const glob = '**/a/**/a/**/a/**/a/**/x.md';
  const path = (depth: number): string => `${'a/'.repeat(depth)}e.txt`;
  const time = (depth: number): number => {
    const p = path(depth);
    let best = Infinity;
    for (let round = 0; round < 5; round++) {
      const start = performance.now();
      for (let i = 0; i < 4; i++) assert.equal(matchesGlob(p, glob), false);
      best = Math.min(best, performance.now() - start);
    }
    return best;
  };
  time(10); // warm up the compiler
  const small = time(20);
  const large = time(80);
  // Four times deeper: linear is about 4×; a backtracking matcher is hundreds of times slower.
  assert.ok(large / Math.max(small, 0.05) < 16, `20 deep: ${small.toFixed(2)} ms, 80 deep: ${large.toFixed(2)} ms`);
});

test('glob: whether a file below a folder could match, so that an unreadable folder matters', () => {
  assert.equal(globMayMatchBelow('chapters/part1', 'chapters/**/*.md'), true);
  assert.equal(globMayMatchBelow('chapters', 'chapters/*.md'), true);
  assert.equal(globMayMatchBelow('data', 'chapters/**/*.md'), false);
  assert.equal(globMayMatchBelow('chapters/part1', 'chapters/*.md'), false, '`*` never crosses a `/`');
  assert.equal(globMayMatchBelow('anything/at/all', '*.md'), true, 'a glob without `/` matches a file name anywhere');
  assert.equal(globMayMatchBelow('book/drafts', 'book'), true, 'a folder glob covers what is below it');
  assert.equal(globMayMatchBelow('{a,b}x', '{a,b}x/*.md'), false, 'the folder is a path, the glob a glob');
  assert.equal(globMayMatchBelow('ax', '{a,b}x/*.md'), true);
});
