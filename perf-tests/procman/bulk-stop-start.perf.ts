/**
 * Shape B of the v1-vs-v2 test: do queries stay responsive while every
 * process is stopped and started again, min(concurrency, 8) at a time, with
 * no long operation in flight? v2 within the original's bars (no timeout,
 * p99 ≤ 500 ms, enough samples); v1's queries wait for the lifecycle work
 * (p95 at least 10× v2's), no query or churn error in either.
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { resolveProfile } from '../../src/harness/index.js';
import {
  expectChurnProgress,
  expectChurnQueryBars,
  expectV1WaitsForChurn,
  reportVariants,
} from './support/assert-bars.js';
import type { BulkStopStartParams } from './support/bulk-stop-start-workload.js';
import { measureVariants, SPEC_TIMEOUT_MS } from './support/measure-variants.js';
import { resolvePerfConfig } from './support/perf-config.js';
import { procmanSurvivors } from './support/survivors.js';

const config = resolvePerfConfig(resolveProfile());

describe('procman bulk-stop-start', () => {
  afterAll(() => {
    expect(procmanSurvivors()).toEqual([]);
  });

  test(
    'v2 answers queries during bulk stop+start of every process; v1 queries wait for it',
    async () => {
      const results = await measureVariants<BulkStopStartParams>(
        'bulk-stop-start',
        new URL('./bulk-stop-start.scenario.ts', import.meta.url),
        (variant) => ({ variant, config }),
      );
      reportVariants('bulk-stop-start', results);
      expectChurnQueryBars(results, config, '');
      expectV1WaitsForChurn(results, '');
      expectChurnProgress(results, '');
    },
    SPEC_TIMEOUT_MS,
  );
});
