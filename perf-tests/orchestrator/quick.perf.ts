/**
 * perf-configs/quick.yaml: 10 runs × 5 tasks of 0.1 s, concurrency 20 (the ci profile runs it at full size).
 * Every task finishes with latency ≥ its duration; tasks/s is reported as a
 * fraction of the raw spawn ceiling of the same command at the same concurrency.
 */
import { byProfile } from '../../src/harness/profile.js';
import {
  STORE_VARIANTS,
  expectEveryTaskDone,
  expectNearSpawnCeiling,
  measureOrchestrator,
  profile,
  testFor,
} from './orchestrator-spec.js';

const size = byProfile(profile, { smoke: { runs: 2 }, ci: {}, full: {} });
const trials = byProfile(profile, { smoke: 1, ci: 2, full: 3 });
const notAtThisProfile: string | undefined = undefined;

describe('orchestrator perf: quick', () => {
  for (const { store, skipReason } of STORE_VARIANTS) {
    testFor(
      `quick config on ${store}: every task done, near the raw spawn ceiling`,
      skipReason ?? notAtThisProfile,
      async () => {
        const result = await measureOrchestrator('quick', { config: 'quick', store, ...size }, trials, 60_000);
        expectEveryTaskDone(result);
        expectNearSpawnCeiling(result);
      },
      300_000,
    );
  }
});
