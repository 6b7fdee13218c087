/**
 * Change points in a metric's history: E-divisive means (Matteson & James,
 * "A Nonparametric Approach for Multiple Change Point Analysis of Multivariate
 * Data", JASA 2014), the method MongoDB and Apache Otava use on their
 * performance histories (Daly et al., ICPE 2020).
 *
 * - Location: in a segment, the split τ that maximises the energy statistic
 *   Q̂(τ) = (m·k / (m+k)) · Ê, where Ê is twice the mean distance between the
 *   two sides minus each side's mean distance within (α = 1: |x − y|).
 * - Significance: a permutation test, as in the paper — the segment's values
 *   shuffled R times (a seeded generator, so the answer is reproducible), p =
 *   (shuffles whose best Q̂ reaches the observed one + 1) / (R + 1). Otava
 *   replaces it with a t-test between the sides for speed; the permutation test
 *   keeps the false-alarm rate at α although τ was chosen as the best split
 *   (a t-test at the chosen τ does not). Shuffling stops as soon as p can no
 *   longer fall below α, so a flat history costs a few shuffles.
 * - Binary segmentation: a significant split divides the segment and both
 *   sides are searched again.
 */
import { seededRandom } from '../gate/bootstrap.js';
import { median } from '../harness/stats/median.js';

export interface ChangePointOptions {
  /** Significance level of each split; default 0.01 (Otava's). */
  readonly alpha?: number;
  /** Shuffles of the permutation test; default 199. */
  readonly permutations?: number;
  /** Fewest points on either side of a split; default 3. */
  readonly minSegment?: number;
  /** Seed of the shuffles. */
  readonly seed?: number;
}

export interface ChangePoint {
  /** Index of the first point after the change. */
  readonly index: number;
  readonly pValue: number;
  /** Median of the segment before and after (bounded by the neighbouring change points). */
  readonly before: number;
  readonly after: number;
}

/** The best split of `values` by Q̂, or undefined when the segment is too short. */
export function bestSplit(values: readonly number[], minSegment: number): { tau: number; q: number } | undefined {
  const n = values.length;
  if (n < 2 * minSegment) return undefined;
  // rowLeft[t] = Σ_{i<t} |x_i − x_t|, rowRight[t] = Σ_{j>t} |x_t − x_j|.
  const rowLeft = new Float64Array(n);
  const rowRight = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i += 1) {
    for (let j = i + 1; j < n; j += 1) {
      const d = Math.abs((values[i] as number) - (values[j] as number));
      rowRight[i] = (rowRight[i] as number) + d;
      rowLeft[j] = (rowLeft[j] as number) + d;
      total += d;
    }
  }
  let within = 0; // Σ of pairs both left of tau
  let withinRight = total; // Σ of pairs both at or right of tau
  let best: { tau: number; q: number } | undefined;
  for (let tau = 1; tau < n; tau += 1) {
    // Moving point tau − 1 from the right side to the left.
    within += rowLeft[tau - 1] as number;
    withinRight -= rowRight[tau - 1] as number;
    const m = tau;
    const k = n - tau;
    if (m < minSegment || k < minSegment) continue;
    const cross = total - within - withinRight;
    const e = (2 * cross) / (m * k) - within / ((m * (m - 1)) / 2) - withinRight / ((k * (k - 1)) / 2);
    const q = ((m * k) / n) * e;
    if (!best || q > best.q) best = { tau, q };
  }
  return best;
}

/** Permutation p-value of the best split's Q̂; stops once p cannot reach alpha. */
function permutationP(
  values: readonly number[],
  observed: number,
  o: Required<ChangePointOptions>,
  rand: () => number,
) {
  const limit = Math.floor(o.alpha * (o.permutations + 1)); // p ≤ alpha needs fewer shuffles than this reaching it
  const shuffled = [...values];
  let reached = 0;
  let done = 0;
  for (; done < o.permutations; done += 1) {
    for (let i = shuffled.length - 1; i > 0; i -= 1) {
      const j = Math.floor(rand() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j] as number, shuffled[i] as number];
    }
    if ((bestSplit(shuffled, o.minSegment)?.q ?? Number.NEGATIVE_INFINITY) >= observed) reached += 1;
    if (reached >= limit) return { significant: false, p: (reached + 1) / (done + 2) };
  }
  return { significant: true, p: (reached + 1) / (o.permutations + 1) };
}

export function findChangePoints(series: readonly number[], options: ChangePointOptions = {}): ChangePoint[] {
  const o: Required<ChangePointOptions> = {
    alpha: options.alpha ?? 0.01,
    permutations: options.permutations ?? 199,
    minSegment: options.minSegment ?? 3,
    seed: options.seed ?? 1,
  };
  const rand = seededRandom(o.seed);
  const found: { index: number; pValue: number }[] = [];
  const search = (from: number, to: number): void => {
    const segment = series.slice(from, to);
    const split = bestSplit(segment, o.minSegment);
    if (!split || !(split.q > 0)) return;
    const test = permutationP(segment, split.q, o, rand);
    if (!test.significant) return;
    found.push({ index: from + split.tau, pValue: test.p });
    search(from, from + split.tau);
    search(from + split.tau, to);
  };
  search(0, series.length);
  found.sort((a, b) => a.index - b.index);
  return found.map((c, i) => {
    const start = i === 0 ? 0 : (found[i - 1] as { index: number }).index;
    const end = i + 1 < found.length ? (found[i + 1] as { index: number }).index : series.length;
    return {
      index: c.index,
      pValue: c.pValue,
      before: median(series.slice(start, c.index)),
      after: median(series.slice(c.index, end)),
    };
  });
}
