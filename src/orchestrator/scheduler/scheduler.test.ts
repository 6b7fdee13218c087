import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';
import { peakConcurrency, waitForFinishedTasks } from '../test-helpers.js';
import { EXAMPLE_TASK } from '../paths.js';
import { Scheduler } from './scheduler.js';

describe('Scheduler (embedded store, real subprocesses)', () => {
  let store: Store;
  let scheduler: Scheduler | undefined;

  beforeEach(async () => {
    store = new SqliteStore({ path: ':memory:' });
    await store.migrate();
  });
  afterEach(async () => {
    await scheduler?.stop('kill');
    scheduler = undefined;
    await store.close();
  });

  it('runs every task of every run, woken by triggers rather than the poll interval', async () => {
    await store.upsertWorkflow({
      name: 'three',
      tasks: [
        { name: 'a', command: ['true'] },
        { name: 'b', command: [EXAMPLE_TASK, '0.01'] },
        { name: 'c', command: ['true'] },
      ],
    });
    scheduler = new Scheduler(store, { pollIntervalMs: 60_000, concurrency: 4 });
    scheduler.start();
    for (let i = 0; i < 5; i += 1) await store.triggerRun('three', Date.now() * 1000);
    const counts = await waitForFinishedTasks(store, 15);
    expect(counts).toEqual({ pending: 0, dispatched: 0, running: 0, success: 15, failed: 0 });
    const runs = await store.listRuns();
    expect(runs.map((r) => r.status)).toEqual(Array(5).fill('success'));
    for (const task of await store.listTasks()) {
      expect(task.dispatchedAtUs! >= task.createdAtUs).toBe(true);
      expect(task.startedAtUs! >= task.dispatchedAtUs!).toBe(true);
      expect(task.finishedAtUs! - task.startedAtUs!).toBe(task.runTimeUs);
    }
    const summary = scheduler.summary();
    expect(summary.busyIterations).toBeGreaterThan(0);
    expect(summary.stepTotalsUs.dispatchTasks).toBeGreaterThan(0);
  });

  it('never runs more tasks at once than its concurrency', async () => {
    await store.upsertWorkflow({
      name: 'six',
      tasks: Array.from({ length: 6 }, (_, i) => ({ name: `t${i}`, command: [EXAMPLE_TASK, '0.05'] })),
    });
    scheduler = new Scheduler(store, { concurrency: 2, pollIntervalMs: 60_000 });
    scheduler.start();
    await store.triggerRun('six', Date.now() * 1000);
    await waitForFinishedTasks(store, 6);
    const tasks = await store.listTasks();
    expect(peakConcurrency(tasks)).toBe(2);
  });

  it('records failures with their exit code and kills a task at its timeout', async () => {
    await store.upsertWorkflow({
      name: 'bad',
      tasks: [
        { name: 'exit3', command: ['sh', '-c', 'exit 3'] },
        { name: 'slow', command: ['sleep', '30'], timeoutMs: 100 },
        { name: 'missing', command: ['/nonexistent/command'] },
      ],
    });
    scheduler = new Scheduler(store, { pollIntervalMs: 60_000 });
    scheduler.start();
    await store.triggerRun('bad', Date.now() * 1000);
    await waitForFinishedTasks(store, 3);
    const byName = Object.fromEntries((await store.listTasks()).map((t) => [t.name, t]));
    expect(byName['exit3']).toMatchObject({ status: 'failed', exitCode: 3, error: 'exited with code 3' });
    expect(byName['slow']).toMatchObject({
      status: 'failed',
      exitCode: null,
      error: 'timed out after 100 ms (SIGKILL)',
    });
    expect(byName['missing']?.status).toBe('failed');
    expect(byName['missing']?.error).toMatch(/could not start/);
    expect((await store.listRuns())[0]?.status).toBe('failed');
  });

  it('reclaims a task whose worker’s lease expired and runs it again', async () => {
    await store.upsertWorkflow({ name: 'one', tasks: [{ name: 't', command: ['true'] }] });
    await store.triggerRun('one', 1);
    await store.expandPendingRuns(1, 1);
    await store.claimTasks({ workerId: 'dead-worker', limit: 1, nowUs: 1, leaseMs: 1000 });
    scheduler = new Scheduler(store, { pollIntervalMs: 60_000 });
    scheduler.start();
    await waitForFinishedTasks(store, 1);
    const [task] = await store.listTasks();
    expect(task).toMatchObject({ status: 'success', attempt: 2, workerId: scheduler.options.workerId });
  });

  it('drains running tasks on stop and records them', async () => {
    await store.upsertWorkflow({ name: 'one', tasks: [{ name: 't', command: [EXAMPLE_TASK, '0.05'] }] });
    scheduler = new Scheduler(store, { pollIntervalMs: 60_000 });
    scheduler.start();
    await store.triggerRun('one', Date.now() * 1000);
    const { waitForStore } = await import('../test-helpers.js');
    await waitForStore(store, async () => ((await store.countTasks()).running === 1 ? true : undefined));
    await scheduler.stop('drain');
    scheduler = undefined;
    expect((await store.countTasks()).success).toBe(1);
  });

  it('times each step of an iteration with the injected clock', async () => {
    let nowUs = 0;
    const ticking = new Scheduler(store, { localWorker: false }, { now: () => (nowUs += 10) });
    const timing = await ticking.iterate();
    expect(timing.steps.expandRuns).toBe(10);
    expect(timing.steps.reclaimLeases).toBe(10);
    expect(timing.totalUs).toBe(20);
    expect(timing.work).toBe(0);
  });
});
