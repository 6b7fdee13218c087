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
 *   baseline's trials account for. One calibration sees a single pair of days,
 *   so a metric's drift is never taken below the root mean square of the
 *   drifts of its suite's metrics of the same kind. A metric with no baseline
 *   takes that group's drift; with no group either, its drift is left out
 *   (not measured), never written as zero.
 *
 * Only metrics whose values are all positive (the log scale) and that every
 * run measured are calibrated; the others keep their kind's default
 * thresholds.
 */
import type { EnvironmentFingerprint, ScenarioResult } from '../harness/result-model.js';
import type { BaselineFile } from './baseline-file.js';
import { noiseKey, NOISE_VERSION, type MetricNoise, type NoiseCalibration } from './noise-calibration.js';

export interface CalibrationRun {
  readonly runId: string;
  readonly scenarios: readonly ScenarioResult[];
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function sampleVariance(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  return values.reduce((a, v) => a + (v - m) * (v - m), 0) / (values.length - 1);
}

interface Gathered {
  readonly key: string;
  readonly group: string;
  /** Log trial values per run. */
  readonly runs: number[][];
  readonly baselineLogs?: number[];
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
        if (!m.trials.every((v) => Number.isFinite(v) && v > 0)) {
          excluded.add(key);
          byKey.delete(key);
          continue;
        }
        let g = byKey.get(key);
        if (!g) {
          const base = entry && entry.profile === r.profile ? entry.metrics[m.name]?.trials : undefined;
          const baselineLogs = base && base.every((v) => v > 0) ? base.map(Math.log) : undefined;
          g = { key, group: `${r.suite}/${m.kind}`, runs: [], ...(baselineLogs ? { baselineLogs } : {}) };
          byKey.set(key, g);
        }
        g.runs.push(m.trials.map(Math.log));
      }
    }
  }
  return byKey;
}

/** Variance of a run's mean log offset from the baseline beyond its trial noise, ≥ 0; undefined without a baseline. */
function driftVariance(g: Gathered, trialVariance: number): number | undefined {
  if (!g.baselineLogs) return undefined;
  const baselineMean = mean(g.baselineLogs);
  const offsets = g.runs.map((logs) => mean(logs) - baselineMean);
  const meanSquare = mean(offsets.map((d) => d * d));
  const runTrials = mean(g.runs.map((logs) => logs.length));
  const explained = trialVariance * (1 / runTrials + 1 / g.baselineLogs.length);
  return Math.max(0, meanSquare - explained);
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
  const groupDrift = new Map<string, number[]>();
  for (const g of gathered) {
    const d = drift.get(g.key);
    if (d !== undefined) groupDrift.set(g.group, [...(groupDrift.get(g.group) ?? []), d]);
  }
  const metrics: Record<string, MetricNoise> = {};
  for (const g of gathered) {
    const group = groupDrift.get(g.group);
    const groupVariance = group && group.length > 0 ? mean(group) : undefined;
    const own = drift.get(g.key);
    const measured = [own, groupVariance].filter((v): v is number => v !== undefined);
    metrics[g.key] = {
      trialLogSd: round6(Math.sqrt(trialVariance.get(g.key) ?? 0)),
      ...(measured.length > 0 ? { driftLogSd: round6(Math.sqrt(Math.max(...measured))), driftCalibrations: 1 } : {}),
      trials: g.runs.flat().length,
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

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** Pools two measured drifts, each weighted by the calibrations behind it. */
function pooledDrift(previous: MetricNoise, next: MetricNoise): Pick<MetricNoise, 'driftLogSd' | 'driftCalibrations'> {
  if (previous.driftLogSd === undefined) return driftOf(next);
  if (next.driftLogSd === undefined) return driftOf(previous);
  const before = previous.driftCalibrations ?? 1;
  const now = next.driftCalibrations ?? 1;
  const variance = (before * previous.driftLogSd ** 2 + now * next.driftLogSd ** 2) / (before + now);
  return { driftLogSd: round6(Math.sqrt(variance)), driftCalibrations: before + now };
}

function driftOf(m: MetricNoise): Pick<MetricNoise, 'driftLogSd' | 'driftCalibrations'> {
  return m.driftLogSd === undefined ? {} : { driftLogSd: m.driftLogSd, driftCalibrations: m.driftCalibrations ?? 1 };
}

/**
 * A new calibration written over the file's: trial noise is the new one's (the
 * code measured now); the day drift pools every calibration's, because each
 * calibration sees one more pair of days. Metrics not measured now are kept; a
 * calibration of another profile replaces the file.
 */
export function mergeCalibrations(previous: NoiseCalibration | undefined, next: NoiseCalibration): NoiseCalibration {
  if (!previous || previous.profile !== next.profile) return next;
  const metrics: Record<string, MetricNoise> = { ...previous.metrics };
  for (const [key, m] of Object.entries(next.metrics)) {
    const before = previous.metrics[key];
    metrics[key] = before ? { trialLogSd: m.trialLogSd, ...pooledDrift(before, m), trials: m.trials } : m;
  }
  // The file's runs are every run any of its entries came from.
  const sourceRuns = [...new Set([...previous.sourceRuns, ...next.sourceRuns])];
  return { ...next, sourceRuns, metrics };
}
