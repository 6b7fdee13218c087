/**
 * baselines/noise.json — each gated metric's measured noise, from runs of one
 * commit against itself (`planebench calibrate`). The gate's thresholds derive
 * from it (src/gate/log-shift.ts); a metric it lacks is judged with its kind's
 * default thresholds and the report says so. Format (version 1), documented
 * in docs/baselines.md:
 *
 *   { "version": 1, "profile": "ci", "measuredAt": ISO date, "gitCommit": "…",
 *     "machine": { "cpuModel": "…", "cores": 2, "node": "v20.20.2" },
 *     "rounds": 3, "trialsPerSide": 9, "sourceRuns": ["<runId>", …],
 *     "metrics": { "<suite>/<scenario>/<variant>/<metric>":
 *                    { "trialLogSd": 0.052, "driftLogSd": 0.11, "driftCalibrations": 2, "trials": 18,
 *                      "pairLogSd": 0.061, "pairs": 9 } } }
 *
 * `pairLogSd` (with the number of pairs behind it) is present when the
 * calibration's rounds were duets: the σ of log(head / base) of twin trials,
 * which the gate uses to judge a duet comparison pair by pair.
 * `driftLogSd` is absent when no calibration could set the metric against a
 * committed baseline (it had none yet, nor had its suite's metrics of its
 * kind): a drift not measured is not a drift of zero. `driftCalibrations` 0
 * says the drift is its group's: no calibration has yet measured the metric
 * against a baseline of another day (after a re-base, say).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROFILE_NAMES, type ProfileName } from '../harness/profile.js';
import { writeFileAtomic } from '../lib/atomic-write.js';
import { JsonReader, parseJsonFile } from './json-shape.js';

export const NOISE_FILE = 'noise.json';
export const NOISE_VERSION = 1;

export interface MetricNoise {
  /** σ of one trial's log value over every calibration trial of the commit (rounds and sides together). */
  readonly trialLogSd: number;
  /**
   * σ of a run's log offset from the committed baseline beyond its trial noise (the baseline
   * was measured another day); absent when not measured.
   */
  readonly driftLogSd?: number;
  /**
   * Calibrations (each a pair of days) that measured this metric's own drift, pooled in
   * driftLogSd; 0 when none has (driftLogSd is then its suite/kind group's); 1 when the file
   * does not say.
   */
  readonly driftCalibrations?: number;
  /** Calibration trials behind trialLogSd. */
  readonly trials: number;
  /** Root mean square of log(head / base) over twin trials of duet rounds (same code); absent when not measured. */
  readonly pairLogSd?: number;
  /** Twin pairs behind pairLogSd. */
  readonly pairs?: number;
}

export interface CalibrationMachine {
  readonly cpuModel: string;
  readonly cores: number;
  readonly node: string;
}

export interface NoiseCalibration {
  readonly version: typeof NOISE_VERSION;
  readonly profile: ProfileName;
  readonly measuredAt: string;
  readonly gitCommit: string;
  readonly machine: CalibrationMachine;
  readonly rounds: number;
  readonly trialsPerSide: number;
  /** runIds of the runs it was derived from: a power check must not judge with its own noise. */
  readonly sourceRuns: readonly string[];
  readonly metrics: Readonly<Record<string, MetricNoise>>;
}

export function noisePath(baselinesDir: string): string {
  return path.join(baselinesDir, NOISE_FILE);
}

/** The key of a metric in the calibration: suite/scenario/variant/metric. */
export function noiseKey(
  r: { readonly suite: string; readonly scenario: string; readonly variant: string },
  metric: string,
): string {
  return `${r.suite}/${r.scenario}/${r.variant}/${metric}`;
}

/** Validates a calibration; every problem names the file and the field. */
export function parseNoiseCalibration(file: string, text: string): NoiseCalibration {
  const r = new JsonReader(file);
  const root = r.object(parseJsonFile(file, text), '(root)');
  if (root['version'] !== NOISE_VERSION) r.fail('version', `${NOISE_VERSION}`, root['version']);
  const machine = r.object(root['machine'], 'machine');
  const metricsRaw = r.object(root['metrics'], 'metrics');
  const metrics: Record<string, MetricNoise> = {};
  for (const [key, raw] of Object.entries(metricsRaw)) {
    const field = `metrics["${key}"]`;
    if (key.split('/').length < 4) r.fail(field, 'a key of the form <suite>/<scenario>/<variant>/<metric>', key);
    const m = r.object(raw, field);
    const drift =
      m['driftLogSd'] === undefined
        ? {}
        : {
            driftLogSd: r.nonNegativeNumber(m['driftLogSd'], `${field}.driftLogSd`),
            driftCalibrations:
              m['driftCalibrations'] === undefined
                ? 1
                : r.nonNegativeInteger(m['driftCalibrations'], `${field}.driftCalibrations`),
          };
    const pair =
      m['pairLogSd'] === undefined
        ? {}
        : {
            pairLogSd: r.nonNegativeNumber(m['pairLogSd'], `${field}.pairLogSd`),
            pairs: r.positiveInteger(m['pairs'], `${field}.pairs`),
          };
    metrics[key] = {
      trialLogSd: r.nonNegativeNumber(m['trialLogSd'], `${field}.trialLogSd`),
      ...drift,
      trials: r.positiveInteger(m['trials'], `${field}.trials`),
      ...pair,
    };
  }
  return {
    version: NOISE_VERSION,
    profile: r.oneOf(root['profile'], 'profile', PROFILE_NAMES),
    measuredAt: r.string(root['measuredAt'], 'measuredAt'),
    gitCommit: r.string(root['gitCommit'], 'gitCommit'),
    machine: {
      cpuModel: r.string(machine['cpuModel'], 'machine.cpuModel'),
      cores: r.positiveInteger(machine['cores'], 'machine.cores'),
      node: r.string(machine['node'], 'machine.node'),
    },
    rounds: r.positiveInteger(root['rounds'], 'rounds'),
    trialsPerSide: r.positiveInteger(root['trialsPerSide'], 'trialsPerSide'),
    sourceRuns: r.strings(root['sourceRuns'], 'sourceRuns'),
    metrics,
  };
}

/** The calibration in `baselinesDir`, or undefined when there is none; a malformed one throws naming file and field. */
export function readNoiseCalibration(baselinesDir: string): NoiseCalibration | undefined {
  const file = noisePath(baselinesDir);
  if (!existsSync(file)) return undefined;
  return parseNoiseCalibration(file, readFileSync(file, 'utf8'));
}

export function writeNoiseCalibration(baselinesDir: string, calibration: NoiseCalibration): string {
  const file = noisePath(baselinesDir);
  const metrics = Object.fromEntries(Object.entries(calibration.metrics).sort(([a], [b]) => a.localeCompare(b)));
  writeFileAtomic(file, `${JSON.stringify({ ...calibration, metrics }, null, 1)}\n`);
  return file;
}
