/** Made-up scenario results for the comparison tests: one gated latency metric. */
import type { NoiseCalibration } from '../gate/noise-calibration.js';
import type { EnvironmentFingerprint, Metric, ScenarioResult } from '../harness/result-model.js';
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

/** A noise calibration for tests: the given metrics' trial σ (log), no day drift. */
export function fixtureCalibration(trialLogSdByKey: Readonly<Record<string, number>>): NoiseCalibration {
  return {
    version: 1,
    profile: 'ci',
    measuredAt: '2026-12-05T00:00:00.000Z',
    gitCommit: 'fixture',
    machine: { cpuModel: 'fixture', cores: 2, node: 'v20' },
    rounds: 3,
    trialsPerSide: 9,
    sourceRuns: ['calibration'],
    metrics: Object.fromEntries(
      Object.entries(trialLogSdByKey).map(([key, trialLogSd]) => [key, { trialLogSd, driftLogSd: 0, trials: 18 }]),
    ),
  };
}

/** The environment of a fixture run. */
export const FIXTURE_ENVIRONMENT: EnvironmentFingerprint = {
  cpuModel: 'cpu',
  cores: 2,
  totalMemoryBytes: 1,
  node: 'v20.20.2',
  os: 'linux',
  profile: 'ci',
  gitCommit: 'abcdef1234567890',
  gitDirty: false,
  date: '2026-12-05T00:00:00.000Z',
};
