import { FakeClock } from '../../test-support/fake-clock.js';
import { runPacedLoop } from './paced-loop.js';

describe('paced closed loop', () => {
  test('sends one request per pace and records answered latencies', async () => {
    const clock = new FakeClock();
    const latencies: number[] = [];
    const result = await runPacedLoop({
      paceMs: 10,
      durationMs: 100,
      timeoutMs: 50,
      request: () => clock.sleep(2),
      onLatency: (ms) => latencies.push(ms),
      clock,
    });
    expect(result.attempted).toBe(10);
    expect(result.answered).toBe(10);
    expect(result.timeouts).toBe(0);
    expect(latencies.every((ms) => ms === 2)).toBe(true);
  });

  test('counts a request that outlives its timeout as a timeout, not a sample', async () => {
    const clock = new FakeClock();
    const latencies: number[] = [];
    const never = new Promise<void>(() => undefined);
    const result = await runPacedLoop({
      paceMs: 10,
      durationMs: 100,
      timeoutMs: 30,
      request: () => never,
      onLatency: (ms) => latencies.push(ms),
      clock,
    });
    expect(result.timeouts).toBe(result.attempted);
    expect(result.attempted).toBe(4); // 0, 30, 60, 90 ms: each waits its full timeout
    expect(latencies).toHaveLength(0);
  });
});
