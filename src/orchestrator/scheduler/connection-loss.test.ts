/**
 * A scheduler on PostgreSQL loses every database connection mid-run (each of
 * its backends terminated, the listening one included) while tasks run. Its
 * pool and its listening connection come back and every task finishes once —
 * driven by wake-ups, not by the poll interval, which is set far beyond the
 * test's time limit. (Whether a query was in flight at the cut is up to timing;
 * a failed write kept for the next flush is tested in task-runner.test.ts.)
 * Cut again and again while short tasks finish, a backend is terminated between
 * two statements of a checked-out connection or right after its last one: the
 * scheduler must keep running (an 'error' nobody listens to would crash it).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { EXAMPLE_TASK } from '../paths.js';
import { PostgresStore } from '../store/postgres/postgres-store.js';
import { waitForFinishedTasks, waitForStore } from '../test-helpers.js';
import { Scheduler } from './scheduler.js';
import { setting } from '../../harness/settings.js';

const url = setting('PLANEBENCH_PG_URL');
const RUNS = 4;
const TASKS_PER_RUN = 3;

(url ? describe : describe.skip)(
  url ? 'scheduler on PostgreSQL' : 'scheduler on PostgreSQL — skipped: PLANEBENCH_PG_URL is not set',
  () => {
    const schema = `test_${randomBytes(6).toString('hex')}`;
    const applicationName = `planebench connection-loss ${schema}`;
    let store: PostgresStore;
    let schedulerStore: PostgresStore;
    let admin: pg.Client;
    let scheduler: Scheduler | undefined;

    beforeEach(async () => {
      store = new PostgresStore({ url: url!, schema });
      schedulerStore = new PostgresStore({ url: url!, schema, applicationName });
      admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await store.migrate();
    });
    afterEach(async () => {
      await scheduler?.stop('kill');
      scheduler = undefined;
      await schedulerStore.close();
      await store.dropSchema();
      await store.close();
      await admin.end();
    });

    it('finishes every task when all its connections are cut mid-run', async () => {
      await store.upsertWorkflow({
        name: 'slow',
        tasks: Array.from({ length: TASKS_PER_RUN }, (_, i) => ({ name: `t${i}`, command: [EXAMPLE_TASK, '0.2'] })),
      });
      scheduler = new Scheduler(schedulerStore, { pollIntervalMs: 600_000, concurrency: 4, leaseMs: 5_000 });
      scheduler.start();
      await schedulerStore.ready();
      for (let i = 0; i < RUNS; i += 1) await store.triggerRun('slow', Date.now() * 1000);
      await waitForStore(store, async () => ((await store.countTasks()).running > 0 ? true : undefined), {
        what: 'a running task',
      });

      const { rows } = await admin.query<{ n: number }>(
        `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = $1`,
        [applicationName],
      );
      expect(rows[0]!.n).toBeGreaterThanOrEqual(2); // the pool's connections and the listening one

      const total = RUNS * TASKS_PER_RUN;
      const counts = await waitForFinishedTasks(store, total, 30_000);
      expect(counts).toEqual({ pending: 0, dispatched: 0, running: 0, success: total, failed: 0 });
      expect((await store.listTasks()).every((t) => t.attempt === 1)).toBe(true);
      expect((await store.listRuns()).every((r) => r.status === 'success')).toBe(true);
      // And it listens again.
      const listening = await admin.query('SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND query = $2', [
        applicationName,
        `LISTEN planebench_${schema}`,
      ]);
      expect(listening.rowCount).toBe(1);
    }, 60_000);

    it('keeps running when its connections are cut again and again while tasks finish', async () => {
      const runs = 40;
      await store.upsertWorkflow({
        name: 'short',
        tasks: Array.from({ length: TASKS_PER_RUN }, (_, i) => ({ name: `t${i}`, command: [EXAMPLE_TASK, '0.01'] })),
      });
      scheduler = new Scheduler(schedulerStore, { pollIntervalMs: 600_000, concurrency: 4, leaseMs: 5_000 });
      scheduler.start();
      await schedulerStore.ready();
      for (let i = 0; i < runs; i += 1) await store.triggerRun('short', Date.now() * 1000);

      const total = runs * TASKS_PER_RUN;
      let cuts = 0;
      for (let finished = 0; finished < total;) {
        await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [
          applicationName,
        ]);
        cuts += 1;
        const before = finished;
        finished = await waitForStore(
          store,
          async () => {
            const counts = await store.countTasks();
            const done = counts.success + counts.failed;
            return done > before ? done : undefined;
          },
          { timeoutMs: 30_000, what: `more than ${before} finished tasks after cut ${cuts}` },
        );
      }
      expect(cuts).toBeGreaterThanOrEqual(5);
      expect(await store.countTasks()).toEqual({ pending: 0, dispatched: 0, running: 0, success: total, failed: 0 });
    }, 120_000);
  },
);
