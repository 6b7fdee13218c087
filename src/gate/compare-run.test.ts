import { fixtureCalibrationOf } from '../test-support/fixture-results.js';
import type { NoiseCalibration } from './noise-calibration.js';
import { noiseRule, type ReferenceMetric } from './compare-run.js';

const KEY = 'procman/control-plane-isolation/v2/queryOverFloorP50Ratio';
const reference: ReferenceMetric = {
  kind: 'ratio',
  stat: 'value',
  unit: 'x',
  direction: 'smaller',
  gated: true,
  value: 2.4,
  trials: [2.3, 2.4, 2.5],
};

function calibrationWith(metric: NoiseCalibration['metrics'][string]): NoiseCalibration {
  return fixtureCalibrationOf({ [KEY]: metric });
}

describe('noiseRule', () => {
  test('against a committed baseline the calibrated day drift applies; between interleaved sides it does not', () => {
    const calibration = calibrationWith({ trialLogSd: 0.08, driftLogSd: 0.2, driftCalibrations: 2, trials: 12 });
    expect(noiseRule({ calibration, mode: 'committed' }, KEY, reference)).toMatchObject({
      source: 'calibration',
      noise: { trialLogSd: 0.08, driftLogSd: 0.2 },
    });
    expect(noiseRule({ calibration, mode: 'interleaved' }, KEY, reference)).toMatchObject({
      source: 'calibration',
      noise: { trialLogSd: 0.08, driftLogSd: 0 },
    });
  });

  test('a metric whose day drift was never measured is judged by its kind against a committed baseline', () => {
    const calibration = calibrationWith({ trialLogSd: 0.08, trials: 12 });
    expect(noiseRule({ calibration, mode: 'committed' }, KEY, reference).source).toBe('kind default');
    expect(noiseRule({ calibration, mode: 'interleaved' }, KEY, reference).source).toBe('calibration');
  });

  test('a metric the calibration lacks is judged by its kind', () => {
    const calibration = calibrationWith({ trialLogSd: 0.08, driftLogSd: 0.1, trials: 12 });
    expect(noiseRule({ calibration, mode: 'committed' }, 'procman/x/v2/other', reference).source).toBe('kind default');
  });
});
