/**
 * Distributed workers: the scheduler runs no tasks itself (--no-local-worker)
 * and two `planebench orchestrator worker` processes claim them from the shared
 * PostgreSQL store, each with half the concurrency, on the latency config
 * (50 runs × 5 tasks of 0.01 s, concurrency 50). Every task is done exactly once
 * by one of the workers, both take part, and tasks/s is reported as a fraction of
 * the raw spawn ceiling of the same command at the whole concurrency in one
 * process, as for the single-process configs; `busiestWorkerShare` says how
 * evenly the two shared the work (1 = evenly).
 */
import { byProfile, findMetric } from '../../src/harness/index.js';
import {
  PG_URL,
  expectEveryTaskDone,
  expectNearSpawnCeiling,
  measureOrchestrator,
  profile,
  testFor,
  value,
} from './support/orchestrator-spec.js';

const WORKERS = 2;
const trials = byProfile(profile, { smoke: 1, ci: 2, full: 3 });
const size = byProfile(profile, { smoke: { runs: 10 }, ci: {}, full: {} });

describe('orchestrator perf: distributed workers', () => {
  testFor(
    `latency config on postgres with ${WORKERS} worker processes: every task done once, by both workers`,
    PG_URL ? undefined : 'PLANEBENCH_PG_URL is not set (test-scripts/orchestrator/setup-postgres.sh)',
    async () => {
      const params = { config: 'latency', store: 'postgres' as const, workers: WORKERS, ...size };
      const result = await measureOrchestrator('workers', params, trials, 120_000);
      expectEveryTaskDone(result);
      expectNearSpawnCeiling(result);
      for (const used of findMetric(result, 'workersUsed').trials) expect(used).toBe(WORKERS);
      for (const retried of findMetric(result, 'retriedTasks').trials) expect(retried).toBe(0);
      // No worker ran everything: a claim that starved the other would show as a share near 2.
      expect(value(result, 'busiestWorkerShare')).toBeLessThan(1.9);
    },
    120_000 * trials + 60_000,
  );
});
