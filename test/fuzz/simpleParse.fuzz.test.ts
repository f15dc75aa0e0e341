// Fuzz: the fast reader of plain block YAML (src/core/lore/simpleParse.ts) gives exactly what the
// `yaml` package gives, or declines. Lines are built near its subset's edges (keys that YAML reads as
// booleans, numbers with signs and zeros, quotes and escapes, commas in flow lists, indents off by
// one, a third level…), so that both answers are exercised.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseLoreFileWithYaml } from '../../src/core/lore/parseFile';
import { parseSimpleLoreFile, withPlainFields } from '../../src/core/lore/simpleParse';
import { params } from './budget';

// Mostly what the reader takes, with a share of what it must decline.
const key = fc.oneof({ weight: 6, arbitrary: fc.constantFrom('name', 'kind', 'born', 'aliases', 'relations', 'rank', 'x-1', 'a_b', 'constructor', 'Z9') }, { weight: 1, arbitrary: fc.constantFrom('True', 'null', 'No', '9a', 'k k', '') });
const scalar = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('Picard', 'Jean-Luc Picard', 'Château', 'O’Brien', 'U.S.S. Enterprise (NCC-1701)', 'A & B', '2366', '0', '2366-07-13', '2366-07', '"quoted"', '"with \\"escape\\""', '"\\u00e9"', '"a, b"') },
  { weight: 1, arbitrary: fc.constantFrom('007', '-5', '1.5', '"\\ud800"', '"\\x41"', "'single'", 'true', 'False', 'NULL', '~', 'a: b', 'a #c', 'trailing ', ' leading', '', '[a, b]', '{a: b}', '&x', '*x', '!t', 'a,b') },
);
const flow = fc.array(scalar, { minLength: 1, maxLength: 3 }).map((items) => `[${items.join(', ')}]`);
const odd = fc.constantFrom('', '# note', '      - deep', '   odd: indent', '-', '- ', '  ', '---', '\t- name: T', '  [a]');
const field = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(key, scalar).map(([k, v]) => [`  ${k}: ${v}`]) },
  { weight: 2, arbitrary: fc.tuple(key, flow).map(([k, v]) => [`  ${k}: ${v}`]) },
  { weight: 2, arbitrary: fc.tuple(key, fc.array(scalar, { minLength: 1, maxLength: 3 })).map(([k, items]) => [`  ${k}:`, ...items.map((v) => `    - ${v}`)]) },
  { weight: 2, arbitrary: fc.tuple(key, fc.array(fc.tuple(key, scalar), { minLength: 1, maxLength: 3 })).map(([k, pairs]) => [`  ${k}:`, ...pairs.map(([a, v]) => `    ${a}: ${v}`)]) },
  { weight: 1, arbitrary: odd.map((l) => [l]) },
);
const entry = fc.tuple(fc.oneof({ weight: 5, arbitrary: fc.constant('name') }, { weight: 1, arbitrary: key }), scalar, fc.array(field, { maxLength: 5 }), fc.constantFrom(0, 0, 1, 2))
  .map(([k, v, fields, blanks]) => [`- ${k}: ${v}`, ...fields.flat(), ...Array<string>(blanks).fill('')]);
const file = fc.tuple(fc.constantFrom([], ['# head'], ['# head', '']), fc.array(entry, { minLength: 1, maxLength: 4 }), fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }))
  .map(([head, entries, newline]) => [...head, ...entries.flat()].join('\n') + (newline ? '\n' : ''));

test('fuzz simple YAML: the fast reader gives what the yaml package gives, field order included, or declines', () => {
  let read = 0;
  fc.assert(
    fc.property(file, (text) => {
      const fast = parseSimpleLoreFile('lore/x.yaml', text);
      if (!fast) return;
      read++;
      const reference = parseLoreFileWithYaml('lore/x.yaml', text);
      // The fast reader's fields make their ranges when asked: compared as the plain fields they stand for.
      assert.deepStrictEqual(withPlainFields(fast), reference);
      assert.equal(JSON.stringify(fast), JSON.stringify(reference));
    }),
    params(600),
  );
  // The property means something only if the fast reader answers for a fair share of the files.
  assert.ok(read > 30, `the fast reader read only ${read} of the generated files`);
});
