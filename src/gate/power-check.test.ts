import type { MetricStat } from '../harness/result-model.js';
import {
  FIXTURE_ENVIRONMENT,
  fixtureCalibration,
  latencyMetric,
  scenarioResult,
} from '../test-support/fixture-results.js';
import { makeTempDir } from '../test-support/temp-dir.js';
import { writeNoiseCalibration, type NoiseCalibration } from './noise-calibration.js';
import { committedPowerCheck, injectSlowdown, powerCheck, renderPowerReport } from './power-check.js';
import { updateBaselines } from './update-baselines.js';

const calibrationWith = (trialLogSd: number): NoiseCalibration => ({
  version: 1,
  profile: 'ci',
  measuredAt: 'x',
  gitCommit: 'x',
  machine: { cpuModel: 'x', cores: 2, node: 'x' },
  rounds: 3,
  trialsPerSide: 6,
  sourceRuns: ['cal'],
  metrics: {
    'fixture/quiet/v2/queryLatencyUs.p99': { trialLogSd, driftLogSd: 0, trials: 18 },
    'fixture/noisy/v2/queryLatencyUs.p99': { trialLogSd: 0.5, driftLogSd: 0, trials: 18 },
  },
});

const quiet = [100, 102, 98, 101, 99, 100];
const noisy = [60, 150, 90, 200, 110, 70];
/** A builder of one named gated metric from its trial values (a latency unless `overrides` says otherwise). */
const metricOf =
  (name: string, stat: MetricStat, overrides: Parameters<typeof latencyMetric>[1] = {}) =>
  (trials: number[]) =>
    latencyMetric(trials, { name, stat, ...overrides });
const RATIO = { kind: 'ratio', unit: 'x' } as const;

const side = (q: number[], n: number[]) => [
  scenarioResult([latencyMetric(q)], { scenario: 'quiet' }),
  scenarioResult([latencyMetric(n)], { scenario: 'noisy' }),
];

describe('power check', () => {
  test('injection makes gated metrics worse in their own direction only', () => {
    const head = side(quiet, noisy);
    const targets = new Map([['fixture/quiet/v2 queryLatencyUs.p99', 'g']]);
    const [q, n] = injectSlowdown(head, targets, 2);
    expect(q?.metrics[0]?.trials).toEqual(quiet.map((v) => v * 2));
    expect(n?.metrics[0]?.trials).toEqual(noisy);
  });

  test('a quiet metric is caught at ×1.2; one whose noise hides 2× is ungated and counts as missed; no A/A alarm', () => {
    const report = powerCheck(
      side(quiet, noisy),
      side([...quiet].reverse(), [...noisy].reverse()),
      calibrationWith(0.02),
      [1.2, 2, 5],
    );
    expect(report.total).toBe(2);
    expect(report.falseAlarms).toHaveLength(0);
    expect(report.overall.get(1.2)).toBe(1);
    expect(report.overall.get(5)).toBe(1);
    expect(report.missedAtLargest).toEqual(['fixture/noisy/v2 queryLatencyUs.p99']);
    expect(report.byGroup.get('fixture · latencyUs tail')?.get(1.2)).toEqual({ caught: 1, total: 2 });
    expect(renderPowerReport(report)).toContain('all gated metrics');
  });

  test('a duet A/A is judged pair by pair: twins sharing their swings see ×1.2 where two trial sets cannot', () => {
    const twinsCalibration: NoiseCalibration = {
      ...calibrationWith(0.02),
      metrics: {
        ...calibrationWith(0.02).metrics,
        'fixture/noisy/v2/queryLatencyUs.p99': {
          trialLogSd: 0.5,
          driftLogSd: 0,
          trials: 18,
          pairLogSd: 0.05,
          pairs: 12,
        },
      },
    };
    // The head's noisy trials swing with their base twins, 2 % apart.
    const head = side(
      quiet,
      noisy.map((v, i) => v * (i % 2 === 0 ? 1.02 : 0.98)),
    );
    const paired = powerCheck(side(quiet, noisy), head, twinsCalibration, [1.2], { mode: 'interleaved', paired: true });
    expect(paired.paired).toBe(true);
    expect(paired.falseAlarms).toHaveLength(0);
    expect(paired.overall.get(1.2)).toBe(2);
    expect(renderPowerReport(paired)).toContain('pair by pair');
    expect(powerCheck(side(quiet, noisy), head, twinsCalibration, [1.2]).overall.get(1.2)).toBe(1);
  });

  test('the A/A margin lists gated calibrated metrics by their worsening in standard errors, largest first', () => {
    // Head 3 % slower on the quiet metric: 0.03 / (0.02·√(2/6)) ≈ 2.6 standard errors, short of 4.
    const report = powerCheck(
      side(quiet, noisy),
      side(
        quiet.map((v) => v * 1.03),
        noisy,
      ),
      calibrationWith(0.02),
      [2],
    );
    expect(report.falseAlarms).toHaveLength(0);
    // The noisy metric is ungated (its noise hides 2×), so it has no margin to show.
    expect(report.aaWorseZ.map((w) => w.key)).toEqual(['fixture/quiet/v2 queryLatencyUs.p99']);
    expect(report.aaWorseZ[0]?.z).toBeCloseTo(Math.log(1.03) / (0.02 * Math.sqrt(2 / 6)), 1);
    expect(renderPowerReport(report)).toContain('> 2.5: 1, > 3: 0');
  });

  test('without a calibration the base’s default threshold (10 %) judges: ×1.1 is missed', () => {
    const report = powerCheck(side(quiet, noisy), side(quiet, noisy), undefined, [1.1]);
    expect(report.overall.get(1.1)).toBe(0);
    expect(report.missedAtLargest).toHaveLength(2);
  });

  test('a raw metric missed for its noise counts as caught when its replacement, the same behaviour over the trial floor, is caught', () => {
    const raw = metricOf('queryLatencyUs.p50', 'p50');
    const ratio = metricOf('queryOverFloorP50Ratio', 'value', RATIO);
    const floorRatio = [2.0, 2.02, 1.98, 2.01, 1.99, 2.0];
    const sides = (rawTrials: number[]) => [scenarioResult([raw(rawTrials), ratio(floorRatio)], { scenario: 'q' })];
    const calibration = fixtureCalibration({
      'fixture/q/v2/queryLatencyUs.p50': 0.6,
      'fixture/q/v2/queryOverFloorP50Ratio': 0.02,
    });
    const report = powerCheck(sides(noisy), sides([...noisy].reverse()), calibration, [2]);
    expect(report.total).toBe(2);
    expect(report.overall.get(2)).toBe(1);
    expect(report.overallWithReplacements.get(2)).toBe(2);
    expect(renderPowerReport(report)).toContain('counting replacements');
  });

  test('a raw p95 with two replacements counts as caught when either is caught', () => {
    const p95 = metricOf('queryLatencyUs.p95', 'p95');
    const mean = metricOf('queryLatencyUs.mean', 'mean');
    const ratio = metricOf('queryOverFloorP95Ratio', 'value', RATIO);
    const steady = [400, 404, 396, 402, 398, 400];
    const sides = (rawTrials: number[]) => [
      scenarioResult([p95(rawTrials), ratio(rawTrials), mean(steady)], { scenario: 'q' }),
    ];
    const calibration = fixtureCalibration({
      'fixture/q/v2/queryLatencyUs.p95': 0.6,
      'fixture/q/v2/queryOverFloorP95Ratio': 0.6,
      'fixture/q/v2/queryLatencyUs.mean': 0.02,
    });
    const report = powerCheck(sides(noisy), sides([...noisy].reverse()), calibration, [2]);
    expect(report.total).toBe(3);
    expect(report.overall.get(2)).toBe(1);
    // The p95 and its floor ratio, both through the mean of the same queries.
    expect(report.overallWithReplacements.get(2)).toBe(3);
    expect(report.coveredAtLargest.get('fixture/q/v2 queryLatencyUs.p95')).toBe('queryLatencyUs.mean');
    const rendered = renderPowerReport(report);
    expect(rendered).toContain('missed at ×2 (2; 2 of them judged by a replacement that caught it):');
    expect(rendered).toContain('  fixture/q/v2 queryLatencyUs.p95  (caught by its replacement queryLatencyUs.mean)');
  });
});

describe('power against committed baselines', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => (dir = makeTempDir()));
  afterEach(() => dir.remove());

  test('a run of unchanged code: no false alarm, ×1.2 caught on a quiet metric, one whose drift hides 2× missed', () => {
    updateBaselines(dir.path, side(quiet, noisy), FIXTURE_ENVIRONMENT, []);
    const calibration = calibrationWith(0.02);
    writeNoiseCalibration(dir.path, {
      ...calibration,
      metrics: {
        'fixture/quiet/v2/queryLatencyUs.p99': { trialLogSd: 0.02, driftLogSd: 0.02, trials: 18 },
        'fixture/noisy/v2/queryLatencyUs.p99': { trialLogSd: 0.5, driftLogSd: 0.6, trials: 18 },
      },
    });
    const report = committedPowerCheck(side([...quiet].reverse(), [...noisy].reverse()), dir.path, undefined, [1.2, 2]);
    expect(report.total).toBe(2);
    expect(report.falseAlarms).toHaveLength(0);
    expect(report.overall.get(1.2)).toBe(1);
    expect(report.missedAtLargest).toEqual(['fixture/noisy/v2 queryLatencyUs.p99']);
    expect(renderPowerReport(report)).toContain(`judged against the committed baselines in ${dir.path}`);
  });
});
