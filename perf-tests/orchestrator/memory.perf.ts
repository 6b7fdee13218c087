/**
 * perf-configs/memory.yaml: 100 runs × 20 tasks of 2 s, concurrency 100: long tasks, scheduler memory. Runs at the full profile only
 * (the original's size: 2000 tasks, the scheduler holds 100 running for ~40 s at least; a smaller run would end before
 * a leak shows).
 * Every task finishes with latency ≥ its duration; tasks/s is reported as a
 * fraction of the raw spawn ceiling of the same command at the same concurrency.
 * What the config is for: the scheduler's RSS does not grow with the tasks it has run. From the warm-up
 * (a quarter of the tasks done, when its young generation has grown to its limit: docs/orchestrator.md)
 * to the end of the run, 1500 more tasks, RSS grows less than MAX_GROWTH_AFTER_WARM_UP_BYTES.
 */
import { findMetric } from '../../src/harness/index.js';
import { describeConfig } from './support/orchestrator-spec.js';

/**
 * Over 1500 tasks this is 22 KiB per task: a leak of that much per task (e.g. every finished task's
 * child process object and its streams kept) breaks it; GC's swing of a heap that does not leak stays
 * under it (measured: docs/decisions.md, "The memory config's RSS bound").
 */
const MAX_GROWTH_AFTER_WARM_UP_BYTES = 32 * 1024 * 1024;

describeConfig({
  config: 'memory',
  size: {},
  trials: 1,
  fullProfileOnly: true,
  trialTimeoutMs: 900_000,
  expectPurpose: (result) => {
    for (const growthBytes of findMetric(result, 'schedulerRssGrowthAfterWarmUpBytes').trials)
      expect(growthBytes).toBeLessThan(MAX_GROWTH_AFTER_WARM_UP_BYTES);
  },
});
