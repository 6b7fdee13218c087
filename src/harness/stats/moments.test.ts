import { mean, sampleSd, sampleVariance } from './moments.js';

describe('moments', () => {
  test('mean, and the sample variance and deviation with n − 1', () => {
    expect(mean([1, 2, 3, 6])).toBe(3);
    expect(sampleVariance([1, 2, 3, 6])).toBeCloseTo(14 / 3, 12);
    expect(sampleSd([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 12);
  });

  test('fewer than two values have no spread; no values have no mean', () => {
    expect(sampleVariance([5])).toBe(0);
    expect(sampleSd([])).toBe(0);
    expect(() => mean([])).toThrow('Expected at least one value for a mean, got none');
  });
});
