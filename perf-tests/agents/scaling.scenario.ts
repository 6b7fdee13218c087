/**
 * Horizontal scaling (seed: benchmark_horizontal_scaling): for 1, 10, 100,
 * 1000 and 10 000 agents, each in a fresh runtime: the time to spawn them
 * (every spawn timed), the message rate with traffic spread over all of them
 * by capability (first pass, and the median of the steady-state passes), and the memory they hold
 * (settled after GC) per agent.
 */
import { AgentRuntime, loadAgentModule, toCapability } from '../../src/agents/index.js';
import { byProfile } from '../../src/harness/profile.js';
import { defineScenario } from '../../src/harness/scenario.js';
import { agentKindParam, spawnWorkers } from './support/agents.js';
import { perItem, settledMemory } from './support/memory.js';
import { medianPassMs } from './support/median-pass.js';
import { makePayload } from './support/payload.js';
import { ROUTING_RATE_NOISE } from './support/throughput-noise.js';

interface Params {
  readonly agentKind: string;
  readonly agentCounts: readonly number[];
  readonly messageBytes: number;
  /** Agent counts from which memory per agent is gated (small counts are noise). */
  readonly gateMemoryFrom: number;
}

export default defineScenario<Params>(async (ctx) => {
  const kind = agentKindParam(ctx.params.agentKind);
  const compileStart = ctx.now();
  const module = await loadAgentModule();
  ctx.note('wasmCompileMs', ctx.now() - compileStart);
  const messages = byProfile(ctx.profile, { smoke: 10_000, ci: 50_000, full: 1_000_000 });
  /** Steady-state passes per agent count; the rate is the median pass's. */
  const steadyPasses = byProfile(ctx.profile, { smoke: 1, ci: 5, full: 3 });
  const payload = makePayload(ctx.params.messageBytes);
  const spawnLatency = ctx.histogram('spawnLatencyUs', 'latencyUs', { stats: ['p50', 'p99', 'max'] });
  const target = toCapability('work');
  const inFlightWindow = 4096;

  for (const count of ctx.params.agentCounts) {
    const label = `agents${count}`;
    const before = settledMemory();
    const runtime = new AgentRuntime({ mailboxCapacity: 256 });
    const spawnStart = ctx.now();
    spawnWorkers(
      runtime,
      count,
      { kind, module, memoryLimitPages: 16, work: 'receive' },
      () => ctx.now(),
      (us) => spawnLatency.record(us),
    );
    const spawnMs = ctx.now() - spawnStart;
    ctx.value(`${label}.spawnAllMs`, 'latencyMs', spawnMs, { gate: count >= 100 });
    ctx.value(`${label}.spawnPerSec`, 'throughputPerSec', (count / spawnMs) * 1000, { gate: false });

    let refusals = 0;
    const drive = async (): Promise<number> => {
      const started = ctx.now();
      for (let sent = 0; sent < messages;) {
        const status = runtime.trySend(target, 'inform', payload);
        if (status === 'delivered') {
          // The same number of messages in flight at every agent count, so the
          // comparison is about routing, not about how long a backlog lives.
          if (++sent % inFlightWindow === 0) await runtime.idle();
        } else if (status === 'mailbox-full') {
          refusals++;
          await runtime.idle();
        } else throw new Error(`Unexpected send status \`${status}\``);
      }
      await runtime.idle();
      return ctx.now() - started;
    };
    // The first pass touches every agent for the first time (a WASM instance's first
    // call and first write to its memory); from the third on is the steady state.
    const firstPassMs = await drive();
    await drive(); // JIT settles on the new runtime's shapes
    const steadyMs = await medianPassMs(drive, steadyPasses);
    const { counters } = runtime.snapshot();
    const expected = (2 + steadyPasses) * messages;
    if (counters.processed !== expected)
      throw new Error(`${label}: expected ${expected} handled, got ${counters.processed}`);
    ctx.value(`${label}.msgPerSec`, 'throughputPerSec', (messages / steadyMs) * 1000, { noise: ROUTING_RATE_NOISE });
    ctx.value(`${label}.firstPassMsgPerSec`, 'throughputPerSec', (messages / firstPassMs) * 1000, { gate: false });

    const after = settledMemory();
    ctx.value(`${label}.rssPerAgentBytes`, 'bytes', perItem(after.rssBytes, before.rssBytes, count), {
      gate: count >= ctx.params.gateMemoryFrom,
    });
    ctx.value(
      `${label}.heapPerAgentBytes`,
      'bytes',
      perItem(after.heapAndExternalBytes, before.heapAndExternalBytes, count),
      {
        gate: count >= ctx.params.gateMemoryFrom,
      },
    );
    const stats = runtime.stats();
    ctx.note(`${label}.wasmLinearMemoryBytes`, stats.wasmMemoryBytes);
    ctx.note(`${label}.backPressureRefusals`, refusals);
    runtime.close();
  }
});
