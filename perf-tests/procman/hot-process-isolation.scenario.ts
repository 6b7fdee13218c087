/**
 * Hot-process isolation: one hot process is in a long (gated) stop and then
 * goes through stop+start cycles; the cold ones have no lifecycle change. One
 * loop queries the whole table, one queries the cold processes one at a time.
 * The spec sizes it like the original (n = 16, a 3 s window at the full profile).
 */
import { defineScenario } from '../../src/harness/scenario.js';
import { runGatedStopWorkload } from './support/gated-stop-workload.js';
import type { GatedStopParams } from './support/gated-stop-workload.js';

export default defineScenario<GatedStopParams>((ctx) =>
  runGatedStopWorkload(ctx, 'hot-process-isolation', { readers: 1, churnTasks: 1, hot: true }),
);
