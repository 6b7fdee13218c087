/**
 * Scaling: the control-plane-isolation workload at a given n, to see whether
 * v2's query latency stays flat as the number of processes grows.
 */
import { defineScenario } from '../../src/harness/scenario.js';
import { runGatedStopWorkload } from './support/gated-stop-workload.js';
import type { GatedStopParams } from './support/gated-stop-workload.js';

export default defineScenario<GatedStopParams>((ctx) =>
  runGatedStopWorkload(ctx, `scaling-n${ctx.params.config.n}`, { readers: 1, churnTasks: 0 }),
);
