/**
 * Read-heavy / write-heavy: a gated stop is in flight while `readers` query
 * loops and `writers` stop+start tasks run at the same time; then the same
 * readers and writers with nothing else in flight.
 */
import { defineScenario } from '../../src/harness/scenario.js';
import { runGatedStopWorkload } from './support/gated-stop-workload.js';
import type { GatedStopParams } from './support/gated-stop-workload.js';

export default defineScenario<GatedStopParams>((ctx) =>
  runGatedStopWorkload(ctx, 'read-heavy-write-heavy', {
    readers: ctx.params.config.readers,
    churnTasks: ctx.params.config.writers,
  }),
);
