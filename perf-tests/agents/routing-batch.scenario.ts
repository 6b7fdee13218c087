/**
 * Routing sweep over batch size (seed: MessageBatcher's `batch_size`): the same
 * one-way messages handed to the router in batches of 1, 10, 100 or 1000
 * (`sendBatch`, one capability resolution per batch), to native agents that
 * take the payload. Per point: messages routed per second, the median of
 * several timed passes, each pass from its first send to runtime idle.
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
  readonly batchSizes: readonly number[];
  readonly agents: number;
  readonly messageBytes: number;
}

/** Messages in flight before the sender waits for idle: room for the largest batch in every mailbox. */
const PER_AGENT_WINDOW = 1000;

export default defineScenario<Params>(async (ctx) => {
  // A batch larger than one agent's window would be refused by its mailbox.
  const batchSizes = sweepParam(ctx.params.batchSizes, 'batchSizes', { max: PER_AGENT_WINDOW });
  const module = await loadAgentModule();
  const passMessages = byProfile(ctx.profile, { smoke: 20_000, ci: 100_000, full: 1_000_000 });
  const passes = byProfile(ctx.profile, { smoke: 3, ci: 5, full: 5 });
  const payload = makePayload(ctx.params.messageBytes);
  const target = toCapability('work');
  const window = ctx.params.agents * PER_AGENT_WINDOW;

  const points = batchSizes.map((batchSize) => {
    const runtime = new AgentRuntime({ mailboxCapacity: PER_AGENT_WINDOW + 24 });
    spawnWorkers(runtime, ctx.params.agents, { kind: 'native', module, work: 'receive' }, () => ctx.now());
    const batch = Array.from({ length: batchSize }, () => payload);
    const drive = async (): Promise<number> => {
      const started = ctx.now();
      let sinceIdle = 0;
      for (let sent = 0; sent < passMessages; sent += batchSize) {
        let from = 0;
        while (from < batchSize) {
          const outcome = runtime.sendBatch(target, 'inform', batch, from);
          from += outcome.delivered;
          if (outcome.status === 'mailbox-full') await runtime.idle();
          else if (outcome.status !== 'delivered') throw new Error(`Unexpected send status \`${outcome.status}\``);
        }
        sinceIdle += batchSize;
        if (sinceIdle >= window) {
          sinceIdle = 0;
          await runtime.idle();
        }
      }
      await runtime.idle();
      return ctx.now() - started;
    };
    return { batchSize, runtime, drive };
  });
  await measureSweep(points, {
    passes,
    report: ({ batchSize, runtime }, passMs) => {
      const sentPerPass = Math.ceil(passMessages / batchSize) * batchSize;
      const expected = (passes + 1) * sentPerPass;
      const { processed } = runtime.snapshot().counters;
      if (processed !== expected) throw new Error(`batch ${batchSize}: expected ${expected} handled, got ${processed}`);
      ctx.value(`batch${batchSize}.msgPerSec`, 'throughputPerSec', (sentPerPass / passMs) * 1000, {
        noise: ROUTING_RATE_NOISE,
      });
    },
  });
});
