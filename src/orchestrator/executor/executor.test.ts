import { setImmediate as nextTurn } from 'node:timers/promises';
import { wallClockUs } from '../clock.js';
import type { ClaimedTask, TaskUpdate } from '../model.js';
import { Executor, SPAWN_SLICE_MS } from './executor.js';

function task(id: number, command: readonly string[] = ['true']): ClaimedTask {
  return { id, runId: 1, command, timeoutMs: 0, attempt: 1, workerId: 'w' };
}

function executor(
  now = wallClockUs,
  limits: { concurrency: number; prefetch?: number } = { concurrency: 10 },
): { executor: Executor; updates: TaskUpdate[] } {
  const updates: TaskUpdate[] = [];
  return { executor: new Executor({ ...limits, now, onUpdate: (u) => updates.push(u) }), updates };
}

/** A clock on which every reading is one slice later: each spawn seems to fill a whole slice. */
function slowSpawnClock(): () => number {
  let us = 0;
  return () => (us += SPAWN_SLICE_MS * 1000);
}

const startedIds = (updates: readonly TaskUpdate[]) => updates.filter((u) => u.kind === 'started').map((u) => u.taskId);

describe('Executor', () => {
  it('spawns the first task of a batch at once, the others in slices with a loop turn between', async () => {
    const { executor: ex, updates } = executor(slowSpawnClock());
    for (const id of [1, 2, 3]) ex.start(task(id));
    expect(startedIds(updates)).toEqual([1]);
    expect(ex.inFlight).toBe(3); // the waiting ones hold their slots
    expect(ex.freeSlots).toBe(7);
    await nextTurn();
    expect(startedIds(updates)).toEqual([1, 2]);
    await nextTurn();
    expect(startedIds(updates)).toEqual([1, 2, 3]);
    await ex.idle();
    expect(updates.filter((u) => u.kind === 'finished').map((u) => u.taskId)).toEqual(
      expect.arrayContaining([1, 2, 3]),
    );
    expect(ex.inFlight).toBe(0);
  });

  it('holds the tasks it runs and the ones waiting for a slot, until they exit', async () => {
    const { executor: ex } = executor(wallClockUs, { concurrency: 1, prefetch: 1 });
    ex.start(task(1, ['sleep', '5']));
    ex.start(task(2, ['sleep', '5']));
    expect([...ex.heldTaskIds()].sort()).toEqual([1, 2]);
    await ex.killAll();
    expect([...ex.heldTaskIds()]).toEqual([]);
  });

  it('spawns a batch of quick spawns in one slice, in claim order', async () => {
    const { executor: ex, updates } = executor();
    for (const id of [1, 2, 3, 4]) ex.start(task(id));
    await ex.idle();
    expect(startedIds(updates)).toEqual([1, 2, 3, 4]);
  });

  it('a task started on a later turn is spawned at once again', async () => {
    const { executor: ex, updates } = executor();
    ex.start(task(1));
    await ex.idle();
    await nextTurn();
    ex.start(task(2));
    expect(startedIds(updates)).toEqual([1, 2]);
    await ex.idle();
  });

  it('holds prefetched tasks beyond its concurrency and starts each as a running task exits', async () => {
    const { executor: ex, updates } = executor(wallClockUs, { concurrency: 1, prefetch: 2 });
    expect(ex.freeSlots).toBe(3);
    for (const id of [1, 2, 3]) ex.start(task(id, ['sleep', '0.05']));
    expect(ex.freeSlots).toBe(0);
    await nextTurn();
    expect(startedIds(updates)).toEqual([1]); // the loop turned, but no slot is free
    await ex.idle();
    expect(startedIds(updates)).toEqual([1, 2, 3]);
    // Never two at once: each start comes after the previous task's exit.
    const at = (kind: TaskUpdate['kind'], id: number): number => {
      const u = updates.find((x) => x.kind === kind && x.taskId === id);
      return u?.kind === 'finished' ? u.finishedAtUs : (u?.startedAtUs ?? Number.NaN);
    };
    expect(at('started', 2)).toBeGreaterThanOrEqual(at('finished', 1));
    expect(at('started', 3)).toBeGreaterThanOrEqual(at('finished', 2));
    expect(ex.freeSlots).toBe(3);
  });

  it('killAll kills the running tasks and drops the waiting ones unreported', async () => {
    const { executor: ex, updates } = executor(slowSpawnClock());
    for (const id of [1, 2, 3]) ex.start(task(id, ['sleep', '30']));
    await ex.killAll();
    expect(startedIds(updates)).toEqual([1]);
    const finished = updates.filter((u) => u.kind === 'finished');
    expect(finished).toEqual([expect.objectContaining({ taskId: 1, status: 'failed', error: 'killed by SIGKILL' })]);
    expect(ex.inFlight).toBe(0);
    await nextTurn();
    expect(startedIds(updates)).toEqual([1]);
  });
});
