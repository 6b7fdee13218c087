/** Arithmetic mean of a non-empty list. */
export function mean(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('Expected at least one value for a mean, got none');
  return values.reduce((a, v) => a + v, 0) / values.length;
}

/** Sample variance (n − 1 in the denominator); 0 for fewer than two values. */
export function sampleVariance(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  return values.reduce((a, v) => a + (v - m) * (v - m), 0) / (values.length - 1);
}

/** Sample standard deviation; 0 for fewer than two values. */
export function sampleSd(values: readonly number[]): number {
  return Math.sqrt(sampleVariance(values));
}
