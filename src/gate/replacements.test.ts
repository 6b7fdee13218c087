import { describe, expect, test } from '@jest/globals';
import { replacementsOf } from './replacements.js';
import { noiseBlindness, withReplacementsNamed, type MetricComparison } from './compare-run.js';

describe('replacementsOf', () => {
  const daemon = new Set(['daemonCreationNs.median', 'daemonCreationNs.overReference', 'errorChainNs.median']);
  const procman = new Set(['queryLatencyUs.p50', 'queryLatencyUs.p95', 'queryLatencyUs.p99', 'queryOverFloorP50Ratio']);

  test("a micro-benchmark's median is replaced by its ratio over the reference, when measured", () => {
    expect(replacementsOf('daemonCreationNs.median', daemon)).toEqual(['daemonCreationNs.overReference']);
    expect(replacementsOf('errorChainNs.median', daemon)).toEqual([]);
  });

  test("a procman query percentile is replaced by its ratio over the trial's bare query", () => {
    expect(replacementsOf('queryLatencyUs.p50', procman)).toEqual(['queryOverFloorP50Ratio']);
    expect(replacementsOf('queryLatencyUs.p95', procman)).toEqual([]);
    expect(replacementsOf('queryLatencyUs.p99', procman)).toEqual([]);
  });

  test("a procman query p95 is replaced by its floor ratio and by the same queries' mean, each when measured", () => {
    const contended = new Set([
      'queryLatencyUs.p95',
      'queryLatencyUs.mean',
      'queryOverFloorP95Ratio',
      'churnWindowQueryLatencyUs.p95',
      'churnWindowQueryLatencyUs.mean',
      'churnWindowColdQueryLatencyUs.p95',
    ]);
    expect(replacementsOf('queryLatencyUs.p95', contended)).toEqual(['queryOverFloorP95Ratio', 'queryLatencyUs.mean']);
    expect(replacementsOf('churnWindowQueryLatencyUs.p95', contended)).toEqual(['churnWindowQueryLatencyUs.mean']);
    expect(replacementsOf('churnWindowColdQueryLatencyUs.p95', contended)).toEqual([]);
    expect(replacementsOf('queryLatencyUs.p99', contended)).toEqual([]);
    expect(replacementsOf('queryOverFloorP95Ratio', contended)).toEqual(['queryLatencyUs.mean']);
  });
});

describe('a blind metric says what would let it see 2×, and what judges it meanwhile', () => {
  const rule = {
    source: 'calibration' as const,
    noise: { trialLogSd: 0.6, driftLogSd: 0 },
    fallback: { relative: 0.1, absolute: 0 },
  };

  test('the reason says how many trials would see 2×, or that none would', () => {
    const blind = noiseBlindness(rule, 6, 6);
    expect(blind?.trialsToSee2x).toBeGreaterThan(6);
    expect(blind?.reason).toMatch(
      /^its measured noise hides a 2× change \(could see ≥ [\d.]+×; 2× needs \d+ trials a side\)$/,
    );
    expect(blind?.reason).toContain(`2× needs ${blind?.trialsToSee2x} trials a side)`);
    expect(noiseBlindness(rule, 6, 6, true)?.reason).toMatch(/2× needs \d+ twin pairs\)$/);
    const drifting = noiseBlindness({ ...rule, noise: { trialLogSd: 0.6, driftLogSd: 0.6 } }, 6, 6);
    expect(drifting?.trialsToSee2x).toBeUndefined();
    expect(drifting?.reason).toContain('no number of trials would see 2×');
    expect(noiseBlindness({ ...rule, noise: { trialLogSd: 0.01, driftLogSd: 0 } }, 6, 6)).toBeUndefined();
  });

  const metric = (name: string, gated: boolean, replacedBy?: string[]): MetricComparison => ({
    suite: 'procman',
    scenario: 'concurrent-ops-isolation',
    variant: 'v1',
    metric: name,
    unit: 'latencyUs',
    direction: 'smaller',
    gated,
    status: 'unchanged',
    ...(gated ? {} : { ungatedBecause: 'its measured noise hides a 2× change' }),
    ...(replacedBy ? { replacedBy } : {}),
  });

  test('the reason names the replacements gated in the scenario, not the blind ones', () => {
    const [p95, ratio] = withReplacementsNamed([
      metric('queryLatencyUs.p95', false, ['queryOverFloorP95Ratio', 'queryLatencyUs.mean']),
      metric('queryOverFloorP95Ratio', false, ['queryLatencyUs.mean']),
      metric('queryLatencyUs.mean', true),
    ]);
    expect(p95?.ungatedBecause).toBe(
      'its measured noise hides a 2× change; queryLatencyUs.mean judges the same behaviour',
    );
    expect(ratio?.ungatedBecause).toBe(
      'its measured noise hides a 2× change; queryLatencyUs.mean judges the same behaviour',
    );
  });

  test('when every replacement is blind too, the reason says nothing judges it', () => {
    const [p95, , mean] = withReplacementsNamed([
      metric('queryLatencyUs.p95', false, ['queryOverFloorP95Ratio', 'queryLatencyUs.mean']),
      metric('queryOverFloorP95Ratio', false, ['queryLatencyUs.mean']),
      metric('queryLatencyUs.mean', false),
    ]);
    expect(p95?.ungatedBecause).toBe(
      'its measured noise hides a 2× change; queryOverFloorP95Ratio and queryLatencyUs.mean, which would judge the same behaviour, are blind too',
    );
    expect(mean?.ungatedBecause).toBe('its measured noise hides a 2× change');
  });
});
