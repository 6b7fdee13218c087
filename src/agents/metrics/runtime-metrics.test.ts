import { RuntimeMetrics } from './runtime-metrics.js';

describe('RuntimeMetrics', () => {
  it('reports cumulative and interval percentiles and counters over the injected clock', () => {
    let nowMs = 100;
    const metrics = new RuntimeMetrics(() => nowMs);
    for (let us = 1; us <= 1000; us++) metrics.recordRequestLatencyUs(us);
    metrics.counters.sent = 1000;
    metrics.counters.crashes = 10;
    nowMs = 1100;
    const first = metrics.intervalSnapshot();
    expect(first.periodMs).toBe(1000);
    expect(first.requestLatencyUs).toMatchObject({ count: 1000, p50: 500, p99: 990, max: 1000 });
    expect(first.errorRate).toBeCloseTo(0.01);
    metrics.recordRequestLatencyUs(7);
    metrics.counters.sent += 1;
    nowMs = 1600;
    const second = metrics.intervalSnapshot();
    expect(second).toMatchObject({ periodMs: 500, errorRate: 0, requestLatencyUs: { count: 1, p99: 7 } });
    expect(second.counters.sent).toBe(1);
    expect(metrics.snapshot()).toMatchObject({
      periodMs: 1500,
      requestLatencyUs: { count: 1001 },
      counters: { sent: 1001 },
    });
  });
});
