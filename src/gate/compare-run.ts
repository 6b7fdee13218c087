/**
 * Compares every result of a run with the committed baselines and says,
 * per metric, what happened; the run fails when a gated metric regressed,
 * a scenario did not complete, or a baseline could not be read.
 */
import type { Metric, ScenarioResult } from '../harness/result-model.js';
import { scenarioId, scenarioKey } from '../harness/result-model.js';
import { coerceError } from '../lib/coerce-error.js';
import { readBaseline, type BaselineFile, type BaselineMetric } from './baseline-file.js';
import { SPEED_SENSITIVE_KINDS, machineSpeedRatio, scaledToMachine, speedExplains } from './machine-speed.js';
import { judge, type Verdict, type VerdictStatus } from './verdict.js';

export interface MetricComparison {
  readonly suite: string;
  readonly scenario: string;
  readonly variant: string;
  readonly metric: string;
  readonly unit: string;
  readonly direction: Metric['direction'];
  readonly gated: boolean;
  readonly status: VerdictStatus;
  readonly baseline?: number;
  readonly current?: number;
  readonly verdict?: Verdict;
}

export type ScenarioStatus =
  | { readonly kind: 'compared' }
  | { readonly kind: 'no-baseline' }
  | { readonly kind: 'other-profile'; readonly baselineProfile: string }
  | { readonly kind: 'not-completed'; readonly state: ScenarioResult['state']; readonly error: string };

export interface ScenarioComparison {
  readonly suite: string;
  readonly scenario: string;
  readonly variant: string;
  readonly profile: string;
  readonly status: ScenarioStatus;
  readonly metrics: readonly MetricComparison[];
  /** Measured twice to confirm a regression: its trials are both runs' (src/report/confirmation.ts). */
  readonly remeasured?: true;
}

export interface RunComparison {
  readonly scenarios: readonly ScenarioComparison[];
  /** Baselines that could not be read: file and reason. */
  readonly baselineErrors: readonly { readonly suite: string; readonly message: string }[];
  readonly counts: Readonly<Record<VerdictStatus, number>>;
  /** Gated metrics that regressed. */
  readonly regressions: readonly MetricComparison[];
  readonly failed: boolean;
}

/** What the gate needs of the reference side: a baseline entry, or a base run's metric. */
export type ReferenceMetric = Pick<BaselineMetric, 'unit' | 'direction' | 'gated' | 'value' | 'trials'>;

/** One metric of a result against its reference (a baseline, or the base of a comparison). */
export function compareMetric(
  result: ScenarioResult,
  current: Metric | undefined,
  name: string,
  base: ReferenceMetric | undefined,
  /** current ÷ reference machine speed (cpuCalibrationNs), when both sides have it. */
  speedRatio?: number,
): MetricComparison {
  const identity = { suite: result.suite, scenario: result.scenario, variant: result.variant, metric: name };
  if (!current) {
    const b = base as ReferenceMetric;
    return { ...identity, unit: b.unit, direction: b.direction, gated: b.gated, status: 'missing', baseline: b.value };
  }
  const shared = {
    ...identity,
    unit: current.unit,
    direction: current.direction,
    gated: current.gated,
    current: current.value,
  };
  if (!base) return { ...shared, status: 'new' };
  const input = {
    name: `${result.suite}/${scenarioKey(result)}/${name}`,
    direction: current.direction,
    noise: current.noise,
    baseline: base.trials,
    current: current.trials,
  };
  const verdict = judge(input);
  if (speedExplains(verdict.status, speedRatio) && SPEED_SENSITIVE_KINDS.has(current.kind)) {
    // The machine explains a change as large as its own speed difference, not more: judged
    // again against the baseline as this machine would have measured it, a change that
    // remains keeps its verdict.
    const scaled = judge({ ...input, baseline: scaledToMachine(base.trials, current.direction, speedRatio!) });
    const status = scaled.status === verdict.status ? verdict.status : 'unchanged';
    const judged: Verdict = { ...verdict, status, machineSpeedRatio: speedRatio! };
    return { ...shared, status, baseline: base.value, verdict: judged };
  }
  return { ...shared, status: verdict.status, baseline: base.value, verdict };
}

function compareScenario(result: ScenarioResult, baseline: BaselineFile | undefined): ScenarioComparison {
  const identity = { suite: result.suite, scenario: result.scenario, variant: result.variant, profile: result.profile };
  if (result.state !== 'completed') {
    return {
      ...identity,
      status: { kind: 'not-completed', state: result.state, error: result.error ?? '' },
      metrics: [],
    };
  }
  const entry = baseline?.scenarios[scenarioKey(result)];
  if (entry && entry.profile !== result.profile) {
    const metrics = result.metrics.map((m) => compareMetric(result, m, m.name, undefined));
    return { ...identity, status: { kind: 'other-profile', baselineProfile: entry.profile }, metrics };
  }
  const names = new Set([...result.metrics.map((m) => m.name), ...Object.keys(entry?.metrics ?? {})]);
  const speedRatio = machineSpeedRatio(result, entry?.metrics);
  const metrics = [...names].map((name) =>
    compareMetric(
      result,
      result.metrics.find((m) => m.name === name),
      name,
      entry?.metrics[name],
      speedRatio,
    ),
  );
  return { ...identity, status: entry ? { kind: 'compared' } : { kind: 'no-baseline' }, metrics };
}

export interface CompareRunOptions {
  /** suite/scenario/variant of scenarios whose trials were pooled from two runs. */
  readonly remeasured?: ReadonlySet<string>;
}

export function compareRun(
  results: readonly ScenarioResult[],
  baselinesDir: string,
  options: CompareRunOptions = {},
): RunComparison {
  const baselines = new Map<string, BaselineFile | undefined>();
  const baselineErrors: { suite: string; message: string }[] = [];
  for (const suite of new Set(results.map((r) => r.suite))) {
    try {
      baselines.set(suite, readBaseline(baselinesDir, suite));
    } catch (error) {
      baselineErrors.push({ suite, message: coerceError(error).message });
    }
  }
  const scenarios = results
    .filter((r) => !baselineErrors.some((e) => e.suite === r.suite))
    .map((r) => compareScenario(r, baselines.get(r.suite)))
    .map((s) => (options.remeasured?.has(scenarioId(s)) ? { ...s, remeasured: true as const } : s));
  const counts: Record<VerdictStatus, number> = { improved: 0, unchanged: 0, regressed: 0, new: 0, missing: 0 };
  for (const s of scenarios) for (const m of s.metrics) counts[m.status] += 1;
  const regressions = scenarios.flatMap((s) => s.metrics.filter((m) => m.gated && m.status === 'regressed'));
  const notCompleted = scenarios.some((s) => s.status.kind === 'not-completed');
  return {
    scenarios,
    baselineErrors,
    counts,
    regressions,
    failed: regressions.length > 0 || notCompleted || baselineErrors.length > 0,
  };
}
