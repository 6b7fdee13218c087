import { createHistogram, encodeHistogram } from '../histogram/histogram.js';
import { aggregateTrials, hasSamplesAbove } from './aggregate-trials.js';
import type { TrialOutput } from './protocol.js';

function trial(
  samples: readonly number[],
  gate: TrialOutput['histograms'][number]['gate'],
  stepsPerUnit = 1,
): TrialOutput {
  const h = createHistogram('latencyUs');
  for (const v of samples) h.recordValue(Math.round(v * stepsPerUnit));
  return {
    histograms: [
      {
        name: 'opLatencyUs',
        kind: 'latencyUs',
        stats: ['p50', 'p90', 'p99', 'max'],
        gate,
        encoded: encodeHistogram(h),
        count: samples.length,
        stepsPerUnit,
      },
    ],
    values: [{ name: 'errors', kind: 'count', value: samples.length % 2, gate: true }],
    notes: {},
    durationMs: 1,
  };
}

describe('aggregating trials', () => {
  test('gates every statistic but max by default, and tails with the tail noise', () => {
    const many = Array.from({ length: 200 }, (_, i) => 10 + i);
    const { metrics } = aggregateTrials([trial(many, true), trial(many, true)]);
    const byName = Object.fromEntries(metrics.map((m) => [m.name, m]));
    expect(byName['opLatencyUs.p50']?.gated).toBe(true);
    expect(byName['opLatencyUs.p99']?.gated).toBe(true);
    expect(byName['opLatencyUs.max']?.gated).toBe(false);
    expect(byName['opLatencyUs.p50']?.noise).toEqual({ relative: 0.15, absolute: 20 });
    expect(byName['opLatencyUs.p90']?.noise).toEqual({ relative: 0.3, absolute: 100 });
    expect(byName['errors']?.trials).toEqual([0, 0]);
  });

  test('statistics come out in the unit, whatever the steps the histogram recorded', () => {
    const sub = Array.from({ length: 100 }, (_, i) => 2 + i / 100);
    const { metrics, histograms } = aggregateTrials([trial(sub, true, 1000), trial(sub, true, 1000)]);
    const p50 = metrics.find((m) => m.name === 'opLatencyUs.p50');
    expect(p50?.value).toBeCloseTo(2.49, 2);
    expect(histograms['opLatencyUs']?.stepsPerUnit).toBe(1000);
    expect(() => aggregateTrials([trial(sub, true, 1000), trial(sub, true, 1)])).toThrow('different steps per unit');
  });

  test('a percentile with no sample above it (p99 of 18 samples is the max) is not gated', () => {
    const few = Array.from({ length: 18 }, (_, i) => 100 + i);
    const { metrics } = aggregateTrials([trial(few, true), trial(few, true)]);
    const gated = metrics.filter((m) => m.gated).map((m) => m.name);
    expect(gated).toEqual(['opLatencyUs.p50', 'opLatencyUs.p90', 'errors']);
    expect(hasSamplesAbove('p99', [100, 194])).toBe(true);
    expect(hasSamplesAbove('p99', [99, 194])).toBe(false);
  });

  test('a list gates only the statistics named', () => {
    const { metrics } = aggregateTrials([
      trial(
        Array.from({ length: 200 }, (_, i) => i + 1),
        ['p50'],
      ),
    ]);
    expect(metrics.filter((m) => m.gated).map((m) => m.name)).toEqual(['opLatencyUs.p50', 'errors']);
  });

  test('a metric missing from one trial is an error naming it', () => {
    const second = { ...trial([1], true), values: [] };
    expect(() => aggregateTrials([trial([1], true), second])).toThrow('Metric `errors` was recorded in 1 of 2 trials');
  });
});
