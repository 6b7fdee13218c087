/**
 * What the open-loop load scenarios (peak, sustained, burst, load test) share:
 * a runtime of receiving agents, an unrecorded warm-up, and the request
 * latency histogram with its gating rule.
 */
import { AgentRuntime, loadAgentModule } from '../../../src/agents/index.js';
import type { SampleRecorder, ScenarioContext } from '../../../src/harness/scenario.js';
import { agentKindParam, spawnWorkers } from './agents.js';
import { makePayload } from './payload.js';
import { runRequestLoad } from './request-load.js';

export interface LoadAgentsParams {
  readonly agentKind: string;
  readonly agents: number;
  readonly messageBytes: number;
}

export async function startReceivingAgents(
  ctx: ScenarioContext<unknown>,
  params: LoadAgentsParams,
): Promise<{ readonly runtime: AgentRuntime; readonly payload: Uint8Array }> {
  const runtime = new AgentRuntime();
  const module = await loadAgentModule();
  spawnWorkers(runtime, params.agents, { kind: agentKindParam(params.agentKind), module, work: 'receive' }, () =>
    ctx.now(),
  );
  return { runtime, payload: makePayload(params.messageBytes) };
}

/** Load at `ratePerSec` for `durationMs` so the JIT settles; its latency is reported, never gated. */
export async function warmUp(
  ctx: ScenarioContext<unknown>,
  runtime: AgentRuntime,
  payload: Uint8Array,
  phase: { readonly durationMs: number; readonly ratePerSec: number; readonly intervalMs?: number },
): Promise<void> {
  await runRequestLoad({
    runtime,
    capability: 'work',
    payload,
    phases: [{ name: 'warm-up', durationMs: phase.durationMs, ratePerSec: phase.ratePerSec }],
    intervalMs: phase.intervalMs ?? 1000,
    latency: ctx.histogram('warmupLatencyUs', 'latencyUs', { stats: ['p99'], gate: false }),
  });
}

/**
 * Latency from the intended send time. Open-loop tails here move with GC
 * pauses of the shared event loop, so only the median is gated
 * (docs/decisions.md, "Agents' p99 is gated by its median only").
 */
export function requestLatencyHistogram(
  ctx: ScenarioContext<unknown>,
  stats: readonly ('p50' | 'p90' | 'p99' | 'p99.9' | 'max')[],
): SampleRecorder {
  return ctx.histogram('requestLatencyUs', 'latencyUs', { stats, gate: ['p50'] });
}
