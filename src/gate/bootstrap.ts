/**
 * Bootstrap confidence intervals for comparing two sets of trial values
 * (Criterion's approach): resample each set with replacement, take the
 * statistic, repeat, read the interval off the sorted outcomes. Seeded so a
 * verdict is reproducible.
 */
import { median } from '../harness/stats/median.js';

/** mulberry32: a small, fast, seedable PRNG returning [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function hashSeed(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

function resampleMedian(values: readonly number[], random: () => number, scratch: number[]): number {
  for (let i = 0; i < values.length; i += 1) scratch[i] = values[Math.floor(random() * values.length)] as number;
  return median(scratch);
}

export interface Interval {
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
}

export interface BootstrapOptions {
  readonly resamples?: number;
  /** Two-sided confidence, e.g. 0.95. */
  readonly confidence?: number;
  readonly seed?: number;
}

export interface MedianComparison {
  /** median(current) / median(baseline); undefined when the baseline median is not positive. */
  readonly ratio?: Interval;
  /** median(current) − median(baseline). */
  readonly difference: Interval;
}

function quantile(sorted: readonly number[], q: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[index] as number;
}

export function compareMedians(
  baseline: readonly number[],
  current: readonly number[],
  options: BootstrapOptions = {},
): MedianComparison {
  if (baseline.length === 0 || current.length === 0) {
    throw new RangeError('Expected at least one trial value on each side of a comparison');
  }
  const resamples = options.resamples ?? 2000;
  const confidence = options.confidence ?? 0.95;
  const random = seededRandom(options.seed ?? 1);
  const b0 = median(baseline);
  const c0 = median(current);
  const ratios: number[] = [];
  const differences: number[] = [];
  const bs = new Array<number>(baseline.length);
  const cs = new Array<number>(current.length);
  for (let i = 0; i < resamples; i += 1) {
    const b = resampleMedian(baseline, random, bs);
    const c = resampleMedian(current, random, cs);
    differences.push(c - b);
    if (b > 0) ratios.push(c / b);
  }
  const alpha = (1 - confidence) / 2;
  differences.sort((x, y) => x - y);
  ratios.sort((x, y) => x - y);
  const difference = { estimate: c0 - b0, low: quantile(differences, alpha), high: quantile(differences, 1 - alpha) };
  if (b0 <= 0 || ratios.length < resamples * 0.9) return { difference };
  return { difference, ratio: { estimate: c0 / b0, low: quantile(ratios, alpha), high: quantile(ratios, 1 - alpha) } };
}
