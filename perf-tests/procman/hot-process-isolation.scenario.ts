/** Scenario `hot-process-isolation`: the gated-stop workload; its shape comes from the spec. */
import { defineScenario } from '../../src/harness/scenario.js';
import { runGatedStopWorkload } from './lib/gated-stop-workload.js';
import type { GatedStopParams } from './lib/gated-stop-workload.js';

export default defineScenario<GatedStopParams>((ctx) => runGatedStopWorkload(ctx, 'hot-process-isolation'));
