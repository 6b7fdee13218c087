import { mannWhitneyU, rankAboveP, rankTails, smallestRankP } from './rank-test.js';

describe('the rank test', () => {
  test('U counts head values above base values, ties as ½', () => {
    expect(mannWhitneyU([1, 2], [3, 2])).toBe(2 + 1 + 0.5);
  });

  test('exact one-sided p: 4 against 4 fully separated is 1/70; 2 against 2 is 1/6', () => {
    expect(rankAboveP([1, 2, 3, 4], [5, 6, 7, 8])).toBeCloseTo(1 / 70, 12);
    expect(rankAboveP([1, 2], [3, 4])).toBeCloseTo(1 / 6, 12);
    expect(rankAboveP([5, 6, 7, 8], [1, 2, 3, 4])).toBe(1); // below, not above
    expect(rankTails([5, 6, 7, 8], [1, 2, 3, 4]).below).toBeCloseTo(1 / 70, 12);
    expect(rankTails([1, 2], [3, 2]).below).toBeCloseTo(rankAboveP([3, 2], [1, 2]), 12); // ties: the mirror
  });

  test('the p-value of a middling arrangement matches the Mann–Whitney table (m = n = 4, U ≥ 12: 12/70)', () => {
    // Head above base in 12 of 16 pairs: 84.8 is below every base value, the rest above all.
    expect(rankAboveP([85.5, 86.5, 84.9, 85.3], [89.4, 90.7, 88.8, 84.8])).toBeCloseTo(12 / 70, 12);
  });

  test('the smallest reachable p is 1 / C(m + n, n)', () => {
    expect(smallestRankP(4, 4)).toBeCloseTo(1 / 70, 12);
    expect(smallestRankP(6, 6)).toBeCloseTo(1 / 924, 12);
    expect(smallestRankP(2, 2)).toBeCloseTo(1 / 6, 12);
    expect(smallestRankP(3, 6)).toBeCloseTo(1 / 84, 12);
  });
});
