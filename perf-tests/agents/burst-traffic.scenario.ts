/**
 * Burst traffic (seed: benchmark_burst_traffic): a baseline rate, a burst at
 * many times that rate, then the baseline again (open loop throughout, latency
 * from intended send time). Recovery time: from the end of the burst to the
 * start of the first interval after it whose p99 is back under the recovery
 * bound (twice the baseline p99, at least baseline + 1 ms); 0 when the burst
 * left no backlog. (The first recovered interval, not the last slow one: a
 * later stall of a shared machine is not the burst's doing.)
 */
import { requestLatencyHistogram, startReceivingAgents, warmUp } from './support/load-scenario.js';
import type { LoadAgentsParams } from './support/load-scenario.js';
import { defineScenario } from '../../src/harness/scenario.js';
import { runRequestLoad } from './support/request-load.js';

interface Params extends LoadAgentsParams {
  readonly baselineRatePerSec: number;
  readonly burstRatePerSec: number;
  readonly baselineMs: number;
  readonly burstMs: number;
  readonly afterMs: number;
  /** Unrecorded warm-up at half the burst rate before the baseline phase. */
  readonly warmupMs: number;
  readonly intervalMs: number;
}

export default defineScenario<Params>(async (ctx) => {
  const { params } = ctx;
  const { runtime, payload } = await startReceivingAgents(ctx, params);
  await warmUp(ctx, runtime, payload, { durationMs: params.warmupMs, ratePerSec: params.burstRatePerSec / 2 });
  const latency = requestLatencyHistogram(ctx, ['p50', 'p99', 'max']);
  const result = await runRequestLoad({
    runtime,
    capability: 'work',
    payload,
    phases: [
      { name: 'baseline', durationMs: params.baselineMs, ratePerSec: params.baselineRatePerSec },
      { name: 'burst', durationMs: params.burstMs, ratePerSec: params.burstRatePerSec },
      { name: 'after', durationMs: params.afterMs, ratePerSec: params.baselineRatePerSec },
    ],
    intervalMs: params.intervalMs,
    latency,
  });
  const { intervalMs } = params;
  const burstStart = params.baselineMs;
  const burstEnd = params.baselineMs + params.burstMs;
  const inRange = (fromMs: number, toMs: number) =>
    result.intervals.filter((interval) => interval.startMs >= fromMs && interval.startMs + intervalMs <= toMs);
  // Skip the first baseline interval (JIT warm-up) when there are others.
  const baselineIntervals = inRange(0, burstStart);
  const steady = baselineIntervals.length > 2 ? baselineIntervals.slice(1) : baselineIntervals;
  const baselineP99Us = Math.max(...steady.map((interval) => interval.p99Us), 1);
  const boundUs = Math.max(2 * baselineP99Us, baselineP99Us + 1000);
  const after = inRange(burstEnd, burstEnd + params.afterMs);
  const recovered = after.find((interval) => interval.received > 0 && interval.p99Us <= boundUs);
  const burst = inRange(burstStart, burstEnd);
  const burstSent = burst.reduce((sum, interval) => sum + interval.sent, 0);
  const burstReceived = burst.reduce((sum, interval) => sum + interval.received, 0);

  ctx.value('recoveryMs', 'latencyMs', (recovered?.startMs ?? burstEnd + params.afterMs) - burstEnd, { gate: false });
  ctx.value('burstSuccessRate', 'fraction', burstSent === 0 ? 0 : burstReceived / burstSent);
  ctx.value('successRate', 'fraction', result.successRate);
  ctx.note('baselineP99Us', baselineP99Us);
  ctx.note('recoveryBoundUs', boundUs);
  ctx.note('recoveredWithinRun', recovered !== undefined);
  ctx.note('sent', result.sent);
  ctx.note('firstErrors', result.firstErrors);
  ctx.note('intervals', result.intervals);
  runtime.close();
});
