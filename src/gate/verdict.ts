/**
 * The verdict on one metric: improved, unchanged, regressed (or new/missing
 * when one side is absent), with what it was judged against and the smallest
 * change the comparison could have caught.
 *
 * A calibrated metric (its noise measured, src/gate/noise-calibration.ts) is
 * judged by its log shift (src/gate/log-shift.ts) — pair by pair when its
 * trials are twins (a duet comparison; judgedInPairs), trial set against
 * trial set otherwise. Otherwise — no calibration,
 * or values that are not all positive (counts that are often zero) — by its
 * kind's default thresholds: the change counts only when the whole bootstrap
 * interval of the median ratio lies beyond the relative and the absolute
 * threshold in the same direction.
 */
import type { Direction, NoiseThreshold } from '../harness/metric-kinds.js';
import { median } from '../harness/stats/median.js';
import { compareMedians, hashSeed, type Interval } from './bootstrap.js';
import {
  allPositive,
  calibratedPairSigma,
  logShift,
  MIN_EFFECT,
  pairedLogShift,
  SIGMA_FLOOR,
  type ShiftNoise,
} from './log-shift.js';
import { RANK_ALPHA, rankTails, smallestRankP } from './rank-test.js';
import { signedRankTails, smallestSignedRankP } from './signed-rank.js';

export type VerdictStatus = 'improved' | 'unchanged' | 'regressed' | 'new' | 'missing';

/** Fewer trials than this on either side give no interval, so no verdict. */
export const MIN_TRIALS_FOR_VERDICT = 2;

/** Why a verdict is what it is, in the words a report prints. */
export type VerdictReason =
  | 'beyond the threshold'
  | 'within the noise'
  | 'below the smallest effect judged'
  | 'below the absolute floor'
  | 'too few trials'
  | 'the trials overlap';

export type ThresholdSource = 'calibration' | 'kind default';

export interface Verdict {
  readonly status: VerdictStatus;
  readonly reason: VerdictReason;
  /** True when a side had too few trials to estimate noise: reported as unchanged. */
  readonly tooFewTrials?: boolean;
  /**
   * Set when a CPU-bound metric changed while the machine's speed differed from
   * the baseline's (current ÷ baseline reference time): the status is the
   * verdict against the baseline scaled to that speed (src/gate/machine-speed.ts).
   */
  readonly machineSpeedRatio?: number;
  /** current / baseline with its 95 % interval, when defined. */
  readonly ratio?: Interval;
  readonly difference?: Interval;
  readonly thresholdSource: ThresholdSource;
  /** The relative change (fraction) a change must exceed to count. */
  readonly threshold: number;
  /** The smallest worsening (fraction, 0.12 = 12 %) this comparison could have caught; Infinity when none. */
  readonly detectable: number;
  /**
   * Judged by log shift: the shift toward worse in standard errors (negative =
   * better). A regression needs more than Z_CRITICAL; A/A runs show how close
   * unchanged code comes (src/gate/power-check.ts).
   */
  readonly worseZ?: number;
  /** Judged pair by pair: each head trial against its base twin. */
  readonly paired?: true;
}

export type NoiseRule =
  | { readonly source: 'calibration'; readonly noise: ShiftNoise; readonly fallback: NoiseThreshold }
  | { readonly source: 'kind default'; readonly noise: NoiseThreshold };

export interface VerdictInput {
  readonly name: string;
  readonly direction: Direction;
  readonly rule: NoiseRule;
  readonly baseline: readonly number[];
  readonly current: readonly number[];
  /**
   * Judge pair by pair: baseline[i] and current[i] are twins, measured seconds apart (a duet
   * comparison), and the caller's `judgedInPairs` said their calibration allows it.
   */
  readonly paired?: boolean;
}

/** +1 when `worse` means a larger value, −1 when it means a smaller one. */
function worseSign(direction: Direction): 1 | -1 {
  return direction === 'smaller' ? 1 : -1;
}

/**
 * Whether twins are judged pair by pair: as many trials on both sides, enough
 * pairs for the signed-rank test to speak, and a calibration that says the
 * twins share noise (a pair's σ no larger than two independent trials'); the
 * reference's calibration decides, not the trials judged.
 */
export function judgedInPairs(paired: boolean, baseTrials: number, headTrials: number, noise: ShiftNoise): boolean {
  return (
    paired &&
    baseTrials === headTrials &&
    smallestSignedRankP(headTrials) <= RANK_ALPHA &&
    calibratedPairSigma(noise) <= Math.SQRT2 * Math.max(noise.trialLogSd, SIGMA_FLOOR)
  );
}

function judgeByLogShift(input: VerdictInput, noise: ShiftNoise): Verdict {
  const paired = input.paired === true;
  const s = paired
    ? pairedLogShift(input.baseline, input.current, noise)
    : logShift(input.baseline, input.current, noise);
  const worse = worseSign(input.direction) * s.shift;
  // Rank evidence in the direction of the change: head's trials above base's for a worse
  // "smaller" metric, below them for a worse "bigger" one (src/gate/rank-test.ts,
  // src/gate/signed-rank.ts for twins).
  const ranks = paired
    ? signedRankTails(input.current.map((h, i) => Math.log(h) - Math.log(input.baseline[i] as number)))
    : rankTails(input.baseline, input.current);
  const worseRanks = input.direction === 'smaller' ? ranks.above : ranks.below;
  const betterRanks = input.direction === 'smaller' ? ranks.below : ranks.above;
  const beyondWorse = worse > s.threshold;
  const beyondBetter = worse < -s.threshold;
  const status: VerdictStatus =
    beyondWorse && worseRanks <= RANK_ALPHA
      ? 'regressed'
      : beyondBetter && betterRanks <= RANK_ALPHA
        ? 'improved'
        : 'unchanged';
  const reason: VerdictReason =
    status !== 'unchanged'
      ? 'beyond the threshold'
      : beyondWorse || beyondBetter
        ? 'the trials overlap'
        : s.threshold > Math.log1p(MIN_EFFECT)
          ? 'within the noise'
          : 'below the smallest effect judged';
  const ratio = { estimate: Math.exp(s.shift), low: Math.exp(s.low), high: Math.exp(s.high) };
  const threshold = Math.expm1(s.threshold);
  // Trial counts whose best rank p-value is above RANK_ALPHA cannot show any change.
  const detectable =
    paired || smallestRankP(input.baseline.length, input.current.length) <= RANK_ALPHA
      ? threshold
      : Number.POSITIVE_INFINITY;
  const worseZ = worse / s.standardError;
  return {
    status,
    reason,
    ratio,
    thresholdSource: 'calibration',
    threshold,
    detectable,
    worseZ,
    ...(paired ? { paired: true as const } : {}),
  };
}

function judgeByDefaults(input: VerdictInput, noise: NoiseThreshold): Verdict {
  const { ratio, difference } = compareMedians(input.baseline, input.current, { seed: hashSeed(input.name) });
  const sign = worseSign(input.direction);
  const { relative, absolute } = noise;
  const diffWorse = sign > 0 ? difference.low > absolute : difference.high < -absolute;
  const diffBetter = sign > 0 ? difference.high < -absolute : difference.low > absolute;
  const ratioWorse = ratio === undefined ? true : sign > 0 ? ratio.low > 1 + relative : ratio.high < 1 / (1 + relative);
  const ratioBetter =
    ratio === undefined ? true : sign > 0 ? ratio.high < 1 / (1 + relative) : ratio.low > 1 + relative;
  const status: VerdictStatus =
    diffWorse && ratioWorse ? 'regressed' : diffBetter && ratioBetter ? 'improved' : 'unchanged';
  // The interval's width on the worse side is added to the threshold a change must clear.
  const halfWidth = ratio
    ? sign > 0
      ? Math.log(ratio.estimate / ratio.low)
      : Math.log(ratio.high / ratio.estimate)
    : Number.POSITIVE_INFINITY;
  const baselineLevel = Math.abs(median(input.baseline));
  const absoluteShare = baselineLevel > 0 ? absolute / baselineLevel : Number.POSITIVE_INFINITY;
  const detectable = Math.max(Math.expm1(Math.log1p(relative) + halfWidth), absoluteShare);
  const reason: VerdictReason =
    status !== 'unchanged'
      ? 'beyond the threshold'
      : (ratioWorse && !diffWorse) || (ratioBetter && !diffBetter)
        ? 'below the absolute floor'
        : 'within the noise';
  return {
    status,
    reason,
    difference,
    ...(ratio ? { ratio } : {}),
    thresholdSource: 'kind default',
    threshold: relative,
    detectable,
  };
}

export function judge(input: VerdictInput): Verdict {
  const enoughTrials =
    input.baseline.length >= MIN_TRIALS_FOR_VERDICT && input.current.length >= MIN_TRIALS_FOR_VERDICT;
  const logScale = allPositive(input.baseline) && allPositive(input.current);
  if (input.rule.source === 'calibration' && logScale && enoughTrials) {
    return judgeByLogShift(input, input.rule.noise);
  }
  const defaults = input.rule.source === 'calibration' ? input.rule.fallback : input.rule.noise;
  if (!enoughTrials) {
    const { ratio, difference } = compareMedians(input.baseline, input.current, { seed: hashSeed(input.name) });
    return {
      status: 'unchanged',
      reason: 'too few trials',
      tooFewTrials: true,
      difference,
      ...(ratio ? { ratio } : {}),
      thresholdSource: input.rule.source === 'calibration' && logScale ? 'calibration' : 'kind default',
      threshold: defaults.relative,
      detectable: Number.POSITIVE_INFINITY,
    };
  }
  return judgeByDefaults(input, defaults);
}
