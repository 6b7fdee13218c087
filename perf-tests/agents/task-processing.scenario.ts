/**
 * Agent task processing (seed: bench_task_processing): a pool of agents
 * processes a batch of compute tasks concurrently (all in flight at once, as
 * join_all does); tasks per second over several batches.
 */
import { AgentPool, AgentRuntime, loadAgentModule } from '../../src/agents/index.js';
import { byProfile } from '../../src/harness/profile.js';
import { defineScenario } from '../../src/harness/scenario.js';
import { agentKindParam, workerSpec } from './support/agents.js';

interface Params {
  readonly agentKind: string;
  readonly poolSize: number;
  readonly tasksPerBatch: number;
  /** The compute task: count the primes below this number. */
  readonly primesBelow: number;
}

export default defineScenario<Params>(async (ctx) => {
  const kind = agentKindParam(ctx.params.agentKind);
  const module = await loadAgentModule();
  const runtime = new AgentRuntime({ mailboxCapacity: ctx.params.tasksPerBatch });
  const pool = new AgentPool(runtime, {
    name: 'tasks',
    size: ctx.params.poolSize,
    member: () => workerSpec({ kind, module }),
  });
  const tasks = Array.from({ length: ctx.params.tasksPerBatch }, () => ctx.params.primesBelow);
  const batches = byProfile(ctx.profile, { smoke: 2, ci: 5, full: 50 });
  const batchMs = ctx.histogram('taskBatchMs', 'latencyMs', { stats: ['p50', 'max'], gate: false });

  await pool.processAll(tasks, tasks.length); // warm-up
  let failed = 0;
  const started = ctx.now();
  for (let batch = 0; batch < batches; batch++) {
    const batchStart = ctx.now();
    const outcomes = await pool.processAll(tasks, tasks.length);
    batchMs.record(ctx.now() - batchStart);
    failed += outcomes.filter((outcome) => outcome.status === 'failed').length;
  }
  const elapsedMs = ctx.now() - started;
  if (failed > 0) throw new Error(`${failed} tasks failed`);
  ctx.value('tasksPerSec', 'throughputPerSec', ((batches * tasks.length) / elapsedMs) * 1000);
  ctx.note('tasks', batches * tasks.length);
  runtime.close();
});
