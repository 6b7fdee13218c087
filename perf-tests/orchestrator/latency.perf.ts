/**
 * perf-configs/latency.yaml: 50 runs × 5 tasks of 0.01 s, concurrency 50: short tasks, so overhead dominates (ci runs it at full size).
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

const size = byProfile(profile, { smoke: { runs: 10 }, ci: {}, full: {} });
const trials = byProfile(profile, { smoke: 1, ci: 2, full: 3 });
const notAtThisProfile: string | undefined = undefined;

describe('orchestrator perf: latency', () => {
  for (const { store, skipReason } of STORE_VARIANTS) {
    testFor(
      `latency config on ${store}: every task done, near the raw spawn ceiling`,
      skipReason ?? notAtThisProfile,
      async () => {
        const result = await measureOrchestrator('latency', { config: 'latency', store, ...size }, trials, 120_000);
        expectEveryTaskDone(result);
        expectNearSpawnCeiling(result);
      },
      400_000,
    );
  }
});
