/**
 * CPU use (seed: profile_cpu_usage), percent of one core of this process:
 * while agents sit idle (the runtime must not poll), while they process
 * messages, and while agents are spawned.
 */
import { AgentRuntime, loadAgentModule, toCapability } from '../../src/agents/index.js';
import { defineScenario } from '../../src/harness/scenario.js';
import { agentKindParam, spawnWorkers } from './support/agents.js';
import { startCpuWindow } from './support/cpu.js';
import { settledMemory } from './support/memory.js';
import { makePayload } from './support/payload.js';

interface Params {
  readonly agentKind: string;
  readonly agents: number;
  readonly idleMs: number;
  readonly messages: number;
  readonly spawnAgents: number;
}

export default defineScenario<Params>(async (ctx) => {
  const { params } = ctx;
  const kind = agentKindParam(params.agentKind);
  const module = await loadAgentModule();
  const now = () => ctx.now();
  const runtime = new AgentRuntime();
  spawnWorkers(runtime, params.agents, { kind, module, work: 'receive' }, now);
  await runtime.idle();

  // Idle: the scenario's work is defined as waiting with every agent idle. First let
  // the background work of setup (GC, JIT and WASM tier-up threads) finish, unmeasured.
  settledMemory();
  await new Promise((resolve) => setTimeout(resolve, params.idleMs / 2));
  const idle = startCpuWindow(now);
  await new Promise((resolve) => setTimeout(resolve, params.idleMs));
  const idlePercent = idle.stop();

  const payload = makePayload(1024);
  const target = toCapability('work');
  const processing = startCpuWindow(now);
  for (let sent = 0; sent < params.messages;) {
    if (runtime.trySend(target, 'inform', payload) === 'delivered') sent++;
    else await runtime.idle();
  }
  await runtime.idle();
  const processingPercent = processing.stop();

  const spawner = new AgentRuntime();
  const spawning = startCpuWindow(now);
  spawnWorkers(spawner, params.spawnAgents, { kind, module, id: 'spawned' }, now);
  const spawningPercent = spawning.stop();

  ctx.value('idleCpuPercent', 'cpuPercent', idlePercent);
  ctx.value('processingCpuPercent', 'cpuPercent', processingPercent, { gate: false });
  ctx.value('spawningCpuPercent', 'cpuPercent', spawningPercent, { gate: false });
  ctx.value('idleCpuPerAgentPercent', 'cpuPercent', idlePercent / params.agents, { gate: false });
  spawner.close();
  runtime.close();
});
