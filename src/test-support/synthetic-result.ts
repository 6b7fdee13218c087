/** Builds ScenarioResults for tests of the gate and reporters. */
import { createHistogram, encodeHistogram } from '../harness/histogram/histogram.js';
import { METRIC_KINDS } from '../harness/metric-kinds.js';
import type { ScenarioResult } from '../harness/result-model.js';
import { median } from '../harness/stats/median.js';

export function syntheticResult(trials: readonly number[], overrides: Partial<ScenarioResult> = {}): ScenarioResult {
  const histogram = createHistogram('latencyUs');
  for (const v of trials) histogram.recordValue(v);
  return {
    suite: 'demo',
    scenario: 'query',
    variant: 'v2',
    profile: 'ci',
    params: {},
    state: 'completed',
    trialCount: trials.length,
    durationMs: 1,
    notes: [],
    metrics: [
      {
        name: 'queryLatencyUs.p50',
        kind: 'latencyUs',
        unit: 'us',
        direction: 'smaller',
        stat: 'p50',
        value: median(trials),
        trials,
        gated: true,
        noise: METRIC_KINDS.latencyUs.noise,
        histogram: 'queryLatencyUs',
      },
    ],
    histograms: {
      queryLatencyUs: { kind: 'latencyUs', unit: 'us', count: trials.length, encoded: encodeHistogram(histogram) },
    },
    ...overrides,
  };
}
