/**
 * With PostgreSQL, tasks run in separate `planebench orchestrator worker`
 * processes. One of them is killed with SIGKILL (its whole process group, tasks
 * included) while it holds running tasks: its leases expire, the scheduler
 * requeues them, the surviving workers run them. No task is lost.
 */
import { randomBytes } from 'node:crypto';
import { startOrchestratorProcess, type OrchestratorProcess } from '../orchestrator-process.js';
import { EXAMPLE_TASK } from '../paths.js';
import { Scheduler } from '../scheduler/scheduler.js';
import { PostgresStore } from '../store/postgres/postgres-store.js';
import { waitForFinishedTasks, waitForStore } from '../test-helpers.js';
import { setting } from '../../harness/settings.js';

const url = setting('PLANEBENCH_PG_URL');
const WORKERS = 3;
const RUNS = 6;
const TASKS_PER_RUN = 4;

(url ? describe : describe.skip)(
  url ? 'worker processes on PostgreSQL' : 'worker processes on PostgreSQL — skipped: PLANEBENCH_PG_URL is not set',
  () => {
    let store: PostgresStore;
    let scheduler: Scheduler | undefined;
    const workers: OrchestratorProcess[] = [];

    beforeEach(async () => {
      store = new PostgresStore({ url: url!, schema: `test_${randomBytes(6).toString('hex')}` });
      await store.migrate();
    });
    afterEach(async () => {
      for (const worker of workers.splice(0)) {
        worker.killGroup();
        await worker.exited;
      }
      await scheduler?.stop('kill');
      scheduler = undefined;
      await store.dropSchema();
      await store.close();
    });

    it(`loses no task when one of ${WORKERS} workers is killed with SIGKILL mid-run`, async () => {
      await store.upsertWorkflow({
        name: 'slow',
        tasks: Array.from({ length: TASKS_PER_RUN }, (_, i) => ({ name: `t${i}`, command: [EXAMPLE_TASK, '0.3'] })),
      });
      const storeArgs = ['--database-url', url!, '--schema', store.schema];
      const started = await Promise.allSettled(
        Array.from({ length: WORKERS }, (_, i) =>
          startOrchestratorProcess([
            'worker',
            ...storeArgs,
            '--concurrency',
            '3',
            '--lease-ms',
            '600',
            '--worker-id',
            `w${i + 1}`,
          ]),
        ),
      );
      for (const s of started) if (s.status === 'fulfilled') workers.push(s.value);
      expect(workers).toHaveLength(WORKERS);
      scheduler = new Scheduler(store, { localWorker: false, reclaimIntervalMs: 100, pollIntervalMs: 200 });
      scheduler.start();
      for (let i = 0; i < RUNS; i += 1) await store.triggerRun('slow', Date.now() * 1000);

      const victim = await waitForStore(
        store,
        async () => (await store.listTasks()).find((t) => t.workerId === 'w1' && t.status === 'running'),
        { what: 'a task running on worker w1' },
      );
      workers[0]!.killGroup();
      await workers[0]!.exited;

      const total = RUNS * TASKS_PER_RUN;
      const counts = await waitForFinishedTasks(store, total, 30_000);
      expect(counts).toEqual({ pending: 0, dispatched: 0, running: 0, success: total, failed: 0 });
      const rerun = (await store.listTasks()).find((t) => t.id === victim.id);
      expect(rerun?.attempt).toBeGreaterThanOrEqual(2);
      expect(rerun?.workerId).not.toBe('w1');
      expect((await store.listRuns()).every((r) => r.status === 'success')).toBe(true);
    }, 60_000);
  },
);
