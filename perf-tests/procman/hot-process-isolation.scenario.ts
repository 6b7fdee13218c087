/**
 * Hot-process isolation: one hot process is in a long (gated) stop while the
 * cold ones go through stop+start cycles; one loop queries. The spec sizes it
 * like the original (n = 16, a 3 s window at the full profile).
 */
import { defineScenario } from '../../src/harness/scenario.js';
import { runGatedStopWorkload } from './support/gated-stop-workload.js';
import type { GatedStopParams } from './support/gated-stop-workload.js';

export default defineScenario<GatedStopParams>((ctx) =>
  runGatedStopWorkload(ctx, 'hot-process-isolation', {
    readers: 1,
    churnTasks: Math.min(ctx.params.config.concurrency, 4),
  }),
);
