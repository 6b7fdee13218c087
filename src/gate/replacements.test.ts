import { describe, expect, test } from '@jest/globals';
import { replacementOf } from './replacements.js';
import { noiseBlindness } from './compare-run.js';

describe('replacementOf', () => {
  const daemon = new Set(['daemonCreationNs.median', 'daemonCreationNs.overReference', 'errorChainNs.median']);
  const procman = new Set(['queryLatencyUs.p50', 'queryLatencyUs.p95', 'queryLatencyUs.p99', 'queryOverFloorP50Ratio']);

  test("a micro-benchmark's median is replaced by its ratio over the reference, when measured", () => {
    expect(replacementOf('daemonCreationNs.median', daemon)).toBe('daemonCreationNs.overReference');
    expect(replacementOf('errorChainNs.median', daemon)).toBeUndefined();
  });

  test("a procman query percentile is replaced by its ratio over the trial's bare query", () => {
    expect(replacementOf('queryLatencyUs.p50', procman)).toBe('queryOverFloorP50Ratio');
    expect(replacementOf('queryLatencyUs.p95', procman)).toBeUndefined();
    expect(replacementOf('queryLatencyUs.p99', procman)).toBeUndefined();
  });
});

describe('a blind metric names its replacement', () => {
  const rule = {
    source: 'calibration' as const,
    noise: { trialLogSd: 0.6, driftLogSd: 0 },
    fallback: { relative: 0.1, absolute: 0 },
  };

  test('the reason says which metric judges the same behaviour', () => {
    expect(noiseBlindness(rule, 6, 6, 'queryOverFloorP50Ratio')).toMatch(
      /hides a 2× change .*; queryOverFloorP50Ratio judges the same behaviour$/,
    );
    expect(noiseBlindness(rule, 6, 6)).not.toContain('judges');
    expect(noiseBlindness({ ...rule, noise: { trialLogSd: 0.01, driftLogSd: 0 } }, 6, 6, 'x')).toBeUndefined();
  });
});
