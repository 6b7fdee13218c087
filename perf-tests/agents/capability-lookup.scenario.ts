/**
 * Routing sweep over the number of agents a capability is looked up among:
 * 10, 100 or 1000 agents, each with a capability of its own. Messages go by
 * capability to ten of them spread over the directory, so every point routes
 * to the same ten receivers and what changes is only how many capabilities
 * and agents the lookup is done among (the directory's map). Per point:
 * messages routed per second, the median of several timed passes; the three
 * directories live side by side and take their passes in turns.
 */
import { AgentRuntime, loadAgentModule, toCapability } from '../../src/agents/index.js';
import { byProfile } from '../../src/harness/profile.js';
import { defineScenario } from '../../src/harness/scenario.js';
import { workerSpec } from './support/agents.js';
import { measureSweep } from './support/sweep.js';
import { makePayload } from './support/payload.js';
import { sweepParam } from './support/sweep-points.js';
import { ROUTING_RATE_NOISE } from './support/throughput-noise.js';

interface Params {
  readonly agentCounts: readonly number[];
  readonly messageBytes: number;
}

const RECEIVERS = 10;
/** Messages in flight per receiver before the sender waits for idle. */
const PER_RECEIVER_WINDOW = 1000;

export default defineScenario<Params>(async (ctx) => {
  // Every point routes to the same ten receivers, so it needs at least ten agents.
  const agentCounts = sweepParam(ctx.params.agentCounts, 'agentCounts', { min: RECEIVERS });
  const module = await loadAgentModule();
  const passMessages = byProfile(ctx.profile, { smoke: 20_000, ci: 100_000, full: 1_000_000 });
  const passes = byProfile(ctx.profile, { smoke: 3, ci: 5, full: 5 });
  const payload = makePayload(ctx.params.messageBytes);
  const window = RECEIVERS * PER_RECEIVER_WINDOW;

  const points = agentCounts.map((count) => {
    const runtime = new AgentRuntime({ mailboxCapacity: PER_RECEIVER_WINDOW + 24 });
    for (let i = 0; i < count; i++) {
      runtime.spawn(
        workerSpec({ kind: 'native', module, id: `agent-${i}`, capabilities: [`skill-${i}`], work: 'receive' }),
      );
    }
    const targets = Array.from({ length: RECEIVERS }, (_, i) =>
      toCapability(`skill-${Math.floor((i * count) / RECEIVERS)}`),
    );
    const drive = async (): Promise<number> => {
      const started = ctx.now();
      for (let sent = 0; sent < passMessages;) {
        const status = runtime.trySend(targets[sent % RECEIVERS]!, 'inform', payload);
        if (status === 'delivered') {
          if (++sent % window === 0) await runtime.idle();
        } else if (status === 'mailbox-full') await runtime.idle();
        else throw new Error(`Unexpected send status \`${status}\``);
      }
      await runtime.idle();
      return ctx.now() - started;
    };
    return { count, runtime, drive };
  });
  await measureSweep(points, {
    passes,
    report: ({ count, runtime }, passMs) => {
      const expected = (passes + 1) * passMessages;
      const { processed } = runtime.snapshot().counters;
      if (processed !== expected) throw new Error(`${count} agents: expected ${expected} handled, got ${processed}`);
      ctx.value(`lookup${count}.msgPerSec`, 'throughputPerSec', (passMessages / passMs) * 1000, {
        noise: ROUTING_RATE_NOISE,
      });
    },
  });
});
