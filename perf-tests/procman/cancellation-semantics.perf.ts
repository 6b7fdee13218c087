/**
 * Does a cancelled operation leave the manager wedged? A gated stop is
 * cancelled by its caller mid-flight; 3 strict probes (250 ms) follow at once,
 * then a normal window. Bars of the original: v2 — no probe or query timeout,
 * p99 ≤ 500 ms, enough samples, a second stop accepted; v1 — not completely
 * wedged, some progress, a second stop accepted.
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { findMetric, resolveProfile } from '../../src/harness/index.js';
import { reportVariants } from './support/assert-bars.js';
import type { CancellationParams } from './support/cancellation-workload.js';
import { measureVariants, SPEC_TIMEOUT_MS } from './support/measure-variants.js';
import { minExpectedSamples, resolvePerfConfig } from './support/perf-config.js';
import { procmanSurvivors } from './support/survivors.js';
import { queryView, v2Problems } from './support/pass-bars.js';

const config = resolvePerfConfig(resolveProfile(), { all: { n: 1, windowMs: 1000 }, smoke: { windowMs: 600 } });
const worst = (values: readonly number[]): number => Math.max(...values);

describe('procman cancellation-semantics', () => {
  afterAll(() => {
    expect(procmanSurvivors()).toEqual([]);
  });

  test(
    'a cancelled stop releases its caller and leaves the manager responsive',
    async () => {
      const results = await measureVariants<CancellationParams>(
        'cancellation-semantics',
        new URL('./cancellation-semantics.scenario.ts', import.meta.url),
        (variant) => ({ variant, config }),
      );
      reportVariants('cancellation-semantics', results);
      const minSamples = minExpectedSamples(config.windowMs, config.queryPaceMs);
      const { v1, v2 } = results;

      expect(worst(findMetric(v2, 'cancelProbeTimeouts').trials)).toBe(0);
      expect(v2Problems(queryView(v2), minSamples)).toEqual([]);
      expect(Math.min(...findMetric(v2, 'secondStopAccepted').trials)).toBe(1);

      expect(worst(findMetric(v1, 'cancelProbeTimeouts').trials)).toBeLessThan(config.cancelProbeCount);
      expect(Math.min(...findMetric(v1, 'querySamples').trials)).toBeGreaterThan(0);
      expect(Math.min(...findMetric(v1, 'secondStopAccepted').trials)).toBe(1);
    },
    SPEC_TIMEOUT_MS,
  );
});
