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

/** Beyond ±this fraction of the baseline's reference, CPU-bound metrics get no verdict. */
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
 * Whether the machine's speed could explain a verdict: a slower machine a
 * regression, a faster one an improvement. A metric that got worse on a faster
 * machine (or better on a slower one) is judged as usual.
 */
export function speedExplains(status: string, ratio: number | undefined): boolean {
  if (!speedDiffers(ratio)) return false;
  return ratio! > 1 ? status === 'regressed' : status === 'improved';
}
