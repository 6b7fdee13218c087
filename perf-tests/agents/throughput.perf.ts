/**
 * Message throughput by size (64 B – 32 KB) for native and WASM agents, and
 * task processing by a pool of agents.
 */
import { findMetric, measureInterleaved } from '../../src/harness/index.js';
import { CAXTON, SUITE } from './support/targets.js';
import { NOISY_SCENARIO_TRIALS } from './support/trials.js';

const messageBytes = [64, 1024, 32 * 1024];

describe('agents: throughput', () => {
  test('routes at least Caxton’s 100 K msg/s to native agents at every size, and into WASM agents up to 1 KB', async () => {
    const [native, wasm] = await measureInterleaved(
      (['native', 'wasm'] as const).map((agentKind) => ({
        suite: SUITE,
        scenario: 'message-throughput',
        variant: agentKind,
        module: new URL('./throughput.scenario.ts', import.meta.url),
        params: { agentKind, agents: 10, messageBytes },
        trials: NOISY_SCENARIO_TRIALS['message-throughput'],
        timeoutMs: 120_000,
      })),
    );
    if (!native || !wasm) throw new Error('missing result');
    // Native routing passes payloads by reference: the size must not matter.
    for (const size of ['64B', '1KB', '32KB']) {
      expect(findMetric(native, `msgPerSec.${size}`).value).toBeGreaterThan(CAXTON.throughputPerSec.target);
    }
    // A WASM agent receives a copy in its linear memory: bounded by bytes copied at large sizes.
    expect(findMetric(wasm, 'msgPerSec.64B').value).toBeGreaterThan(CAXTON.throughputPerSec.target);
    expect(findMetric(wasm, 'msgPerSec.1KB').value).toBeGreaterThan(CAXTON.throughputPerSec.target);
    // At 32 KB a message is its one copy into the agent's memory: the rate is the copy's alone,
    // measured in the same trial, so the bound moves with the machine. At least a quarter of the
    // copy's rate: an allocation of the payload's size per message fails it (docs/decisions.md,
    // "A WASM agent's 32 KB rate is gated as a fraction of the copy alone").
    expect(findMetric(wasm, 'copyCeilingFraction.32KB').value).toBeGreaterThan(0.25);
  }, 600_000);

  test('a pool of 10 agents processes 1000 concurrent compute tasks', async () => {
    const [native, wasm] = await measureInterleaved(
      (['native', 'wasm'] as const).map((agentKind) => ({
        suite: SUITE,
        scenario: 'task-processing',
        variant: agentKind,
        module: new URL('./task-processing.scenario.ts', import.meta.url),
        params: { agentKind, poolSize: 10, tasksPerBatch: 1000, primesBelow: 1000 },
        timeoutMs: 120_000,
      })),
    );
    if (!native || !wasm) throw new Error('missing result');
    // Each task counts the primes below 1000 (~170 trial divisions per number): thousands per second, not hundreds.
    expect(findMetric(native, 'tasksPerSec').value).toBeGreaterThan(1000);
    expect(findMetric(wasm, 'tasksPerSec').value).toBeGreaterThan(1000);
  }, 600_000);
});
