/** Scenario `cancellation-semantics`: a gated stop cancelled by its caller mid-flight. */
import { defineScenario } from '../../src/harness/scenario.js';
import { runCancellationWorkload } from './lib/cancellation-workload.js';
import type { CancellationParams } from './lib/cancellation-workload.js';

export default defineScenario<CancellationParams>((ctx) => runCancellationWorkload(ctx, 'cancellation-semantics'));
