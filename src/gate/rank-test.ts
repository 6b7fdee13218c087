/**
 * The rank evidence a verdict also needs: an exact one-sided Mann–Whitney
 * test that the head's trials are systematically on one side of the base's.
 * The log-shift statistic (src/gate/log-shift.ts) trusts its σ; a metric whose
 * values jump between modes (a process's RSS; docs/decisions.md, "A change also
 * needs rank evidence") or a σ calibrated on calmer runs makes a few trials look
 * like many standard errors.
 * The rank test needs no σ: 4 trials against 4 can reach p = 1/70, 2 against
 * 2 only 1/6 — too few to call anything, whatever their values.
 */

/** A change needs its rank p-value at or below this (one-sided). */
export const RANK_ALPHA = 0.05;

/** counts[u] = arrangements of m base and n head values (no ties) whose U = u; U counts head > base pairs. */
function uDistribution(m: number, n: number): number[] {
  // f[i][j] = distribution for i base and j head values.
  let previousRow: number[][] = [];
  for (let i = 0; i <= m; i += 1) {
    const row: number[][] = [];
    for (let j = 0; j <= n; j += 1) {
      if (i === 0 || j === 0) {
        row.push([1]);
        continue;
      }
      // The largest value is a head value (beats all i base values) or a base value (adds nothing).
      const headLargest = row[j - 1] as number[];
      const baseLargest = previousRow[j] as number[];
      const size = i * j + 1;
      const counts = new Array<number>(size).fill(0);
      for (let u = 0; u < headLargest.length; u += 1)
        counts[u + i] = (counts[u + i] as number) + (headLargest[u] as number);
      for (let u = 0; u < baseLargest.length; u += 1) counts[u] = (counts[u] as number) + (baseLargest[u] as number);
      row.push(counts);
    }
    previousRow = row;
  }
  return previousRow[n] as number[];
}

/** U: head values above base values, ties counted ½. */
export function mannWhitneyU(base: readonly number[], head: readonly number[]): number {
  let u = 0;
  for (const h of head) for (const b of base) u += h > b ? 1 : h === b ? 0.5 : 0;
  return u;
}

export interface RankTails {
  /** P(U ≥ observed): how surprising it is that head sits this far above base. */
  readonly above: number;
  /** The same for head below base. */
  readonly below: number;
}

/** Both one-sided p-values from one U distribution (below uses U' = m·n − U). */
export function rankTails(base: readonly number[], head: readonly number[]): RankTails {
  const counts = uDistribution(base.length, head.length);
  const total = counts.reduce((sum, c) => sum + c, 0);
  const u = mannWhitneyU(base, head);
  const tail = (from: number): number => {
    let sum = 0;
    for (let k = Math.max(0, from); k < counts.length; k += 1) sum += counts[k] as number;
    return sum / total;
  };
  return {
    above: tail(Math.ceil(u - 1e-9)),
    below: tail(Math.ceil(base.length * head.length - u - 1e-9)),
  };
}

/** P(U ≥ the observed U) with no real difference: how surprising it is that head sits this far above base. */
export function rankAboveP(base: readonly number[], head: readonly number[]): number {
  return rankTails(base, head).above;
}

/** The smallest p-value these trial counts can reach: 1 / C(m + n, n). */
export function smallestRankP(m: number, n: number): number {
  let combinations = 1;
  for (let k = 1; k <= n; k += 1) combinations = (combinations * (m + k)) / k;
  return 1 / combinations;
}
