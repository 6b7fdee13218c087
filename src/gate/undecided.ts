/**
 * Which comparisons more data could still settle. `planebench compare`
 * measures the scenarios behind them again (more trials narrow the interval
 * and lower the threshold) while its time budget lasts.
 *
 * - A gated, calibrated metric judged unchanged whose 95 % interval reaches
 *   beyond its threshold on the worse side: a regression of the size the gate
 *   looks for is not ruled out.
 * - A metric ungated because its noise hides a 2× change, whose interval
 *   reaches beyond 2× on the worse side, when the trials the scenario can
 *   still get would let it see 2× (`trialsToSee2x`) and no gated metric of the
 *   scenario judges the same behaviour in its place (`replacedBy`): measured
 *   again, it is gated and judged, so a doubling it alone shows is not waved
 *   through.
 */
import { scenarioId } from '../harness/result-model.js';
import {
  BLIND_BEYOND,
  gatedNamesOf,
  judgingReplacements,
  type MetricComparison,
  type RunComparison,
} from './compare-run.js';

/** The most trials a side of this scenario (suite/scenario/variant) can have once its remaining rounds ran. */
export type ReachableTrials = (scenarioId: string) => number;

function reachesBeyond(m: MetricComparison, worsening: number): boolean {
  const ratio = m.verdict?.ratio;
  if (!ratio) return false;
  const limit = 1 + worsening;
  return m.direction === 'smaller' ? ratio.high > limit : ratio.low < 1 / limit;
}

/**
 * `gatedNames`: the metrics gated in the same scenario; `reachable`: the most
 * trials a side the scenario can still reach.
 */
export function isUndecided(m: MetricComparison, gatedNames: ReadonlySet<string>, reachable?: number): boolean {
  const v = m.verdict;
  if (v?.thresholdSource !== 'calibration') return false;
  if (m.gated) return m.status === 'unchanged' && reachesBeyond(m, v.threshold);
  return (
    m.ungatedBecause !== undefined &&
    m.status !== 'improved' &&
    judgingReplacements(m, gatedNames).length === 0 &&
    m.trialsToSee2x !== undefined &&
    reachable !== undefined &&
    m.trialsToSee2x <= reachable &&
    reachesBeyond(m, BLIND_BEYOND)
  );
}

/** suite/scenario/variant of every scenario with an undecided metric, sorted. */
export function undecidedScenarios(comparison: RunComparison, reachable?: ReachableTrials): string[] {
  return comparison.scenarios
    .filter((s) => {
      const most = reachable?.(scenarioId(s));
      const gated = gatedNamesOf(s.metrics);
      return s.metrics.some((m) => isUndecided(m, gated, most));
    })
    .map(scenarioId)
    .sort();
}
