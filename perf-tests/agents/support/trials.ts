/**
 * Trials a side for the agents scenarios whose gated metrics need more twin
 * pairs than the default three a round give in two `perf:compare` rounds to
 * catch a doubling, and whose trials are cheap (a pair costs 1–7 s). The pairs
 * a metric needs follow from its calibrated pair σ (`planebench power` prints
 * them by scenario); docs/decisions.md, "Trials go where the noise needs them
 * and a pair is cheap".
 */
import { byProfile, resolveProfile } from '../../../src/harness/index.js';

const profile = resolveProfile();

export const NOISY_SCENARIO_TRIALS = {
  'crash-recovery': byProfile(profile, { smoke: 1, ci: 8, full: 8 }),
  'request-latency': byProfile(profile, { smoke: 1, ci: 16, full: 16 }),
  'agent-response-time': byProfile(profile, { smoke: 1, ci: 5, full: 5 }),
  'message-throughput': byProfile(profile, { smoke: 1, ci: 5, full: 5 }),
  'request-concurrency': byProfile(profile, { smoke: 1, ci: 4, full: 4 }),
  'horizontal-scaling': byProfile(profile, { smoke: 1, ci: 5, full: 5 }),
  'capability-lookup': byProfile(profile, { smoke: 1, ci: 5, full: 5 }),
} as const;
