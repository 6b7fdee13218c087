import { MetricsCollector } from './metrics-collector.js';

describe('metrics collector', () => {
  test('counts, gauges and timing summaries by name', () => {
    const metrics = new MetricsCollector();
    metrics.increment('a');
    metrics.increment('a', 2);
    metrics.setGauge('g', 5);
    metrics.addToGauge('g', -2);
    metrics.recordTiming('t', 3);
    metrics.recordTiming('t', 1);
    expect(metrics.counter('a')).toBe(3);
    expect(metrics.counter('unknown')).toBe(0);
    expect(metrics.snapshot()).toEqual({
      counters: { a: 3 },
      gauges: { g: 3 },
      timings: { t: { count: 2, sumMs: 4, maxMs: 3 } },
    });
  });

  test('a snapshot is a copy', () => {
    const metrics = new MetricsCollector();
    metrics.recordTiming('t', 1);
    const before = metrics.snapshot();
    metrics.recordTiming('t', 9);
    expect(before.timings.t).toEqual({ count: 1, sumMs: 1, maxMs: 1 });
  });
});
