import { DurationHistogram } from './duration-histogram.js';

describe('DurationHistogram', () => {
  it('is exact for small values and says 0 when empty', () => {
    const h = new DurationHistogram();
    expect(h.percentileUs(50)).toBe(0);
    for (const v of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) h.record(v);
    expect(h.percentileUs(50)).toBe(5);
    expect(h.percentileUs(100)).toBe(10);
  });

  it('keeps every percentile within 12.5 % above the true value, never above the largest sample', () => {
    const h = new DurationHistogram();
    const values = Array.from({ length: 1000 }, (_, i) => 17 + i * 997);
    for (const v of values) h.record(v);
    for (const p of [50, 90, 99]) {
      const truth = values[Math.ceil((p / 100) * values.length) - 1]!;
      expect(h.percentileUs(p)).toBeGreaterThanOrEqual(truth);
      expect(h.percentileUs(p)).toBeLessThanOrEqual(truth * 1.125);
    }
    expect(h.percentileUs(100)).toBe(values.at(-1));
    expect(h.count).toBe(1000);
  });
});
