/**
 * Pick-up latency: single-task runs triggered open-loop at a steady rate well
 * below capacity, so nothing queues and what is left is the orchestrator's own
 * path: trigger → wake-up → expand → claim → spawn, and exit → recorded.
 * Scheduling overhead = finished − created − the task's own run time (spawn to
 * exit, measured by the executor); also created → started.
 * Goals: p50 ≤ 2 ms, p99 ≤ 10 ms (graphile-worker: ~4–17 ms here). The
 * assertions are wider, for a loaded 2-core machine; the numbers are recorded.
 */
import { byProfile } from '../../src/harness/profile.js';
import {
  STORE_VARIANTS,
  expectEveryTaskDone,
  measureOrchestrator,
  profile,
  testFor,
  value,
} from './orchestrator-spec.js';

const runs = byProfile(profile, { smoke: 20, ci: 100, full: 300 });
const ratePerSec = 10;
const trials = byProfile(profile, { smoke: 1, ci: 2, full: 3 });

describe('orchestrator perf: pick-up latency', () => {
  for (const { store, skipReason } of STORE_VARIANTS) {
    testFor(
      `pick-up overhead on ${store} at ${ratePerSec} runs/s stays in milliseconds`,
      skipReason,
      async () => {
        const result = await measureOrchestrator(
          'pickup-latency',
          { config: 'latency', store, runs, tasksPerRun: 1, ratePerSec, ceiling: false },
          trials,
          120_000,
        );
        expectEveryTaskDone(result);
        // No queue: a pick-up near the poll interval (1 s) would mean the wake-up path is broken.
        expect(value(result, 'pickupOverheadUs.p50')).toBeLessThan(20_000);
        expect(value(result, 'pickupOverheadUs.p99')).toBeLessThan(200_000);
      },
      300_000,
    );
  }
});
