/**
 * The actor's queueing logic, with a job executor whose jobs finish only when
 * the test releases them: FIFO per process, bounded queues, cancellation,
 * answers while busy, and failure of the runner.
 */
import { isProcmanError } from '../errors.js';
import { HeldExecutor } from '../testing/fake-executor.js';
import type { ActorManagerOptions } from '../options.js';
import type { Completion } from './messages.js';
import { ActorProcessManager } from './actor-process-manager.js';
import type { BoundedQueue } from './bounded-queue.js';
import { createOperationRunner } from './operation-runner.js';
import type { CreateRunner, RunnerDeps } from './operation-runner.js';

const spec = (id: string) => ({ id, command: '/bin/true' });

function managerWith(executor: HeldExecutor, options: ActorManagerOptions = {}): ActorProcessManager {
  return new ActorProcessManager({ heartbeatIntervalMs: 0, ...options }, { execute: executor.execute });
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  return isProcmanError(error) ? error.code : `not a ProcmanError: ${String(error)}`;
}

describe('ActorProcessManager queueing', () => {
  it('runs operations on one process in arrival order and answers queries while they run', async () => {
    const executor = new HeldExecutor();
    const manager = managerWith(executor);
    const order: string[] = [];
    const start = manager.start(spec('a')).then((r) => order.push(`start:${r.kind}`));
    const stop = manager.stop('a').then((r) => order.push(`stop:${r.kind}`));
    const again = manager.start(spec('a')).then((r) => order.push(`start:${r.kind}`));
    await executor.jobsArrived(1);

    // The spawn is held: the query is answered at once, from the record.
    expect(await manager.getAllProcessInfo()).toEqual([
      expect.objectContaining({ id: 'a', state: 'starting', busy: true }),
    ]);
    expect(executor.held.map((h) => h.job.kind)).toEqual(['spawn']);

    executor.releaseNext();
    await executor.jobsArrived(1);
    expect(executor.held.map((h) => h.job.kind)).toEqual(['stop']);
    expect(await manager.getProcessInfo('a')).toMatchObject({ state: 'stopping', busy: true });
    executor.releaseNext();
    await executor.jobsArrived(1);
    executor.releaseNext();
    await Promise.all([start, stop, again]);
    expect(order).toEqual(['start:started', 'stop:exited', 'start:started']);
    expect(await manager.getProcessInfo('a')).toMatchObject({ state: 'running', restartCount: 1, busy: false });
  });

  it('answers repeated queries from one snapshot, rebuilt after every state change', async () => {
    const executor = new HeldExecutor();
    const manager = managerWith(executor);
    const start = manager.start(spec('a'));
    await executor.jobsArrived(1);
    const first = await manager.getAllProcessInfo();
    const second = await manager.getAllProcessInfo();
    // Each caller owns its array; the infos are shared and frozen.
    expect(second).not.toBe(first);
    expect(second[0]).toBe(first[0]);
    expect(Object.isFrozen(first[0])).toBe(true);
    second.pop();
    expect(await manager.getAllProcessInfo()).toHaveLength(1);

    executor.releaseNext(); // the spawn completes: a state change
    await start;
    const after = await manager.getAllProcessInfo();
    expect(after[0]).not.toBe(first[0]);
    expect(after).toEqual([expect.objectContaining({ id: 'a', state: 'running', busy: false })]);
    const stopping = manager.stop('a'); // a command: a state change
    await executor.jobsArrived(1);
    expect(await manager.getAllProcessInfo()).toEqual([expect.objectContaining({ state: 'stopping', busy: true })]);
    executor.releaseNext();
    await stopping;
    expect(await manager.getAllProcessInfo()).toEqual([expect.objectContaining({ state: 'stopped', busy: false })]);
  });

  it('refuses with queue-full beyond the per-process pending capacity', async () => {
    const executor = new HeldExecutor();
    const manager = managerWith(executor, { perProcessPendingCapacity: 2 });
    const running = manager.start(spec('a'));
    await executor.jobsArrived(1);
    const queued = [manager.stop('a'), manager.start(spec('a'))];
    expect(await codeOf(manager.stop('a'))).toBe('queue-full');
    expect(manager.stats.pendingTotal).toBe(2);

    for (let i = 0; i < 3; i += 1) {
      await executor.jobsArrived(1);
      executor.releaseNext();
    }
    await Promise.all([running, ...queued]);
    expect(manager.stats.pendingTotal).toBe(0);
  });

  it('refuses with queue-full beyond the global pending capacity', async () => {
    const executor = new HeldExecutor();
    const manager = managerWith(executor, { perProcessPendingCapacity: 8, globalPendingCapacity: 3 });
    const first = [manager.start(spec('a')), manager.start(spec('b'))];
    await executor.jobsArrived(2);
    const queued = [manager.stop('a'), manager.stop('a'), manager.stop('b')];
    const error: unknown = await manager.stop('b').catch((e: unknown) => e);
    expect(isProcmanError(error, 'queue-full')).toBe(true);
    expect((error as Error).message).toBe('Operation on `b` refused: the manager has 3 operations pending');
    while (executor.held.length > 0) {
      executor.releaseNext();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all([...first, ...queued]);
  });

  it('keeps jobs within the runner capacity and dispatches the rest as room frees', async () => {
    const executor = new HeldExecutor();
    const manager = managerWith(executor, { jobCapacity: 2 });
    const starts = ['a', 'b', 'c', 'd'].map((id) => manager.start(spec(id)));
    await executor.jobsArrived(2);
    await new Promise((resolve) => setImmediate(resolve));
    expect(executor.held).toHaveLength(2);
    expect(manager.stats.outstandingJobs).toBe(2);
    executor.releaseNext();
    await executor.jobsArrived(2);
    expect(executor.held.map((h) => (h.job.kind === 'spawn' ? h.job.processId : '?'))).toEqual(['b', 'c']);
    while (executor.held.length > 0 || manager.stats.outstandingJobs > 0) {
      if (executor.held.length > 0) executor.releaseNext();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect((await Promise.all(starts)).map((r) => r.kind)).toEqual(['started', 'started', 'started', 'started']);
  });

  it('shuts down more processes than the runner has room for', async () => {
    const executor = new HeldExecutor();
    const manager = managerWith(executor, { jobCapacity: 2 });
    const starts = ['a', 'b', 'c', 'd'].map((id) => manager.start(spec(id)));
    const releaseAll = async (): Promise<void> => {
      while (executor.held.length > 0 || manager.stats.outstandingJobs > 0) {
        if (executor.held.length > 0) executor.releaseNext();
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    await executor.jobsArrived(2);
    await releaseAll();
    await Promise.all(starts);
    const shutdown = manager.shutdown();
    await executor.jobsArrived(2);
    await releaseAll();
    await shutdown;
    expect((await manager.getAllProcessInfo()).map((i) => i.state)).toEqual([
      'stopped',
      'stopped',
      'stopped',
      'stopped',
    ]);
  });

  it('drops a queued operation whose caller aborts, and frees its slot', async () => {
    const executor = new HeldExecutor();
    const manager = managerWith(executor, { perProcessPendingCapacity: 1 });
    const running = manager.start(spec('a'));
    await executor.jobsArrived(1);
    const controller = new AbortController();
    const cancelled = manager.stop('a', { signal: controller.signal });
    controller.abort();
    expect(await codeOf(cancelled)).toBe('aborted');
    const next = manager.stop('a'); // the slot is free again
    executor.releaseNext();
    await executor.jobsArrived(1);
    expect(executor.held.map((h) => h.job.kind)).toEqual(['stop']);
    executor.releaseNext();
    expect((await next).kind).toBe('exited');
    await running;
  });

  it('fails every pending caller when the runner fails, and every later one', async () => {
    let runnerDeps: RunnerDeps | undefined;
    const accepted: unknown[] = [];
    const createRunner: CreateRunner = (deps) => {
      runnerDeps = deps;
      return { submit: (job) => accepted.push(job) > 0, close: () => undefined };
    };
    const manager = new ActorProcessManager({ heartbeatIntervalMs: 0 }, { createRunner });
    const inFlight = manager.start(spec('a'));
    const queued = manager.stop('a');
    await new Promise((resolve) => setImmediate(resolve));
    expect(accepted).toHaveLength(1);

    runnerDeps?.onFailure(new Error('worker crashed'));
    expect(await codeOf(inFlight)).toBe('runner-failed');
    expect(await codeOf(queued)).toBe('runner-failed');
    expect(await codeOf(manager.getAllProcessInfo())).toBe('runner-failed');
    expect(await codeOf(manager.start(spec('b')))).toBe('runner-failed');
  });

  it('fails callers when the real runner cannot post a completion', async () => {
    const executor = new HeldExecutor();
    let completions: BoundedQueue<Completion> | undefined;
    const manager = new ActorProcessManager(
      { heartbeatIntervalMs: 0 },
      {
        execute: executor.execute,
        createRunner: (deps) => {
          completions = deps.completions;
          return createOperationRunner(deps);
        },
      },
    );
    const pending = manager.start(spec('a'));
    await executor.jobsArrived(1);
    completions?.close(new Error('completion channel closed'));
    executor.releaseNext();
    expect(await codeOf(pending)).toBe('runner-failed');
    expect(await codeOf(manager.stop('a'))).toBe('runner-failed');
  });
});
