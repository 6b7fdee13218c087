/**
 * Memory per agent (seed: profile_agent_memory): settled memory after
 * creating the agents, after each handled 1000 messages, and after a
 * checkpoint of each (the runtime keeps the last checkpoint per agent).
 * Measured over many agents and divided, because one agent is below the noise.
 */
import { AgentRuntime, loadAgentModule } from '../../src/agents/index.js';
import { defineScenario } from '../../src/harness/scenario.js';
import { agentKindParam, spawnWorkers } from './support/agents.js';
import { perItem, settledMemory, type SettledMemory } from './support/memory.js';
import { makePayload } from './support/payload.js';

interface Params {
  readonly agentKind: string;
  readonly agents: number;
  readonly messagesPerAgent: number;
  readonly messageBytes: number;
}

export default defineScenario<Params>(async (ctx) => {
  const { params } = ctx;
  const kind = agentKindParam(params.agentKind);
  const module = await loadAgentModule();
  const payload = makePayload(params.messageBytes);
  const runtime = new AgentRuntime({ mailboxCapacity: 1024 });

  const initial = settledMemory();
  const ids = spawnWorkers(runtime, params.agents, { kind, module, memoryLimitPages: 16 }, () => ctx.now());
  const afterCreation = settledMemory();

  for (const id of ids) {
    for (let sent = 0; sent < params.messagesPerAgent;) {
      const outcome = runtime.sendBatch(id, 'inform', [payload], 0);
      if (outcome.delivered === 1) sent++;
      else await runtime.idle();
    }
  }
  await runtime.idle();
  const { counters } = runtime.snapshot();
  if (counters.processed !== params.agents * params.messagesPerAgent) {
    throw new Error(`Expected ${params.agents * params.messagesPerAgent} handled, got ${counters.processed}`);
  }
  const afterProcessing = settledMemory();

  let checkpointBytes = 0;
  for (const id of ids) {
    const state = runtime.checkpoint(id).state as { memory?: Uint8Array };
    checkpointBytes += state.memory?.byteLength ?? 0;
  }
  const afterCheckpoint = settledMemory();

  const per = (after: SettledMemory, before: SettledMemory, field: keyof SettledMemory) =>
    perItem(after[field], before[field], params.agents);
  ctx.value('creationPerAgentBytes', 'bytes', per(afterCreation, initial, 'heapAndExternalBytes'));
  ctx.value('processingPerAgentBytes', 'bytes', per(afterProcessing, afterCreation, 'heapAndExternalBytes'), {
    gate: false,
  });
  ctx.value('checkpointPerAgentBytes', 'bytes', per(afterCheckpoint, afterProcessing, 'heapAndExternalBytes'), {
    gate: false,
  });
  ctx.value('totalPerAgentBytes', 'bytes', per(afterCheckpoint, initial, 'heapAndExternalBytes'));
  ctx.value('totalRssPerAgentBytes', 'bytes', per(afterCheckpoint, initial, 'rssBytes'), { gate: false });
  ctx.note('rssPerAgentBytes', {
    creation: per(afterCreation, initial, 'rssBytes'),
    processing: per(afterProcessing, afterCreation, 'rssBytes'),
    checkpoint: per(afterCheckpoint, afterProcessing, 'rssBytes'),
  });
  ctx.note('checkpointStateBytesPerAgent', checkpointBytes / params.agents);
  ctx.note('wasmLinearMemoryBytes', runtime.stats().wasmMemoryBytes);
  runtime.close();
});
