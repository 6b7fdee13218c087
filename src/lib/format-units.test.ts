import { formatChange, formatValue } from './format-units.js';

describe('formatValue', () => {
  test('times take the largest unit that keeps the number readable', () => {
    expect(formatValue(1500, 'us')).toBe('1.50 ms');
    expect(formatValue(8.5, 'us')).toBe('8.50 µs');
    expect(formatValue(31.2, 'ns')).toBe('31.2 ns');
  });

  test('a zero keeps the metric’s own unit (a µs metric is not "0.00 ns")', () => {
    expect(formatValue(0, 'us')).toBe('0 µs');
    expect(formatValue(0, 'ms')).toBe('0 ms');
  });

  test('missing values and changes print a dash', () => {
    expect(formatValue(undefined, 'us')).toBe('—');
    expect(formatChange(undefined)).toBe('—');
    expect(formatChange(1.125)).toBe('+12.5 %');
  });
});
