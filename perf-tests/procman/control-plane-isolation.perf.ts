/**
 * Does a long stop block queries? v1 holds its write lock across the stop, so
 * queries wait for the gate; v2 answers from the actor's state at once.
 */
import { describeGatedStopSpec } from './support/gated-stop-spec.js';

describeGatedStopSpec({
  scenario: 'control-plane-isolation',
  title: 'v2 answers queries during a gated stop; v1 queries wait behind it',
  module: new URL('./control-plane-isolation.scenario.ts', import.meta.url),
  churn: false,
});
