/**
 * CPU use (seed: profile_cpu_usage), percent of one core of this process (the
 * agents run on its event loop; the reading counts every thread of it, V8's
 * GC and compiler threads too): while agents sit idle (the runtime must not
 * poll), while they process messages as fast as they can, under a steady
 * open-loop request rate (per agent and per request), and while agents are
 * spawned.
 */
import { AgentRuntime, loadAgentModule, toCapability } from '../../src/agents/index.js';
import { defineScenario } from '../../src/harness/scenario.js';
import { agentKindParam, spawnWorkers } from './support/agents.js';
import { startCpuWindow } from './support/cpu.js';
import { settledMemory } from './support/memory.js';
import { makePayload } from './support/payload.js';
import { runRequestLoad } from './support/request-load.js';

interface Params {
  readonly agentKind: string;
  readonly agents: number;
  readonly idleMs: number;
  readonly messages: number;
  readonly spawnAgents: number;
  /** The steady load: requests per second by capability, for `loadMs`. */
  readonly loadRatePerSec: number;
  readonly loadMs: number;
}

/** The load's latency is the load scenarios' business; here only its CPU counts. */
const unrecorded = { record: () => undefined, recordCorrected: () => undefined, count: 0 };

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

  // Under load: requests at a constant rate (open loop), answered by the agents.
  const loaded = startCpuWindow(now);
  const load = await runRequestLoad({
    runtime,
    capability: 'work',
    payload,
    phases: [{ name: 'load', durationMs: params.loadMs, ratePerSec: params.loadRatePerSec }],
    intervalMs: params.loadMs,
    latency: unrecorded,
  });
  const loadReading = loaded.read();
  const loadPercent = loadReading.percent;
  if (load.succeeded === 0) throw new Error(`No request of the load was answered: ${load.firstErrors.join('; ')}`);

  const spawner = new AgentRuntime();
  const spawning = startCpuWindow(now);
  spawnWorkers(spawner, params.spawnAgents, { kind, module, id: 'spawned' }, now);
  const spawningPercent = spawning.stop();

  ctx.value('idleCpuPercent', 'cpuPercent', idlePercent);
  ctx.value('processingCpuPercent', 'cpuPercent', processingPercent, { gate: false });
  ctx.value('spawningCpuPercent', 'cpuPercent', spawningPercent, { gate: false });
  ctx.value('idleCpuPerAgentPercent', 'cpuPercent', idlePercent / params.agents, { gate: false });
  ctx.value('loadCpuPercent', 'cpuPercent', loadPercent, { gate: false });
  ctx.value('loadCpuPerAgentPercent', 'cpuPercent', loadPercent / params.agents, { gate: false });
  // What the process spent per request answered (generating the load included).
  ctx.value('loadCpuNsPerRequest', 'durationNs', (loadReading.cpuMs * 1e6) / load.succeeded);
  ctx.note('loadRequests', { sent: load.sent, succeeded: load.succeeded, totalMs: load.totalMs });
  spawner.close();
  runtime.close();
});
