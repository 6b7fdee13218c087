/**
 * Peak load (seed: benchmark_peak_load): many agents, 1 KB requests at a high
 * constant rate (open loop); success rate, latency from intended send time,
 * and the rate actually completed.
 */
import { requestLatencyHistogram, startReceivingAgents, warmUp } from './support/load-scenario.js';
import type { LoadAgentsParams } from './support/load-scenario.js';
import { defineScenario } from '../../src/harness/scenario.js';
import { runRequestLoad } from './support/request-load.js';

interface Params extends LoadAgentsParams {
  readonly ratePerSec: number;
  readonly durationMs: number;
  readonly warmupMs: number;
}

export default defineScenario<Params>(async (ctx) => {
  const { params } = ctx;
  const { runtime, payload } = await startReceivingAgents(ctx, params);
  await warmUp(ctx, runtime, payload, { durationMs: params.warmupMs, ratePerSec: params.ratePerSec });
  const latency = requestLatencyHistogram(ctx, ['p50', 'p99', 'p99.9', 'max']);
  const result = await runRequestLoad({
    runtime,
    capability: 'work',
    payload,
    phases: [{ name: 'peak', durationMs: params.durationMs, ratePerSec: params.ratePerSec }],
    intervalMs: 1000,
    latency,
  });
  ctx.value('successRate', 'fraction', result.successRate);
  ctx.value('completedPerSec', 'throughputPerSec', (result.succeeded / params.durationMs) * 1000, { gate: false });
  ctx.note('sent', result.sent);
  ctx.note('firstErrors', result.firstErrors);
  ctx.note('intervals', result.intervals);
  runtime.close();
});
