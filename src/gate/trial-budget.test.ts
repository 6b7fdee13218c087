import { fixtureCalibrationOf, latencyMetric, scenarioResult } from '../test-support/fixture-results.js';
import type { NoiseCalibration } from './noise-calibration.js';
import { MIN_PAIRS, pairsToCatch, renderTrialBudget, trialBudget } from './trial-budget.js';

const calibration = (pairSigmas: Record<string, number>): NoiseCalibration =>
  fixtureCalibrationOf(
    Object.fromEntries(
      Object.entries(pairSigmas).map(([key, pairLogSd]) => [
        key,
        { trialLogSd: pairLogSd, driftLogSd: 0, trials: 18, pairLogSd, pairs: 9 },
      ]),
    ),
  );

const trials = [100, 101, 99, 100];

describe('trial budget', () => {
  test('pairs grow with the square of σ over the log of the factor, never below what the signed-rank test needs', () => {
    // (4 + 1.2816)² · (0.2 / ln 2)² = 2.32 → the signed-rank floor.
    expect(pairsToCatch(0.2, 2)).toBe(MIN_PAIRS);
    expect(MIN_PAIRS).toBe(5);
    // (5.2816 · 0.5 / ln 2)² = 14.5 → 15 pairs.
    expect(pairsToCatch(0.5, 2)).toBe(15);
    // (5.2816 · 0.2 / ln 1.2)² = 33.6 → 34 pairs.
    expect(pairsToCatch(0.2, 1.2)).toBe(34);
    expect(() => pairsToCatch(0.2, 1)).toThrow('above 1');
  });

  test('each scenario costs its measured seconds a pair; a goal on a share of metrics leaves the noisiest out', () => {
    const metrics = [latencyMetric(trials), { ...latencyMetric(trials), name: 'queryLatencyUs.p50' }];
    const side = [scenarioResult(metrics, { durationMs: 8000, trialCount: 4 })];
    const budget = trialBudget(
      side,
      [scenarioResult(metrics, { durationMs: 4000, trialCount: 4 })],
      calibration({ 'fixture/steady/v2/queryLatencyUs.p99': 0.5, 'fixture/steady/v2/queryLatencyUs.p50': 0.05 }),
      [
        { factor: 2, share: 1 },
        { factor: 2, share: 0.5 },
      ],
    );
    const [s] = budget.scenarios;
    expect(s?.secondsPerPair).toBe(3);
    expect(s?.pairsNow).toBe(4);
    expect(s?.sigmas).toEqual([0.05, 0.5]);
    expect(s?.pairsNeeded).toEqual([15, MIN_PAIRS]);
    expect(budget.secondsNow).toBe(12);
    expect(budget.secondsNeeded).toEqual([45, 15]);
    expect(renderTrialBudget(budget)).toContain('×2 on every gated metric: 0.8 min');
  });

  test('ungated, uncalibrated and one-sided scenarios cost nothing', () => {
    const gatedOff = { ...latencyMetric(trials), gated: false };
    const budget = trialBudget(
      [scenarioResult([gatedOff]), scenarioResult([latencyMetric(trials)], { scenario: 'base-only' })],
      [scenarioResult([gatedOff]), scenarioResult([latencyMetric(trials)], { scenario: 'head-only' })],
      calibration({ 'fixture/steady/v2/queryLatencyUs.p99': 0.5 }),
    );
    expect(budget.scenarios).toEqual([]);
    expect(budget.secondsNeeded).toEqual([0, 0]);
  });
});
