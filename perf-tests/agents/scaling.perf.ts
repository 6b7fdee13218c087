/**
 * Horizontal scaling at 1, 10, 100, 1000 and 10 000 agents: spawn time,
 * throughput and memory at each, native and WASM.
 */
import { byProfile, findMetric, measureInterleaved, resolveProfile } from '../../src/harness/index.js';
import { CAXTON, SUITE } from './support/targets.js';
import { NOISY_SCENARIO_TRIALS } from './support/trials.js';

const agentCounts = byProfile(resolveProfile(), {
  smoke: [1, 10, 100, 1000],
  ci: [1, 10, 100, 1000, 10_000],
  full: [1, 10, 100, 1000, 10_000],
});
const largest = agentCounts[agentCounts.length - 1] as number;

describe('agents: horizontal scaling', () => {
  test(`spawns agents in well under Caxton's 100 ms, keeps routing above 50 K msg/s and stays under 10 MB per agent up to ${largest} agents`, async () => {
    const results = await measureInterleaved(
      (['native', 'wasm'] as const).map((agentKind) => ({
        suite: SUITE,
        scenario: 'horizontal-scaling',
        variant: agentKind,
        module: new URL('./scaling.scenario.ts', import.meta.url),
        params: { agentKind, agentCounts, messageBytes: 64, gateMemoryFrom: 1000 },
        trials: NOISY_SCENARIO_TRIALS['horizontal-scaling'],
        timeoutMs: 180_000,
      })),
    );
    for (const result of results) {
      expect(findMetric(result, 'spawnLatencyUs.p99').value).toBeLessThan(CAXTON.spawnMs * 1000);
      expect(findMetric(result, `agents${largest}.rssPerAgentBytes`).value).toBeLessThan(CAXTON.memoryPerAgentBytes);
      expect(findMetric(result, `agents${largest}.heapPerAgentBytes`).value).toBeLessThan(CAXTON.memoryPerAgentBytes);
      // Routing by capability is O(1) in the number of agents, but spreading messages over
      // many agents costs locality (one message per agent visit, a different WASM memory
      // each time): the rate may fall, yet by far less than the agent count grows, and it
      // stays above Caxton's acceptable throughput.
      const atTen = findMetric(result, 'agents10.msgPerSec').value;
      const atLargest = findMetric(result, `agents${largest}.msgPerSec`).value;
      expect(atLargest).toBeGreaterThan((atTen * 10) / largest);
      expect(atLargest).toBeGreaterThan(CAXTON.throughputPerSec.acceptable);
    }
  }, 900_000);
});
