/**
 * The points of the routing sweeps. The seed sweeps by decades (agents 1 …
 * 10 000, memory limits 1 … 1000 MB), so batch size and capability lookup go
 * by decades too; concurrency 1–64 by powers of two at full and of four at ci
 * and smoke (1, 4, 16, 64: the ends of the seed's range and two points
 * between, which is what a ci run has time for).
 */
import type { ProfileName } from '../../../src/harness/profile.js';
import { byProfile } from '../../../src/harness/profile.js';
import { check } from '../../../src/lib/validate.js';

export interface SweepPoints {
  readonly batchSizes: readonly number[];
  readonly lookupAgentCounts: readonly number[];
  readonly concurrencies: readonly number[];
}

export function sweepPoints(profile: ProfileName): SweepPoints {
  return {
    batchSizes: [1, 10, 100, 1000],
    lookupAgentCounts: [10, 100, 1000],
    concurrencies: byProfile(profile, {
      smoke: [1, 4, 16, 64],
      ci: [1, 4, 16, 64],
      full: [1, 2, 4, 8, 16, 32, 64],
    }),
  };
}

/**
 * Requires a params field to be a non-empty list of positive integers, each from `min` to
 * `max` when a scenario bounds its points; the message names the field and the entry.
 */
export function sweepParam(
  value: unknown,
  name: string,
  bounds: { readonly min?: number; readonly max?: number } = {},
): readonly number[] {
  const points = check.nonEmptyArray(name, value, 'positive integers');
  const { min = 1, max = Infinity } = bounds;
  points.forEach((point, index) => {
    const field = `${name}[${index}]`;
    if (min === 1 && max === Infinity) check.positiveInteger(field, point);
    else check.integerInRange(field, point, min, max);
  });
  return points as number[];
}
