/**
 * Metric names and declarations of a measured window, one prefix per window:
 * '' for the gated-stop window (`queryLatencyUs`, `churnSuccessfulCycles`, the
 * names the baselines know), `churnWindow` for the churn-only window, `cold` for
 * the cold processes' queries. Where churn runs, latencies are gated on p50,
 * p95 and the mean: the p99 is a single GC pause or fork, and the mean sums
 * the waits behind lifecycle operations that a p95 ranks on the knee between
 * waited and did not wait. Without churn they are gated on p50, p95 and p99,
 * and the mean, one stray wait of a few dozen queries, is reported. Query
 * timeouts are gated for v2 (v1's are the design); the counts are reported
 * and asserted by the specs.
 */
import type { SampleRecorder, ScenarioContext } from '../../../src/harness/scenario.js';
import type { ProcmanVariant } from '../../../src/procman/index.js';
import type { ChurnStats } from './churn.js';
import type { QueryLoopCounts } from './query-loop.js';
import { QUERY_LATENCY_NOISE } from './query-noise.js';

type Ctx = Pick<ScenarioContext<unknown>, 'histogram' | 'value'>;

/** `queryLatencyUs` for the prefix '', `churnWindowQueryLatencyUs` for `churnWindow`. */
export function prefixed(prefix: string, name: string): string {
  return prefix === '' ? name.charAt(0).toLowerCase() + name.slice(1) : `${prefix}${name}`;
}

export function queryHistogram(ctx: Ctx, prefix: string, options: { readonly churn: boolean }): SampleRecorder {
  return ctx.histogram(prefixed(prefix, 'QueryLatencyUs'), 'latencyUs', {
    stats: ['p50', 'p95', 'p99', 'max', 'mean'],
    gate: options.churn ? ['p50', 'p95', 'mean'] : ['p50', 'p95', 'p99'],
    noise: QUERY_LATENCY_NOISE,
  });
}

export function recordQueryCounts(ctx: Ctx, prefix: string, counts: QueryLoopCounts, variant: ProcmanVariant): void {
  ctx.value(prefixed(prefix, 'QueryTimeouts'), 'count', counts.timeouts, { gate: variant === 'v2' });
  ctx.value(prefixed(prefix, 'QuerySamples'), 'completedCount', counts.samples, { gate: false });
  ctx.value(prefixed(prefix, 'QueryErrors'), 'count', counts.errors, { gate: false });
}

/** `churnAttemptedCycles` … for the prefix '', `churnWindowAttemptedCycles` … for `churnWindow`. */
export function recordChurnStats(ctx: Ctx, prefix: string, stats: ChurnStats): void {
  const name = (suffix: string): string => `${prefix === '' ? 'churn' : prefix}${suffix}`;
  ctx.value(name('AttemptedCycles'), 'completedCount', stats.attemptedCycles, { gate: false });
  ctx.value(name('SuccessfulCycles'), 'completedCount', stats.successfulCycles, { gate: false });
  ctx.value(name('FailedCycles'), 'count', stats.failedCycles, { gate: false });
  ctx.value(name('StopErrors'), 'count', stats.stopErrors, { gate: false });
  ctx.value(name('StartErrors'), 'count', stats.startErrors, { gate: false });
}
