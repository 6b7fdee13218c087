/**
 * A standalone worker (`planebench orchestrator worker`): claims pending tasks
 * from the store, runs them, writes their updates, renews its leases. Any
 * number of workers on any hosts share one PostgreSQL store; a worker that dies
 * loses no task, because the scheduler requeues tasks whose lease expired.
 * Its loop is the shared one with nothing added: each iteration is the task
 * runner's cycle, and only notifications of new tasks wake it.
 */
import { OrchestratorLoop, type LoopDeps } from '../loop/orchestrator-loop.js';
import { resolveWorkerOptions, type ResolvedWorkerOptions, type WorkerOptions } from '../options.js';
import type { Store } from '../store/store.js';

export type WorkerDeps = LoopDeps;

export class Worker extends OrchestratorLoop<ResolvedWorkerOptions> {
  constructor(store: Store, options: WorkerOptions = {}, deps: WorkerDeps = {}) {
    super(store, resolveWorkerOptions(options), deps, { runsTasks: true, wakeFor: 'tasks' });
  }
}
