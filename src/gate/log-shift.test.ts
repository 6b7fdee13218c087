import {
  calibratedDetectable,
  hodgesLehmann,
  logShift,
  MIN_EFFECT,
  observedLogSigma,
  pairedLogShift,
  SIGMA_FLOOR,
  trialsToDetect,
  walshMedian,
  Z_CRITICAL,
} from './log-shift.js';

const quiet = { trialLogSd: 0, driftLogSd: 0 };

describe('the log-shift statistic', () => {
  test('Hodges–Lehmann is the median of pairwise differences and shrugs off one wild value', () => {
    expect(hodgesLehmann([0, 1], [2, 3])).toBe(2);
    expect(hodgesLehmann([1, 1, 1], [2, 2, 2])).toBe(1);
    expect(hodgesLehmann([1, 1, 1, 1], [2, 2, 2, 100])).toBe(1);
    // Two wild values of six move a third of the differences, not their median: the MAD, which
    // two of six cannot move either, is a spread of the same robustness.
    expect(hodgesLehmann([1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 5, 6])).toBe(0);
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

describe('the paired log shift (twin trials of a duet comparison)', () => {
  // Trial-to-trial swings both twins share: the machine's minute, not the code.
  const base = [100, 180, 70, 130, 95, 160];

  test('noise the twins share cancels: ×1.1 on every twin is a shift of log 1.1 with no spread', () => {
    const head = base.map((v) => v * 1.1);
    const s = pairedLogShift(base, head, { trialLogSd: 0.3, driftLogSd: 0, pairLogSd: 0.02 });
    expect(s.shift).toBeCloseTo(Math.log(1.1), 10);
    expect(s.observedSigma).toBeCloseTo(0, 10);
    expect(s.sigma).toBe(0.02);
    expect(s.standardError).toBeCloseTo(0.02 / Math.sqrt(6), 10);
    expect(s.shift).toBeGreaterThan(s.threshold);
    // The same trials as two unpaired sets: the shared swings are all noise.
    const unpaired = logShift(base, head, { trialLogSd: 0.3, driftLogSd: 0 });
    expect(unpaired.shift).toBeLessThan(unpaired.threshold);
  });

  test('without a measured pair σ it is √2 × the trial σ: as wide as the unpaired comparison of as many trials', () => {
    const s = pairedLogShift(base, base, { trialLogSd: 0.1, driftLogSd: 0 });
    expect(s.sigma).toBeCloseTo(Math.SQRT2 * 0.1, 10);
    // Trials without swings, so that neither comparison's own spread widens it.
    const flat = [100, 100, 100, 100, 100, 100];
    expect(s.standardError).toBeCloseTo(logShift(flat, flat, { trialLogSd: 0.1, driftLogSd: 0 }).standardError, 10);
    expect(calibratedDetectable({ trialLogSd: 0.1, driftLogSd: 0 }, 6, 6, true)).toBeCloseTo(
      calibratedDetectable({ trialLogSd: 0.1, driftLogSd: 0 }, 6, 6),
      10,
    );
    expect(calibratedDetectable({ trialLogSd: 0.1, driftLogSd: 0, pairLogSd: 0.05 }, 6, 6, true)).toBeCloseTo(
      Math.expm1((Z_CRITICAL * 0.05) / Math.sqrt(6)),
      10,
    );
  });

  test('pairs that disagree more than calibration said are judged by their own spread', () => {
    const head = [110, 150, 90, 120, 120, 150];
    const s = pairedLogShift(base, head, { trialLogSd: 0.01, driftLogSd: 0, pairLogSd: 0.01 });
    expect(s.sigma).toBe(s.observedSigma);
    expect(s.sigma).toBeGreaterThan(0.1);
  });

  test('two outlying pairs of six, which move the Walsh median, widen the spread it is judged by', () => {
    // A whole-suite A/A's errorChainNs.median: four twins within 6 %, two head trials slowed by a
    // machine hiccup. The MAD alone (0.044) put the +22 % shift at 10 standard errors.
    const twins = [16, 16, 16, 17, 17, 17];
    const head = [17, 17, 17, 17, 31, 26];
    const s = pairedLogShift(twins, head, { trialLogSd: 0.036, driftLogSd: 0, pairLogSd: 0.043 });
    expect(s.shift).toBeGreaterThan(Math.log(1.15));
    expect(s.sigma).toBeGreaterThan(0.2);
    expect(s.shift).toBeLessThan(s.threshold);
  });

  test('the estimate is the median of the Walsh averages; twins of different lengths are refused', () => {
    expect(walshMedian([0, 1, 2])).toBe(1);
    expect(walshMedian([0, 0, 0, 10])).toBe(0);
    expect(() => pairedLogShift([1, 2], [1], { trialLogSd: 0.1, driftLogSd: 0 })).toThrow(/twin trials of one length/);
  });
});

describe('the trials a metric needs to see a change', () => {
  test('the fewest trials a side whose calibrated detectable reaches the change', () => {
    const noise = { trialLogSd: 0.45, driftLogSd: 0 };
    // 4 · 0.45 · √(2/n) ≤ ln 2 from n = 13.5 on.
    expect(trialsToDetect(noise, 1)).toBe(14);
    expect(calibratedDetectable(noise, 13, 13)).toBeGreaterThan(1);
    expect(calibratedDetectable(noise, 14, 14)).toBeLessThanOrEqual(1);
    // Twins with a pair σ of 0.3: 4 · 0.3 / √n ≤ ln 2 from n = 3.0 on.
    expect(trialsToDetect({ ...noise, pairLogSd: 0.3 }, 1, true)).toBe(3);
  });

  test('none when the drift between days alone hides the change, or it takes more than allowed', () => {
    expect(trialsToDetect({ trialLogSd: 0.1, driftLogSd: 0.2 }, 1)).toBeUndefined();
    expect(trialsToDetect({ trialLogSd: 1, driftLogSd: 0 }, 1, false, 50)).toBeUndefined();
  });
});
