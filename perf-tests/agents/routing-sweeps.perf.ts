/**
 * Routing sweeps: batch size 1 – 1000, capability lookup among 10 – 1000
 * agents, concurrency 1 – 64 (points: support/sweep-points.ts; ci and smoke
 * run four concurrency points of the seven the full profile runs).
 */
import { findMetric, measureScenario, resolveProfile } from '../../src/harness/index.js';
import { SUITE } from './support/targets.js';
import { sweepPoints } from './support/sweep-points.js';

const points = sweepPoints(resolveProfile());
const first = (list: readonly number[]) => list[0] as number;
const last = (list: readonly number[]) => list[list.length - 1] as number;

describe('agents: routing sweeps', () => {
  test(`a message costs no more in a batch of ${last(points.batchSizes)} than alone`, async () => {
    const result = await measureScenario({
      suite: SUITE,
      scenario: 'routing-batch-size',
      variant: 'native',
      module: new URL('./routing-batch.scenario.ts', import.meta.url),
      params: { batchSizes: points.batchSizes, agents: 10, messageBytes: 64 },
      timeoutMs: 180_000,
    });
    // A batch resolves its target once and queues each message as a single send would:
    // the per-message cost must not grow with the batch (a copy or scan per message
    // would make it grow with the batch's length).
    const alone = findMetric(result, `batch${first(points.batchSizes)}.msgPerSec`).value;
    const batched = findMetric(result, `batch${last(points.batchSizes)}.msgPerSec`).value;
    expect(batched).toBeGreaterThan(alone / 2);
  }, 600_000);

  test(`capability lookup costs the same among ${last(points.lookupAgentCounts)} agents as among ${first(points.lookupAgentCounts)}`, async () => {
    const result = await measureScenario({
      suite: SUITE,
      scenario: 'capability-lookup',
      variant: 'native',
      module: new URL('./capability-lookup.scenario.ts', import.meta.url),
      params: { agentCounts: points.lookupAgentCounts, messageBytes: 64 },
      timeoutMs: 180_000,
    });
    // The directory looks a capability up in a map: O(1) in the agents registered. The same
    // ten receivers get the traffic at every point, so only the lookup can differ; a scan
    // over the agents would cut the rate by the ratio of the agent counts (100×).
    const few = findMetric(result, `lookup${first(points.lookupAgentCounts)}.msgPerSec`).value;
    const many = findMetric(result, `lookup${last(points.lookupAgentCounts)}.msgPerSec`).value;
    expect(many).toBeGreaterThan(few / 2);
  }, 600_000);

  test(`requests in flight overlap: ${last(points.concurrencies)} concurrent callers get more answers per second than one`, async () => {
    const result = await measureScenario({
      suite: SUITE,
      scenario: 'request-concurrency',
      variant: 'native',
      module: new URL('./request-concurrency.scenario.ts', import.meta.url),
      params: { concurrencies: points.concurrencies, agents: 10, messageBytes: 1024 },
      timeoutMs: 180_000,
    });
    // Requests in flight together share the dispatcher's turns (a turn handles up to
    // `turnBudget` messages), so 64 callers get more answers per second than one: 3.4–7× on a
    // quieter machine, 1.8× (median of 3 trials) at a load average of 16. A dispatcher that
    // yields to the event loop after each message gives 64 callers a tenth of one caller's
    // rate (54 K against 489 K/s), which fails this.
    const one = findMetric(result, `concurrency${first(points.concurrencies)}.requestsPerSec`).value;
    const many = findMetric(result, `concurrency${last(points.concurrencies)}.requestsPerSec`).value;
    expect(many).toBeGreaterThan(one);
  }, 600_000);
});
