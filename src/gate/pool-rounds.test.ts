import { createHistogram, decodeHistogram, encodeHistogram } from '../harness/histogram/histogram.js';
import { latencyMetric, scenarioResult } from '../test-support/fixture-results.js';
import { poolRounds } from './pool-rounds.js';

function encoded(values: readonly number[]): string {
  const h = createHistogram('latencyUs');
  for (const v of values) h.recordValue(v);
  return encodeHistogram(h);
}

describe('poolRounds', () => {
  test('pools trials in round order, takes their median and merges histograms', () => {
    const round1 = [
      scenarioResult([latencyMetric([10, 30])], {
        histograms: { queryLatencyUs: { kind: 'latencyUs', unit: 'us', count: 2, encoded: encoded([10, 30]) } },
      }),
    ];
    const round2 = [
      scenarioResult([latencyMetric([20, 40])], {
        histograms: { queryLatencyUs: { kind: 'latencyUs', unit: 'us', count: 2, encoded: encoded([20, 40]) } },
      }),
    ];
    const [merged] = poolRounds([round1, round2]);
    expect(merged?.trialCount).toBe(4);
    expect(merged?.durationMs).toBe(200);
    expect(merged?.metrics[0]?.trials).toEqual([10, 30, 20, 40]);
    expect(merged?.metrics[0]?.value).toBe(25);
    const h = merged?.histograms['queryLatencyUs'];
    expect(h?.count).toBe(4);
    expect(decodeHistogram(h?.encoded ?? '').totalCount).toBe(4);
  });

  test('a scenario that failed in one round keeps the failure and only the completed rounds count', () => {
    const ok = scenarioResult([latencyMetric([10, 11])]);
    const failed = scenarioResult([], { state: 'errored', error: 'boom', trialCount: 0 });
    const [merged] = poolRounds([[ok], [failed]]);
    expect(merged).toMatchObject({ state: 'errored', error: 'boom', trialCount: 2 });
    expect(merged?.metrics[0]?.trials).toEqual([10, 11]);
    const [clean] = poolRounds([[ok], [ok]]);
    expect(clean && 'error' in clean).toBe(false);
  });
});
