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

/** Requires a params field to be a non-empty list of positive integers; the message names it. */
export function sweepParam(value: unknown, name: string): readonly number[] {
  const points = check.nonEmptyArray(name, value, 'positive integers');
  points.forEach((point, index) => check.positiveInteger(`${name}[${index}]`, point));
  return points as number[];
}
