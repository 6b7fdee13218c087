/**
 * Trials a side for the procman scenario variants whose gated metrics need more
 * twin pairs than the default three a round give in two `perf:compare` rounds
 * to catch a doubling, and whose whole ×2 bill stays within about three
 * minutes of trials (a pair costs 6–11 s here), and the scaling spec's sizes
 * likewise. The pairs follow from the calibrated pair σ (`planebench power`
 * prints them by scenario); v1's contended windows (37–67 pairs) are left at
 * the default: their bill is 6–11 minutes each. docs/decisions.md, "Trials go
 * where the noise needs them and a pair is cheap".
 */
import { byProfile, resolveProfile } from '../../../src/harness/index.js';
import type { ProcmanVariant } from '../../../src/procman/index.js';
import type { ProcmanVariantScenario } from './scenario-names.js';

const profile = resolveProfile();

/** A side's trials at ci; full runs at least its default five. */
function trials(ci: number): number {
  return byProfile(profile, { smoke: 1, ci, full: Math.max(ci, 5) });
}

export const VARIANT_TRIALS: Readonly<
  Partial<Record<ProcmanVariantScenario, Partial<Record<ProcmanVariant, number>>>>
> = {
  'hot-process-isolation': { v2: trials(8) },
  'concurrent-ops-isolation': { v2: trials(6) },
  'read-heavy-write-heavy': { v2: trials(4) },
  'bulk-stop-start': { v1: trials(5), v2: trials(6) },
  'control-plane-isolation': { v1: trials(5), v2: trials(5) },
};

/**
 * Trials a side per scaling size (n managed processes) at ci: n = 8, 32 and
 * 256 get the pairs their p99's calibrated noise needs to catch a doubling in
 * two rounds; the others keep the three a round that give the signed-rank test
 * its five pairs.
 */
const SCALING_TRIALS: ReadonlyMap<number, number> = new Map([
  [8, 6],
  [32, 13],
  [256, 8],
]);

export function scalingTrials(n: number): number {
  return trials(SCALING_TRIALS.get(n) ?? 3);
}
