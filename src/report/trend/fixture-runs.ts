/** Results files made up for the trend tests: one scenario, a latency and a throughput metric. */
import type { EnvironmentFingerprint, Metric, ScenarioResult } from '../../harness/result-model.js';
import type { ProfileName } from '../../harness/profile.js';
import { RESULTS_SCHEMA_VERSION, type ResultsFile } from '../results-file.js';

export interface FixtureRunSpec {
  readonly date: string;
  readonly profile?: ProfileName;
  readonly gitCommit?: string;
  readonly latencyUs: readonly number[];
  readonly opsPerSec: readonly number[];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function metric(name: string, unit: string, direction: Metric['direction'], trials: readonly number[]): Metric {
  return {
    name,
    kind: unit === 'us' ? 'latencyUs' : 'throughputPerSec',
    unit,
    direction,
    stat: name.endsWith('.p99') ? 'p99' : 'value',
    value: median(trials),
    trials,
    gated: true,
    noise: { relative: 0.2, absolute: 1 },
  };
}

export function fixtureRunId(date: string): string {
  return `${date.replace(/[:.]/g, '-')}-1`;
}

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
  const scenario: ScenarioResult = {
    suite: 'fixture',
    scenario: 'steady-load',
    variant: 'v2',
    profile,
    params: {},
    state: 'completed',
    trialCount: spec.latencyUs.length,
    durationMs: 1000,
    metrics: [
      metric('queryLatencyUs.p99', 'us', 'smaller', spec.latencyUs),
      metric('requestsPerSec', 'ops/s', 'bigger', spec.opsPerSec),
    ],
    histograms: {},
    notes: [],
  };
  return { schemaVersion: RESULTS_SCHEMA_VERSION, runId: fixtureRunId(spec.date), environment, scenarios: [scenario] };
}
