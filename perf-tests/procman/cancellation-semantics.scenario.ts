/** Scenario `cancellation-semantics`: a gated stop cancelled by its caller mid-flight. */
import { defineScenario } from '../../src/harness/scenario.js';
import { runCancellationWorkload } from './support/cancellation-workload.js';
import type { CancellationParams } from './support/cancellation-workload.js';

export default defineScenario<CancellationParams>((ctx) => runCancellationWorkload(ctx, 'cancellation-semantics'));
