/**
 * Request/response latency (p50 … p99.9, max), local routing latency, request
 * rate with 64 in flight, and agent response time (handle alone).
 */
import { findMetric, measureInterleaved } from '../../src/harness/index.js';
import { CAXTON, SUITE } from './support/targets.js';
import { NOISY_SCENARIO_TRIALS } from './support/trials.js';

const MS_IN_NS = 1_000_000;

describe('agents: latency', () => {
  test('request/response stays under Caxton’s p50 1 ms and p99 10 ms; local routing p99 under 1 ms', async () => {
    const results = await measureInterleaved(
      (['native', 'wasm'] as const).map((agentKind) => ({
        suite: SUITE,
        scenario: 'request-latency',
        variant: agentKind,
        module: new URL('./latency.scenario.ts', import.meta.url),
        params: { agentKind, agents: 10, messageBytes: 1024, concurrency: 64 },
        trials: NOISY_SCENARIO_TRIALS['request-latency'],
        timeoutMs: 120_000,
      })),
    );
    for (const result of results) {
      expect(findMetric(result, 'requestLatencyNs.p50').value).toBeLessThan(CAXTON.latencyP50Ms * MS_IN_NS);
      expect(findMetric(result, 'requestLatencyNs.p99').value).toBeLessThan(CAXTON.latencyP99Ms * MS_IN_NS);
      // Caxton's ADR asks for local routing p99 of 1 ms.
      expect(findMetric(result, 'routingLatencyNs.p99').value).toBeLessThan(1 * MS_IN_NS);
      expect(findMetric(result, 'requestsPerSec').value).toBeGreaterThan(CAXTON.throughputPerSec.critical);
    }
  }, 600_000);

  test('an agent handles a 1 KB request in microseconds, natively and in WASM', async () => {
    const results = await measureInterleaved(
      (['native', 'wasm'] as const).map((agentKind) => ({
        suite: SUITE,
        scenario: 'agent-response-time',
        variant: agentKind,
        module: new URL('./response-time.scenario.ts', import.meta.url),
        params: { agentKind, primesBelow: 1000 },
        trials: NOISY_SCENARIO_TRIALS['agent-response-time'],
        timeoutMs: 120_000,
      })),
    );
    for (const result of results) {
      // FNV-1a over 1 KB is ~1 k multiply-xor steps: far below 100 µs on any machine.
      expect(findMetric(result, 'handle1KBNs.median').value).toBeLessThan(100_000);
      expect(findMetric(result, 'handleComputeNs.median').value).toBeLessThan(CAXTON.latencyP50Ms * MS_IN_NS);
    }
  }, 600_000);
});
