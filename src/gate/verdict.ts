/**
 * The verdict on one metric: improved, unchanged, regressed (or new/missing
 * when one side is absent). A change counts only when the whole bootstrap
 * interval lies beyond the metric's noise threshold — relative and absolute
 * — in the same direction, so comparing code with itself stays unchanged.
 */
import type { Direction, NoiseThreshold } from '../harness/metric-kinds.js';
import { compareMedians, hashSeed, type Interval } from './bootstrap.js';

export type VerdictStatus = 'improved' | 'unchanged' | 'regressed' | 'new' | 'missing';

/** Fewer trials than this on either side give no interval, so no verdict. */
export const MIN_TRIALS_FOR_VERDICT = 2;

export interface Verdict {
  readonly status: VerdictStatus;
  /** True when a side had too few trials to estimate noise: reported as unchanged. */
  readonly tooFewTrials?: boolean;
  /**
   * Set when a CPU-bound metric changed while the machine's speed differed from
   * the baseline's (current ÷ baseline reference time): the status is the
   * verdict against the baseline scaled to that speed (src/gate/machine-speed.ts).
   */
  readonly machineSpeedRatio?: number;
  /** current / baseline (medians), when defined. */
  readonly ratio?: Interval;
  readonly difference?: Interval;
}

export interface VerdictInput {
  readonly name: string;
  readonly direction: Direction;
  readonly noise: NoiseThreshold;
  readonly baseline: readonly number[];
  readonly current: readonly number[];
}

/** +1 when `worse` means a larger value, −1 when it means a smaller one. */
function worseSign(direction: Direction): 1 | -1 {
  return direction === 'smaller' ? 1 : -1;
}

export function judge(input: VerdictInput): Verdict {
  const { ratio, difference } = compareMedians(input.baseline, input.current, { seed: hashSeed(input.name) });
  if (input.baseline.length < MIN_TRIALS_FOR_VERDICT || input.current.length < MIN_TRIALS_FOR_VERDICT) {
    return { status: 'unchanged', tooFewTrials: true, difference, ...(ratio ? { ratio } : {}) };
  }
  const sign = worseSign(input.direction);
  const { relative, absolute } = input.noise;

  // Worse: the whole interval is beyond the threshold on the worse side.
  const diffWorse = sign > 0 ? difference.low > absolute : difference.high < -absolute;
  const diffBetter = sign > 0 ? difference.high < -absolute : difference.low > absolute;
  const ratioWorse = ratio === undefined ? true : sign > 0 ? ratio.low > 1 + relative : ratio.high < 1 / (1 + relative);
  const ratioBetter =
    ratio === undefined ? true : sign > 0 ? ratio.high < 1 / (1 + relative) : ratio.low > 1 + relative;

  const status: VerdictStatus =
    diffWorse && ratioWorse ? 'regressed' : diffBetter && ratioBetter ? 'improved' : 'unchanged';
  return { status, difference, ...(ratio ? { ratio } : {}) };
}
