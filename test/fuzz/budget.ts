// The fuzz suite's budget: a fixed seed and a short run in `npm test`; longer with
//   LOREKEEPER_FUZZ_RUNS=5000 npm run test:unit        (runs per property; slow properties scale down)
//   LOREKEEPER_FUZZ_SEED=123 …                          (another seed; a failure prints the seed and path to replay)
import fc from 'fast-check';

export const DEFAULT_RUNS = 120;
const requested = Number(process.env.LOREKEEPER_FUZZ_RUNS);
const seedSetting = Number(process.env.LOREKEEPER_FUZZ_SEED);
export const SEED = Number.isSafeInteger(seedSetting) ? seedSetting : 20261201;

/** Runs for a property whose default share of the budget is `runs` (of DEFAULT_RUNS). */
export function runs(runs = DEFAULT_RUNS): number {
  if (!Number.isFinite(requested) || requested <= 0) return runs;
  return Math.max(1, Math.round((requested * runs) / DEFAULT_RUNS));
}

export function params<T>(share = DEFAULT_RUNS): fc.Parameters<T> {
  return { seed: SEED, numRuns: runs(share), includeErrorInReport: true };
}

/** Repeatable generated inputs (for the growth properties): `count` samples of `arbitrary`. */
export function samples<T>(arbitrary: fc.Arbitrary<T>, count: number, offset = 0): T[] {
  return fc.sample(arbitrary, { seed: SEED + offset, numRuns: count });
}
