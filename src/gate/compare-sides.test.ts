import { compareSides } from './compare-sides.js';
import {
  fixtureCalibration,
  fixtureCalibrationOf,
  latencyMetric,
  scenarioResult,
} from '../test-support/fixture-results.js';

describe('compareSides', () => {
  test('a head twice as slow as its base regresses, with the base in the baseline column', () => {
    const base = [scenarioResult([latencyMetric([100, 104, 98, 101, 99, 103])])];
    const head = [scenarioResult([latencyMetric([205, 198, 210, 201, 199, 207])])];
    const c = compareSides(base, head);
    expect(c.failed).toBe(true);
    expect(c.regressions).toHaveLength(1);
    const [m] = c.scenarios[0]?.metrics ?? [];
    expect(m).toMatchObject({ status: 'regressed', baseline: 100.5, current: 203 });
    expect(m?.verdict?.ratio?.estimate).toBeCloseTo(203 / 100.5, 5);
  });

  test('the same code on both sides is unchanged, and a faster head improves without failing', () => {
    const trials = [100, 104, 98, 101, 99, 103];
    expect(
      compareSides([scenarioResult([latencyMetric(trials)])], [scenarioResult([latencyMetric(trials)])]),
    ).toMatchObject({
      failed: false,
      counts: { unchanged: 1, regressed: 0 },
    });
    const faster = compareSides(
      [scenarioResult([latencyMetric(trials)])],
      [scenarioResult([latencyMetric([50, 51, 49, 52, 50, 48])])],
    );
    expect(faster).toMatchObject({ failed: false, counts: { improved: 1 } });
  });

  test('a regression of a metric that is not gated is shown but does not fail', () => {
    const base = [scenarioResult([latencyMetric([100, 101, 99], { gated: false })])];
    const head = [scenarioResult([latencyMetric([300, 301, 299], { gated: false })])];
    expect(compareSides(base, head)).toMatchObject({ failed: false, regressions: [], counts: { regressed: 1 } });
  });

  test('scenarios and metrics on one side only are new or missing; a failed head scenario fails', () => {
    const shared = latencyMetric([100, 101]);
    const base = [
      scenarioResult([shared, latencyMetric([5, 6], { name: 'gone' })]),
      scenarioResult([shared], { scenario: 'removed' }),
    ];
    const head = [
      scenarioResult([shared, latencyMetric([1, 2], { name: 'added' })]),
      scenarioResult([shared], { scenario: 'brand-new' }),
      scenarioResult([], { scenario: 'broken', state: 'timed-out', error: 'trial 1 took longer than 60000 ms' }),
    ];
    const c = compareSides(base, head);
    expect(c.counts).toEqual({ improved: 0, unchanged: 1, regressed: 0, new: 2, missing: 2 });
    expect(c.scenarios.map((s) => [s.scenario, s.status.kind])).toEqual([
      ['steady', 'compared'],
      ['brand-new', 'no-baseline'],
      ['broken', 'not-completed'],
      ['removed', 'compared'],
    ]);
    expect(c.failed).toBe(true);
  });
});

describe('the reference side owns the rules', () => {
  test('a head that ungates its own regressing metric still fails, and the report says so', () => {
    const base = [scenarioResult([latencyMetric([100, 104, 98, 101, 99, 103])])];
    const head = [scenarioResult([latencyMetric([205, 198, 210, 201, 199, 207], { gated: false })])];
    const c = compareSides(base, head);
    expect(c.failed).toBe(true);
    expect(c.regressions[0]?.ruleChange).toMatch(/head ungates this metric/);
  });

  test('a head that widens its own default threshold is judged by the base’s', () => {
    const base = [scenarioResult([latencyMetric([100, 104, 98, 101, 99, 103])])];
    const head = [
      scenarioResult([latencyMetric([205, 198, 210, 201, 199, 207], { noise: { relative: 5, absolute: 5 } })]),
    ];
    const c = compareSides(base, head);
    expect(c.failed).toBe(true);
    expect(c.regressions[0]?.ruleChange).toMatch(/changes its default threshold to 500 %/);
  });

  test('a head that gates a metric the base does not gate gets no failure from it', () => {
    const base = [scenarioResult([latencyMetric([100, 104, 98, 101, 99, 103], { gated: false })])];
    const head = [scenarioResult([latencyMetric([205, 198, 210, 201, 199, 207])])];
    expect(compareSides(base, head).failed).toBe(false);
  });
});

describe('a metric whose measured noise hides a 2× change', () => {
  test('is not gated in the comparison, says why, and its regression does not fail the build', () => {
    const calibration = fixtureCalibration({ 'fixture/steady/v2/queryLatencyUs.p99': 0.6 });
    const base = [scenarioResult([latencyMetric([100, 104, 98, 101, 99, 103])])];
    const head = [scenarioResult([latencyMetric([1000, 1040, 980, 1010, 990, 1030])])];
    const c = compareSides(base, head, calibration);
    const [m] = c.scenarios[0]?.metrics ?? [];
    expect(m?.gated).toBe(false);
    expect(m?.ungatedBecause).toMatch(/hides a 2× change \(could see ≥ 4\.0×; 2× needs 24 trials a side\)/);
    expect(c.failed).toBe(false);
    const quieter = fixtureCalibration({ 'fixture/steady/v2/queryLatencyUs.p99': 0.2 });
    expect(compareSides(base, head, quieter).failed).toBe(true);
  });
});

describe('a duet comparison (trials in turns)', () => {
  const key = 'fixture/steady/v2/queryLatencyUs.p99';
  const calibration = fixtureCalibrationOf({ [key]: { trialLogSd: 0.25, trials: 12, pairLogSd: 0.03, pairs: 12 } });
  // Swings between pairs that both twins share, and a 10 % slowdown on every head twin.
  const baseTrials = [100, 180, 70, 130, 95, 160];
  const base = [scenarioResult([latencyMetric(baseTrials)])];
  const head = [scenarioResult([latencyMetric(baseTrials.map((v) => v * 1.1))])];

  test('judges twins pair by pair with the calibrated pair σ and catches what two trial sets hide', () => {
    const paired = compareSides(base, head, calibration, { mode: 'interleaved', paired: true });
    expect(paired.regressions).toHaveLength(1);
    expect(paired.regressions[0]?.verdict?.paired).toBe(true);
    expect(compareSides(base, head, calibration).regressions).toHaveLength(0);
  });

  test('a side with fewer trials (a round lost) is judged unpaired', () => {
    const short = [scenarioResult([latencyMetric(baseTrials.slice(0, 5).map((v) => v * 1.1))])];
    const c = compareSides(base, short, calibration, { mode: 'interleaved', paired: true });
    expect(c.scenarios[0]?.metrics[0]?.verdict?.paired).toBeUndefined();
  });
});
