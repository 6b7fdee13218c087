/**
 * Compares every result of a run with the committed baselines and says,
 * per metric, what happened; the run fails when a gated metric regressed,
 * a scenario did not complete, or a baseline could not be read.
 */
import { describeTestbed, sameTestbed, testbedOf, type Testbed } from '../harness/testbed.js';
import { busyAtStart, type BusyStart } from '../harness/busy-machine.js';
import type { EnvironmentFingerprint, Metric, ScenarioResult } from '../harness/result-model.js';
import { scenarioId, scenarioKey } from '../harness/result-model.js';
import { coerceError } from '../lib/coerce-error.js';
import { readBaseline, type BaselineFile, type BaselineMetric } from './baseline-file.js';
import { SPEED_SENSITIVE_KINDS, machineSpeedRatio, scaledToMachine, speedExplains } from './machine-speed.js';
import { defaultNoise, type NoiseThreshold } from '../harness/metric-kinds.js';
import { calibratedDetectable, trialsToDetect, type ShiftNoise } from './log-shift.js';
import { noiseKey, readNoiseCalibration, type MetricNoise, type NoiseCalibration } from './noise-calibration.js';
import { judge, judgedInPairs, type NoiseRule, type Verdict, type VerdictStatus } from './verdict.js';
import { replacementsOf } from './replacements.js';

export interface MetricComparison {
  readonly suite: string;
  readonly scenario: string;
  readonly variant: string;
  readonly metric: string;
  readonly unit: string;
  readonly direction: Metric['direction'];
  /** Whether a regression fails the build: the reference side's flag (the head's when there is no reference). */
  readonly gated: boolean;
  readonly status: VerdictStatus;
  readonly baseline?: number;
  readonly current?: number;
  readonly verdict?: Verdict;
  /** Set when the head changes the metric's rules (its gating or default threshold); the reference's apply. */
  readonly ruleChange?: string;
  /** Why a metric the reference gates is not gated in this comparison: its measured noise hides a 2× change. */
  readonly ungatedBecause?: string;
  /**
   * With ungatedBecause: the trials a side (twin pairs when judged in pairs) at which its
   * calibrated noise would see a 2× change, so more rounds would gate it; absent when no
   * number of trials would.
   */
  readonly trialsToSee2x?: number;
  /** With ungatedBecause: the scenario's metrics that judge the same behaviour with less noise (./replacements.ts). */
  readonly replacedBy?: readonly string[];
}

/** A gated metric must be able to see this worsening (1 = 2×); one whose calibrated noise hides it is not gated. */
export const BLIND_BEYOND = 1;

export interface NoiseBlindness {
  /** For the report: what the metric could see and what would let it see 2×. */
  readonly reason: string;
  /** Trials a side (twin pairs when judged in pairs) at which it would see 2×; absent when no count would. */
  readonly trialsToSee2x?: number;
}

/** Why the calibrated noise leaves this comparison blind to a 2× change, or undefined when it can see one. */
export function noiseBlindness(
  rule: NoiseRule,
  baseTrials: number,
  headTrials: number,
  paired = false,
): NoiseBlindness | undefined {
  if (rule.source !== 'calibration') return undefined;
  const detectable = calibratedDetectable(rule.noise, baseTrials, headTrials, paired);
  if (detectable <= BLIND_BEYOND) return undefined;
  const trialsToSee2x = trialsToDetect(rule.noise, BLIND_BEYOND, paired);
  const wouldSee =
    trialsToSee2x === undefined
      ? 'no number of trials would see 2×'
      : `2× needs ${trialsToSee2x} ${paired ? 'twin pairs' : 'trials a side'}`;
  return {
    reason: `its measured noise hides a 2× change (could see ≥ ${(detectable + 1).toFixed(1)}×; ${wouldSee})`,
    ...(trialsToSee2x !== undefined ? { trialsToSee2x } : {}),
  };
}

/** The names of a scenario's metrics gated in this comparison. */
export function gatedNamesOf(metrics: readonly MetricComparison[]): Set<string> {
  return new Set(metrics.filter((m) => m.gated).map((m) => m.metric));
}

/** A blind metric's replacements that are gated in its scenario: only those judge the same behaviour in its place. */
export function judgingReplacements(m: MetricComparison, gatedNames: ReadonlySet<string>): string[] {
  return (m.replacedBy ?? []).filter((name) => gatedNames.has(name));
}

/**
 * A scenario's metrics with each blind metric's reason naming its replacements: those gated
 * in this comparison judge the same behaviour in its place; when every one is blind too, the
 * reason says so, since then nothing judges it.
 */
export function withReplacementsNamed(metrics: readonly MetricComparison[]): MetricComparison[] {
  const gated = gatedNamesOf(metrics);
  return metrics.map((m) => {
    if (m.ungatedBecause === undefined || m.replacedBy === undefined) return m;
    const judging = judgingReplacements(m, gated);
    const clause =
      judging.length > 0
        ? `${judging.join(' and ')} ${judging.length === 1 ? 'judges' : 'judge'} the same behaviour`
        : `${m.replacedBy.join(' and ')}, which would judge the same behaviour, ${m.replacedBy.length === 1 ? 'is' : 'are'} blind too`;
    return { ...m, ungatedBecause: `${m.ungatedBecause}; ${clause}` };
  });
}

export type ScenarioStatus =
  | { readonly kind: 'compared' }
  | { readonly kind: 'no-baseline' }
  | { readonly kind: 'other-profile'; readonly baselineProfile: string }
  /** The baseline was recorded on another testbed (src/harness/testbed.ts): not compared. */
  | { readonly kind: 'other-testbed'; readonly baselineTestbed: string; readonly runTestbed: string }
  | { readonly kind: 'not-completed'; readonly state: ScenarioResult['state']; readonly error: string };

export interface ScenarioComparison {
  readonly suite: string;
  readonly scenario: string;
  readonly variant: string;
  readonly profile: string;
  readonly status: ScenarioStatus;
  readonly metrics: readonly MetricComparison[];
  /** Measured twice to confirm a regression: its trials are both runs' (src/gate/confirmation.ts). */
  readonly remeasured?: true;
  /** Its trials began on a busy machine (src/harness/busy-machine.ts): the busiest start of either side. */
  readonly busyAtStart?: BusyStart;
}

export interface RunComparison {
  readonly scenarios: readonly ScenarioComparison[];
  /** Baselines that could not be read: file and reason. */
  readonly baselineErrors: readonly { readonly suite: string; readonly message: string }[];
  readonly counts: Readonly<Record<VerdictStatus, number>>;
  /** Gated metrics that regressed. */
  readonly regressions: readonly MetricComparison[];
  readonly failed: boolean;
  /** The noise calibration the thresholds came from; absent when every metric used its kind's defaults. */
  readonly calibration?: CalibrationSummary;
}

export interface CalibrationSummary {
  readonly measuredAt: string;
  readonly gitCommit: string;
  readonly profile: string;
  readonly machine: NoiseCalibration['machine'];
  readonly rounds: number;
}

/** What the gate needs of the reference side: a baseline entry, or a base run's metric. */
export type ReferenceMetric = Pick<
  BaselineMetric,
  'kind' | 'stat' | 'unit' | 'direction' | 'gated' | 'value' | 'trials'
> & {
  /** The base run's default threshold (its own spec's); absent for a committed baseline, which uses its kind's. */
  readonly noise?: NoiseThreshold;
};

/** The rules a comparison is judged by: the calibration of the reference side, and which mode judges. */
export interface GateRules {
  readonly calibration?: NoiseCalibration;
  /** `committed`: against baselines measured another day (adds the calibrated drift); `interleaved`: base and head measured together. */
  readonly mode: 'committed' | 'interleaved';
  /**
   * Interleaved only: base and head trials are twins, index by index (a duet
   * comparison, every round's trials in turns); a metric with as many trials
   * on both sides is judged pair by pair.
   */
  readonly paired?: boolean;
}

/** A calibrated metric's noise when base and head are measured together: no day drift. */
export function interleavedNoise(measured: MetricNoise): ShiftNoise {
  const pair = measured.pairLogSd === undefined ? {} : { pairLogSd: measured.pairLogSd };
  return { trialLogSd: measured.trialLogSd, driftLogSd: 0, ...pair };
}

export function noiseRule(rules: GateRules, key: string, reference: ReferenceMetric): NoiseRule {
  const fallback = reference.noise ?? defaultNoise(reference.kind, reference.stat);
  const measured = rules.calibration?.metrics[key];
  if (!measured) return { source: 'kind default', noise: fallback };
  if (rules.mode === 'interleaved') return { source: 'calibration', noise: interleavedNoise(measured), fallback };
  // Against a baseline of another day, a metric whose day drift was never measured has no calibrated rule.
  if (measured.driftLogSd === undefined) return { source: 'kind default', noise: fallback };
  return {
    source: 'calibration',
    noise: { trialLogSd: measured.trialLogSd, driftLogSd: measured.driftLogSd },
    fallback,
  };
}

function describeRuleChange(current: Metric, reference: ReferenceMetric): string | undefined {
  if (current.gated !== reference.gated) {
    return reference.gated
      ? "the head ungates this metric; it is judged as gated (the reference's rule)"
      : 'the head gates this metric; it is judged as not gated until the reference gates it';
  }
  if (current.kind !== reference.kind) {
    return `the head changes this metric's kind to ${current.kind}; the reference's ${reference.kind} applies`;
  }
  const ref = reference.noise;
  if (ref && (ref.relative !== current.noise.relative || ref.absolute !== current.noise.absolute)) {
    return `the head changes its default threshold to ${formatPercent(current.noise.relative)}; the reference's ${formatPercent(ref.relative)} applies`;
  }
  return undefined;
}

function formatPercent(fraction: number): string {
  return `${Math.round(fraction * 1000) / 10} %`;
}

const namesOfResult = new WeakMap<ScenarioResult, ReadonlySet<string>>();

/** The names of a result's metrics, built once per result (a replacement is looked up for each of them). */
function metricNames(result: ScenarioResult): ReadonlySet<string> {
  let names = namesOfResult.get(result);
  if (!names) namesOfResult.set(result, (names = new Set(result.metrics.map((m) => m.name))));
  return names;
}

/** One metric of a result against its reference (a baseline, or the base of a comparison). */
export function compareMetric(
  result: ScenarioResult,
  current: Metric | undefined,
  name: string,
  base: ReferenceMetric | undefined,
  rules: GateRules,
  /** current ÷ reference machine speed (cpuCalibrationNs), when both sides have it. */
  speedRatio?: number,
): MetricComparison {
  const identity = { suite: result.suite, scenario: result.scenario, variant: result.variant, metric: name };
  if (!current) {
    const b = base as ReferenceMetric;
    return { ...identity, unit: b.unit, direction: b.direction, gated: b.gated, status: 'missing', baseline: b.value };
  }
  if (!base) {
    return {
      ...identity,
      unit: current.unit,
      direction: current.direction,
      gated: current.gated,
      current: current.value,
      status: 'new',
    };
  }
  const ruleChange = describeRuleChange(current, base);
  const rule = noiseRule(rules, noiseKey(result, name), base);
  const replacements = replacementsOf(name, metricNames(result));
  const paired =
    rule.source === 'calibration' &&
    judgedInPairs(
      rules.mode === 'interleaved' && rules.paired === true,
      base.trials.length,
      current.trials.length,
      rule.noise,
    );
  const blind = base.gated ? noiseBlindness(rule, base.trials.length, current.trials.length, paired) : undefined;
  const shared = {
    ...identity,
    unit: base.unit,
    direction: base.direction,
    gated: base.gated && blind === undefined,
    current: current.value,
    baseline: base.value,
    ...(ruleChange ? { ruleChange } : {}),
    ...(blind ? { ungatedBecause: blind.reason } : {}),
    ...(blind?.trialsToSee2x !== undefined ? { trialsToSee2x: blind.trialsToSee2x } : {}),
    ...(blind && replacements.length > 0 ? { replacedBy: replacements } : {}),
  };
  const input = {
    name: `${result.suite}/${scenarioKey(result)}/${name}`,
    direction: base.direction,
    rule,
    baseline: base.trials,
    current: current.trials,
    ...(paired ? { paired } : {}),
  };
  const verdict = judge(input);
  if (speedExplains(verdict.status, speedRatio) && SPEED_SENSITIVE_KINDS.has(base.kind)) {
    // The machine explains a change as large as its own speed difference, not more: judged
    // again against the baseline as this machine would have measured it, a change that
    // remains keeps its verdict.
    const scaled = judge({ ...input, baseline: scaledToMachine(base.trials, base.direction, speedRatio!) });
    const status = scaled.status === verdict.status ? verdict.status : 'unchanged';
    const judged: Verdict = { ...verdict, status, machineSpeedRatio: speedRatio! };
    return { ...shared, status, verdict: judged };
  }
  return { ...shared, status: verdict.status, verdict };
}

/** Which scenario a comparison is of, and whether it was measured on a busy machine. */
export function scenarioIdentity(
  result: ScenarioResult,
  busy: BusyStart | undefined,
): Pick<ScenarioComparison, 'suite' | 'scenario' | 'variant' | 'profile' | 'busyAtStart'> {
  return {
    suite: result.suite,
    scenario: result.scenario,
    variant: result.variant,
    profile: result.profile,
    ...(busy ? { busyAtStart: busy } : {}),
  };
}

function compareScenario(
  result: ScenarioResult,
  baseline: BaselineFile | undefined,
  rules: GateRules,
  runTestbed: Testbed | undefined,
): ScenarioComparison {
  const identity = scenarioIdentity(result, busyAtStart(result));
  if (result.state !== 'completed') {
    return {
      ...identity,
      status: { kind: 'not-completed', state: result.state, error: result.error ?? '' },
      metrics: [],
    };
  }
  const entry = baseline?.scenarios[scenarioKey(result)];
  if (entry && entry.profile !== result.profile) {
    const metrics = result.metrics.map((m) => compareMetric(result, m, m.name, undefined, rules));
    return { ...identity, status: { kind: 'other-profile', baselineProfile: entry.profile }, metrics };
  }
  const baselineTestbed = entry ? testbedOf(entry.environment) : undefined;
  if (baselineTestbed && runTestbed && !sameTestbed(baselineTestbed, runTestbed)) {
    const metrics = result.metrics.map((m) => compareMetric(result, m, m.name, undefined, rules));
    const status = {
      kind: 'other-testbed' as const,
      baselineTestbed: describeTestbed(baselineTestbed),
      runTestbed: describeTestbed(runTestbed),
    };
    return { ...identity, status, metrics };
  }
  const byName = new Map(result.metrics.map((m) => [m.name, m]));
  const names = new Set([...byName.keys(), ...Object.keys(entry?.metrics ?? {})]);
  const speedRatio = machineSpeedRatio(result, entry?.metrics);
  const metrics = withReplacementsNamed(
    [...names].map((name) => compareMetric(result, byName.get(name), name, entry?.metrics[name], rules, speedRatio)),
  );
  return { ...identity, status: entry ? { kind: 'compared' } : { kind: 'no-baseline' }, metrics };
}

export interface CompareRunOptions {
  /** suite/scenario/variant of scenarios whose trials were pooled from two runs. */
  readonly remeasured?: ReadonlySet<string>;
  /** The run's machine: a baseline of another testbed is not compared (omitted: every baseline is). */
  readonly environment?: EnvironmentFingerprint;
}

/** The run's verdict from its scenarios: counts, gated regressions, and whether it fails. */
export function summarizeRun(
  scenarios: readonly ScenarioComparison[],
  baselineErrors: RunComparison['baselineErrors'] = [],
  calibration?: NoiseCalibration,
): RunComparison {
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
    ...(calibration ? { calibration: calibrationSummary(calibration) } : {}),
  };
}

function calibrationSummary(c: NoiseCalibration): CalibrationSummary {
  return { measuredAt: c.measuredAt, gitCommit: c.gitCommit, profile: c.profile, machine: c.machine, rounds: c.rounds };
}

/** The calibration in `baselinesDir`; an unreadable one is a baseline error of its own, judged with kind defaults. */
export function loadCalibration(
  baselinesDir: string,
  profile: string | undefined,
): { readonly calibration?: NoiseCalibration; readonly error?: { suite: string; message: string } } {
  try {
    const calibration = readNoiseCalibration(baselinesDir);
    if (!calibration || (profile !== undefined && calibration.profile !== profile)) return {};
    return { calibration };
  } catch (error) {
    return { error: { suite: 'noise calibration', message: coerceError(error).message } };
  }
}

/** What a run is judged against: every suite's committed baseline and the calibration beside them, read once. */
export interface CommittedReference {
  readonly baselines: ReadonlyMap<string, BaselineFile | undefined>;
  readonly calibration?: NoiseCalibration;
  /** Baselines (or the calibration) that could not be read: file and reason. */
  readonly errors: readonly { readonly suite: string; readonly message: string }[];
}

/** Reads the baselines of the suites `results` measured, and the calibration of their profile. */
export function loadCommittedReference(results: readonly ScenarioResult[], baselinesDir: string): CommittedReference {
  const baselines = new Map<string, BaselineFile | undefined>();
  const errors: { suite: string; message: string }[] = [];
  for (const suite of new Set(results.map((r) => r.suite))) {
    try {
      baselines.set(suite, readBaseline(baselinesDir, suite));
    } catch (error) {
      errors.push({ suite, message: coerceError(error).message });
    }
  }
  const loaded = loadCalibration(baselinesDir, results[0]?.profile);
  if (loaded.error) errors.push(loaded.error);
  return { baselines, errors, ...(loaded.calibration ? { calibration: loaded.calibration } : {}) };
}

export function compareRun(
  results: readonly ScenarioResult[],
  baselinesDir: string,
  options: CompareRunOptions = {},
): RunComparison {
  return compareWithReference(results, loadCommittedReference(results, baselinesDir), options);
}

/** compareRun against a reference already read (a check that judges many variants of one run reads it once). */
export function compareWithReference(
  results: readonly ScenarioResult[],
  reference: CommittedReference,
  options: CompareRunOptions = {},
): RunComparison {
  const { baselines, calibration, errors } = reference;
  const rules: GateRules = { mode: 'committed', ...(calibration ? { calibration } : {}) };
  const runTestbed = options.environment ? testbedOf(options.environment) : undefined;
  const scenarios = results
    .filter((r) => !errors.some((e) => e.suite === r.suite))
    .map((r) => compareScenario(r, baselines.get(r.suite), rules, runTestbed))
    .map((s) => (options.remeasured?.has(scenarioId(s)) ? { ...s, remeasured: true as const } : s));
  return summarizeRun(scenarios, errors, calibration);
}
