/** Made-up scenario results for the comparison tests: one gated latency metric. */
import type { Metric, ScenarioResult } from '../harness/result-model.js';
import { median } from '../harness/stats/median.js';

export function latencyMetric(trials: readonly number[], overrides: Partial<Metric> = {}): Metric {
  return {
    name: 'queryLatencyUs.p99',
    kind: 'latencyUs',
    unit: 'us',
    direction: 'smaller',
    stat: 'p99',
    value: median(trials),
    trials,
    gated: true,
    noise: { relative: 0.1, absolute: 5 },
    ...overrides,
  };
}

export function scenarioResult(metrics: readonly Metric[], overrides: Partial<ScenarioResult> = {}): ScenarioResult {
  return {
    suite: 'fixture',
    scenario: 'steady',
    variant: 'v2',
    profile: 'ci',
    params: {},
    state: 'completed',
    trialCount: metrics[0]?.trials.length ?? 0,
    durationMs: 100,
    metrics,
    histograms: {},
    notes: [],
    ...overrides,
  };
}
