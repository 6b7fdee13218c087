/**
 * Which comparisons more data could still settle: a gated, calibrated metric
 * judged unchanged whose 95 % interval reaches beyond its threshold on the
 * worse side — a regression of the size the gate looks for is not ruled out.
 * `planebench compare` measures the scenarios behind them again (more trials
 * narrow the interval and lower the threshold) while its time budget lasts.
 */
import type { MetricComparison, RunComparison } from './compare-run.js';

export function isUndecided(m: MetricComparison): boolean {
  const v = m.verdict;
  if (!m.gated || m.status !== 'unchanged' || !v?.ratio || v.thresholdSource !== 'calibration') return false;
  const limit = 1 + v.threshold;
  return m.direction === 'smaller' ? v.ratio.high > limit : v.ratio.low < 1 / limit;
}

/** suite/scenario/variant of every scenario with an undecided metric, sorted. */
export function undecidedScenarios(comparison: RunComparison): string[] {
  return comparison.scenarios
    .filter((s) => s.metrics.some(isUndecided))
    .map((s) => `${s.suite}/${s.scenario}/${s.variant}`)
    .sort();
}
