import { hodgesLehmann, logShift, MIN_EFFECT, observedLogSigma, SIGMA_FLOOR, Z_CRITICAL } from './log-shift.js';

const quiet = { trialLogSd: 0, driftLogSd: 0 };

describe('the log-shift statistic', () => {
  test('Hodges–Lehmann is the median of pairwise differences and shrugs off one wild value', () => {
    expect(hodgesLehmann([0, 1], [2, 3])).toBe(2);
    expect(hodgesLehmann([1, 1, 1], [2, 2, 2])).toBe(1);
    expect(hodgesLehmann([1, 1, 1, 1], [2, 2, 2, 100])).toBe(1);
  });

  test('a uniform ×f on the head shifts by exactly log f and leaves the spread alone', () => {
    const base = [100, 104, 97, 101, 99, 103];
    const head = base.map((v) => v * 1.5);
    const s = logShift(base, head, quiet);
    expect(s.shift).toBeCloseTo(Math.log(1.5), 10);
    expect(s.observedSigma).toBeCloseTo(observedLogSigma(base.map(Math.log), base.map(Math.log)), 10);
  });

  test('σ is the largest of calibration, observation and the floor', () => {
    const flat = [100, 100, 100];
    expect(logShift(flat, flat, quiet).sigma).toBe(SIGMA_FLOOR);
    expect(logShift(flat, flat, { trialLogSd: 0.2, driftLogSd: 0 }).sigma).toBe(0.2);
    const noisy = [50, 100, 200];
    expect(logShift(noisy, noisy, { trialLogSd: 0.01, driftLogSd: 0 }).sigma).toBeGreaterThan(0.5);
  });

  test('the threshold is Z_CRITICAL standard errors, never below the smallest effect judged', () => {
    const base = [100, 101, 99];
    const s = logShift(base, base, { trialLogSd: 0.1, driftLogSd: 0 });
    expect(s.standardError).toBeCloseTo(0.1 * Math.sqrt(2 / 3), 10);
    expect(s.threshold).toBeCloseTo(Z_CRITICAL * s.standardError, 10);
    const many = Array.from({ length: 200 }, () => 100);
    expect(logShift(many, many, quiet).threshold).toBeCloseTo(Math.log1p(MIN_EFFECT), 10);
  });

  test('drift between days adds to the standard error whatever the trial count', () => {
    const many = Array.from({ length: 40 }, (_, i) => 100 + (i % 3));
    const s = logShift(many, many, { trialLogSd: 0.01, driftLogSd: 0.1 });
    expect(s.standardError).toBeGreaterThan(0.1);
  });
});
