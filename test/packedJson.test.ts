// The packed JSON of the cached base (src/cli/packedJson.ts): what comes back is exactly what
// JSON.parse(JSON.stringify(value)) gives — keys in the same order, the same members left out —
// and words or strings that do not make one whole value are refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { packJson, packStrings, unpackJson, unpackStrings, type PackedJson } from '../src/cli/packedJson';

const roundTrip = (value: unknown): unknown => {
  const packed = packJson(value);
  const { bytes, wide, lengths } = packStrings(packed.strings);
  return unpackJson({ ...packed, strings: unpackStrings(bytes, wide, lengths)! });
};

test('packed JSON: a value comes back as JSON would bring it back, key order and all', () => {
  const protoKey = JSON.parse('{"__proto__": {"polluted": true}, "b": 1}') as unknown;
  const values: unknown[] = [
    { id: 'data', name: 'Data', aliases: ['Mr. Data'], born: { year: 2338, month: 2, day: 2 }, relations: {}, extra: {}, overrides: {}, layer: 'lore' },
    { b: 1, 10: 'ten', a: 2, 2: 'two' }, // integer-like keys first, as any object orders them
    protoKey,
    { left: undefined, fn: () => 1, sym: Symbol('s'), kept: null },
    [undefined, () => 1, 1, null],
    { n: [-0, 0.1, -2.5e-300, 1e300, 2 ** 28, -(2 ** 28), 2 ** 28 - 1, -(2 ** 28) + 1, 2 ** 53, NaN, Infinity, -Infinity] },
    { text: ['', 'é', 'Zoë', '李小龍', 'Data 🖖', '\ud800 lone', '"quoted" \\ \n\t\u0000'], same: ['Data', 'Data'] },
    { nested: { deeper: { deepest: [[[{ x: [true, false] }]]] } }, empty: [], none: {} },
    { date: new Date(Date.UTC(2380, 0, 2)), own: { toJSON: () => 'as said' } },
    'a string alone',
    42,
    null,
    [],
  ];
  for (const value of values) assert.deepEqual(roundTrip(value), JSON.parse(JSON.stringify(value)), JSON.stringify(value));
  // Near miss of a prototype: `__proto__` is an own member, as JSON.parse makes it.
  const back = roundTrip(protoKey) as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(back), Object.prototype);
  assert.deepEqual(Object.keys(back), ['__proto__', 'b']);
  assert.equal(({} as { polluted?: boolean }).polluted, undefined);
  assert.deepEqual(Object.keys(roundTrip({ b: 1, 10: 'ten', a: 2 }) as object), ['10', 'b', 'a']);
  // Each distinct string and key list once.
  const packed = packJson([{ a: 'x', b: 'x' }, { a: 'x', b: 'y' }, { b: 'x' }]);
  assert.deepEqual(packed.strings, ['x', 'y']);
  assert.deepEqual(packed.objects, [['a', 'b'], ['b']]);
  assert.throws(() => packJson({ big: 1n }), TypeError, 'as JSON.stringify');
  const huge: unknown[] = [];
  huge.length = 2 ** 28;
  assert.throws(() => packJson({ huge }), RangeError, 'a length past what a word holds is refused, never wrapped');
  assert.deepEqual(roundTrip({ n: [2 ** 28 - 1, 2 ** 28] }), { n: [2 ** 28 - 1, 2 ** 28] });
});

test('packed JSON: words or strings that do not make one whole value are refused', () => {
  const packed = packJson({ name: 'Data', aliases: ['Mr. Data', 'Commander'], born: { year: 2338 } });
  assert.deepEqual(unpackJson(packed), { name: 'Data', aliases: ['Mr. Data', 'Commander'], born: { year: 2338 } }, 'near miss: as packed');
  const words = (change: (w: Int32Array) => Int32Array): PackedJson => ({ ...packed, words: change(packed.words.slice()) });
  const broken: PackedJson[] = [
    words((w) => w.subarray(0, w.length - 1)),
    words((w) => Int32Array.from([...w, 1 << 3])),
    words((w) => w.subarray(0, 0)),
    words((w) => Int32Array.from(w, (v, i) => (i === 0 ? (99 << 3) | 2 : v))), // no such key list
    words((w) => Int32Array.from(w, (v) => ((v & 7) === 0 ? (99 << 3) | 0 : v))), // no such string
    words((w) => Int32Array.from(w, (v) => ((v & 7) === 3 ? (1e6 << 3) | 3 : v))), // an array longer than the words
    words((w) => Int32Array.from(w, (v, i) => (i === 1 ? 7 : v))), // no such kind of word
    words((w) => Int32Array.from(w, (v, i) => (i === 1 ? (9 << 3) | 5 : v))), // no such constant
    words((w) => Int32Array.from(w, (v, i) => (i === 1 ? (3 << 3) | 4 : v))), // no such number
  ];
  for (const [i, damaged] of broken.entries()) assert.equal(unpackJson(damaged), undefined, `damage ${i}`);
  const strings = packStrings(['Data', 'Zoë', '']);
  assert.equal(strings.wide, false, 'Latin-1: one byte a character');
  assert.deepEqual(unpackStrings(strings.bytes, false, strings.lengths), ['Data', 'Zoë', '']);
  assert.equal(packStrings(['李']).wide, true);
  assert.equal(unpackStrings(strings.bytes, false, Int32Array.from([4, 3, 1])), undefined, 'past the text');
  assert.equal(unpackStrings(strings.bytes, false, Int32Array.from([4, 2])), undefined, 'short of the text');
  assert.equal(unpackStrings(strings.bytes, false, Int32Array.from([-1, 8])), undefined);
  assert.equal(unpackStrings(Buffer.from([0x41]), true, Int32Array.from([1])), undefined, 'half a UTF-16 character');
});
