/**
 * Do lifecycle operations on some processes slow down queries about all?
 * Stop+start churn on the plain processes while a gated stop is in flight,
 * then the same churn alone (the churnWindow… metrics), where v1's queries
 * wait for the churn itself — reported, not asserted: on a quiet machine v1's
 * p95 there leaves no wide margin over a 10× bar (docs/decisions.md, "Procman:
 * v1's contention under churn is measured without the gate"); bulk-stop-start
 * asserts it.
 */
import { describeGatedStopSpec } from './support/gated-stop-spec.js';

describeGatedStopSpec({
  scenario: 'concurrent-ops-isolation',
  title: 'v2 queries stay fast under stop+start churn; v1 queries wait for every operation',
  module: new URL('./concurrent-ops-isolation.scenario.ts', import.meta.url),
  churn: true,
});
