/** Recovery after an agent crash: throw (native), trap and memory-limit overrun (WASM). */
import { findMetric } from '../../src/harness/result-model.js';
import { measureInterleaved } from '../../src/harness/measure-scenario.js';
import { CAXTON, SUITE } from './support/targets.js';

describe('agents: crash recovery', () => {
  test('a crashed agent is restarted and serving again in milliseconds, not Caxton’s 30 s, losing no request', async () => {
    const results = await measureInterleaved(
      (['native', 'wasm'] as const).map((agentKind) => ({
        suite: SUITE,
        scenario: 'crash-recovery',
        variant: agentKind,
        module: new URL('./crash-recovery.scenario.ts', import.meta.url),
        params: { agentKind },
        timeoutMs: 120_000,
      })),
    );
    for (const result of results) {
      expect(findMetric(result, 'lostRequests').value).toBe(0);
      // Restart is a synchronous re-instantiation on the next event-loop turn: far under 100 ms.
      expect(findMetric(result, 'restartRecoveryUs.p99').value).toBeLessThan(100_000);
      expect(findMetric(result, 'serviceRecoveryUs.max').value).toBeLessThan(CAXTON.recoveryMs * 1000);
    }
  }, 600_000);
});
