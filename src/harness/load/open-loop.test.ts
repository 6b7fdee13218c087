import { FakeClock } from '../../test-support/fake-clock.js';
import { intendedSendTimeMs, runOpenLoop } from './open-loop.js';

describe('open loop', () => {
  test('spaces requests evenly at a constant rate', () => {
    expect(intendedSendTimeMs(0, 1000)).toBe(0);
    expect(intendedSendTimeMs(10, 1000)).toBe(10);
    expect(intendedSendTimeMs(5, 200)).toBe(25);
  });

  test('a linear ramp sends the integral of the rate', () => {
    // 0 → 1000/s over 1000 ms sends 500 requests during the ramp.
    expect(intendedSendTimeMs(500, 1000, 1000, 0)).toBeCloseTo(1000, 6);
    expect(intendedSendTimeMs(125, 1000, 1000, 0)).toBeCloseTo(500, 6); // N(t) = t²/2000
    expect(intendedSendTimeMs(501, 1000, 1000, 0)).toBeCloseTo(1001, 6);
  });

  test('a 100 ms stall at 1 kHz is measured from the intended send times (no coordinated omission)', async () => {
    const clock = new FakeClock();
    clock.stallAt(500, 100);
    const latencies: number[] = [];
    const result = await runOpenLoop({
      ratePerSec: 1000,
      durationMs: 1000,
      send: () => Promise.resolve(),
      onLatency: (ms) => latencies.push(ms),
      clock,
    });
    expect(result.sent).toBe(1000);
    expect(result.completed).toBe(1000);
    expect(result.errors).toBe(0);
    // Requests intended during the stall answer when it ends: their latency
    // counts down from ~100 ms to ~1 ms, one per millisecond of the stall.
    const stalled = latencies.filter((ms) => ms >= 1);
    expect(stalled).toHaveLength(100);
    expect(Math.max(...latencies)).toBeCloseTo(100, 0);
    expect(latencies.filter((ms) => ms >= 50)).toHaveLength(51);
    // A closed loop would have recorded one slow sample, not 100.
  });

  test('counts failed requests as errors, not latencies', async () => {
    const clock = new FakeClock();
    const latencies: number[] = [];
    const result = await runOpenLoop({
      ratePerSec: 100,
      durationMs: 100,
      send: (i) => (i % 2 === 0 ? Promise.resolve() : Promise.reject(new Error('boom'))),
      onLatency: (ms) => latencies.push(ms),
      clock,
    });
    expect(result.sent).toBe(10);
    expect(result.errors).toBe(5);
    expect(latencies).toHaveLength(5);
  });

  test('rejects a rate that is not positive', async () => {
    await expect(
      runOpenLoop({ ratePerSec: 0, durationMs: 10, send: () => Promise.resolve(), onLatency: () => undefined }),
    ).rejects.toThrow('Expected `ratePerSec` to be a positive number of requests per second, got `0` (number)');
  });
});
