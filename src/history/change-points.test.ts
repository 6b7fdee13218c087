import { seededRandom } from '../gate/bootstrap.js';
import { bestSplit, findChangePoints } from './change-points.js';

/** Seeded standard normal noise (Box–Muller), so every series is the same on every run. */
function noise(seed: number): () => number {
  const uniform = seededRandom(seed);
  return () => Math.sqrt(-2 * Math.log(uniform() || 1e-12)) * Math.cos(2 * Math.PI * uniform());
}

describe('E-divisive change points', () => {
  test('the best split of a clean step is the step', () => {
    expect(bestSplit([1, 1, 1, 1, 5, 5, 5, 5], 3)?.tau).toBe(4);
    expect(bestSplit([1, 2, 3, 4, 5], 3)).toBeUndefined(); // too short for two sides of 3
  });

  test('a 30 % step in 5 % noise is found at the run it happened', () => {
    const n = noise(7);
    const series = Array.from({ length: 40 }, (_, i) => (i < 20 ? 100 : 130) * (1 + 0.05 * n()));
    const found = findChangePoints(series);
    expect(found.map((c) => c.index)).toEqual([20]);
    expect(found[0]!.pValue).toBeLessThanOrEqual(0.01);
    expect(found[0]!.after / found[0]!.before).toBeGreaterThan(1.2);
  });

  test('60 flat points in 5 % noise have no change point; over 200 such series about α of them do', () => {
    const flat = (seed: number): number[] => {
      const n = noise(seed);
      return Array.from({ length: 60 }, () => 100 * (1 + 0.05 * n()));
    };
    expect(findChangePoints(flat(1))).toEqual([]);
    const alarms = Array.from({ length: 200 }, (_, s) => findChangePoints(flat(100 + s), { seed: s })).filter(
      (found) => found.length > 0,
    ).length;
    expect(alarms).toBeLessThanOrEqual(6); // α = 1 %: 2 expected, 6 is p < 0.02 under the null
  });

  test('five 5 % steps, 10 runs each in 1 % noise: every step found at its run', () => {
    const n = noise(11);
    const series = Array.from({ length: 60 }, (_, i) => 100 * 1.05 ** Math.floor(i / 10) * (1 + 0.01 * n()));
    expect(findChangePoints(series).map((c) => c.index)).toEqual([10, 20, 30, 40, 50]);
  });

  test('before and after are the medians of the segments between change points', () => {
    const series = [...Array<number>(8).fill(10), ...Array<number>(8).fill(20), ...Array<number>(8).fill(40)];
    expect(findChangePoints(series)).toEqual([
      expect.objectContaining({ index: 8, before: 10, after: 20 }),
      expect.objectContaining({ index: 16, before: 20, after: 40 }),
    ]);
  });
});
