import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import type { ClaimedTask } from '../model.js';
import type { PushDispatch, Store } from '../store/store.js';
import { TaskRunner } from './task-runner.js';

const LEASE_MS = 1000;
const T0 = 1_700_000_000_000_000;

/** The real store, whose next `failures` update writes fail as a lost connection would. */
function failingWrites(store: Store, failures: number): Store {
  let left = failures;
  return new Proxy(store, {
    get(target, key, receiver) {
      if (key === 'applyUpdates' && left > 0) {
        return () => {
          left -= 1;
          return Promise.reject(new Error('connection lost'));
        };
      }
      const value: unknown = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** The real store with a push dispatch that records offers and hands over what the test delivers. */
function withFakePush(store: Store) {
  const offers: number[] = [];
  let deliver: (tasks: ClaimedTask[]) => void = () => undefined;
  const push: PushDispatch = {
    offer: async (_workerId, slots) => {
      offers.push(slots);
    },
    onAssigned: (_workerId, listener) => {
      deliver = listener;
      return () => (deliver = () => undefined);
    },
  };
  const proxy = new Proxy(store, {
    get(target, key, receiver) {
      if (key === 'push') return push;
      const value: unknown = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { store: proxy, offers, deliver: (tasks: ClaimedTask[]) => deliver(tasks) };
}

describe('TaskRunner (embedded store, real subprocesses)', () => {
  let store: SqliteStore;
  let nowUs = T0;

  beforeEach(async () => {
    nowUs = T0;
    store = new SqliteStore({ path: ':memory:' });
    await store.migrate();
    await store.upsertWorkflow({
      name: 'two',
      tasks: [
        { name: 'a', command: ['true'] },
        { name: 'b', command: ['true'] },
      ],
    });
    await store.triggerRun('two', T0);
    await store.expandPendingRuns(10, T0);
  });
  afterEach(async () => {
    await store.close();
  });

  const runner = (on: Store): TaskRunner =>
    new TaskRunner(on, {
      workerId: 'w1',
      concurrency: 2,
      prefetch: 0,
      batchSize: 10,
      statusBatchSize: 10,
      leaseMs: LEASE_MS,
      now: () => nowUs,
      onChange: () => undefined,
    });

  it('keeps the updates of a failed write and writes them on the next flush', async () => {
    const tasks = runner(failingWrites(store, 1));
    expect(await tasks.dispatch()).toBe(2);
    await expect(tasks.drain()).rejects.toThrow('connection lost');
    expect(tasks.pendingUpdates).toBe(2);

    await tasks.drain();
    expect(tasks.pendingUpdates).toBe(0);
    expect(await store.countTasks()).toMatchObject({ success: 2, dispatched: 0, running: 0 });
    expect((await store.listRuns())[0]?.status).toBe('success');
  });

  it('renews the leases of tasks whose updates wait to be written, and no others', async () => {
    const tasks = runner(failingWrites(store, 1));
    await tasks.dispatch();
    await expect(tasks.drain()).rejects.toThrow('connection lost');
    // A claim for w1 that this runner never learned of (its reply was lost).
    await store.triggerRun('two', T0);
    await store.expandPendingRuns(10, T0);
    const [unknown] = await store.claimTasks({ workerId: 'w1', limit: 1, nowUs: T0, leaseMs: LEASE_MS });

    nowUs = T0 + (LEASE_MS * 1000) / 2;
    await tasks.renewLeasesIfDue();
    const leases = new Map((await store.listTasks()).map((t) => [t.id, t.leaseExpiresAtUs]));
    const renewedUntil = nowUs + LEASE_MS * 1000;
    expect([...leases.entries()].filter(([, until]) => until === renewedUntil)).toHaveLength(2);
    expect(leases.get(unknown!.id)).toBe(T0 + LEASE_MS * 1000);

    // Past the first lease: the unknown claim is requeued, the two held tasks are not.
    expect(await store.reclaimExpiredLeases(T0 + LEASE_MS * 1000 + 1)).toEqual({ requeued: 1, failed: 0 });
    await tasks.drain();
    expect(await store.countTasks()).toMatchObject({ success: 2, pending: 2 }); // the unknown one and its sibling
    expect((await store.listTasks()).find((t) => t.id === unknown!.id)).toMatchObject({
      status: 'pending',
      attempt: 1,
    });
  });

  it('offers its free slots, runs what is pushed to it, and after withdrawing neither offers nor starts', async () => {
    const fake = withFakePush(store);
    const tasks = runner(fake.store);
    const detach = tasks.attachPush();
    await tasks.offerFreeSlots();
    // Pushed: claimed for w1 by the trigger's statement (here by a claim standing in for it).
    const [first, second] = await store.claimTasks({ workerId: 'w1', limit: 2, nowUs: T0, leaseMs: LEASE_MS });
    fake.deliver([first!]);
    await tasks.drain();
    expect((await store.listTasks()).find((t) => t.id === first!.id)?.status).toBe('success');

    await tasks.withdrawOffer();
    await tasks.offerFreeSlots();
    expect(fake.offers).toEqual([2, 0]);
    fake.deliver([second!]); // pushed in the moment before the withdrawal landed
    await tasks.drain();
    expect((await store.listTasks()).find((t) => t.id === second!.id)?.status).toBe('dispatched'); // left to its lease
    detach();
  });
});
