import { FIXTURE_ENVIRONMENT, latencyMetric, scenarioResult } from '../test-support/fixture-results.js';
import type { BaselineFile } from './baseline-file.js';
import { deriveNoise } from './derive-noise.js';

const environment = FIXTURE_ENVIRONMENT;

const run = (runId: string, trials: number[]) => ({ runId, scenarios: [scenarioResult([latencyMetric(trials)])] });
const KEY = 'fixture/steady/v2/queryLatencyUs.p99';

function baselineWith(trials: number[]): BaselineFile {
  const m = latencyMetric(trials);
  return {
    version: 1,
    suite: 'fixture',
    scenarios: {
      'steady/v2': {
        profile: 'ci',
        updatedAt: '2026-11-01',
        environment: {},
        params: {},
        metrics: { [m.name]: { ...m } },
        histograms: {},
      },
    },
  };
}

describe('deriveNoise', () => {
  test('σ of log trial values over every run, rounds and sides together', () => {
    const runs = [run('a', [100, 100, 100]), run('b', [200, 200, 200])];
    const c = deriveNoise(runs, () => undefined, { environment, rounds: 1 });
    const expected = Math.log(2) / 2 / Math.sqrt(5 / 6);
    expect(c.metrics[KEY]?.trialLogSd).toBeCloseTo(expected, 5);
    expect(c.metrics[KEY]?.trials).toBe(6);
    expect(c.sourceRuns).toEqual(['a', 'b']);
    expect(c.metrics[KEY]?.driftLogSd).toBe(0);
  });

  test('a run offset from the committed baseline beyond its trial noise is drift', () => {
    const runs = [run('a', [150, 151, 149]), run('b', [150, 152, 148])];
    const c = deriveNoise(runs, () => baselineWith([100, 101, 99]), { environment, rounds: 1 });
    expect(c.metrics[KEY]?.driftLogSd).toBeCloseTo(Math.log(1.5), 1);
  });

  test('metrics with a zero or negative value are not calibrated', () => {
    const runs = [run('a', [0, 1, 2]), run('b', [1, 2, 3])];
    expect(deriveNoise(runs, () => undefined, { environment, rounds: 1 }).metrics[KEY]).toBeUndefined();
  });

  test('a metric some runs did not measure is not calibrated from the others', () => {
    const runs = [run('a', [100, 101, 99]), { runId: 'b', scenarios: [] }];
    expect(deriveNoise(runs, () => undefined, { environment, rounds: 1 }).metrics[KEY]).toBeUndefined();
  });
});
