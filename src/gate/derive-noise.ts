/**
 * A noise calibration from runs of one commit against itself — the rounds of
 * `planebench compare --base HEAD`, both sides being the same code.
 *
 * - trialLogSd: the sample standard deviation of log(trial value) over every
 *   trial of every run, around their common mean. It holds the noise between
 *   trial processes and between runs minutes apart alike, so a comparison that
 *   treats trials as independent is not made overconfident by slow minutes.
 * - driftLogSd: how far a whole run sits from the committed baseline (measured
 *   another day) beyond what its trial noise explains: per metric the root mean
 *   square of each run's mean log offset, less the variance its trials and the
 *   baseline's trials account for. As measured, not scaled to the run's
 *   machine speed (docs/decisions.md, "The day drift is not scaled to the
 *   machine's speed"). One calibration sees a single pair of days,
 *   so a metric's drift is never taken below the median drift of its suite's
 *   metrics of the same kind (a median: one metric whose baseline is of other
 *   behaviour does not set its siblings' drift). Only runs of another
 *   calendar day than the baseline's show a drift between days; a metric with
 *   no baseline, or a baseline of the runs' own day, takes that group's drift
 *   and counts no calibration of its own (driftCalibrations 0), so pooling
 *   later calibrations weighs only measured drifts; with no group either, its
 *   drift is left out (not measured), never written as zero.
 *
 * - pairLogSd: when the runs are duet rounds (each base trial measured beside
 *   the head trial of the same index), the root mean square of
 *   log(head_i / base_i) over every twin pair — the noise the twins do not
 *   share, which is what a duet comparison judges by (src/gate/log-shift.ts).
 *   Around zero, not the pairs' mean: the code is the same on both sides, so
 *   an order effect is noise too.
 *
 * Only metrics whose values are all positive (the log scale) and that every
 * run measured are calibrated; the others keep their kind's default
 * thresholds.
 */
import { scenarioId, type EnvironmentFingerprint, type ScenarioResult } from '../harness/result-model.js';
import { median } from '../harness/stats/median.js';
import { mean, sampleVariance } from '../harness/stats/moments.js';
import { metricDate, type BaselineFile } from './baseline-file.js';
import { allPositive } from './log-shift.js';
import { noiseKey, NOISE_VERSION, type MetricNoise, type NoiseCalibration } from './noise-calibration.js';

export interface CalibrationRun {
  readonly runId: string;
  /** When it was measured (ISO): a run of the baseline's own day measures no drift between days. */
  readonly date: string;
  readonly scenarios: readonly ScenarioResult[];
  /** Set when the run is one side of a duet round: its trials are twins of the other side's. */
  readonly duet?: { readonly round: number; readonly side: 'base' | 'head' };
}

interface Gathered {
  readonly key: string;
  readonly group: string;
  /** Log trial values per run. */
  readonly runs: number[][];
  /** Log trial values of the runs measured on another day than the baseline: the ones that show its drift. */
  readonly otherDayRuns: number[][];
  readonly baselineLogs?: number[];
}

/** The metrics whose day drift a metric without its own takes: its suite's metrics of its kind. */
function driftGroup(suite: string, kind: string): string {
  return `${suite}/${kind}`;
}

/** Per group, the median of its members' drift variances (members without one are left out). */
function groupMedians(members: Iterable<readonly [string, number | undefined]>): Map<string, number> {
  const byGroup = new Map<string, number[]>();
  for (const [group, variance] of members) {
    if (variance !== undefined) byGroup.set(group, [...(byGroup.get(group) ?? []), variance]);
  }
  return new Map([...byGroup].map(([group, variances]) => [group, median(variances)]));
}

/** Whether a noise key (suite/scenario/variant/metric) is of one of the named scenarios. */
export function ofScenarios(key: string, scenarios: readonly string[]): boolean {
  return scenarios.some((name) => key.startsWith(`${name}/`));
}

/** Same UTC calendar day. */
function sameDay(a: string, b: string): boolean {
  return a.slice(0, 10) === b.slice(0, 10);
}

function gather(
  runs: readonly CalibrationRun[],
  baselineOf: (suite: string) => BaselineFile | undefined,
): Map<string, Gathered> {
  const byKey = new Map<string, Gathered>();
  const excluded = new Set<string>();
  for (const run of runs) {
    for (const r of run.scenarios) {
      if (r.state !== 'completed') continue;
      const entry = baselineOf(r.suite)?.scenarios[`${r.scenario}/${r.variant}`];
      for (const m of r.metrics) {
        const key = noiseKey(r, m.name);
        if (excluded.has(key)) continue;
        if (!allPositive(m.trials)) {
          excluded.add(key);
          byKey.delete(key);
          continue;
        }
        let g = byKey.get(key);
        if (!g) {
          const base = entry && entry.profile === r.profile ? entry.metrics[m.name]?.trials : undefined;
          const baselineLogs = base && allPositive(base) ? base.map(Math.log) : undefined;
          g = {
            key,
            group: driftGroup(r.suite, m.kind),
            runs: [],
            otherDayRuns: [],
            ...(baselineLogs ? { baselineLogs } : {}),
          };
          byKey.set(key, g);
        }
        const logs = m.trials.map(Math.log);
        g.runs.push(logs);
        if (entry && !sameDay(metricDate(entry, m.name), run.date)) g.otherDayRuns.push(logs);
      }
    }
  }
  return byKey;
}

/**
 * Variance of a run's mean log offset from the baseline beyond its trial noise, ≥ 0; undefined
 * without a baseline or without a run of another day than the baseline's.
 */
function driftVariance(g: Gathered, trialVariance: number): number | undefined {
  if (!g.baselineLogs || g.otherDayRuns.length === 0) return undefined;
  const baselineMean = mean(g.baselineLogs);
  const offsets = g.otherDayRuns.map((logs) => mean(logs) - baselineMean);
  const meanSquare = mean(offsets.map((d) => d * d));
  const runTrials = mean(g.otherDayRuns.map((logs) => logs.length));
  const explained = trialVariance * (1 / runTrials + 1 / g.baselineLogs.length);
  return Math.max(0, meanSquare - explained);
}

interface PairNoise {
  readonly sumOfSquares: number;
  readonly pairs: number;
}

/** Per metric key, the squared log differences of every twin pair of the duet rounds among `runs`. */
function pairNoise(runs: readonly CalibrationRun[]): Map<string, PairNoise> {
  const sides = new Map<number, { base?: CalibrationRun; head?: CalibrationRun }>();
  for (const run of runs) {
    if (!run.duet) continue;
    sides.set(run.duet.round, { ...sides.get(run.duet.round), [run.duet.side]: run });
  }
  const byKey = new Map<string, PairNoise>();
  for (const { base, head } of sides.values()) {
    if (!base || !head) continue;
    const baseById = new Map(base.scenarios.map((r) => [scenarioId(r), r]));
    for (const h of head.scenarios) {
      const b = baseById.get(scenarioId(h));
      if (h.state !== 'completed' || b?.state !== 'completed') continue;
      const baseMetrics = new Map(b.metrics.map((m) => [m.name, m]));
      for (const m of h.metrics) {
        const twin = baseMetrics.get(m.name)?.trials;
        if (!twin || twin.length !== m.trials.length) continue;
        if (!allPositive([...twin, ...m.trials])) continue;
        const key = noiseKey(h, m.name);
        const before = byKey.get(key) ?? { sumOfSquares: 0, pairs: 0 };
        const squares = m.trials.reduce((a, v, i) => a + Math.log(v / (twin[i] as number)) ** 2, 0);
        byKey.set(key, { sumOfSquares: before.sumOfSquares + squares, pairs: before.pairs + m.trials.length });
      }
    }
  }
  return byKey;
}

export interface DeriveNoiseMeta {
  readonly environment: EnvironmentFingerprint;
  readonly rounds: number;
}

export function deriveNoise(
  runs: readonly CalibrationRun[],
  baselineOf: (suite: string) => BaselineFile | undefined,
  meta: DeriveNoiseMeta,
): NoiseCalibration {
  // Only metrics measured in every run: a scenario some runs skipped is not calibrated from the rest.
  const gathered = [...gather(runs, baselineOf).values()].filter(
    (g) => g.runs.length === runs.length && g.runs.flat().length >= 2,
  );
  const trialVariance = new Map(gathered.map((g) => [g.key, sampleVariance(g.runs.flat())]));
  const drift = new Map(gathered.map((g) => [g.key, driftVariance(g, trialVariance.get(g.key) ?? 0)]));
  const groupDrift = groupMedians(gathered.map((g) => [g.group, drift.get(g.key)]));
  const twins = pairNoise(runs);
  const metrics: Record<string, MetricNoise> = {};
  for (const g of gathered) {
    const groupVariance = groupDrift.get(g.group);
    const own = drift.get(g.key);
    const measured = [own, groupVariance].filter((v): v is number => v !== undefined);
    metrics[g.key] = {
      trialLogSd: round6(Math.sqrt(trialVariance.get(g.key) ?? 0)),
      ...(measured.length > 0
        ? { driftLogSd: round6(Math.sqrt(Math.max(...measured))), driftCalibrations: own === undefined ? 0 : 1 }
        : {}),
      trials: g.runs.flat().length,
      ...pairOf(twins.get(g.key)),
    };
  }
  const trialsPerSide = Math.max(0, ...gathered.map((g) => g.runs.flat().length)) / 2;
  return {
    version: NOISE_VERSION,
    profile: meta.environment.profile,
    measuredAt: meta.environment.date,
    gitCommit: meta.environment.gitCommit,
    machine: { cpuModel: meta.environment.cpuModel, cores: meta.environment.cores, node: meta.environment.node },
    rounds: meta.rounds,
    trialsPerSide: Math.max(1, Math.round(trialsPerSide)),
    sourceRuns: runs.map((r) => r.runId),
    metrics,
  };
}

/** A metric's twin noise, when at least two pairs measured it. */
function pairOf(noise: PairNoise | undefined): Pick<MetricNoise, 'pairLogSd' | 'pairs'> {
  if (!noise || noise.pairs < 2) return {};
  return { pairLogSd: round6(Math.sqrt(noise.sumOfSquares / noise.pairs)), pairs: noise.pairs };
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/**
 * Pools two drifts, each weighted by the calibrations that measured it. A drift
 * no calibration measured (its group's, weight 0) yields to a measured one and
 * is otherwise replaced by the newer group value.
 */
function pooledDrift(previous: MetricNoise, next: MetricNoise): Pick<MetricNoise, 'driftLogSd' | 'driftCalibrations'> {
  if (previous.driftLogSd === undefined) return driftOf(next);
  if (next.driftLogSd === undefined) return driftOf(previous);
  const before = previous.driftCalibrations ?? 1;
  const now = next.driftCalibrations ?? 1;
  if (now === 0) return before === 0 ? driftOf(next) : driftOf(previous);
  if (before === 0) return driftOf(next);
  const variance = (before * previous.driftLogSd ** 2 + now * next.driftLogSd ** 2) / (before + now);
  return { driftLogSd: round6(Math.sqrt(variance)), driftCalibrations: before + now };
}

function driftOf(m: MetricNoise): Pick<MetricNoise, 'driftLogSd' | 'driftCalibrations'> {
  return m.driftLogSd === undefined ? {} : { driftLogSd: m.driftLogSd, driftCalibrations: m.driftCalibrations ?? 1 };
}

/** The previous file's metrics with the next calibration's merged in by `merged`; a metric new to the file is taken whole. */
function mergeEntries(
  previous: NoiseCalibration,
  next: NoiseCalibration,
  merged: (before: MetricNoise, now: MetricNoise) => MetricNoise,
): Pick<NoiseCalibration, 'sourceRuns' | 'metrics'> {
  const metrics: Record<string, MetricNoise> = { ...previous.metrics };
  for (const [key, m] of Object.entries(next.metrics)) {
    const before = previous.metrics[key];
    metrics[key] = before ? merged(before, m) : m;
  }
  // The file's runs are every run any of its entries came from.
  const sourceRuns = [...new Set([...previous.sourceRuns, ...next.sourceRuns])];
  return { sourceRuns, metrics };
}

function pairPart(m: MetricNoise): Pick<MetricNoise, 'pairLogSd' | 'pairs'> {
  return m.pairLogSd === undefined ? {} : { pairLogSd: m.pairLogSd, pairs: m.pairs ?? 1 };
}

/**
 * A new calibration written over the file's: trial and twin noise are the new
 * one's (the code measured now; a calibration of whole rounds measures no twin
 * noise, and an older one's is of other code); the day drift pools every
 * calibration's, because each calibration sees one more pair of days. Metrics
 * not measured now are kept; a calibration of another profile replaces the
 * file.
 */
export function mergeCalibrations(previous: NoiseCalibration | undefined, next: NoiseCalibration): NoiseCalibration {
  if (!previous || previous.profile !== next.profile) return next;
  const merged = mergeEntries(previous, next, (before, m) => ({
    trialLogSd: m.trialLogSd,
    ...pooledDrift(before, m),
    trials: m.trials,
    ...pairPart(m),
  }));
  return { ...next, ...merged };
}

/**
 * Only the new calibration's day drift, pooled into the file's (`calibrate
 * --drift-only`): trial and twin noise stay the file's. They are a floor the
 * comparison's own spread raises (src/gate/log-shift.ts), so the quietest
 * calibration is the right one, while the drift between days is learned only
 * by calibrating on many days, busy ones too. A metric new to the file is
 * taken whole; the file's description (date, commit, rounds) stays that of
 * its trial noise.
 */
export function mergeDrift(previous: NoiseCalibration | undefined, next: NoiseCalibration): NoiseCalibration {
  if (!previous) return next;
  if (previous.profile !== next.profile) {
    throw new Error(
      `Cannot pool the day drift of a ${next.profile} calibration into a ${previous.profile} noise file: ` +
        'calibrate without --drift-only to replace it',
    );
  }
  const merged = mergeEntries(previous, next, (before, m) => ({
    trialLogSd: before.trialLogSd,
    ...pooledDrift(before, m),
    trials: before.trials,
    ...pairPart(before),
  }));
  return { ...previous, ...merged };
}

/**
 * The calibration's entries of the scenarios named (a spec file measures several; one whose
 * workload changed is calibrated again alone, its siblings keep the file's entries). A name
 * that matches none of the measured scenarios is an error.
 */
export function onlyScenarios(calibration: NoiseCalibration, scenarios: readonly string[]): NoiseCalibration {
  if (scenarios.length === 0) return calibration;
  const keys = Object.keys(calibration.metrics);
  for (const name of scenarios) {
    if (!keys.some((key) => ofScenarios(key, [name]))) {
      const measured = [...new Set(keys.map((key) => key.split('/').slice(0, 2).join('/')))].sort();
      throw new Error(
        `Expected \`--scenario ${name}\` to name a scenario the runs measured (suite/scenario[/variant]), ` +
          `got none; measured: ${measured.join(', ')}`,
      );
    }
  }
  const metrics = Object.fromEntries(
    Object.entries(calibration.metrics).filter(([key]) => ofScenarios(key, scenarios)),
  );
  return { ...calibration, metrics };
}

/**
 * The calibration's entries of new metrics (`calibrate --new-metrics-only`): those
 * the file or the committed baselines do not list yet, so a metric a scenario
 * started to report is calibrated without re-measuring its siblings' noise on
 * another day's machine. A file entry of a metric no baseline lists is left
 * from code that once reported it, and is replaced.
 */
export function onlyNewMetrics(
  calibration: NoiseCalibration,
  file: NoiseCalibration | undefined,
  hasBaseline: (key: string) => boolean,
): NoiseCalibration {
  const metrics = Object.fromEntries(
    Object.entries(calibration.metrics).filter(([key]) => !(file && key in file.metrics && hasBaseline(key))),
  );
  return { ...calibration, metrics };
}

/**
 * The file with the drift of the scenarios named restarted: their baselines were re-based for a
 * workload change, so the offsets pooled so far were against a baseline of other behaviour. Each
 * of their metrics takes the median drift its suite's metrics of its kind measured (counted as
 * no calibration of its own), or none when there is no such metric, until a later day measures
 * its own.
 */
export function restartDrift(
  file: NoiseCalibration,
  scenarios: readonly string[],
  kindOf: (key: string) => string | undefined,
): NoiseCalibration {
  const groupOf = (key: string): string | undefined => {
    const kind = kindOf(key);
    return kind === undefined ? undefined : driftGroup(key.split('/')[0] as string, kind);
  };
  const measured = groupMedians(
    Object.entries(file.metrics).flatMap(([key, m]) => {
      const group = groupOf(key);
      const own = ofScenarios(key, scenarios) || m.driftCalibrations === 0 ? undefined : m.driftLogSd;
      return group === undefined || own === undefined ? [] : [[group, own ** 2] as const];
    }),
  );
  const metrics = Object.fromEntries(
    Object.entries(file.metrics).map(([key, m]) => {
      if (!ofScenarios(key, scenarios)) return [key, m];
      const { driftLogSd: _drift, driftCalibrations: _count, ...rest } = m;
      const groupVariance = measured.get(groupOf(key) ?? '');
      const restarted =
        groupVariance === undefined ? {} : { driftLogSd: round6(Math.sqrt(groupVariance)), driftCalibrations: 0 };
      return [key, { ...rest, ...restarted }];
    }),
  );
  return { ...file, metrics };
}
