// Fuzz: globs (src/core/glob.ts, owned by the CLI engineer — read-only here). A glob of any text
// is a match or not, never a throw; matching time stays linear in the depth of the path.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { matchesGlob } from '../../src/core/glob';
import { describeGrowth, growth } from '../hostile/growth';
import { params } from './budget';

const globPart = fc.constantFrom('**', '*', '?', '{', '}', ',', '/', '.', '..', './', 'a', 'md', '[', ']', '(', ')', '+', '^', '$', '|', '\\', ' ', '%', '#', 'é');
const glob = fc.array(fc.oneof({ weight: 4, arbitrary: globPart }, { weight: 1, arbitrary: fc.string({ maxLength: 3 }) }), { maxLength: 16 }).map((p) => p.join(''));
const path = fc.array(fc.oneof(fc.constantFrom('a', 'b', 'chapters', 'ch1.md', 'drafts', '{old', 'x}', 'my chapters', '100% #2.md', '.hidden'), fc.string({ minLength: 1, maxLength: 4 }).filter((s) => !s.includes('/'))), { minLength: 1, maxLength: 8 }).map((p) => p.join('/'));

/** Braces balanced, so that the property below tests matching, not the unbalanced-brace defect. */
const balanced = glob.filter((g) => {
  let depth = 0;
  for (const c of g) {
    if (c === '{') depth++;
    else if (c === '}' && --depth < 0) return false;
  }
  return depth === 0;
});

test('fuzz glob: balanced globs of any text never throw, and a literal path matches itself', () => {
  fc.assert(
    fc.property(balanced, path, (g, p) => {
      assert.equal(typeof matchesGlob(p, g), 'boolean');
    }),
    params(),
  );
  fc.assert(
    fc.property(path.filter((p) => !/[*?{},\\[\]]/.test(p)), (p) => assert.equal(matchesGlob(p, p), true)),
    params(),
  );
});

// Issue 8, item 8: `exclude: ["drafts/{old"]` threw SyntaxError.
test('fuzz glob: any glob, braces unbalanced too, never throws', () => {
  fc.assert(
    fc.property(glob, path, (g, p) => {
      assert.equal(typeof matchesGlob(p, g), 'boolean');
    }),
    params(),
  );
});

// Issue 8, item 5 (glob part): many `**` backtracked on deep paths.
test('fuzz glob: five ** on a deep path cost linear time in its depth', () => {
  const g = growth(
    // Folders named like the glob's parts, and no match at the end: every split is tried.
    (depth) => Array.from({ length: depth }, (_, i) => 'abcd'[i % 4]).join('/') + '/x.txt',
    (p) => matchesGlob(p, '**/a/**/b/**/c/**/d/**/*.md'),
    4,
    10,
  );
  assert.ok(g.ratio <= 20, describeGrowth(g));
});
