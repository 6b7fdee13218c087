import {
  FIXTURE_ENVIRONMENT,
  fixtureCalibrationOf,
  latencyMetric,
  scenarioResult,
} from '../test-support/fixture-results.js';
import type { BaselineFile } from './baseline-file.js';
import { deriveNoise, mergeCalibrations, mergeDrift } from './derive-noise.js';

const environment = FIXTURE_ENVIRONMENT;

/** Runs measured on 2026-12-01, another day than the fixture baseline's (2026-11-01). */
const run = (runId: string, trials: number[], date = '2026-12-01T10:00:00.000Z') => ({
  runId,
  date,
  scenarios: [scenarioResult([latencyMetric(trials)])],
});
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

  test("runs of the baseline's own day show no drift between days: the metric's drift is not measured", () => {
    const runs = [
      run('a', [150, 151, 149], '2026-11-01T20:00:00.000Z'),
      run('b', [150, 152, 148], '2026-11-01T21:00:00.000Z'),
    ];
    const c = deriveNoise(runs, () => baselineWith([100, 101, 99]), { environment, rounds: 1 });
    expect(c.metrics[KEY]).not.toHaveProperty('driftLogSd');
    const mixed = [run('a', [150, 151, 149], '2026-11-01T20:00:00.000Z'), run('b', [150, 152, 148])];
    expect(
      deriveNoise(mixed, () => baselineWith([100, 101, 99]), { environment, rounds: 1 }).metrics[KEY]?.driftLogSd,
    ).toBeCloseTo(Math.log(1.5), 1);
  });

  test("a metric re-based on the runs' day is dated by itself, not by its older entry: no drift is measured", () => {
    const rebasedToday = (): BaselineFile => {
      const b = baselineWith([150, 151, 149]);
      const entry = b.scenarios['steady/v2']!;
      const metric = entry.metrics['queryLatencyUs.p99']!;
      const metrics = { 'queryLatencyUs.p99': { ...metric, updatedAt: '2026-12-01T09:00:00.000Z' } };
      return { ...b, scenarios: { 'steady/v2': { ...entry, metrics } } };
    };
    const runs = [run('a', [150, 151, 149]), run('b', [150, 152, 148])];
    expect(deriveNoise(runs, rebasedToday, { environment, rounds: 1 }).metrics[KEY]).not.toHaveProperty('driftLogSd');
    // The same baseline dated by its entry (another day) would have counted as a measured drift.
    expect(
      deriveNoise(runs, () => baselineWith([150, 151, 149]), { environment, rounds: 1 }).metrics[KEY],
    ).toMatchObject({ driftCalibrations: 1 });
  });

  test("a metric the baseline lacks takes its group's drift and counts no calibration of its own", () => {
    const newer = latencyMetric([300, 303, 297], { name: 'queryLatencyUs.p50' });
    const runs = ['a', 'b'].map((runId) => ({
      runId,
      date: '2026-12-01T10:00:00.000Z',
      scenarios: [scenarioResult([latencyMetric([150, 151, 149]), newer])],
    }));
    const c = deriveNoise(runs, () => baselineWith([100, 101, 99]), { environment, rounds: 1 });
    const groupValue = c.metrics[KEY]?.driftLogSd;
    expect(c.metrics[KEY]?.driftCalibrations).toBe(1);
    expect(c.metrics['fixture/steady/v2/queryLatencyUs.p50']).toMatchObject({
      driftLogSd: groupValue,
      driftCalibrations: 0,
    });
  });

  test("the group's drift is its metrics' median: one stale baseline does not set its siblings' drift", () => {
    const names = ['a', 'b', 'c'].map((n) => `queryLatencyUs.${n}`);
    const offsets = [1.1, 1.2, 50];
    const baseline = baselineWith([100, 101, 99]);
    const entry = baseline.scenarios['steady/v2']!;
    const metrics = Object.fromEntries(
      names.map((name) => [name, { ...entry.metrics['queryLatencyUs.p99']!, trials: [100, 101, 99] }]),
    );
    const withAll: BaselineFile = { ...baseline, scenarios: { 'steady/v2': { ...entry, metrics } } };
    const runs = ['r1', 'r2'].map((runId) => ({
      runId,
      date: '2026-12-01T10:00:00.000Z',
      scenarios: [
        scenarioResult([
          ...names.map((name, i) =>
            latencyMetric(
              [100, 101, 99].map((v) => v * offsets[i]!),
              { name },
            ),
          ),
          latencyMetric([100, 101, 99], { name: 'queryLatencyUs.new' }),
        ]),
      ],
    }));
    const c = deriveNoise(runs, () => withAll, { environment, rounds: 1 });
    // Own drifts ≈ log 1.1, log 1.2, log 50; the floor is the middle one, not their root mean square.
    expect(c.metrics['fixture/steady/v2/queryLatencyUs.new']?.driftLogSd).toBeCloseTo(Math.log(1.2), 2);
    expect(c.metrics['fixture/steady/v2/queryLatencyUs.a']?.driftLogSd).toBeCloseTo(Math.log(1.2), 2);
    expect(c.metrics['fixture/steady/v2/queryLatencyUs.c']?.driftLogSd).toBeCloseTo(Math.log(50), 2);
  });

  test('metrics with a zero or negative value are not calibrated', () => {
    const runs = [run('a', [0, 1, 2]), run('b', [1, 2, 3])];
    expect(deriveNoise(runs, () => undefined, { environment, rounds: 1 }).metrics[KEY]).toBeUndefined();
  });

  test('duet rounds give the twin noise: the root mean square of log(head / base) over every pair', () => {
    const duet = (round: number, side: 'base' | 'head', trials: number[]) => ({
      ...run(`${round}${side}`, trials),
      duet: { round, side },
    });
    const runs = [
      duet(1, 'base', [100, 200, 150]),
      duet(1, 'head', [110, 200, 150]),
      duet(2, 'base', [120, 90, 300]),
      duet(2, 'head', [120, 90, 270]),
    ];
    const c = deriveNoise(runs, () => undefined, { environment, rounds: 2 });
    expect(c.metrics[KEY]?.pairLogSd).toBeCloseTo(Math.sqrt((Math.log(1.1) ** 2 + Math.log(0.9) ** 2) / 6), 6);
    expect(c.metrics[KEY]?.pairs).toBe(6);
    // Rounds of whole runs have no twins.
    const plain = deriveNoise(
      runs.map(({ duet: _twin, ...plainRun }) => plainRun),
      () => undefined,
      {
        environment,
        rounds: 2,
      },
    );
    expect(plain.metrics[KEY]).not.toHaveProperty('pairLogSd');
  });

  test('a metric some runs did not measure is not calibrated from the others', () => {
    const runs = [run('a', [100, 101, 99]), { runId: 'b', date: '2026-12-01T10:00:00.000Z', scenarios: [] }];
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

  test("only measured drifts are pooled: a group's value (0 calibrations) yields to a measured one", () => {
    const entry = (driftLogSd: number, driftCalibrations: number) =>
      calibration({ [KEY]: { trialLogSd: 0.2, driftLogSd, driftCalibrations, trials: 12 } }, ['x']);
    expect(mergeCalibrations(entry(0.1, 3), entry(0.5, 0)).metrics[KEY]).toMatchObject({
      driftLogSd: 0.1,
      driftCalibrations: 3,
    });
    expect(mergeCalibrations(entry(0.1, 0), entry(0.3, 1)).metrics[KEY]).toMatchObject({
      driftLogSd: 0.3,
      driftCalibrations: 1,
    });
    // Two group values: the newer group's.
    expect(mergeCalibrations(entry(0.1, 0), entry(0.2, 0)).metrics[KEY]).toMatchObject({
      driftLogSd: 0.2,
      driftCalibrations: 0,
    });
    expect(mergeDrift(entry(0.1, 0), entry(0.3, 2)).metrics[KEY]).toMatchObject({
      driftLogSd: 0.3,
      driftCalibrations: 2,
    });
  });

  test("twin noise is the new calibration's: kept with it, dropped when it measured none", () => {
    const duet = calibration({ [KEY]: { trialLogSd: 0.3, trials: 12, pairLogSd: 0.1, pairs: 6 } }, ['a']);
    const rounds = calibration({ [KEY]: { trialLogSd: 0.2, trials: 12 } }, ['b']);
    expect(mergeCalibrations(rounds, duet).metrics[KEY]).toMatchObject({ pairLogSd: 0.1, pairs: 6 });
    expect(mergeCalibrations(duet, rounds).metrics[KEY]).not.toHaveProperty('pairLogSd');
  });

  test('metrics the new calibration did not measure are kept; another profile replaces the file', () => {
    const other = 'fixture/other/v2/queryLatencyUs.p99';
    const before = calibration({ [other]: { trialLogSd: 0.3, trials: 12 } }, ['a']);
    const now = calibration({ [KEY]: { trialLogSd: 0.2, trials: 12 } }, ['b']);
    expect(Object.keys(mergeCalibrations(before, now).metrics).sort()).toEqual([other, KEY].sort());
    expect(Object.keys(mergeCalibrations(before, { ...now, profile: 'full' }).metrics)).toEqual([KEY]);
  });
});

describe('mergeDrift (calibrate --drift-only)', () => {
  const calibration = fixtureCalibrationOf;
  const quiet = calibration(
    { [KEY]: { trialLogSd: 0.1, driftLogSd: 0.1, driftCalibrations: 3, trials: 18, pairLogSd: 0.08, pairs: 9 } },
    ['a'],
  );

  test("pools the new drift and keeps the file's trial and twin noise and its description", () => {
    const busy = {
      ...calibration(
        { [KEY]: { trialLogSd: 0.4, driftLogSd: 0.5, driftCalibrations: 1, trials: 6, pairLogSd: 0.5, pairs: 3 } },
        ['b'],
      ),
      measuredAt: '2026-12-07T01:00:00.000Z',
    };
    const merged = mergeDrift(quiet, busy);
    expect(merged.metrics[KEY]).toEqual({
      trialLogSd: 0.1,
      driftLogSd: Math.round(Math.sqrt((3 * 0.01 + 0.25) / 4) * 1e6) / 1e6,
      driftCalibrations: 4,
      trials: 18,
      pairLogSd: 0.08,
      pairs: 9,
    });
    expect(merged.measuredAt).toBe(quiet.measuredAt);
    expect(merged.sourceRuns).toEqual(['a', 'b']);
  });

  test('a metric new to the file is taken whole; one the run did not measure is kept', () => {
    const other = 'fixture/other/v2/queryLatencyUs.p99';
    const next = calibration({ [other]: { trialLogSd: 0.2, driftLogSd: 0.3, driftCalibrations: 1, trials: 6 } }, ['b']);
    const merged = mergeDrift(quiet, next);
    expect(merged.metrics[other]).toEqual(next.metrics[other]);
    expect(merged.metrics[KEY]).toEqual(quiet.metrics[KEY]);
  });

  test('a calibration of another profile is refused, naming both', () => {
    const full = { ...calibration({ [KEY]: { trialLogSd: 0.2, trials: 6 } }, ['b']), profile: 'full' as const };
    expect(() => mergeDrift(quiet, full)).toThrow(/day drift of a full calibration into a ci noise file/);
  });
});
