/**
 * Routing sweeps: batch size 1 – 1000, capability lookup among 10 – 1000
 * agents, concurrency 1 – 64 (points: support/sweep-points.ts; ci and smoke
 * run four concurrency points of the seven the full profile runs).
 */
import { findMetric, measureScenario, resolveProfile } from '../../src/harness/index.js';
import { SUITE } from './support/targets.js';
import { sweepPoints } from './support/sweep-points.js';
import { NOISY_SCENARIO_TRIALS } from './support/trials.js';

const points = sweepPoints(resolveProfile());
const first = (list: readonly number[]) => list[0] as number;
const last = (list: readonly number[]) => list[list.length - 1] as number;

/** Runs one sweep scenario and returns its result. */
function measureSweepScenario(scenario: string, file: string, params: Record<string, unknown>, trials?: number) {
  return measureScenario({
    suite: SUITE,
    scenario,
    variant: 'native',
    module: new URL(file, import.meta.url),
    params,
    timeoutMs: 180_000,
    ...(trials === undefined ? {} : { trials }),
  });
}

describe('agents: routing sweeps', () => {
  test(`a message costs no more in a batch of ${last(points.batchSizes)} than alone`, async () => {
    const result = await measureSweepScenario('routing-batch-size', './routing-batch.scenario.ts', {
      batchSizes: points.batchSizes,
      agents: 10,
      messageBytes: 64,
    });
    // A batch resolves its target once and queues each message as a single send would:
    // the per-message cost must not grow with the batch (a copy or scan per message
    // would make it grow with the batch's length).
    const alone = findMetric(result, `batch${first(points.batchSizes)}.msgPerSec`).value;
    const batched = findMetric(result, `batch${last(points.batchSizes)}.msgPerSec`).value;
    expect(batched).toBeGreaterThan(alone / 2);
  }, 600_000);

  test(`capability lookup costs the same among ${last(points.lookupAgentCounts)} agents as among ${first(points.lookupAgentCounts)}`, async () => {
    const result = await measureSweepScenario(
      'capability-lookup',
      './capability-lookup.scenario.ts',
      { agentCounts: points.lookupAgentCounts, messageBytes: 64 },
      NOISY_SCENARIO_TRIALS['capability-lookup'],
    );
    // The directory looks a capability up in a map: O(1) in the agents registered. The same
    // ten receivers get the traffic at every point, so only the lookup can differ; a scan
    // over the agents would cut the rate by the ratio of the agent counts (100×).
    const few = findMetric(result, `lookup${first(points.lookupAgentCounts)}.msgPerSec`).value;
    const many = findMetric(result, `lookup${last(points.lookupAgentCounts)}.msgPerSec`).value;
    expect(many).toBeGreaterThan(few / 2);
  }, 600_000);

  test(`${last(points.concurrencies)} requests in flight share the dispatcher's turns`, async () => {
    const result = await measureSweepScenario(
      'request-concurrency',
      './request-concurrency.scenario.ts',
      { concurrencies: points.concurrencies, agents: 10, messageBytes: 1024 },
      NOISY_SCENARIO_TRIALS['request-concurrency'],
    );
    // A dispatcher turn handles every message queued when it runs (up to `turnBudget`), so
    // requests in flight together are answered in one turn: with 64 in flight a turn handles
    // about 64. A dispatcher that takes one message per turn (yielding to the event loop in
    // between) handles 1, and this fails. The rates per point are reported, not asserted: what
    // the overlap gains in requests per second is the machine's.
    const concurrency = last(points.concurrencies);
    const perTurn = findMetric(result, `concurrency${concurrency}.requestsPerTurn`);
    expect(Math.min(...perTurn.trials)).toBeGreaterThan(concurrency / 2);
  }, 600_000);
});
