/**
 * The machine-speed check: every trial times a fixed reference workload
 * (cpuCalibrationNs, src/harness/runner/cpu-calibration.ts). When a run's
 * reference differs from the baseline's by more than the tolerance, the
 * machine was not the same speed, and a CPU-bound metric's change — of a
 * nanosecond-scale micro-benchmark or a rate — may be the machine's, not the
 * code's.
 *
 * The machine explains a change up to its own speed difference, not more: such
 * a metric is judged again against the baseline scaled to the run's machine
 * (time-like values × the ratio, rates ÷ it), and only a change that remains
 * keeps its verdict. Evidence: docs/decisions.md, "Machine speed".
 */
import type { Direction, MetricKindName } from '../harness/metric-kinds.js';
import { CALIBRATION_METRIC } from '../harness/runner/cpu-calibration.js';
import type { ScenarioResult } from '../harness/result-model.js';
import type { BaselineMetric } from './baseline-file.js';

/** Beyond ±this fraction of the baseline's reference, CPU-bound metrics are judged against the scaled baseline. */
export const MACHINE_SPEED_TOLERANCE = 0.2;

export const SPEED_SENSITIVE_KINDS: ReadonlySet<MetricKindName> = new Set([
  'durationNs',
  'latencyNs',
  'throughputPerSec',
]);

/** current ÷ baseline reference time (2 = the run's machine was half as fast); undefined if either is missing. */
export function machineSpeedRatio(
  result: ScenarioResult,
  baselineMetrics: Readonly<Record<string, Pick<BaselineMetric, 'value'>>> | undefined,
): number | undefined {
  const current = result.metrics.find((m) => m.name === CALIBRATION_METRIC)?.value;
  const base = baselineMetrics?.[CALIBRATION_METRIC]?.value;
  if (current === undefined || base === undefined || !(base > 0) || !(current > 0)) return undefined;
  return current / base;
}

export function speedDiffers(ratio: number | undefined): boolean {
  return ratio !== undefined && Math.abs(Math.log(ratio)) > Math.log(1 + MACHINE_SPEED_TOLERANCE);
}

/**
 * The baseline's trials as a machine `ratio`× slower (ratio = current ÷ baseline
 * reference time) would have measured them: time-like values grow, rates shrink.
 */
export function scaledToMachine(trials: readonly number[], direction: Direction, ratio: number): number[] {
  const factor = direction === 'smaller' ? ratio : 1 / ratio;
  return trials.map((t) => t * factor);
}

/**
 * Whether the machine's speed could explain a verdict: a slower machine a
 * regression, a faster one an improvement. A metric that got worse on a faster
 * machine (or better on a slower one) is judged as usual.
 */
export function speedExplains(status: string, ratio: number | undefined): boolean {
  if (!speedDiffers(ratio)) return false;
  return ratio! > 1 ? status === 'regressed' : status === 'improved';
}
