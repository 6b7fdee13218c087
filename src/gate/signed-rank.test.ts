import { signedRankTails, smallestSignedRankP } from './signed-rank.js';

/** P(W⁺ ≥ observed) by enumerating every sign assignment, with mean ranks for ties. */
function bruteForceAbove(differences: readonly number[]): number {
  const d = differences.filter((x) => x !== 0);
  const sorted = [...d].map(Math.abs).sort((a, b) => a - b);
  const rankOf = (m: number): number => {
    const first = sorted.indexOf(m);
    const last = sorted.lastIndexOf(m);
    return (first + last) / 2 + 1;
  };
  const ranks = d.map((x) => rankOf(Math.abs(x)));
  const observed = d.reduce((s, x, i) => s + (x > 0 ? (ranks[i] as number) : 0), 0);
  let atLeast = 0;
  for (let mask = 0; mask < 2 ** d.length; mask += 1) {
    const w = ranks.reduce((s, r, i) => s + ((mask >> i) & 1 ? r : 0), 0);
    if (w >= observed - 1e-9) atLeast += 1;
  }
  return atLeast / 2 ** d.length;
}

describe('the signed-rank test of twin trials', () => {
  test('n pairs all on one side reach exactly 1/2ⁿ, on that side only', () => {
    const up = [0.1, 0.3, 0.2, 0.05, 0.4, 0.15];
    expect(signedRankTails(up).above).toBeCloseTo(1 / 64, 12);
    expect(signedRankTails(up).below).toBe(1);
    expect(signedRankTails(up.map((d) => -d)).below).toBeCloseTo(1 / 64, 12);
    expect(smallestSignedRankP(6)).toBeCloseTo(1 / 64, 12);
    expect(smallestSignedRankP(4)).toBe(1 / 16);
  });

  test('middling arrangements, ties and zeros match enumeration of every sign assignment', () => {
    const cases = [
      [0.3, -0.1, 0.2, 0.25, -0.05, 0.4],
      [0.1, -0.1, 0.2, 0.2, -0.3, 0.1, 0.05],
      [0, 0.2, -0.1, 0.3, 0.4],
      [-0.2, 0.1, -0.3, -0.05, 0.02, -0.4, -0.1, 0.3],
    ];
    for (const d of cases) {
      expect(signedRankTails(d).above).toBeCloseTo(bruteForceAbove(d), 12);
      expect(signedRankTails(d).below).toBeCloseTo(bruteForceAbove(d.map((x) => -x)), 12);
    }
  });

  test('no difference at all is no evidence either way', () => {
    expect(signedRankTails([0, 0, 0])).toEqual({ above: 1, below: 1 });
  });
});
