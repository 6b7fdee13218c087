import {
  clampToRange,
  createHistogram,
  decodeHistogram,
  encodeHistogram,
  histogramStat,
  HistogramDecodeError,
  mergeHistograms,
} from './histogram.js';

describe('histograms', () => {
  test('survive a compressed base64 round trip', () => {
    const h = createHistogram('latencyUs');
    for (let v = 1; v <= 10_000; v += 1) h.recordValue(v);
    const decoded = decodeHistogram(encodeHistogram(h));
    expect(decoded.totalCount).toBe(10_000);
    expect(histogramStat(decoded, 'p50')).toBe(histogramStat(h, 'p50'));
    expect(histogramStat(decoded, 'p99')).toBe(histogramStat(h, 'p99'));
    // After decoding, max is the top of its bucket: equal within 3 significant digits.
    expect(Math.abs(histogramStat(decoded, 'max') - 10_000)).toBeLessThanOrEqual(10);
    // 3 significant digits: p50 of 1..10000 within 0.1 %.
    expect(Math.abs(histogramStat(decoded, 'p50') - 5000) / 5000).toBeLessThan(0.001);
  });

  test('merge adds counts and keeps the extremes', () => {
    const a = createHistogram('latencyUs');
    const b = createHistogram('latencyUs');
    a.recordValue(100);
    b.recordValue(900_000);
    const merged = mergeHistograms('latencyUs', [a, b]);
    expect(merged.totalCount).toBe(2);
    expect(histogramStat(merged, 'max')).toBeGreaterThanOrEqual(899_000);
  });

  test('an empty histogram reports 0 for every statistic', () => {
    expect(histogramStat(createHistogram('latencyUs'), 'p99')).toBe(0);
  });

  test('a bad string is a HistogramDecodeError', () => {
    expect(() => decodeHistogram('not a histogram')).toThrow(HistogramDecodeError);
    expect(() => decodeHistogram('')).toThrow('Expected a compressed base64 histogram');
  });

  test('samples are rounded and clamped into range; negative ones are refused', () => {
    expect(clampToRange('durationNs', 1.6)).toBe(2);
    expect(clampToRange('latencyMs', 1e15)).toBe(3_600_000);
    expect(() => clampToRange('latencyUs', -1)).toThrow('finite non-negative');
  });

  test('a microsecond histogram records nanosecond steps, so a 2.4 µs median is not rounded to 2', () => {
    expect(clampToRange('latencyUs', 2.4)).toBe(2400);
    expect(clampToRange('latencyUs', 1e15)).toBe(3_600_000_000_000);
    const h = createHistogram('latencyUs');
    for (const us of [2.4, 2.4, 2.5]) h.recordValue(clampToRange('latencyUs', us));
    expect(histogramStat(h, 'p50', 1000)).toBeCloseTo(2.4, 2);
    expect(histogramStat(h, 'max', 1000)).toBeCloseTo(2.5, 2);
  });
});
