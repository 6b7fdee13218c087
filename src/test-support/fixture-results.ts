/**
 * The one builder of made-up results for tests: metrics, scenario results,
 * whole results files, and the comparisons the reporters render. Each takes
 * overrides for what a test cares about; the defaults are one gated latency
 * metric of a completed scenario.
 */
import type { MetricComparison, ScenarioComparison } from '../gate/compare-run.js';
import type { NoiseCalibration } from '../gate/noise-calibration.js';
import type { Verdict, VerdictStatus } from '../gate/verdict.js';
import { createHistogram, encodeHistogram } from '../harness/histogram/histogram.js';
import { METRIC_KINDS } from '../harness/metric-kinds.js';
import type { ProfileName } from '../harness/profile.js';
import type { EnvironmentFingerprint, Metric, ScenarioResult } from '../harness/result-model.js';
import { median } from '../harness/stats/median.js';
import { RESULTS_SCHEMA_VERSION, type ResultsFile } from '../gate/results-file.js';

/** A gated latency metric whose value is the median of its trials. */
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

/** A gated throughput metric (bigger is better) whose value is the median of its trials. */
export function throughputMetric(trials: readonly number[], overrides: Partial<Metric> = {}): Metric {
  return latencyMetric(trials, {
    name: 'requestsPerSec',
    kind: 'throughputPerSec',
    unit: 'ops/s',
    direction: 'bigger',
    stat: 'value',
    ...overrides,
  });
}

/** A completed scenario with these metrics (its trial count is the first metric's). */
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

/**
 * `demo/query/v2` with one gated `queryLatencyUs.p50` (the latency kind's
 * default noise) and the HDR histogram of its trial values, as a perf spec
 * records it.
 */
export function syntheticResult(trials: readonly number[], overrides: Partial<ScenarioResult> = {}): ScenarioResult {
  const histogram = createHistogram('latencyUs');
  for (const v of trials) histogram.recordValue(v);
  const metric = latencyMetric(trials, {
    name: 'queryLatencyUs.p50',
    stat: 'p50',
    noise: METRIC_KINDS.latencyUs.noise,
    histogram: 'queryLatencyUs',
  });
  return scenarioResult([metric], {
    suite: 'demo',
    scenario: 'query',
    durationMs: 1,
    histograms: {
      queryLatencyUs: { kind: 'latencyUs', unit: 'us', count: trials.length, encoded: encodeHistogram(histogram) },
    },
    ...overrides,
  });
}

/** A noise calibration for tests holding the given metrics' noise. */
export function fixtureCalibrationOf(
  metrics: NoiseCalibration['metrics'],
  sourceRuns: readonly string[] = ['calibration'],
): NoiseCalibration {
  return {
    version: 1,
    profile: 'ci',
    measuredAt: '2026-12-05T00:00:00.000Z',
    gitCommit: 'fixture',
    machine: { cpuModel: 'fixture', cores: 2, node: 'v20' },
    rounds: 3,
    trialsPerSide: 9,
    sourceRuns,
    metrics,
  };
}

/** A noise calibration for tests: the given metrics' trial σ (log), no day drift. */
export function fixtureCalibration(trialLogSdByKey: Readonly<Record<string, number>>): NoiseCalibration {
  return fixtureCalibrationOf(
    Object.fromEntries(
      Object.entries(trialLogSdByKey).map(([key, trialLogSd]) => [key, { trialLogSd, driftLogSd: 0, trials: 18 }]),
    ),
  );
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

/** One run of the trend tests: its date, and the trial values of a latency and a throughput metric. */
export interface FixtureRunSpec {
  readonly date: string;
  readonly profile?: ProfileName;
  readonly gitCommit?: string;
  readonly latencyUs: readonly number[];
  readonly opsPerSec: readonly number[];
}

export function fixtureRunId(date: string): string {
  return `${date.replace(/[:.]/g, '-')}-1`;
}

/** A results file of one scenario, `fixture/steady-load/v2`, with a latency and a throughput metric. */
export function fixtureRun(spec: FixtureRunSpec): ResultsFile {
  const profile = spec.profile ?? 'ci';
  const environment: EnvironmentFingerprint = {
    cpuModel: 'fixture CPU',
    cores: 2,
    totalMemoryBytes: 2 ** 33,
    node: 'v20.20.0',
    os: 'linux',
    profile,
    gitCommit: spec.gitCommit ?? 'unknown',
    gitDirty: false,
    date: spec.date,
  };
  const noise = { relative: 0.2, absolute: 1 };
  const scenario = scenarioResult(
    [latencyMetric(spec.latencyUs, { noise }), throughputMetric(spec.opsPerSec, { noise })],
    { scenario: 'steady-load', profile, durationMs: 1000 },
  );
  return { schemaVersion: RESULTS_SCHEMA_VERSION, runId: fixtureRunId(spec.date), environment, scenarios: [scenario] };
}

/**
 * A metric's comparison as the reporters get it: `procman/control-plane-isolation/v2`,
 * baseline 40.5 µs, current baseline × ratio (1.7 regressed, 0.6 improved,
 * 1.01 unchanged, unless given), judged against a calibrated 12 % threshold.
 */
export function metricComparison(
  name: string,
  status: VerdictStatus,
  options: { readonly ratio?: number } & Partial<MetricComparison> = {},
  verdict: Partial<Verdict> = {},
): MetricComparison {
  const { ratio = status === 'regressed' ? 1.7 : status === 'improved' ? 0.6 : 1.01, ...overrides } = options;
  const baseline = overrides.baseline ?? 40.5;
  return {
    suite: 'procman',
    scenario: 'control-plane-isolation',
    variant: 'v2',
    metric: name,
    unit: 'us',
    direction: 'smaller',
    gated: true,
    status,
    baseline,
    current: baseline * ratio,
    verdict: {
      status,
      reason: status === 'unchanged' ? 'within the noise' : 'beyond the threshold',
      ratio: { estimate: ratio, low: ratio * 0.9, high: ratio * 1.1 },
      thresholdSource: 'calibration',
      threshold: 0.12,
      detectable: 0.12,
      ...verdict,
    },
    ...overrides,
  };
}

/** A compared scenario `<suite>/<name>/<variant>` holding these metrics (moved into it). */
export function scenarioComparison(
  suite: string,
  name: string,
  metrics: readonly MetricComparison[],
  variant = 'v2',
): ScenarioComparison {
  return {
    suite,
    scenario: name,
    variant,
    profile: 'ci',
    status: { kind: 'compared' },
    metrics: metrics.map((m) => ({ ...m, suite, scenario: name, variant })),
  };
}
