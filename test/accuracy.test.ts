// Accuracy on labelled prose (docs/accuracy.md): the targets of issue 15 on the Holmes corpus, and
// no regression on the older fixtures. `npm run accuracy` prints the full table.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatScores, scoreFixture, scoreSample } from './accuracy';

const report = process.env.ACCURACY_REPORT === '1';

for (const name of ['holmes', 'potter']) {
  test(`accuracy: the ${name} corpus — every code P ≥ 0.95 and R ≥ 0.9, dead-character P ≥ 0.97`, async () => {
    const s = await scoreFixture(`test/fixtures/${name}`);
    if (report) console.log(formatScores(name, s));
    assert.deepEqual(s.misplaced, [], 'every label points at its text');
    for (const [code, c] of Object.entries(s.byCode)) {
      assert.ok(c.precision >= (code === 'dead-character' ? 0.97 : 0.95), `${code} precision ${c.precision.toFixed(2)}\n${formatScores(name, s)}`);
      assert.ok(c.recall >= 0.9, `${code} recall ${c.recall.toFixed(2)}\n${formatScores(name, s)}`);
    }
  });
}

test('accuracy: the Star Wars fixture and the shipped sample are found exactly', async () => {
  for (const [name, s] of [['starwars', await scoreFixture('test/fixtures/starwars')], ['sample', await scoreSample()]] as const) {
    if (report) console.log(formatScores(name, s));
    assert.deepEqual(s.misplaced, [], name);
    assert.deepEqual([...s.falsePositives, ...s.falseNegatives], [], `${name}\n${formatScores(name, s)}`);
  }
});
