/** Scenario `bulk-stop-start`: every process stopped and started again by bounded-concurrency tasks while one loop queries. */
import { defineScenario } from '../../src/harness/scenario.js';
import { runBulkStopStartWorkload } from './support/bulk-stop-start-workload.js';
import type { BulkStopStartParams } from './support/bulk-stop-start-workload.js';

export default defineScenario<BulkStopStartParams>((ctx) => runBulkStopStartWorkload(ctx, 'bulk-stop-start'));
