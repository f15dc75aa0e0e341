import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchesGlob } from '../src/core/glob';

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
