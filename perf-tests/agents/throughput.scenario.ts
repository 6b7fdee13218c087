/**
 * Message throughput (seed: bench_message_throughput): one-way messages of
 * 64 B – 32 KB routed by capability, one routing decision per message, to a
 * set of agents that hash every payload (native twin or WASM agent). The rate
 * is messages handled per second, from the first send until the runtime is idle.
 */
import { AgentRuntime, loadAgentModule, toCapability } from '../../src/agents/index.js';
import { byProfile } from '../../src/harness/profile.js';
import { defineScenario } from '../../src/harness/scenario.js';
import { agentKindParam, spawnWorkers } from './support/agents.js';
import { makePayload, sizeLabel } from './support/payload.js';

interface Params {
  readonly agentKind: string;
  readonly agents: number;
  readonly messageBytes: readonly number[];
}

export default defineScenario<Params>(async (ctx) => {
  const kind = agentKindParam(ctx.params.agentKind);
  const module = await loadAgentModule();
  // Native routing is cheap per message; WASM copies each payload into linear memory and hashes it.
  const maxMessages = byProfile(ctx.profile, { smoke: 20_000, ci: 400_000, full: 2_000_000 });
  const byteBudget = byProfile(ctx.profile, { smoke: 16, ci: 256, full: 2048 }) * 1024 * 1024;
  const target = toCapability('work');

  for (const bytes of ctx.params.messageBytes) {
    const runtime = new AgentRuntime({ mailboxCapacity: 1024 });
    spawnWorkers(runtime, ctx.params.agents, { kind, module, memoryLimitPages: 16 }, () => ctx.now());
    const payload = makePayload(bytes);
    const messages = Math.max(1000, Math.min(maxMessages, kind === 'wasm' ? Math.floor(byteBudget / bytes) : maxMessages));
    let refusals = 0;
    const drive = async (count: number): Promise<number> => {
      const started = ctx.now();
      for (let sent = 0; sent < count; ) {
        const status = runtime.trySend(target, 'inform', payload);
        if (status === 'delivered') {
          sent++;
        } else if (status === 'mailbox-full') {
          refusals++; // back-pressure: let the agents drain, then send the same message again
          await runtime.idle();
        } else {
          throw new Error(`Unexpected send status \`${status}\``);
        }
      }
      await runtime.idle();
      return ctx.now() - started;
    };
    await drive(Math.ceil(messages / 10)); // warm-up: JIT and first-touch of memory
    const processedBefore = runtime.snapshot().counters.processed;
    const elapsedMs = await drive(messages);
    const processed = runtime.snapshot().counters.processed - processedBefore;
    if (processed !== messages) throw new Error(`Expected ${messages} messages handled, got ${processed}`);
    const label = sizeLabel(bytes);
    ctx.value(`msgPerSec.${label}`, 'throughputPerSec', (messages / elapsedMs) * 1000);
    ctx.note(`messages.${label}`, messages);
    ctx.note(`backPressureRefusals.${label}`, refusals);
    runtime.close();
  }
});
