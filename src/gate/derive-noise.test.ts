import {
  FIXTURE_ENVIRONMENT,
  fixtureCalibrationOf,
  latencyMetric,
  scenarioResult,
} from '../test-support/fixture-results.js';
import type { BaselineFile } from './baseline-file.js';
import { deriveNoise, mergeCalibrations } from './derive-noise.js';

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
  });

  test('with no committed baseline to set the runs against, the drift is not measured — not zero', () => {
    const runs = [run('a', [100, 100, 100]), run('b', [200, 200, 200])];
    const c = deriveNoise(runs, () => undefined, { environment, rounds: 1 });
    expect(c.metrics[KEY]).not.toHaveProperty('driftLogSd');
  });

  test('a run offset from the committed baseline beyond its trial noise is drift', () => {
    const runs = [run('a', [150, 151, 149]), run('b', [150, 152, 148])];
    const c = deriveNoise(runs, () => baselineWith([100, 101, 99]), { environment, rounds: 1 });
    expect(c.metrics[KEY]?.driftLogSd).toBeCloseTo(Math.log(1.5), 1);
    expect(c.metrics[KEY]?.driftCalibrations).toBe(1);
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

describe('mergeCalibrations', () => {
  const calibration = fixtureCalibrationOf;

  test("trial noise is the new calibration's; the day drift pools every calibration, weighted by how many", () => {
    const before = calibration({ [KEY]: { trialLogSd: 0.3, driftLogSd: 0.1, driftCalibrations: 3, trials: 12 } }, [
      'a',
    ]);
    const now = calibration({ [KEY]: { trialLogSd: 0.2, driftLogSd: 0.3, driftCalibrations: 1, trials: 12 } }, ['b']);
    const merged = mergeCalibrations(before, now);
    expect(merged.metrics[KEY]?.trialLogSd).toBe(0.2);
    expect(merged.metrics[KEY]?.driftLogSd).toBeCloseTo(Math.sqrt((3 * 0.01 + 0.09) / 4), 6);
    expect(merged.metrics[KEY]?.driftCalibrations).toBe(4);
    expect(merged.sourceRuns).toEqual(['a', 'b']);
  });

  test('a drift measured once is kept when the next calibration could not measure it, and the reverse', () => {
    const measured = calibration({ [KEY]: { trialLogSd: 0.3, driftLogSd: 0.1, driftCalibrations: 1, trials: 12 } }, [
      'a',
    ]);
    const unmeasured = calibration({ [KEY]: { trialLogSd: 0.2, trials: 12 } }, ['b']);
    expect(mergeCalibrations(measured, unmeasured).metrics[KEY]).toEqual({
      trialLogSd: 0.2,
      driftLogSd: 0.1,
      driftCalibrations: 1,
      trials: 12,
    });
    expect(mergeCalibrations(unmeasured, measured).metrics[KEY]?.driftLogSd).toBe(0.1);
  });

  test('metrics the new calibration did not measure are kept; another profile replaces the file', () => {
    const other = 'fixture/other/v2/queryLatencyUs.p99';
    const before = calibration({ [other]: { trialLogSd: 0.3, trials: 12 } }, ['a']);
    const now = calibration({ [KEY]: { trialLogSd: 0.2, trials: 12 } }, ['b']);
    expect(Object.keys(mergeCalibrations(before, now).metrics).sort()).toEqual([other, KEY].sort());
    expect(Object.keys(mergeCalibrations(before, { ...now, profile: 'full' }).metrics)).toEqual([KEY]);
  });
});
