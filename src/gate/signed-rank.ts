/**
 * The rank evidence of a paired comparison: an exact one-sided Wilcoxon
 * signed-rank test that the head's trials sit on one side of their base twins
 * (src/harness/runner/duet.ts measures each pair seconds apart). Like the
 * Mann–Whitney test of unpaired trials (./rank-test.ts) it needs no σ.
 *
 * Differences of exactly zero are dropped; tied magnitudes share their mean
 * rank. n pairs reach p = 1/2ⁿ at best: 4 pairs 1/16 (too few to call
 * anything at RANK_ALPHA), 5 pairs 1/32, 6 pairs 1/64.
 */
import type { RankTails } from './rank-test.js';

/** Ranks of |d| (1-based, ties averaged), doubled so that every rank is an integer. */
function doubledRanks(magnitudes: readonly number[]): number[] {
  const order = magnitudes.map((m, i) => ({ m, i })).sort((a, b) => a.m - b.m);
  const ranks = new Array<number>(magnitudes.length).fill(0);
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && (order[end + 1] as { m: number }).m === (order[start] as { m: number }).m)
      end += 1;
    // Positions start..end (0-based) share the mean rank (start + end) / 2 + 1; doubled: start + end + 2.
    for (let k = start; k <= end; k += 1) ranks[(order[k] as { i: number }).i] = start + end + 2;
    start = end + 1;
  }
  return ranks;
}

/** counts[s] = sign assignments whose sum of (doubled) positive ranks is s. */
function signedRankDistribution(ranks: readonly number[]): number[] {
  const total = ranks.reduce((a, r) => a + r, 0);
  let counts = new Array<number>(total + 1).fill(0);
  counts[0] = 1;
  for (const r of ranks) {
    const next = [...counts];
    for (let s = 0; s + r <= total; s += 1) next[s + r] = (next[s + r] as number) + (counts[s] as number);
    counts = next;
  }
  return counts;
}

/**
 * Both one-sided p-values for paired differences d = head − base:
 * `above` is P(W⁺ ≥ observed) — how surprising it is that head sits this far
 * above its twins; `below` the same for head below them.
 */
export function signedRankTails(differences: readonly number[]): RankTails {
  const nonZero = differences.filter((d) => d !== 0);
  if (nonZero.length === 0) return { above: 1, below: 1 };
  const ranks = doubledRanks(nonZero.map(Math.abs));
  const counts = signedRankDistribution(ranks);
  const all = counts.reduce((a, c) => a + c, 0);
  const positive = nonZero.reduce((s, d, i) => s + (d > 0 ? (ranks[i] as number) : 0), 0);
  const negative = ranks.reduce((a, r) => a + r, 0) - positive;
  const tail = (from: number): number => {
    let sum = 0;
    for (let s = from; s < counts.length; s += 1) sum += counts[s] as number;
    return sum / all;
  };
  return { above: tail(positive), below: tail(negative) };
}

/** The smallest p-value n pairs can reach: 1 / 2ⁿ. */
export function smallestSignedRankP(pairs: number): number {
  return 2 ** -pairs;
}
