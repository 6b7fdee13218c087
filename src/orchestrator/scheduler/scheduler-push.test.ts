/**
 * A scheduler on PostgreSQL with push dispatch: when idle it offers its free
 * slots, a trigger hands it the run's task in its notification (dispatched at
 * the trigger's own timestamp), and the task runs and completes as a claimed
 * one would. With `pushDispatch: false` every task goes the claim path.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { EXAMPLE_TASK } from '../paths.js';
import { PostgresStore } from '../store/postgres/postgres-store.js';
import { peakConcurrency, waitForFinishedTasks, waitForStore } from '../test-helpers.js';
import { wallClockUs } from '../clock.js';
import { Scheduler } from './scheduler.js';
import { setting } from '../../harness/settings.js';

const url = setting('PLANEBENCH_PG_URL');

(url ? describe : describe.skip)(
  url
    ? 'scheduler with push dispatch on PostgreSQL'
    : 'scheduler push dispatch — skipped: PLANEBENCH_PG_URL is not set',
  () => {
    let schema: string;
    let client: PostgresStore; // triggers, as a separate process would
    let schedulerStore: PostgresStore | undefined;
    let admin: pg.Client;
    let scheduler: Scheduler | undefined;

    beforeEach(async () => {
      schema = `test_${randomBytes(6).toString('hex')}`;
      client = new PostgresStore({ url: url!, schema, pushDispatch: false });
      admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await client.migrate();
      await client.upsertWorkflow({ name: 'one', tasks: [{ name: 't', command: [EXAMPLE_TASK, '0.02'] }] });
    });
    afterEach(async () => {
      await scheduler?.stop('kill');
      scheduler = undefined;
      await schedulerStore?.close();
      schedulerStore = undefined;
      await client.dropSchema();
      await client.close();
      await admin.end();
    });

    const offeredSlots = async (): Promise<number | undefined> => {
      const { rows } = await admin.query<{ slots: number }>(`SELECT slots FROM ${schema}.dispatch_offers`);
      return rows[0]?.slots;
    };
    /**
     * Starts a scheduler of `concurrency` (no prefetch: its free slots are its idle
     * processes) on its own store and, when it pushes, waits for its offer.
     */
    async function startScheduler(concurrency: number, pushDispatch: boolean): Promise<Scheduler> {
      schedulerStore = new PostgresStore({ url: url!, schema, pushDispatch });
      // A lease far beyond the test, so no offer renewal (at half a lease) races a trigger.
      const options = { pollIntervalMs: 600_000, concurrency, prefetch: 0, leaseMs: 600_000 };
      scheduler = new Scheduler(schedulerStore, options);
      scheduler.start();
      await schedulerStore.ready();
      if (pushDispatch) {
        await waitForStore(client, async () => ((await offeredSlots()) === concurrency ? true : undefined), {
          what: `an offer of ${concurrency} slots`,
        });
      }
      return scheduler;
    }
    /**
     * Triggers `runs` runs one after another, each once the previous one finished
     * and, when `offer` is given, once the scheduler offers that many slots again:
     * a trigger skips an offer row locked by the scheduler's own write of it
     * (SKIP LOCKED) and leaves its run to the claim path.
     */
    async function triggerOneByOne(runs: number, offer?: number): Promise<void> {
      for (let i = 1; i <= runs; i += 1) {
        if (offer !== undefined) {
          await waitForStore(client, async () => ((await offeredSlots()) === offer ? true : undefined), {
            what: `an offer of ${offer} slots before run ${i}`,
          });
        }
        await client.triggerRun('one', wallClockUs());
        await waitForFinishedTasks(client, i);
      }
    }

    it('runs a run triggered while it is idle without claiming it, and offers its slot again', async () => {
      await startScheduler(2, true);
      await triggerOneByOne(3, 2);
      const tasks = await client.listTasks();
      expect(tasks).toHaveLength(3);
      for (const task of tasks) {
        expect(task).toMatchObject({ status: 'success', attempt: 1, workerId: scheduler!.options.workerId });
        expect(task.dispatchedAtUs).toBe(task.createdAtUs); // dispatched by the trigger itself
        expect(task.startedAtUs!).toBeGreaterThanOrEqual(task.dispatchedAtUs!);
      }
      expect((await client.listRuns()).map((r) => r.status)).toEqual(['success', 'success', 'success']);
      await waitForStore(client, async () => ((await offeredSlots()) === 2 ? true : undefined), {
        what: 'the offer renewed to 2 slots',
      });
    }, 30_000);

    it('claims every task after its wake-up when it does not push', async () => {
      await startScheduler(2, false);
      await triggerOneByOne(3);
      expect(await offeredSlots()).toBeUndefined();
      for (const task of await client.listTasks()) {
        expect(task.status).toBe('success');
        // Claimed by the scheduler at its own clock reading, taken once it holds a connection
        // (before that fix, the first claim after start was stamped before the pool connected,
        // up to 25 ms before the run's creation). Not asserted to follow created_at: a trigger
        // committing between the reading and the statement's snapshot (microseconds) precedes it.
        expect(task.dispatchedAtUs).not.toBe(task.createdAtUs);
      }
    }, 30_000);

    it('never runs more tasks at once than its concurrency when triggers arrive together', async () => {
      await startScheduler(2, true);
      await Promise.all(Array.from({ length: 8 }, () => client.triggerRun('one', wallClockUs())));
      await waitForFinishedTasks(client, 8, 20_000);
      const tasks = await client.listTasks();
      expect(tasks.every((t) => t.status === 'success' && t.attempt === 1)).toBe(true);
      expect(peakConcurrency(tasks)).toBeLessThanOrEqual(2);
    }, 30_000);

    it('withdraws its offer when it stops, so later runs wait for a scheduler', async () => {
      await startScheduler(2, true);
      await scheduler!.stop('drain');
      scheduler = undefined;
      expect(await offeredSlots()).toBeUndefined(); // withdrawn: deleted
      await client.triggerRun('one', wallClockUs());
      expect((await client.listRuns())[0]!.status).toBe('pending');
    }, 30_000);
  },
);
