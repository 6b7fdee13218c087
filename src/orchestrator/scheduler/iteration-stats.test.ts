import { IterationStats, type IterationTiming } from './iteration-stats.js';

const timing = (totalUs: number, work: number): IterationTiming => ({
  steps: { expandRuns: totalUs / 2, dispatchTasks: totalUs / 2, writeUpdates: 0, reclaimLeases: 0 },
  totalUs,
  work,
});

describe('IterationStats', () => {
  it('summarises per-iteration durations: all of them, and those that did work', () => {
    const stats = new IterationStats();
    for (let i = 1; i <= 90; i += 1) stats.record(timing(10, 0)); // idle: 10 µs each
    for (let i = 1; i <= 10; i += 1) stats.record(timing(1000 * i, 1)); // busy: 1–10 ms
    const summary = stats.summary();
    expect(summary.iterations).toBe(100);
    expect(summary.busyIterations).toBe(10);
    expect(summary.maxUs).toBe(10_000);
    expect(summary.iterationUs.p50).toBe(10);
    expect(summary.iterationUs.p99).toBeGreaterThanOrEqual(9_000);
    expect(summary.busyIterationUs.p50).toBeGreaterThanOrEqual(5_000);
    expect(summary.busyIterationUs.p50).toBeLessThanOrEqual(5_000 * 1.125);
    expect(summary.stepTotalsUs.expandRuns).toBe(summary.totalUs / 2);
  });
});
