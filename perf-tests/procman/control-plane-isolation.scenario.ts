/**
 * Control-plane isolation: a gated stop is in flight while one paced loop
 * queries getAllProcessInfo. Nothing else happens.
 */
import { defineScenario } from '../../src/harness/scenario.js';
import { runGatedStopWorkload } from './support/gated-stop-workload.js';
import type { GatedStopParams } from './support/gated-stop-workload.js';

export default defineScenario<GatedStopParams>((ctx) =>
  runGatedStopWorkload(ctx, 'control-plane-isolation', { readers: 1, churnTasks: 0 }),
);
