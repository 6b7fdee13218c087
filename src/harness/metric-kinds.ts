/**
 * Every metric kind is defined once here: its unit, which direction is better,
 * its histogram range and precision, and the noise the gate tolerates before it
 * calls a change real when the metric's noise has not been measured
 * (baselines/noise.json). Nothing else in the project picks these numbers.
 */

import type { MetricStat } from './result-model.js';

export type Direction = 'smaller' | 'bigger';

export interface NoiseThreshold {
  /** A change smaller than this fraction of the baseline is noise (0.1 = 10 %). */
  readonly relative: number;
  /** A change smaller than this, in the metric's unit, is noise. */
  readonly absolute: number;
}

export interface HistogramRange {
  /** Lowest and highest recordable sample, in steps (see stepsPerUnit). */
  readonly lowest: number;
  readonly highest: number;
  readonly significantDigits: 1 | 2 | 3 | 4 | 5;
  /**
   * The histogram records whole steps of 1/stepsPerUnit of the unit (1000: a
   * microsecond histogram holds nanoseconds), so that a median of a few units
   * is not rounded to whole units. Statistics come out in the unit.
   */
  readonly stepsPerUnit: number;
}

export interface MetricKind {
  readonly unit: string;
  readonly direction: Direction;
  /** Present for kinds whose samples go into an HDR histogram. */
  readonly histogram?: HistogramRange;
  readonly noise: NoiseThreshold;
  /** Noise of tail statistics (p95 and above) where the kind has a histogram. */
  readonly tailNoise?: NoiseThreshold;
}

const HOUR_US = 3_600_000_000;

export const METRIC_KINDS = {
  /** Latency of one operation, microseconds. */
  latencyUs: {
    unit: 'us',
    direction: 'smaller',
    histogram: { lowest: 1, highest: HOUR_US * 1000, significantDigits: 3, stepsPerUnit: 1000 },
    noise: { relative: 0.15, absolute: 20 },
    tailNoise: { relative: 0.3, absolute: 100 },
  },
  /** Latency measured in milliseconds (lifecycle operations, task latency). */
  latencyMs: {
    unit: 'ms',
    direction: 'smaller',
    histogram: { lowest: 1, highest: HOUR_US / 1000, significantDigits: 3, stepsPerUnit: 1 },
    noise: { relative: 0.15, absolute: 2 },
    tailNoise: { relative: 0.3, absolute: 10 },
  },
  /**
   * Latency of a sub-microsecond operation, nanoseconds (in-process routing,
   * request/reply). Tails share latencyUs's 100 µs floor: below it, a tail
   * moves with garbage collection, not with the code.
   */
  latencyNs: {
    unit: 'ns',
    direction: 'smaller',
    histogram: { lowest: 1, highest: HOUR_US * 1000, significantDigits: 3, stepsPerUnit: 1 },
    noise: { relative: 0.15, absolute: 200 },
    tailNoise: { relative: 0.3, absolute: 100_000 },
  },
  /** Time per iteration of a micro-benchmark, nanoseconds. */
  durationNs: {
    unit: 'ns',
    direction: 'smaller',
    histogram: { lowest: 1, highest: 100_000_000_000, significantDigits: 3, stepsPerUnit: 1 },
    // Between processes, JIT decisions move a micro-benchmark by 10-20 %.
    noise: { relative: 0.2, absolute: 2 },
    tailNoise: { relative: 0.3, absolute: 10 },
  },
  /** A rate: operations, messages or tasks per second. */
  throughputPerSec: {
    unit: 'ops/s',
    direction: 'bigger',
    noise: { relative: 0.1, absolute: 0 },
  },
  /** Events that should not happen (timeouts, errors, lost tasks). */
  count: {
    unit: 'count',
    direction: 'smaller',
    noise: { relative: 0.25, absolute: 2 },
  },
  /** Work that got done (cycles completed, samples taken). */
  completedCount: {
    unit: 'count',
    direction: 'bigger',
    noise: { relative: 0.25, absolute: 2 },
  },
  /** Memory, bytes. */
  bytes: {
    unit: 'B',
    direction: 'smaller',
    noise: { relative: 0.15, absolute: 1_048_576 },
  },
  /** CPU use, percent of one core. */
  cpuPercent: {
    unit: '%',
    direction: 'smaller',
    noise: { relative: 0.25, absolute: 5 },
  },
  /** A dimensionless ratio where smaller is better (overhead factors). */
  ratio: {
    unit: 'x',
    direction: 'smaller',
    noise: { relative: 0.15, absolute: 0.05 },
  },
  /** A fraction of an ideal where bigger is better (efficiency, success rate). */
  fraction: {
    unit: 'fraction',
    direction: 'bigger',
    noise: { relative: 0.1, absolute: 0.02 },
  },
} as const satisfies Record<string, MetricKind>;

export type MetricKindName = keyof typeof METRIC_KINDS;
export type HistogramKindName = {
  [K in MetricKindName]: (typeof METRIC_KINDS)[K] extends { histogram: HistogramRange } ? K : never;
}[MetricKindName];

export function isMetricKindName(name: string): name is MetricKindName {
  return Object.hasOwn(METRIC_KINDS, name);
}

export function metricKind(name: MetricKindName): MetricKind {
  return METRIC_KINDS[name];
}

export function histogramRangeOf(name: HistogramKindName): HistogramRange {
  const range = (METRIC_KINDS[name] as MetricKind).histogram;
  if (!range) throw new Error(`Metric kind \`${name}\` has no histogram range`);
  return range;
}

/** Statistics judged with a kind's tail noise. */
export const TAIL_STATS: ReadonlySet<MetricStat> = new Set(['p90', 'p95', 'p99', 'p99.9', 'max']);

/** The noise a metric of this kind and statistic is judged with when nothing measured says otherwise. */
export function defaultNoise(name: MetricKindName, stat: MetricStat): NoiseThreshold {
  const kind = metricKind(name);
  return TAIL_STATS.has(stat) ? (kind.tailNoise ?? kind.noise) : kind.noise;
}
