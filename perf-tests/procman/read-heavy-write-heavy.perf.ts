/**
 * Reads under write pressure: `readers` query loops and `writers` stop+start
 * tasks while a gated stop is in flight, then the same readers and writers
 * alone (the churnWindow… metrics), where v1's reads wait for the writes —
 * reported, not asserted: on a quiet machine v1's p95 there is under 10× v2's
 * (docs/decisions.md, "v1's contention under churn").
 */
import { describeGatedStopSpec } from './support/gated-stop-spec.js';

describeGatedStopSpec({
  scenario: 'read-heavy-write-heavy',
  title: 'v2 reads stay fast under writes; v1 reads queue behind them',
  module: new URL('./read-heavy-write-heavy.scenario.ts', import.meta.url),
  churn: true,
});
