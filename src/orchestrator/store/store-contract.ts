/**
 * The contract every Store passes (run by sqlite-store.test.ts and
 * postgres-store.test.ts). Time is injected through the `nowUs` arguments, so
 * lease expiry is tested without waiting.
 */
import type { TaskUpdate, WorkflowDefinition, WorkKind } from '../model.js';
import type { Store } from './store.js';

export interface StoreFixture {
  /** A fresh, migrated, empty store. */
  open(): Promise<Store>;
  /** A second connection (or process-local instance) on the same database as `store`. */
  openPeer(store: Store): Promise<Store>;
  /** Closes and deletes everything `open` created. */
  dispose(store: Store): Promise<void>;
}

const T0 = 1_700_000_000_000_000; // µs
const WORKFLOW: WorkflowDefinition = {
  name: 'two-tasks',
  tasks: [
    { name: 'a', command: ['true'] },
    { name: 'b', command: ['sh', '-c', 'exit 3'], timeoutMs: 500, maxAttempts: 2 },
  ],
};

function started(taskId: number, workerId: string, attempt: number, atUs: number): TaskUpdate {
  return { kind: 'started', taskId, workerId, attempt, startedAtUs: atUs };
}

function finished(taskId: number, workerId: string, attempt: number, atUs: number, exitCode: number): TaskUpdate {
  return {
    kind: 'finished',
    taskId,
    workerId,
    attempt,
    status: exitCode === 0 ? 'success' : 'failed',
    startedAtUs: atUs - 700,
    finishedAtUs: atUs,
    runTimeUs: 650,
    exitCode,
    error: exitCode === 0 ? null : `exited with ${exitCode}`,
  };
}

export function describeStoreContract(name: string, fixture: StoreFixture): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    const peers: Store[] = [];

    beforeEach(async () => {
      store = await fixture.open();
      await store.upsertWorkflow(WORKFLOW);
    });
    afterEach(async () => {
      for (const peer of peers.splice(0)) await peer.close();
      await fixture.dispose(store);
    });

    it('takes a run from trigger to success with microsecond timestamps', async () => {
      const runId = await store.triggerRun('two-tasks', T0 + 1);
      expect((await store.expandPendingRuns(10, T0 + 10)).created).toBe(2);
      expect((await store.expandPendingRuns(10, T0 + 11)).created).toBe(0);

      const claimed = await store.claimTasks({ workerId: 'w1', limit: 10, nowUs: T0 + 20, leaseMs: 1000 });
      expect(claimed.map((t) => [t.runId, t.attempt, t.workerId])).toEqual([
        [runId, 1, 'w1'],
        [runId, 1, 'w1'],
      ]);
      expect(claimed[0]?.command).toEqual(['true']);
      expect(claimed[1]?.timeoutMs).toBe(500);
      const [a, b] = claimed as [(typeof claimed)[0], (typeof claimed)[0]];

      expect(await store.applyUpdates([started(a.id, 'w1', 1, T0 + 30)])).toEqual({ applied: 1, stale: 0 });
      expect((await store.countTasks()).running).toBe(1);
      await store.applyUpdates([finished(a.id, 'w1', 1, T0 + 1001, 0), finished(b.id, 'w1', 1, T0 + 1002, 0)]);

      const [task] = await store.listTasks();
      expect(task).toMatchObject({
        status: 'success',
        createdAtUs: T0 + 1,
        dispatchedAtUs: T0 + 20,
        startedAtUs: T0 + 301,
        finishedAtUs: T0 + 1001,
        runTimeUs: 650,
        exitCode: 0,
        attempt: 1,
      });
      const [run] = await store.listRuns();
      expect(run).toMatchObject({ id: runId, status: 'success', taskCount: 2, finishedAtUs: T0 + 1002 });
      expect(await store.countTasks()).toEqual({ pending: 0, dispatched: 0, running: 0, success: 2, failed: 0 });
    });

    it('claims new tasks in the same transaction as their expansion, up to the limit', async () => {
      await store.triggerRun('two-tasks', T0);
      await store.triggerRun('two-tasks', T0 + 5);
      const claim = { workerId: 'local', limit: 3, nowUs: T0 + 50, leaseMs: 1000 };
      const expanded = await store.expandPendingRuns(10, T0 + 50, claim);
      expect(expanded.created).toBe(4);
      expect(expanded.claimed.map((t) => [t.attempt, t.workerId, t.command[0]])).toEqual([
        [1, 'local', 'true'],
        [1, 'local', 'sh'],
        [1, 'local', 'true'],
      ]);
      expect(await store.countTasks()).toMatchObject({ pending: 1, dispatched: 3 });
      const dispatched = (await store.listTasks()).filter((t) => t.status === 'dispatched');
      expect(dispatched.every((t) => t.dispatchedAtUs === T0 + 50 && t.leaseExpiresAtUs === T0 + 1_000_050)).toBe(true);
      const [first] = expanded.claimed;
      expect(await store.applyUpdates([finished(first!.id, 'local', 1, T0 + 900, 0)])).toEqual({
        applied: 1,
        stale: 0,
      });
      const rest = await store.claimTasks({ workerId: 'other', limit: 10, nowUs: T0 + 60, leaseMs: 1000 });
      expect(rest).toHaveLength(1);
      const noClaim = await store.expandPendingRuns(10, T0 + 70);
      expect(noClaim).toEqual({ created: 0, claimed: [] });
    });

    it('stamps a claim with its clock’s reading when it has one, not with the time it was asked', async () => {
      await store.triggerRun('two-tasks', T0);
      let reads = 0;
      const clock = (): number => T0 + 100 + (reads += 1); // asked at T0 − 5, before the run existed
      const expanded = await store.expandPendingRuns(10, T0 - 5, {
        workerId: 'w',
        limit: 1,
        nowUs: T0 - 5,
        leaseMs: 1000,
        clock,
      });
      expect(reads).toBe(1);
      expect((await store.listRuns())[0]).toMatchObject({ status: 'running' });
      const [claimedTask] = (await store.listTasks()).filter((t) => t.id === expanded.claimed[0]!.id);
      expect(claimedTask).toMatchObject({ dispatchedAtUs: T0 + 101, leaseExpiresAtUs: T0 + 101 + 1_000_000 });

      const [other] = await store.claimTasks({ workerId: 'w', limit: 1, nowUs: T0 - 5, leaseMs: 1000, clock });
      expect(reads).toBe(2);
      expect((await store.listTasks()).find((t) => t.id === other!.id)).toMatchObject({
        dispatchedAtUs: T0 + 102,
        leaseExpiresAtUs: T0 + 102 + 1_000_000,
      });
    });

    it('records a failed task with its exit code and fails its run', async () => {
      await store.triggerRun('two-tasks', T0);
      await store.expandPendingRuns(10, T0);
      const [a, b] = await store.claimTasks({ workerId: 'w1', limit: 10, nowUs: T0, leaseMs: 1000 });
      await store.applyUpdates([finished(a!.id, 'w1', 1, T0 + 900, 0)]);
      expect((await store.listRuns())[0]?.status).toBe('running');
      await store.applyUpdates([finished(b!.id, 'w1', 1, T0 + 950, 3)]);
      const failedTask = (await store.listTasks()).find((t) => t.id === b!.id);
      expect(failedTask).toMatchObject({ status: 'failed', exitCode: 3, error: 'exited with 3' });
      expect((await store.listRuns())[0]).toMatchObject({ status: 'failed', finishedAtUs: T0 + 950 });
    });

    it('refuses to trigger an unknown workflow', async () => {
      await expect(store.triggerRun('nope', T0)).rejects.toThrow(/unknown workflow `nope`/);
    });

    it('hands each pending task to exactly one of several claimers', async () => {
      for (let i = 0; i < 10; i += 1) await store.triggerRun('two-tasks', T0 + i);
      expect((await store.expandPendingRuns(4, T0)).created).toBe(8);
      expect((await store.expandPendingRuns(100, T0)).created).toBe(12);
      const peer = await fixture.openPeer(store);
      peers.push(peer);
      const claims = await Promise.all([
        store.claimTasks({ workerId: 'w1', limit: 7, nowUs: T0, leaseMs: 1000 }),
        peer.claimTasks({ workerId: 'w2', limit: 7, nowUs: T0, leaseMs: 1000 }),
        store.claimTasks({ workerId: 'w3', limit: 7, nowUs: T0, leaseMs: 1000 }),
      ]);
      const ids = claims.flat().map((t) => t.id);
      expect(ids).toHaveLength(20);
      expect(new Set(ids).size).toBe(20);
      expect(await store.claimTasks({ workerId: 'w4', limit: 7, nowUs: T0, leaseMs: 1000 })).toEqual([]);
    });

    it('requeues a task whose lease expired and refuses the old holder’s late update', async () => {
      await store.triggerRun('two-tasks', T0);
      await store.expandPendingRuns(10, T0);
      const [a] = await store.claimTasks({ workerId: 'dead', limit: 1, nowUs: T0, leaseMs: 1000 });
      expect(await store.reclaimExpiredLeases(T0 + 999_000)).toEqual({ requeued: 0, failed: 0 });
      expect(await store.reclaimExpiredLeases(T0 + 1_000_001)).toEqual({ requeued: 1, failed: 0 });

      const [again] = await store.claimTasks({ workerId: 'alive', limit: 1, nowUs: T0 + 2_000_000, leaseMs: 1000 });
      expect(again).toMatchObject({ id: a!.id, attempt: 2, workerId: 'alive' });
      expect(await store.applyUpdates([finished(a!.id, 'dead', 1, T0 + 2_000_100, 0)])).toEqual({
        applied: 0,
        stale: 1,
      });
      expect(await store.applyUpdates([finished(a!.id, 'alive', 2, T0 + 2_000_200, 0)])).toEqual({
        applied: 1,
        stale: 0,
      });
    });

    it('keeps a renewed lease and fails a task whose last attempt expired', async () => {
      await store.triggerRun('two-tasks', T0);
      await store.expandPendingRuns(10, T0);
      const claimed = await store.claimTasks({ workerId: 'w1', limit: 2, nowUs: T0, leaseMs: 1000 });
      const ids = claimed.map((t) => t.id);
      expect(await store.renewLeases('w2', ids, T0 + 9_000_000)).toBe(0); // not w2's to renew
      expect(await store.renewLeases('w1', ids, T0 + 5_000_000)).toBe(2);
      expect(await store.reclaimExpiredLeases(T0 + 4_000_000)).toEqual({ requeued: 0, failed: 0 });

      // b allows 2 attempts, a the default 3: after two expiries b fails, a is pending again.
      expect(await store.reclaimExpiredLeases(T0 + 5_000_001)).toEqual({ requeued: 2, failed: 0 });
      await store.claimTasks({ workerId: 'w2', limit: 2, nowUs: T0 + 6_000_000, leaseMs: 1000 });
      expect(await store.reclaimExpiredLeases(T0 + 7_000_001)).toEqual({ requeued: 1, failed: 1 });
      const b = (await store.listTasks()).find((t) => t.name === 'b');
      expect(b).toMatchObject({ status: 'failed', error: 'lease expired', attempt: 2 });
      expect((await store.countTasks()).pending).toBe(1);
    });

    it('renews only the leases it is given, so a claim its holder lost track of expires', async () => {
      await store.triggerRun('two-tasks', T0);
      await store.expandPendingRuns(10, T0);
      const [kept, forgotten] = await store.claimTasks({ workerId: 'w1', limit: 2, nowUs: T0, leaseMs: 1000 });
      expect(await store.renewLeases('w1', [kept!.id], T0 + 5_000_000)).toBe(1);
      expect(await store.reclaimExpiredLeases(T0 + 1_000_001)).toEqual({ requeued: 1, failed: 0 });
      const byId = new Map((await store.listTasks()).map((t) => [t.id, t]));
      expect(byId.get(kept!.id)).toMatchObject({ status: 'dispatched', workerId: 'w1' });
      expect(byId.get(forgotten!.id)).toMatchObject({ status: 'pending', workerId: null });
    });

    it('wakes a listener on another connection when runs and tasks are created', async () => {
      const peer = await fixture.openPeer(store);
      peers.push(peer);
      const seen: WorkKind[] = [];
      const next = (kind: WorkKind) =>
        new Promise<void>((resolve) => {
          const stop = peer.onWork((k) => {
            seen.push(k);
            if (k === kind) {
              stop();
              resolve();
            }
          });
        });
      const runs = next('runs');
      await (peer as { ready?: () => Promise<void> }).ready?.();
      await store.triggerRun('two-tasks', T0);
      await runs;
      const tasks = next('tasks');
      await (peer as { ready?: () => Promise<void> }).ready?.();
      await store.expandPendingRuns(10, T0);
      await tasks;
      expect(seen).toContain('tasks');
    });

    it('reads runs by status, the newest runs, their tasks and one task by id', async () => {
      const first = await store.triggerRun('two-tasks', T0);
      const second = await store.triggerRun('two-tasks', T0 + 1);
      const third = await store.triggerRun('two-tasks', T0 + 2);
      await store.expandPendingRuns(2, T0 + 10);
      const [a] = await store.claimTasks({ workerId: 'w1', limit: 1, nowUs: T0 + 20, leaseMs: 1000 });
      await store.applyUpdates([finished(a!.id, 'w1', 1, T0 + 900, 3)]);

      expect(await store.countRuns()).toEqual({ pending: 1, running: 2, success: 0, failed: 0 });
      expect((await store.listRecentRuns(2)).map((r) => [r.id, r.workflowName, r.status])).toEqual([
        [third, 'two-tasks', 'pending'],
        [second, 'two-tasks', 'running'],
      ]);
      const tasks = await store.listTasksOfRuns([first, third]);
      expect(tasks.map((t) => [t.runId, t.name])).toEqual([
        [first, 'a'],
        [first, 'b'],
      ]);
      expect(await store.listTasksOfRuns([])).toEqual([]);
      expect(await store.getTask(a!.id)).toMatchObject({ id: a!.id, status: 'failed', exitCode: 3, attempt: 1 });
      expect(await store.getTask(a!.id + 1000)).toBeUndefined();
    });

    it('cleans runs and tasks but keeps workflows', async () => {
      await store.triggerRun('two-tasks', T0);
      await store.expandPendingRuns(10, T0);
      await store.clean();
      expect(await store.listTasks()).toEqual([]);
      expect(await store.listRuns()).toEqual([]);
      await store.triggerRun('two-tasks', T0);
      expect(await store.listRuns()).toHaveLength(1);
    });
  });
}
