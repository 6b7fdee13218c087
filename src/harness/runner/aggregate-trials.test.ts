import { createHistogram, encodeHistogram } from '../histogram/histogram.js';
import { aggregateTrials } from './aggregate-trials.js';
import type { TrialOutput } from './protocol.js';

function trial(samples: readonly number[], gate: TrialOutput['histograms'][number]['gate']): TrialOutput {
  const h = createHistogram('latencyUs');
  for (const v of samples) h.recordValue(v);
  return {
    histograms: [
      {
        name: 'opLatencyUs',
        kind: 'latencyUs',
        stats: ['p50', 'p90', 'p99', 'max'],
        gate,
        encoded: encodeHistogram(h),
        count: samples.length,
      },
    ],
    values: [{ name: 'errors', kind: 'count', value: samples.length % 2, gate: true }],
    notes: {},
    durationMs: 1,
  };
}

describe('aggregating trials', () => {
  test('gates every statistic but max by default, and tails with the tail noise', () => {
    const { metrics } = aggregateTrials([trial([10, 20, 30], true), trial([10, 20, 30], true)]);
    const byName = Object.fromEntries(metrics.map((m) => [m.name, m]));
    expect(byName['opLatencyUs.p50']?.gated).toBe(true);
    expect(byName['opLatencyUs.p99']?.gated).toBe(true);
    expect(byName['opLatencyUs.max']?.gated).toBe(false);
    expect(byName['opLatencyUs.p50']?.noise).toEqual({ relative: 0.15, absolute: 20 });
    expect(byName['opLatencyUs.p90']?.noise).toEqual({ relative: 0.3, absolute: 100 });
    expect(byName['errors']?.trials).toEqual([1, 1]);
  });

  test('a list gates only the statistics named', () => {
    const { metrics } = aggregateTrials([trial([10, 20, 30], ['p50'])]);
    expect(metrics.filter((m) => m.gated).map((m) => m.name)).toEqual(['opLatencyUs.p50', 'errors']);
  });

  test('a metric missing from one trial is an error naming it', () => {
    const second = { ...trial([1], true), values: [] };
    expect(() => aggregateTrials([trial([1], true), second])).toThrow('Metric `errors` was recorded in 1 of 2 trials');
  });
});
