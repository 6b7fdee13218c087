/**
 * Push dispatch (PushDispatch in ../store.ts). The bookkeeping of offers is
 * tested against a recording fake; what a trigger does with an offer is tested
 * on a real PostgreSQL (PLANEBENCH_PG_URL): pushed or not, exclusive under
 * concurrent triggers, never to a runner whose listening connection is gone.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { ClaimedTask, TaskUpdate, WorkflowDefinition } from '../../model.js';
import { PostgresPushDispatch } from './push-dispatch.js';
import { PostgresStore } from './postgres-store.js';
import { setting } from '../../../harness/settings.js';

const url = setting('PLANEBENCH_PG_URL');
const LEASE_MS = 30_000;

describe('PostgresPushDispatch bookkeeping', () => {
  const T0 = 1_700_000_000_000_000;
  function fixture(pid: number | undefined) {
    const writes: unknown[][] = [];
    let listenerPid = pid;
    const push = new PostgresPushDispatch({
      query: async (_text, values) => {
        writes.push(values);
        return undefined;
      },
      listenerPid: async () => listenerPid,
    });
    return { push, writes, setPid: (p: number | undefined) => (listenerPid = p) };
  }
  const assign = (workerId: string, ids: number[]): string =>
    `assign ${JSON.stringify({ w: workerId, t: ids.map((id) => ({ id, run_id: 1, command: ['true'], timeout_ms: 0, attempt: 1 })) })}`;

  it('writes an offer only when it changes, as a change to what stands', async () => {
    const { push, writes } = fixture(42);
    await push.offer('w', 4, LEASE_MS, T0);
    await push.offer('w', 4, LEASE_MS, T0 + 1_000); // unchanged, lease young
    await push.offer('w', 3, LEASE_MS, T0 + 2_000);
    await push.offer('w', 0, LEASE_MS, T0 + 3_000);
    await push.offer('w', 0, LEASE_MS, T0 + 4_000); // nothing on offer already
    // an offer's values: worker, slots, delta, lease_ms, listener_pid, expires_at_us, now_us; a withdrawal's: worker
    expect(writes.map((v) => (v.length === 1 ? ['withdraw', v[0]] : [v[1], v[2]]))).toEqual([
      [4, 4],
      [3, -1],
      ['withdraw', 'w'],
    ]);
    expect(writes[0]).toEqual(['w', 4, 4, LEASE_MS, 42, T0 + LEASE_MS * 1000, T0]);
  });

  it('renews a standing offer once half its lease is gone, and rewrites a lapsed one whole', async () => {
    const { push, writes } = fixture(42);
    await push.offer('w', 2, LEASE_MS, T0);
    await push.offer('w', 2, LEASE_MS, T0 + (LEASE_MS * 1000) / 2 - 1); // not yet half
    await push.offer('w', 2, LEASE_MS, T0 + (LEASE_MS * 1000) / 2 + 1);
    await push.offer('w', 2, LEASE_MS, T0 + 3 * LEASE_MS * 1000); // lapsed: nothing counted as standing
    expect(writes.map((v) => [v[1], v[2], v[6]])).toEqual([
      [2, 2, T0],
      [2, 0, T0 + (LEASE_MS * 1000) / 2 + 1],
      [2, 2, T0 + 3 * LEASE_MS * 1000],
    ]);
  });

  it('subtracts what triggers took, and hands the tasks to their runner only', async () => {
    const { push, writes } = fixture(42);
    const got: ClaimedTask[][] = [];
    const detach = push.onAssigned('w', (tasks) => got.push(tasks));
    await push.offer('w', 4, LEASE_MS, T0);
    expect(push.deliver(assign('w', [7, 8]))).toBe(true);
    expect(push.deliver(assign('other', [9]))).toBe(true); // another process's runner: ignored here
    expect(push.deliver('runs')).toBe(false);
    expect(got).toEqual([
      [
        { id: 7, runId: 1, command: ['true'], timeoutMs: 0, attempt: 1, workerId: 'w' },
        { id: 8, runId: 1, command: ['true'], timeoutMs: 0, attempt: 1, workerId: 'w' },
      ],
    ]);
    await push.offer('w', 4, LEASE_MS, T0 + 1_000); // 2 stand after the take: offers 2 more
    expect(writes.at(-1)!.slice(1, 3)).toEqual([4, 2]);
    detach();
    push.deliver(assign('w', [10]));
    expect(got).toHaveLength(1);
  });

  it('offers nothing while there is no listening connection, and writes whole for a new one', async () => {
    const { push, writes, setPid } = fixture(undefined);
    await push.offer('w', 4, LEASE_MS, T0);
    expect(writes).toEqual([]);
    setPid(42);
    await push.offer('w', 4, LEASE_MS, T0);
    setPid(43); // the listening connection was replaced: the old offer no longer counts
    await push.offer('w', 4, LEASE_MS, T0 + 1_000);
    expect(writes.map((v) => [v[1], v[2], v[4]])).toEqual([
      [4, 4, 42],
      [4, 4, 43],
    ]);
  });

  it('forgets what it believed after a failed write, and writes whole next time', async () => {
    let fail = true;
    const writes: unknown[][] = [];
    const push = new PostgresPushDispatch({
      query: async (_text, values) => {
        if (fail) throw new Error('connection lost');
        writes.push(values);
      },
      listenerPid: async () => 42,
    });
    await expect(push.offer('w', 4, LEASE_MS, T0)).rejects.toThrow('connection lost');
    fail = false;
    await push.offer('w', 4, LEASE_MS, T0 + 1);
    expect(writes.map((v) => [v[1], v[2]])).toEqual([[4, 4]]);
  });
});

const ONE_TASK: WorkflowDefinition = { name: 'one', tasks: [{ name: 't', command: ['true'], timeoutMs: 500 }] };
const TWO_TASKS: WorkflowDefinition = {
  name: 'two',
  tasks: [
    { name: 'a', command: ['true'] },
    { name: 'b', command: ['sh', '-c', 'exit 0'], maxAttempts: 1 },
  ],
};

(url ? describe : describe.skip)(
  url ? 'push dispatch on PostgreSQL' : 'push dispatch on PostgreSQL — skipped: PLANEBENCH_PG_URL is not set',
  () => {
    let runner: PostgresStore; // the process that offers and runs
    let client: PostgresStore; // the process that triggers
    let admin: pg.Client;

    beforeEach(async () => {
      const schema = `test_${randomBytes(6).toString('hex')}`;
      runner = new PostgresStore({ url: url!, schema });
      client = new PostgresStore({ url: url!, schema, pushDispatch: false });
      admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await runner.migrate();
      await runner.upsertWorkflow(ONE_TASK);
      await runner.upsertWorkflow(TWO_TASKS);
    });
    afterEach(async () => {
      await admin.end();
      await client.close();
      await runner.dropSchema();
      await runner.close();
    });

    const now = (): number => Date.now() * 1000;
    /** Collects what is pushed to `workerId`; `total(n)` resolves once n tasks arrived in all (10 s at most). */
    function assigned(workerId: string) {
      const tasks: ClaimedTask[] = [];
      let waiter: { count: number; resolve: () => void } | undefined;
      const detach = runner.push!.onAssigned(workerId, (batch) => {
        tasks.push(...batch);
        if (waiter && tasks.length >= waiter.count) waiter.resolve();
      });
      const total = (count: number): Promise<void> =>
        new Promise((resolve, reject) => {
          if (tasks.length >= count) return resolve();
          const timer = setTimeout(
            () => reject(new Error(`${count} pushed task(s) did not arrive within 10 s`)),
            10_000,
          );
          waiter = {
            count,
            resolve: () => {
              clearTimeout(timer);
              resolve();
            },
          };
        });
      return { tasks, total, detach };
    }
    const offersTable = async () =>
      (
        await admin.query<{ worker_id: string; slots: number }>(
          `SELECT worker_id, slots FROM ${runner.schema}.dispatch_offers`,
        )
      ).rows;

    it('without an offer, a trigger creates a pending run and wakes the schedulers', async () => {
      const woke = new Promise<string>((resolve) => {
        const off = runner.onWork((kind) => {
          off();
          resolve(kind);
        });
      });
      await runner.ready();
      const runId = await client.triggerRun('one', now());
      expect(await woke).toBe('runs');
      expect((await runner.listRuns()).map((r) => [r.id, r.status])).toEqual([[runId, 'pending']]);
      expect(await runner.listTasks()).toEqual([]);
    });

    it('with an offer, a trigger creates the run running and its tasks dispatched to the runner, which gets them', async () => {
      const got = assigned('w1');
      await runner.push!.offer('w1', 2, LEASE_MS, now());
      const createdAtUs = now();
      const runId = await client.triggerRun('one', createdAtUs);
      await got.total(1);
      const [task] = await runner.listTasks();
      expect(got.tasks).toEqual([
        { id: task!.id, runId, command: ['true'], timeoutMs: 500, attempt: 1, workerId: 'w1' },
      ]);
      expect(task).toMatchObject({
        status: 'dispatched',
        workerId: 'w1',
        attempt: 1,
        createdAtUs,
        dispatchedAtUs: createdAtUs,
        leaseExpiresAtUs: createdAtUs + LEASE_MS * 1000,
      });
      expect((await runner.listRuns())[0]).toMatchObject({ id: runId, status: 'running', taskCount: 1 });
      expect(await offersTable()).toEqual([{ worker_id: 'w1', slots: 1 }]);

      // It completes the usual way: the runner's updates, then the run.
      const started: TaskUpdate = {
        kind: 'started',
        taskId: task!.id,
        workerId: 'w1',
        attempt: 1,
        startedAtUs: createdAtUs + 100,
      };
      expect(await runner.applyUpdates([started])).toEqual({ applied: 1, stale: 0 });
      const updates: TaskUpdate[] = [
        {
          kind: 'finished',
          taskId: task!.id,
          workerId: 'w1',
          attempt: 1,
          status: 'success',
          startedAtUs: createdAtUs + 100,
          finishedAtUs: createdAtUs + 900,
          runTimeUs: 700,
          exitCode: 0,
          error: null,
        },
      ];
      expect(await runner.applyUpdates(updates)).toEqual({ applied: 1, stale: 0 });
      expect((await runner.listRuns())[0]).toMatchObject({ status: 'success', finishedAtUs: createdAtUs + 900 });
      got.detach();
    });

    it('pushes a run only whole: an offer smaller than its task count leaves it pending', async () => {
      await runner.push!.offer('w1', 1, LEASE_MS, now());
      await client.triggerRun('two', now());
      expect((await runner.listRuns())[0]!.status).toBe('pending');
      expect(await offersTable()).toEqual([{ worker_id: 'w1', slots: 1 }]);
      // The scheduler's expansion then creates its tasks pending, as without push.
      expect((await runner.expandPendingRuns(10, now())).created).toBe(2);
    });

    it('gives each slot to one trigger when many run at once', async () => {
      const got = assigned('w1');
      await runner.push!.offer('w1', 4, LEASE_MS, now());
      const runIds = await Promise.all(Array.from({ length: 10 }, () => client.triggerRun('one', now())));
      const runs = await runner.listRuns();
      const pushed = runs.filter((r) => r.status === 'running').map((r) => r.id);
      // A trigger that finds the offer locked by another skips it and leaves its run to the
      // claim path, so between 1 and 4 runs are pushed; the rest stay pending.
      expect(pushed.length).toBeGreaterThanOrEqual(1);
      expect(pushed.length).toBeLessThanOrEqual(4);
      expect(runs.filter((r) => r.status === 'pending')).toHaveLength(10 - pushed.length);
      expect(await offersTable()).toEqual([{ worker_id: 'w1', slots: 4 - pushed.length }]);
      await got.total(pushed.length);
      expect(got.tasks.map((t) => t.runId).sort((a, b) => a - b)).toEqual(pushed.sort((a, b) => a - b));
      expect(pushed.every((id) => runIds.includes(id))).toBe(true);
      got.detach();
    });

    it('withdraws with an offer of 0, and lets an offer lapse after its lease', async () => {
      await runner.push!.offer('w1', 4, LEASE_MS, now());
      await runner.push!.offer('w1', 0, LEASE_MS, now());
      expect(await offersTable()).toEqual([]);
      await client.triggerRun('one', now());
      await runner.push!.offer('w2', 4, 1, now() - 10_000); // expired 9 ms ago
      await client.triggerRun('one', now());
      expect((await runner.listRuns()).map((r) => r.status)).toEqual(['pending', 'pending']);
    });

    it('clears the offers of runners that stopped without withdrawing, a lease after they lapsed', async () => {
      await runner.push!.offer('killed', 4, 1_000, now() - 2_500_000); // lapsed 1.5 s ago: over a lease
      await runner.push!.offer('slow', 4, 1_000, now() - 1_500_000); // lapsed 0.5 s ago: kept a while
      await runner.push!.offer('w1', 4, LEASE_MS, now());
      expect((await offersTable()).map((o) => o.worker_id).sort()).toEqual(['slow', 'w1']);
    });

    it('pushes nothing to a runner whose listening connection is gone', async () => {
      await runner.push!.offer('w1', 4, LEASE_MS, now());
      const [{ pid }] = (
        await admin.query<{ pid: number }>('SELECT listener_pid AS pid FROM ' + runner.schema + '.dispatch_offers')
      ).rows as [{ pid: number }];
      // Waits (up to 5 s) until the backend is gone.
      const { rows } = await admin.query<{ gone: boolean }>('SELECT pg_terminate_backend($1, 5000) AS gone', [pid]);
      expect(rows[0]!.gone).toBe(true);
      await client.triggerRun('one', now());
      expect((await runner.listRuns())[0]!.status).toBe('pending');
    });

    it('does not push a run whose tasks would not fit in a notification', async () => {
      const long = 'x'.repeat(200);
      await runner.upsertWorkflow({
        name: 'wide',
        tasks: Array.from({ length: 40 }, (_, i) => ({ name: `t${i}`, command: ['echo', long] })),
      });
      await runner.push!.offer('w1', 100, LEASE_MS, now());
      await client.triggerRun('wide', now());
      expect((await runner.listRuns())[0]!.status).toBe('pending');
      expect(await offersTable()).toEqual([{ worker_id: 'w1', slots: 100 }]);
    });

    it('is absent from a store opened with pushDispatch: false', () => {
      expect(client.push).toBeUndefined();
    });
  },
);
