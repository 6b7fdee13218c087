/**
 * Open-loop load test with ramp-up (seed: LoadTest): requests at a rate that
 * ramps linearly to the target, then holds; per-interval figures (sent,
 * received, errors, latencies) and the overall latency from intended send time.
 */
import { toCapability } from '../../src/agents/index.js';
import { intendedSendTimeMs, runOpenLoop } from '../../src/harness/load/open-loop.js';
import { requestLatencyHistogram, startReceivingAgents, type LoadAgentsParams } from './support/load-scenario.js';
import { defineScenario } from '../../src/harness/scenario.js';
import { IntervalRecorder } from './support/interval-figures.js';

interface Params extends LoadAgentsParams {
  readonly ratePerSec: number;
  readonly rampUpMs: number;
  readonly durationMs: number;
  readonly intervalMs: number;
}

export default defineScenario<Params>(async (ctx) => {
  const { params } = ctx;
  const { runtime, payload } = await startReceivingAgents(ctx, params);
  const target = toCapability('work');
  const latency = requestLatencyHistogram(ctx, ['p50', 'p90', 'p99', 'p99.9', 'max']);
  const intervals = new IntervalRecorder(params.intervalMs, 0);
  let succeeded = 0;
  const rampStartRatePerSec = params.ratePerSec / 10;
  const started = ctx.now();
  const result = await runOpenLoop({
    ratePerSec: params.ratePerSec,
    durationMs: params.durationMs,
    rampUpMs: params.rampUpMs,
    rampStartRatePerSec,
    send: async (index) => {
      intervals.sent(intendedSendTimeMs(index, params.ratePerSec, params.rampUpMs, rampStartRatePerSec));
      const reply = await runtime.request(target, payload);
      if (reply.performative !== 'inform') throw new Error(`answered \`${reply.performative}\``);
    },
    // Intended times are absolute; the generator's start is `started` to within microseconds.
    onLatency: (latencyMs, intendedAtMs) => {
      succeeded++;
      latency.record(latencyMs * 1000);
      intervals.received(intendedAtMs - started, latencyMs * 1000);
    },
    onError: (_error, intendedAtMs) => intervals.error(intendedAtMs - started),
  });
  const elapsedMs = ctx.now() - started;
  ctx.value('successRate', 'fraction', result.sent === 0 ? 0 : succeeded / result.sent);
  ctx.value('completedPerSec', 'throughputPerSec', (result.completed / elapsedMs) * 1000, { gate: false });
  ctx.value('errors', 'count', result.errors + result.unanswered);
  ctx.note('sent', result.sent);
  ctx.note('peakInFlight', result.peakInFlight);
  ctx.note('intervals', intervals.figures());
  runtime.close();
});
