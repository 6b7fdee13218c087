import { METRIC_KINDS } from '../harness/metric-kinds.js';
import { judge, judgedInPairs } from './verdict.js';

const latency = {
  name: 'x/y/z/latencyUs.p50',
  direction: 'smaller' as const,
  rule: { source: 'kind default' as const, noise: METRIC_KINDS.latencyUs.noise },
};
const base = [1000, 1010, 990, 1005, 995];

describe('verdicts on trial distributions', () => {
  test('identical trial sets are unchanged', () => {
    expect(judge({ ...latency, baseline: base, current: [...base] }).status).toBe('unchanged');
  });

  test('twice as slow is regressed', () => {
    const verdict = judge({ ...latency, baseline: base, current: base.map((v) => v * 2) });
    expect(verdict.status).toBe('regressed');
    expect(verdict.ratio?.estimate).toBeCloseTo(2, 1);
    expect(verdict.ratio?.low).toBeGreaterThan(1.9);
  });

  test('×1.2 with low noise is regressed (threshold 15 %)', () => {
    expect(judge({ ...latency, baseline: base, current: base.map((v) => v * 1.2) }).status).toBe('regressed');
  });

  test('×1.2 within the noise is unchanged', () => {
    const noisyBase = [700, 1300, 1000, 800, 1200];
    const noisyCurrent = [840, 1560, 1200, 960, 1440].reverse();
    expect(judge({ ...latency, baseline: noisyBase, current: noisyCurrent }).status).toBe('unchanged');
  });

  test('twice as fast is improved', () => {
    expect(judge({ ...latency, baseline: base, current: base.map((v) => v / 2) }).status).toBe('improved');
  });

  test('direction matters: a throughput that halves regressed', () => {
    const throughput = {
      name: 't',
      direction: 'bigger' as const,
      rule: { source: 'kind default' as const, noise: METRIC_KINDS.throughputPerSec.noise },
    };
    expect(judge({ ...throughput, baseline: base, current: base.map((v) => v / 2) }).status).toBe('regressed');
    expect(judge({ ...throughput, baseline: base, current: base.map((v) => v * 2) }).status).toBe('improved');
  });

  test('a change below the absolute floor is unchanged even when large in ratio', () => {
    // 5 µs → 10 µs is ×2, but under the 20 µs floor of latencyUs.
    expect(judge({ ...latency, baseline: [5, 5, 5], current: [10, 10, 10] }).status).toBe('unchanged');
  });

  test('counts from zero regress by their absolute change', () => {
    const count = {
      name: 'timeouts',
      direction: 'smaller' as const,
      rule: { source: 'kind default' as const, noise: METRIC_KINDS.count.noise },
    };
    expect(judge({ ...count, baseline: [0, 0, 0], current: [0, 0, 0] }).status).toBe('unchanged');
    expect(judge({ ...count, baseline: [0, 0, 0], current: [12, 15, 11] }).status).toBe('regressed');
    expect(judge({ ...count, baseline: [0, 0, 0], current: [1, 0, 2] }).status).toBe('unchanged');
  });

  test('a single trial per side gives no interval and so no verdict', () => {
    const verdict = judge({ ...latency, baseline: [1000], current: [3000] });
    expect(verdict.status).toBe('unchanged');
    expect(verdict.tooFewTrials).toBe(true);
  });

  test('verdicts are reproducible (seeded bootstrap)', () => {
    const input = { ...latency, baseline: [900, 1000, 1150], current: [1100, 1250, 1300] };
    expect(judge(input)).toEqual(judge(input));
  });
});

describe('verdicts of a calibrated metric', () => {
  const calibrated = (trialLogSd: number) => ({
    name: 'x/y/z/latencyUs.p50',
    direction: 'smaller' as const,
    rule: {
      source: 'calibration' as const,
      noise: { trialLogSd, driftLogSd: 0 },
      fallback: METRIC_KINDS.latencyUs.noise,
    },
  });
  const six = [1000, 1030, 980, 1010, 990, 1020];

  test('a quiet metric sees a 12 % regression that the kind default (15 %) cannot', () => {
    const head = six.map((v) => v * 1.12);
    const verdict = judge({ ...calibrated(0.02), baseline: six, current: head });
    expect(verdict.status).toBe('regressed');
    expect(verdict.thresholdSource).toBe('calibration');
    expect(verdict.detectable).toBeLessThan(0.1);
    expect(judge({ ...latency, baseline: six, current: head }).status).toBe('unchanged');
  });

  test('a noisy metric needs a change beyond its noise and says how large', () => {
    const verdict = judge({ ...calibrated(0.3), baseline: six, current: six.map((v) => v * 1.3) });
    expect(verdict.status).toBe('unchanged');
    expect(verdict.reason).toBe('within the noise');
    expect(verdict.detectable).toBeCloseTo(Math.expm1(4 * 0.3 * Math.sqrt(2 / 6)), 6);
  });

  test('µs metrics below the old absolute floor are judged: 8.5 → 72 µs regresses', () => {
    const base = [8, 9, 8.5, 8.7, 8.2, 9.1];
    expect(judge({ ...calibrated(0.1), baseline: base, current: base.map((v) => v * 8.5) }).status).toBe('regressed');
  });

  test('values that are not all positive fall back to the kind default, and say so', () => {
    const counts = { ...calibrated(0.05), rule: { ...calibrated(0.05).rule, fallback: METRIC_KINDS.count.noise } };
    const verdict = judge({ ...counts, baseline: [0, 0, 0], current: [12, 15, 11] });
    expect(verdict.thresholdSource).toBe('kind default');
    expect(verdict.status).toBe('regressed');
  });

  test('bigger-is-better metrics regress when they shrink', () => {
    const rate = { ...calibrated(0.02), direction: 'bigger' as const };
    expect(judge({ ...rate, baseline: six, current: six.map((v) => v / 1.2) }).status).toBe('regressed');
    expect(judge({ ...rate, baseline: six, current: six.map((v) => v * 1.2) }).status).toBe('improved');
  });
});

describe('calibrated verdicts need the ranks to agree', () => {
  const calibrated = {
    name: 'x/y/z/schedulerRssBytes',
    direction: 'smaller' as const,
    rule: {
      source: 'calibration' as const,
      noise: { trialLogSd: 0.01, driftLogSd: 0 },
      fallback: METRIC_KINDS.bytes.noise,
    },
  };

  test('modal values: a shift many standard errors wide whose trials overlap is unchanged, and says why', () => {
    // The scheduler RSS of a real A/A: the same code at 85 and 90 MiB modes.
    const verdict = judge({ ...calibrated, baseline: [85.5, 86.5, 84.9, 85.3], current: [89.4, 90.7, 88.8, 84.8] });
    expect(verdict.worseZ).toBeGreaterThan(4);
    expect(verdict.status).toBe('unchanged');
    expect(verdict.reason).toBe('the trials overlap');
  });

  test('the same shift with every head trial above every base trial is a regression', () => {
    const verdict = judge({ ...calibrated, baseline: [85.5, 86.5, 84.9, 85.3], current: [89.4, 90.7, 88.8, 89.9] });
    expect(verdict.status).toBe('regressed');
  });

  test('2 trials against 2 can see nothing, whatever their values', () => {
    const verdict = judge({ ...calibrated, baseline: [100, 101], current: [300, 301] });
    expect(verdict.status).toBe('unchanged');
    expect(verdict.detectable).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('twin trials (a duet comparison) are judged pair by pair', () => {
  const twins = (pairLogSd?: number) => ({
    name: 'x/y/z/latencyUs.p50',
    direction: 'smaller' as const,
    rule: {
      source: 'calibration' as const,
      noise: { trialLogSd: 0.25, driftLogSd: 0, ...(pairLogSd === undefined ? {} : { pairLogSd }) },
      fallback: METRIC_KINDS.latencyUs.noise,
    },
  });
  // Swings from one pair to the next that both twins share.
  const base = [100, 180, 70, 130, 95, 160];
  const head = [112, 196, 78, 143, 107, 175];

  test('a 10 % slowdown hidden in the swings between pairs is caught in pairs, not as two sets', () => {
    const verdict = judge({ ...twins(0.03), baseline: base, current: head, paired: true });
    expect(verdict).toMatchObject({ status: 'regressed', paired: true });
    expect(verdict.detectable).toBeLessThan(0.1);
    expect(judge({ ...twins(0.03), baseline: base, current: head }).status).toBe('unchanged');
  });

  test('the pair σ a duet A/A measured sets the width; without it the width is the unpaired one', () => {
    const measured = judge({ ...twins(0.03), baseline: base, current: base, paired: true });
    const unmeasured = judge({ ...twins(), baseline: base, current: base, paired: true });
    expect(measured.detectable).toBeLessThan(unmeasured.detectable);
    // Two trial sets add the swings between pairs to their spread; trials without swings show the width alone.
    const flat = [100, 100, 100, 100, 100, 100];
    expect(judge({ ...twins(), baseline: flat, current: flat, paired: true }).detectable).toBeCloseTo(
      judge({ ...twins(), baseline: flat, current: flat }).detectable,
      10,
    );
  });

  test('one pair far worse among pairs that are not moves the estimate little: unchanged', () => {
    const oneBad = [...base.slice(0, 5).map((v) => v * 1.005), 400];
    expect(judge({ ...twins(0.01), baseline: base, current: oneBad, paired: true }).status).toBe('unchanged');
  });

  test('the pairs must agree in rank: four of six 20 % worse and two a little better is not enough evidence', () => {
    const d = [0.2, 0.2, 0.2, -0.01, -0.02, 0.25];
    const mixed = base.map((v, i) => v * Math.exp(d[i] as number));
    const verdict = judge({ ...twins(0.01), baseline: base, current: mixed, paired: true });
    // Both lines of evidence say so: the pairs' own spread (their standard deviation, which the
    // two disagreeing pairs widen) keeps the shift under 4 standard errors, and their ranks
    // disagree (the signed-rank test, src/gate/signed-rank.test.ts).
    expect(verdict.worseZ).toBeLessThan(4);
    expect(verdict).toMatchObject({ status: 'unchanged', paired: true });
  });

  // The caller decides with judgedInPairs (src/gate/compare-run.ts), from the reference's calibration.
  const noiseOf = (pairLogSd: number) => twins(pairLogSd).rule.noise;

  test('4 pairs cannot reach the rank evidence, and sides of different lengths are not twins: both judged unpaired', () => {
    expect(judgedInPairs(true, 6, 6, noiseOf(0.03))).toBe(true);
    expect(judgedInPairs(true, 4, 4, noiseOf(0.03))).toBe(false);
    expect(judgedInPairs(true, 6, 5, noiseOf(0.03))).toBe(false);
    expect(judgedInPairs(false, 6, 6, noiseOf(0.03))).toBe(false);
  });

  test("twins whose calibrated pair σ exceeds two independent trials' (they share no noise) are judged unpaired", () => {
    expect(judgedInPairs(true, 6, 6, noiseOf(0.4))).toBe(false);
    expect(judgedInPairs(true, 6, 6, noiseOf(0.35))).toBe(true);
  });
});
