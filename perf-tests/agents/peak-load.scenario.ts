/**
 * Peak load (seed: benchmark_peak_load): many agents, 1 KB requests at a high
 * constant rate (open loop); success rate, latency from intended send time,
 * and the rate actually completed.
 */
import { AgentRuntime, loadAgentModule } from '../../src/agents/index.js';
import { defineScenario } from '../../src/harness/scenario.js';
import { agentKindParam, spawnWorkers } from './support/agents.js';
import { makePayload } from './support/payload.js';
import { runRequestLoad } from './support/request-load.js';

interface Params {
  readonly agentKind: string;
  readonly agents: number;
  readonly ratePerSec: number;
  readonly durationMs: number;
  readonly warmupMs: number;
  readonly messageBytes: number;
}

export default defineScenario<Params>(async (ctx) => {
  const { params } = ctx;
  const runtime = new AgentRuntime();
  spawnWorkers(
    runtime,
    params.agents,
    { kind: agentKindParam(params.agentKind), module: await loadAgentModule(), work: 'receive' },
    () => ctx.now(),
  );
  const payload = makePayload(params.messageBytes);
  // Warm-up at the same rate (JIT), not recorded.
  const warmup = ctx.histogram('warmupLatencyUs', 'latencyUs', { stats: ['p99'], gate: false });
  await runRequestLoad({
    runtime,
    capability: 'work',
    payload,
    phases: [{ name: 'warm-up', durationMs: params.warmupMs, ratePerSec: params.ratePerSec }],
    intervalMs: 1000,
    latency: warmup,
  });
  // Open-loop tails here move with GC pauses of the shared event loop: in an
  // A/A run the p99 moved +86 % with the same code, so only the median is gated.
  const latency = ctx.histogram('requestLatencyUs', 'latencyUs', {
    stats: ['p50', 'p99', 'p99.9', 'max'],
    gate: ['p50'],
  });
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
