import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeTempDir } from '../test-support/temp-dir.js';
import {
  noisePath,
  parseNoiseCalibration,
  readNoiseCalibration,
  writeNoiseCalibration,
  type NoiseCalibration,
} from './noise-calibration.js';

const calibration: NoiseCalibration = {
  version: 1,
  profile: 'ci',
  measuredAt: '2026-12-05T14:00:00.000Z',
  gitCommit: 'abc',
  machine: { cpuModel: 'cpu', cores: 2, node: 'v20.20.2' },
  rounds: 3,
  trialsPerSide: 9,
  sourceRuns: ['run-1', 'run-2'],
  metrics: {
    'procman/q/v2/queryLatencyUs.p50': { trialLogSd: 0.05, driftLogSd: 0.1, driftCalibrations: 2, trials: 18 },
    // Drift not measured (no committed baseline yet): absent, not zero.
    'procman/q/v2/queryOverFloorP50Ratio': { trialLogSd: 0.08, trials: 18 },
    // Measured in duet rounds: the σ of twin trials' log difference.
    'procman/q/v2/queryLatencyUs.p99': { trialLogSd: 0.2, trials: 12, pairLogSd: 0.15, pairs: 6 },
  },
};

describe('baselines/noise.json', () => {
  test('round-trips', () => {
    const dir = makeTempDir();
    try {
      writeNoiseCalibration(dir.path, calibration);
      expect(readNoiseCalibration(dir.path)).toEqual(calibration);
    } finally {
      dir.remove();
    }
  });

  test('a drift written without the calibrations behind it counts as one', () => {
    const text = JSON.stringify({
      ...calibration,
      metrics: { 'a/b/c/d': { trialLogSd: 0.1, driftLogSd: 0.2, trials: 3 } },
    });
    expect(parseNoiseCalibration('noise.json', text).metrics['a/b/c/d']?.driftCalibrations).toBe(1);
  });

  test("a drift no calibration measured (0 calibrations: its group's) is read as such", () => {
    const text = JSON.stringify({
      ...calibration,
      metrics: { 'a/b/c/d': { trialLogSd: 0.1, driftLogSd: 0.2, driftCalibrations: 0, trials: 3 } },
    });
    expect(parseNoiseCalibration('noise.json', text).metrics['a/b/c/d']).toMatchObject({
      driftLogSd: 0.2,
      driftCalibrations: 0,
    });
  });

  test('a missing file is no calibration, not an error', () => {
    const dir = makeTempDir();
    try {
      expect(readNoiseCalibration(dir.path)).toBeUndefined();
    } finally {
      dir.remove();
    }
  });

  test.each([
    ['not json', '{', /noise\.json: Expected `\(whole file\)` to be valid JSON/],
    ['a wrong version', JSON.stringify({ ...calibration, version: 2 }), /Expected `version` to be 1, got `2`/],
    [
      'a negative σ',
      JSON.stringify({ ...calibration, metrics: { 'a/b/c/d': { trialLogSd: -1, driftLogSd: 0, trials: 3 } } }),
      /Expected `metrics\["a\/b\/c\/d"\]\.trialLogSd` to be a non-negative finite number, got `-1`/,
    ],
    [
      'a fractional count of calibrations behind a drift',
      JSON.stringify({
        ...calibration,
        metrics: { 'a/b/c/d': { trialLogSd: 0.1, driftLogSd: 0.2, driftCalibrations: 1.5, trials: 3 } },
      }),
      /Expected `metrics\["a\/b\/c\/d"\]\.driftCalibrations` to be a non-negative integer, got `1.5`/,
    ],
    [
      'a twin σ without the pairs behind it',
      JSON.stringify({ ...calibration, metrics: { 'a/b/c/d': { trialLogSd: 0.1, trials: 3, pairLogSd: 0.1 } } }),
      /Expected `metrics\["a\/b\/c\/d"\]\.pairs` to be a positive integer, got `undefined`/,
    ],
    [
      'a key without suite, scenario, variant and metric',
      JSON.stringify({ ...calibration, metrics: { 'a/b': { trialLogSd: 0.1, driftLogSd: 0, trials: 3 } } }),
      /Expected `metrics\["a\/b"\]` to be a key of the form <suite>\/<scenario>\/<variant>\/<metric>/,
    ],
    [
      'an unknown profile',
      JSON.stringify({ ...calibration, profile: 'fast' }),
      /Expected `profile` to be one of smoke, ci, full/,
    ],
    [
      'no source runs',
      JSON.stringify({ ...calibration, sourceRuns: [] }),
      /Expected `sourceRuns` to be a non-empty array/,
    ],
  ])('%s is an error naming the file and the field', (_what, text, message) => {
    const dir = makeTempDir();
    try {
      writeFileSync(noisePath(dir.path), text);
      expect(() => readNoiseCalibration(dir.path)).toThrow(message);
      expect(() => parseNoiseCalibration(path.join(dir.path, 'noise.json'), text)).toThrow(/noise\.json/);
    } finally {
      dir.remove();
    }
  });
});
