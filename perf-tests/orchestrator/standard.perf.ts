/**
 * perf-configs/standard.yaml: 100 runs × 5 tasks of 0.1 s, concurrency 50. Runs at the full profile only.
 * Every task finishes with latency ≥ its duration; tasks/s is reported as a
 * fraction of the raw spawn ceiling of the same command at the same concurrency.
 */
import {
  STORE_VARIANTS,
  expectEveryTaskDone,
  expectNearSpawnCeiling,
  measureOrchestrator,
  profile,
  testFor,
} from './orchestrator-spec.js';

const size = {};
const trials = 1;
const notAtThisProfile = profile === 'full' ? undefined : 'full profile only (PERF_PROFILE=full)';

describe('orchestrator perf: standard', () => {
  for (const { store, skipReason } of STORE_VARIANTS) {
    testFor(
      `standard config on ${store}: every task done, near the raw spawn ceiling`,
      skipReason ?? notAtThisProfile,
      async () => {
        const result = await measureOrchestrator('standard', { config: 'standard', store, ...size }, trials, 900_000);
        expectEveryTaskDone(result);
        expectNearSpawnCeiling(result);
      },
      1_000_000,
    );
  }
});
