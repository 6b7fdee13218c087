/**
 * Reads under write pressure: `readers` query loops and `writers` stop+start
 * tasks while a gated stop is in flight.
 */
import { describeGatedStopSpec } from './support/gated-stop-spec.js';

describeGatedStopSpec({
  scenario: 'read-heavy-write-heavy',
  title: 'v2 reads stay fast under writes; v1 reads queue behind them',
  module: new URL('./read-heavy-write-heavy.scenario.ts', import.meta.url),
  churn: true,
});
