/**
 * The machine-speed check: every trial times a fixed reference workload
 * (cpuCalibrationNs, src/harness/runner/cpu-calibration.ts). When a run's
 * reference differs from the baseline's by more than the tolerance, the
 * machine was not the same speed, and CPU-bound metrics — nanosecond-scale
 * micro-benchmarks and rates — are not judged: their change says more about
 * the machine than about the code (A/A on this VM: the same code measured
 * 87 ns in one process and 139 ns in the next, the reference 7–10 vs 12–19 ns).
 */
import type { MetricKindName } from '../harness/metric-kinds.js';
import { CALIBRATION_METRIC } from '../harness/runner/cpu-calibration.js';
import type { ScenarioResult } from '../harness/result-model.js';
import type { BaselineMetric } from './baseline-file.js';
import { compareMedians, hashSeed, type Interval } from './bootstrap.js';

/** Beyond ±this fraction of the baseline's reference, CPU-bound metrics get no verdict. */
export const MACHINE_SPEED_TOLERANCE = 0.2;

export const SPEED_SENSITIVE_KINDS: ReadonlySet<MetricKindName> = new Set([
  'durationNs',
  'latencyNs',
  'throughputPerSec',
]);

/**
 * current ÷ baseline reference time (2 = the run's machine was half as fast),
 * with its 95 % bootstrap interval over the trials; undefined if either side
 * lacks the reference.
 */
export function machineSpeed(
  result: ScenarioResult,
  baselineMetrics: Readonly<Record<string, Pick<BaselineMetric, 'value' | 'trials'>>> | undefined,
): Interval | undefined {
  const current = result.metrics.find((m) => m.name === CALIBRATION_METRIC);
  const base = baselineMetrics?.[CALIBRATION_METRIC];
  if (!current || !base || !(base.value > 0) || !(current.value > 0)) return undefined;
  const { ratio } = compareMedians(base.trials, current.trials, {
    seed: hashSeed(`${result.suite}/${CALIBRATION_METRIC}`),
  });
  return ratio;
}

/**
 * Whether the machine's speed differed beyond the tolerance — the whole
 * interval, not just the estimate: one trial process whose reference loop ran
 * slow (it happens: 7.6 → 11.6 ns medians with an interval of −5 % to +74 %)
 * must not excuse a real regression (a fresh-clone CI run let a 2× slower
 * fixture pass that way).
 */
export function speedDiffers(speed: Interval | undefined): boolean {
  if (speed === undefined) return false;
  const limit = 1 + MACHINE_SPEED_TOLERANCE;
  return speed.low > limit || speed.high < 1 / limit;
}

/**
 * Whether the machine's speed could explain a verdict: a slower machine a
 * regression, a faster one an improvement. A metric that got worse on a faster
 * machine (or better on a slower one) is judged as usual.
 */
export function speedExplains(status: string, speed: Interval | undefined): boolean {
  if (!speedDiffers(speed)) return false;
  return speed!.estimate > 1 ? status === 'regressed' : status === 'improved';
}
