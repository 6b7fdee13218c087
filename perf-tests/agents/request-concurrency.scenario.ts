/**
 * Routing sweep over concurrency: request/reply by capability with 1 … 64
 * requests in flight (each of `concurrency` callers sends a request, awaits
 * its reply, repeats), to native agents that take the payload. Per point:
 * requests answered per second (the median of several timed passes) and each
 * request's latency, send → reply.
 */
import { AgentRuntime, loadAgentModule, toCapability } from '../../src/agents/index.js';
import { byProfile } from '../../src/harness/profile.js';
import { defineScenario } from '../../src/harness/scenario.js';
import { spawnWorkers } from './support/agents.js';
import { measureSweep } from './support/sweep.js';
import { makePayload } from './support/payload.js';
import { sweepParam } from './support/sweep-points.js';
import { ROUTING_RATE_NOISE } from './support/throughput-noise.js';

interface Params {
  readonly concurrencies: readonly number[];
  readonly agents: number;
  readonly messageBytes: number;
}

export default defineScenario<Params>(async (ctx) => {
  const concurrencies = sweepParam(ctx.params.concurrencies, 'concurrencies');
  const module = await loadAgentModule();
  const passRequests = byProfile(ctx.profile, { smoke: 5_000, ci: 20_000, full: 200_000 });
  const passes = byProfile(ctx.profile, { smoke: 3, ci: 3, full: 5 });
  const payload = makePayload(ctx.params.messageBytes);
  const target = toCapability('work');

  let recording = false;
  const points = concurrencies.map((concurrency) => {
    const runtime = new AgentRuntime();
    spawnWorkers(runtime, ctx.params.agents, { kind: 'native', module, work: 'receive' }, () => ctx.now());
    const latency = ctx.histogram(`concurrency${concurrency}.requestLatencyUs`, 'latencyUs', {
      stats: ['p50', 'p99'],
      gate: ['p50'],
    });
    const drive = async (): Promise<number> => {
      let issued = 0;
      const started = ctx.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (issued < passRequests) {
            issued++;
            const sentAt = ctx.now();
            const reply = await runtime.request(target, payload);
            if (recording) latency.record((ctx.now() - sentAt) * 1000);
            if (reply.performative !== 'inform') throw new Error(`A request was answered \`${reply.performative}\``);
          }
        }),
      );
      return ctx.now() - started;
    };
    return { concurrency, runtime, drive, atWarm: runtime.snapshot().counters };
  });
  await measureSweep(points, {
    passes,
    afterWarmUp: () => {
      recording = true;
      for (const point of points) point.atWarm = point.runtime.snapshot().counters;
    },
    report: ({ concurrency, runtime, atWarm }, passMs) => {
      ctx.value(`concurrency${concurrency}.requestsPerSec`, 'throughputPerSec', (passRequests / passMs) * 1000, {
        noise: ROUTING_RATE_NOISE,
      });
      // How many requests a dispatcher turn handled in the timed passes: what lets requests
      // in flight overlap (one per turn would mean none do).
      const { processed, turns } = runtime.snapshot().counters;
      ctx.value(
        `concurrency${concurrency}.requestsPerTurn`,
        'completedCount',
        (processed - atWarm.processed) / (turns - atWarm.turns),
        {
          gate: false,
        },
      );
    },
  });
});
