/**
 * The gate's comparison statistic: how far head's trial values moved from the
 * reference's, on a log scale (a ratio), and how sure that is given the
 * metric's measured noise.
 *
 * - Estimate: the Hodges–Lehmann shift of log(trial values) — the median of
 *   every pairwise log(head_i / base_j). One slow trial moves it little.
 * - Noise: σ, the spread of one trial's log value. The larger of the
 *   calibrated σ (src/gate/noise-calibration.ts) and the spread this
 *   comparison shows (each side's median absolute deviation × 1.4826, pooled),
 *   so a noisier run than calibration never judges on the calmer number.
 * - Standard error of the shift: σ·√(1/n_base + 1/n_head), plus in the
 *   committed-baseline mode the calibrated drift between days (a run measured
 *   another day is offset as a whole, however many trials it has).
 * - A change counts when the shift is beyond both Z_CRITICAL standard errors
 *   and the smallest effect worth a verdict (MIN_EFFECT).
 *
 * Paired trials (a duet comparison: each head trial measured seconds from its
 * base twin, src/harness/runner/duet.ts) are judged by their differences
 * instead (pairedLogShift): the estimate is the one-sample Hodges–Lehmann
 * shift of log(head_i / base_i), σ_pair the larger of the calibrated σ of
 * such a difference (a duet A/A's, `pairLogSd`; without one √2·trialLogSd,
 * which is the unpaired comparison's width) and the pairs' own spread
 * (pairSpreadSigma), and the standard error σ_pair/√n. Noise the twins share
 * cancels.
 *
 * Only defined when every value on both sides is positive; the caller falls
 * back to the kind's default thresholds otherwise.
 */
import { median } from '../harness/stats/median.js';
import { sampleSd } from '../harness/stats/moments.js';

/** Standard errors a shift must exceed to count. */
export const Z_CRITICAL = 4;
/** Changes smaller than this fraction get no verdict, however quiet the metric. */
export const MIN_EFFECT = 0.03;
/** σ is never taken below this: a metric calm in calibration is still measured by a machine. */
export const SIGMA_FLOOR = 0.01;
/** Two-sided 95 % normal quantile, for the interval shown. */
const Z_INTERVAL = 1.96;
/** MAD → σ of a normal distribution. */
const MAD_TO_SIGMA = 1.4826;

export interface ShiftNoise {
  /** Calibrated σ of one trial's log value. */
  readonly trialLogSd: number;
  /** Calibrated σ of a whole run's log offset between days; 0 when comparing runs of the same minutes. */
  readonly driftLogSd: number;
  /** Calibrated σ of log(head / base) of twin trials (a duet A/A); absent when not measured. */
  readonly pairLogSd?: number;
}

export interface LogShift {
  /** Hodges–Lehmann shift of log values: log(head / base). */
  readonly shift: number;
  /** σ used: max(calibrated, observed, floor) — of one trial, or of one pair's difference when paired. */
  readonly sigma: number;
  readonly observedSigma: number;
  readonly standardError: number;
  /** The log shift a change must exceed to count. */
  readonly threshold: number;
  /** 95 % interval of the shift, log scale. */
  readonly low: number;
  readonly high: number;
}

export function allPositive(values: readonly number[]): boolean {
  return values.length > 0 && values.every((v) => Number.isFinite(v) && v > 0);
}

/** Median of every pairwise difference head_i − base_j. */
export function hodgesLehmann(base: readonly number[], head: readonly number[]): number {
  const differences: number[] = [];
  for (const h of head) for (const b of base) differences.push(h - b);
  return median(differences);
}

function madSigma(values: readonly number[]): number {
  const center = median(values);
  return MAD_TO_SIGMA * median(values.map((v) => Math.abs(v - center)));
}

/**
 * The spread a Walsh median is judged by: the larger of the MAD σ and the standard deviation.
 * The Walsh median gives way to 29 % of outlying pairs, the MAD only to 50 %: a spread that
 * outliers too few to move the MAD could not widen would judge a shift they moved.
 */
function pairSpreadSigma(differences: readonly number[]): number {
  return Math.max(madSigma(differences), sampleSd(differences));
}

/**
 * Both sides' robust spreads pooled by their degrees of freedom. Two outliers among six of one
 * side move a third of the two-sample differences, not the median of them, so the MAD is the
 * spread here (docs/decisions.md, "The unpaired spread stays the MAD").
 */
export function observedLogSigma(base: readonly number[], head: readonly number[]): number {
  const b = madSigma(base);
  const h = madSigma(head);
  const df = base.length - 1 + head.length - 1;
  if (df <= 0) return 0;
  return Math.sqrt(((base.length - 1) * b * b + (head.length - 1) * h * h) / df);
}

/** The log shift a change must exceed: Z_CRITICAL standard errors, never below the smallest effect judged. */
function thresholdOf(standardError: number): number {
  return Math.max(Z_CRITICAL * standardError, Math.log1p(MIN_EFFECT));
}

/** A shift with its threshold and 95 % interval, from its standard error. */
function shiftWithin(shift: number, sigma: number, observedSigma: number, standardError: number): LogShift {
  return {
    shift,
    sigma,
    observedSigma,
    standardError,
    threshold: thresholdOf(standardError),
    low: shift - Z_INTERVAL * standardError,
    high: shift + Z_INTERVAL * standardError,
  };
}

/** Requires every value positive (allPositive) and at least one per side. */
export function logShift(base: readonly number[], head: readonly number[], noise: ShiftNoise): LogShift {
  const logBase = base.map(Math.log);
  const logHead = head.map(Math.log);
  const shift = hodgesLehmann(logBase, logHead);
  const observedSigma = observedLogSigma(logBase, logHead);
  const sigma = Math.max(noise.trialLogSd, observedSigma, SIGMA_FLOOR);
  const standardError = Math.sqrt(
    sigma * sigma * (1 / base.length + 1 / head.length) + noise.driftLogSd * noise.driftLogSd,
  );
  return shiftWithin(shift, sigma, observedSigma, standardError);
}

/** Median of every pairwise mean (d_i + d_j) / 2, i ≤ j: the one-sample Hodges–Lehmann estimate. */
export function walshMedian(differences: readonly number[]): number {
  const means: number[] = [];
  for (let i = 0; i < differences.length; i += 1) {
    for (let j = i; j < differences.length; j += 1)
      means.push(((differences[i] as number) + (differences[j] as number)) / 2);
  }
  return median(means);
}

/** The calibrated σ of a twin pair's log difference: measured, or √2·σ of one trial when not. */
export function calibratedPairSigma(noise: ShiftNoise): number {
  return Math.max(noise.pairLogSd ?? Math.SQRT2 * noise.trialLogSd, Math.SQRT2 * SIGMA_FLOOR);
}

/**
 * Twin trials (base[i] measured beside head[i]); requires every value
 * positive and both sides of one length ≥ 1. Judged within the same minutes:
 * no drift.
 */
export function pairedLogShift(base: readonly number[], head: readonly number[], noise: ShiftNoise): LogShift {
  if (base.length !== head.length || base.length === 0) {
    throw new Error(`Expected twin trials of one length, got ${base.length} base and ${head.length} head`);
  }
  const differences = head.map((h, i) => Math.log(h) - Math.log(base[i] as number));
  const shift = walshMedian(differences);
  const observedSigma = pairSpreadSigma(differences);
  const sigma = Math.max(calibratedPairSigma(noise), observedSigma);
  const standardError = sigma / Math.sqrt(differences.length);
  return shiftWithin(shift, sigma, observedSigma, standardError);
}

/**
 * The smallest worsening (fraction) a comparison of these trial counts can
 * catch with the calibrated noise alone — what the reference side promises,
 * whatever the judged side's own spread. `paired`: the trials are twins.
 */
export function calibratedDetectable(
  noise: ShiftNoise,
  baseTrials: number,
  headTrials: number,
  paired = false,
): number {
  const standardError = paired
    ? calibratedPairSigma(noise) / Math.sqrt(headTrials)
    : Math.sqrt(
        Math.max(noise.trialLogSd, SIGMA_FLOOR) ** 2 * (1 / baseTrials + 1 / headTrials) +
          noise.driftLogSd * noise.driftLogSd,
      );
  return Math.expm1(thresholdOf(standardError));
}

/**
 * The fewest trials a side (twin pairs when `paired`) with which the calibrated
 * noise alone would catch `worsening` (fraction) — calibratedDetectable at or
 * below it; undefined when no count up to `most` would (the drift between days
 * alone can exceed it).
 */
export function trialsToDetect(
  noise: ShiftNoise,
  worsening: number,
  paired = false,
  most = 10_000,
): number | undefined {
  const sees = (n: number): boolean => calibratedDetectable(noise, n, n, paired) <= worsening;
  if (!sees(most)) return undefined;
  let low = 1;
  let high = most;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (sees(mid)) high = mid;
    else low = mid + 1;
  }
  return low;
}
