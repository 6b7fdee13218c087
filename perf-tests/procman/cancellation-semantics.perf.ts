/**
 * Does a cancelled operation leave the manager wedged? A gated stop is
 * cancelled by its caller mid-flight; 3 strict probes (250 ms) follow at once,
 * then a normal window, then the retry that finishes the cancelled stop's
 * cleanup (the process is still `stopping`), sent with the gate still closed,
 * and 3 more strict probes.
 *
 * Both designs release the aborted caller (Aborted within the 250 ms probe
 * timeout; docs/decisions.md, "Procman: an aborted caller is released within
 * the probe timeout") and answer right after the abort: v1 passes the
 * caller's signal down to the wait for the exit, so its lock is not left held.
 * What differs is the cleanup the cancellation left: v1 runs the retry under
 * its write lock, so the probes during it wait for the gate (v1: at least one
 * times out; by design all do), v2 runs it in the operation runner (none does).
 * Bars of the original besides: v2 — no query timeout, p99 ≤ 500 ms, enough
 * samples, the second stop accepted; v1 — some progress, the second stop accepted.
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
/** The aborted caller is released within the strict probe timeout, in both designs. */
const RELEASE_BOUND_US = config.cancelProbeTimeoutMs * 1000;

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

      for (const result of [v1, v2]) {
        expect(Math.min(...findMetric(result, 'abortedCallerReleased').trials)).toBe(1);
        expect(worst(findMetric(result, 'abortReleaseUs').trials)).toBeLessThanOrEqual(RELEASE_BOUND_US);
      }
      expect(worst(findMetric(v2, 'retryProbeTimeouts').trials)).toBe(0);
      expect(Math.min(...findMetric(v1, 'retryProbeTimeouts').trials)).toBeGreaterThan(0);

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
