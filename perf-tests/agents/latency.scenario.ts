/**
 * Request/response latency (seed: LatencyBenchmark.measure_e2e_latency): one
 * requester sends a request, awaits the reply, repeats; p50 … p99.9 and max.
 * Also the local routing latency of a one-way message (send → handler) and the
 * request rate with 64 requests in flight.
 */
import { AgentRuntime, loadAgentModule, toCapability } from '../../src/agents/index.js';
import { byProfile } from '../../src/harness/profile.js';
import { defineScenario } from '../../src/harness/scenario.js';
import { agentKindParam, spawnWorkers } from './support/agents.js';
import { makePayload } from './support/payload.js';

interface Params {
  readonly agentKind: string;
  readonly agents: number;
  readonly messageBytes: number;
  readonly concurrency: number;
}

const STATS = ['p50', 'p90', 'p95', 'p99', 'p99.9', 'max'] as const;

export default defineScenario<Params>(async (ctx) => {
  const kind = agentKindParam(ctx.params.agentKind);
  const module = await loadAgentModule();
  const runtime = new AgentRuntime();
  spawnWorkers(runtime, ctx.params.agents, { kind, module }, () => ctx.now());
  const target = toCapability('work');
  const payload = makePayload(ctx.params.messageBytes);
  const requests = byProfile(ctx.profile, { smoke: 5_000, ci: 30_000, full: 1_000_000 });

  // Warm-up.
  for (let i = 0; i < requests / 10; i++) await runtime.request(target, payload);

  const requestLatency = ctx.histogram('requestLatencyNs', 'latencyNs', { stats: STATS });
  for (let i = 0; i < requests; i++) {
    const started = ctx.now();
    const reply = await runtime.request(target, payload);
    requestLatency.record((ctx.now() - started) * 1e6);
    if (reply.performative !== 'inform') throw new Error(`Request ${i} answered \`${reply.performative}\``);
  }

  // One-way routing latency: the handler sees the message after the sender's turn ends.
  const router = new AgentRuntime();
  const routingLatency = ctx.histogram('routingLatencyNs', 'latencyNs', { stats: STATS });
  let sentAt = 0;
  let arrived: () => void = () => undefined;
  router.spawn({
    kind: 'native',
    id: 'sink',
    handler: () => {
      routingLatency.record((ctx.now() - sentAt) * 1e6);
      arrived();
    },
  });
  for (let i = 0; i < requests; i++) {
    const delivered = new Promise<void>((resolve) => (arrived = resolve));
    sentAt = ctx.now();
    router.send('sink', 'inform', payload);
    await delivered;
  }
  router.close();

  // Request rate with `concurrency` requests in flight.
  let issued = 0;
  const started = ctx.now();
  await Promise.all(
    Array.from({ length: ctx.params.concurrency }, async () => {
      while (issued < requests) {
        issued++;
        await runtime.request(target, payload);
      }
    }),
  );
  ctx.value('requestsPerSec', 'throughputPerSec', (issued / (ctx.now() - started)) * 1000);
  const snapshot = runtime.snapshot();
  ctx.note('runtimeRequestLatencyUs', snapshot.requestLatencyUs);
  ctx.note('errorRate', snapshot.errorRate);
  runtime.close();
});
