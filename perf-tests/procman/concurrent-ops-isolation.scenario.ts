/**
 * Concurrent-ops isolation: a gated stop is in flight while min(concurrency, 4)
 * tasks churn the other processes with stop+start and one loop queries; then
 * the same churn and queries with nothing else in flight.
 */
import { defineScenario } from '../../src/harness/scenario.js';
import { runGatedStopWorkload } from './support/gated-stop-workload.js';
import type { GatedStopParams } from './support/gated-stop-workload.js';

export default defineScenario<GatedStopParams>((ctx) =>
  runGatedStopWorkload(ctx, 'concurrent-ops-isolation', {
    readers: 1,
    churnTasks: Math.min(ctx.params.config.concurrency, 4),
  }),
);
