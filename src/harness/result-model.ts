/**
 * The result model shared by the harness, the gate and the reporter.
 * Documented for users in docs/results-schema.md.
 */
import type { Direction, MetricKindName, NoiseThreshold } from './metric-kinds.js';
import type { ProfileName } from './profile.js';

/** Which statistic of a histogram a metric is; `value` for a plain value. */
export type MetricStat = 'value' | 'mean' | 'p50' | 'p90' | 'p95' | 'p99' | 'p99.9' | 'max' | 'min';

export interface Metric {
  /** Stable within a scenario, with the unit in the name: `queryLatencyUs.p99`. */
  readonly name: string;
  readonly kind: MetricKindName;
  readonly unit: string;
  readonly direction: Direction;
  readonly stat: MetricStat;
  /** Headline value: the median of the trial values. */
  readonly value: number;
  /** One value per independent trial, in trial order. */
  readonly trials: readonly number[];
  /** Whether the gate fails the build when this metric regresses. */
  readonly gated: boolean;
  readonly noise: NoiseThreshold;
  /** Name of the scenario histogram this statistic was taken from. */
  readonly histogram?: string;
}

export interface RecordedHistogram {
  readonly kind: MetricKindName;
  readonly unit: string;
  /** Samples over all trials. */
  readonly count: number;
  /** All trials merged, compressed base64 (hdr-histogram-js). */
  readonly encoded: string;
  /** Histogram steps per unit (1000: a µs histogram holds ns); absent in older results: 1. */
  readonly stepsPerUnit?: number;
}

export type ScenarioOutcomeState = 'completed' | 'errored' | 'timed-out';

export interface ScenarioResult {
  readonly suite: string;
  readonly scenario: string;
  readonly variant: string;
  readonly profile: ProfileName;
  readonly params: Readonly<Record<string, unknown>>;
  readonly state: ScenarioOutcomeState;
  /** Why the scenario did not complete; absent when it completed. */
  readonly error?: string;
  readonly trialCount: number;
  readonly durationMs: number;
  readonly metrics: readonly Metric[];
  readonly histograms: Readonly<Record<string, RecordedHistogram>>;
  /** Free-form facts a scenario reports per trial (counts, sizes), not gated. */
  readonly notes: readonly Readonly<Record<string, unknown>>[];
}

export interface EnvironmentFingerprint {
  readonly cpuModel: string;
  readonly cores: number;
  readonly totalMemoryBytes: number;
  readonly node: string;
  readonly os: string;
  readonly profile: ProfileName;
  readonly gitCommit: string;
  readonly gitDirty: boolean;
  readonly date: string;
}

export function scenarioKey(r: Pick<ScenarioResult, 'scenario' | 'variant'>): string {
  return `${r.scenario}/${r.variant}`;
}

/** suite/scenario/variant: a scenario's name across suites. */
export function scenarioId(r: Pick<ScenarioResult, 'suite' | 'scenario' | 'variant'>): string {
  return `${r.suite}/${r.scenario}/${r.variant}`;
}

export function benchmarkName(
  r: Pick<ScenarioResult, 'suite' | 'scenario' | 'variant'>,
  metric: Pick<Metric, 'name'>,
): string {
  return `${r.suite}/${r.scenario}/${r.variant}/${metric.name}`;
}

export function findMetric(result: ScenarioResult, name: string): Metric {
  const metric = result.metrics.find((m) => m.name === name);
  if (!metric) {
    const known = result.metrics.map((m) => m.name).join(', ');
    throw new Error(`Scenario ${result.suite}/${scenarioKey(result)} has no metric \`${name}\`; it has: ${known}`);
  }
  return metric;
}
