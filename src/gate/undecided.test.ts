import type { MetricComparison, ScenarioComparison } from './compare-run.js';
import { summarizeRun } from './compare-run.js';
import { undecidedScenarios } from './undecided.js';
import type { Verdict } from './verdict.js';

/** A calibrated metric judged unchanged with this ratio interval, gated unless `blind`. */
function metric(name: string, low: number, high: number, extra: Partial<MetricComparison> = {}): MetricComparison {
  const verdict: Verdict = {
    status: 'unchanged',
    reason: 'within the noise',
    ratio: { estimate: Math.sqrt(low * high), low, high },
    thresholdSource: 'calibration',
    threshold: 0.3,
    detectable: 0.3,
  };
  return {
    suite: 'procman',
    scenario: 'hot',
    variant: 'v2',
    metric: name,
    unit: 'us',
    direction: 'smaller',
    gated: true,
    status: 'unchanged',
    verdict,
    ...extra,
  };
}

const blind = { gated: false, ungatedBecause: 'its measured noise hides a 2× change', trialsToSee2x: 12 };

function undecided(metrics: MetricComparison[], reachable = 15): string[] {
  const scenario: ScenarioComparison = {
    suite: 'procman',
    scenario: 'hot',
    variant: 'v2',
    profile: 'ci',
    status: { kind: 'compared' },
    metrics,
  };
  return undecidedScenarios(summarizeRun([scenario], []), () => reachable);
}

describe('undecided scenarios', () => {
  test('a gated metric whose interval reaches beyond its threshold', () => {
    expect(undecided([metric('p50', 0.95, 1.4)])).toEqual(['procman/hot/v2']);
    expect(undecided([metric('p50', 0.95, 1.2)])).toEqual([]);
  });

  test('a metric blind to 2× whose interval reaches beyond 2×, when the rounds left let it see 2×', () => {
    expect(undecided([metric('mean', 1.2, 2.5, blind)])).toEqual(['procman/hot/v2']);
    expect(undecided([metric('mean', 1.2, 1.9, blind)])).toEqual([]);
    expect(undecided([metric('mean', 1.2, 2.5, blind)], 11)).toEqual([]);
    expect(undecided([metric('mean', 1.2, 2.5, { ...blind, trialsToSee2x: undefined })])).toEqual([]);
  });

  test('not when a gated metric of the scenario judges the same behaviour in its place', () => {
    const p95 = metric('p95', 1.2, 2.5, { ...blind, replacedBy: ['mean'] });
    expect(undecided([p95, metric('mean', 0.9, 1.2)])).toEqual([]);
    expect(undecided([p95, metric('mean', 0.9, 1.2, blind)])).toEqual(['procman/hot/v2']);
  });
});
