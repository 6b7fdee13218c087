import { ShutdownCoordinator } from '../shutdown/shutdown-coordinator.js';
import type { ShutdownHandle } from '../shutdown/shutdown-handle.js';
import { flushMicrotasks, ManualTimers } from '../time/manual-timers.js';
import { SubsystemManager } from './subsystem-manager.js';
import type { SubsystemEvent, SubsystemFn } from './subsystem-types.js';
import { daemonErrorOf } from '../../test-support/daemon-error-of.js';

const timeouts = { shutdownTimeoutMs: 100, forceTimeoutMs: 300, killTimeoutMs: 500 };

function setup(): {
  timers: ManualTimers;
  coordinator: ShutdownCoordinator;
  manager: SubsystemManager;
  events: SubsystemEvent[];
} {
  const timers = new ManualTimers();
  const coordinator = new ShutdownCoordinator(timeouts, timers);
  const manager = new SubsystemManager(coordinator, timers);
  const events: SubsystemEvent[] = [];
  manager.events.subscribe((e) => events.push(e));
  return { timers, coordinator, manager, events };
}

/** Runs until asked to stop. */
const untilStopped: SubsystemFn = (shutdown) => shutdown.cancelled();
/** Never stops on its own, ignores its signals. */
const stuck: SubsystemFn = () => new Promise<void>(() => {});

function failing(message = 'boom'): SubsystemFn & { runs: number } {
  const fn = Object.assign(
    async () => {
      fn.runs += 1;
      throw new Error(message);
    },
    { runs: 0 },
  );
  return fn;
}

function counting(): SubsystemFn & { runs: number; handles: ShutdownHandle[] } {
  const fn = Object.assign(
    async (handle: ShutdownHandle) => {
      fn.runs += 1;
      fn.handles.push(handle);
    },
    { runs: 0, handles: [] as ShutdownHandle[] },
  );
  return fn;
}

describe('SubsystemManager: registration', () => {
  test('validates name, uniqueness, run and policy, naming the field', () => {
    const { manager } = setup();
    manager.register({ name: 'a', run: untilStopped });
    expect(daemonErrorOf(() => manager.register({ name: 'a', run: untilStopped })).field).toBe('subsystems[1].name');
    expect(daemonErrorOf(() => manager.register({ name: '', run: untilStopped })).field).toBe('subsystems[1].name');
    expect(daemonErrorOf(() => manager.register({ name: 'b', run: 'x' as never })).field).toBe('subsystems[1].run');
    expect(
      daemonErrorOf(() =>
        manager.register({ name: 'b', run: untilStopped, restartPolicy: { kind: 'always', delayMs: -1 } }),
      ).field,
    ).toBe('subsystems[1].restartPolicy.delayMs');
    expect(manager.size).toBe(1);
  });

  test('unknown ids and names are subsystem-not-found', () => {
    const { manager } = setup();
    expect(daemonErrorOf(() => manager.start(42)).code).toBe('subsystem-not-found');
    expect(daemonErrorOf(() => manager.idOf('nope')).code).toBe('subsystem-not-found');
  });
});

describe('SubsystemManager: start and stop', () => {
  test('startAll runs every subsystem; stopAll drains them gracefully', async () => {
    const { manager } = setup();
    manager.register({ name: 'a', run: untilStopped });
    manager.register({ name: 'b', run: untilStopped });
    manager.startAll();
    expect(manager.stats()).toMatchObject({ total: 2, running: 2 });
    const report = await manager.stopAll();
    expect(report.outcome).toBe('graceful');
    expect(report.subsystems.map((s) => s.name).sort()).toEqual(['a', 'b']);
    expect(manager.stats()).toMatchObject({ running: 0, stopped: 2 });
  });

  test('starting a running subsystem, or any after shutdown began, is invalid-state', () => {
    const { manager, coordinator } = setup();
    const id = manager.register({ name: 'a', run: untilStopped });
    manager.start(id);
    expect(daemonErrorOf(() => manager.start(id)).code).toBe('invalid-state');
    coordinator.initiate();
    expect(daemonErrorOf(() => manager.startAll()).code).toBe('invalid-state');
  });

  test('stop(id) stops one subsystem and leaves the others running', async () => {
    const { manager } = setup();
    const a = manager.register({ name: 'a', run: untilStopped });
    const b = manager.register({ name: 'b', run: untilStopped });
    manager.startAll();
    const info = await manager.stop(a);
    expect(info.state).toBe('stopped');
    expect(manager.info(b).state).toBe('running');
  });

  test('stop(id) of a subsystem that ignores its signal abandons it after the force timeout', async () => {
    const { manager, timers } = setup();
    const id = manager.register({ name: 'stuck', run: stuck });
    manager.start(id);
    const stopping = manager.stop(id);
    expect(manager.info(id).state).toBe('stopping');
    await timers.advance(300);
    expect((await stopping).state).toBe('abandoned');
    expect(manager.stats().abandoned).toBe(1);
  });

  test('daemon shutdown abandons a stuck subsystem, reports it and emits the state change', async () => {
    const { manager, timers, events } = setup();
    manager.register({ name: 'ok', run: untilStopped });
    manager.register({ name: 'stuck', run: stuck });
    manager.startAll();
    const report = manager.stopAll({ kind: 'signal', signal: 'SIGTERM' });
    await timers.advance(300);
    const result = await report;
    expect(result.outcome).toBe('abandoned');
    expect(result.abandoned).toEqual(['stuck']);
    expect(manager.info(manager.idOf('stuck')).state).toBe('abandoned');
    expect(manager.info(manager.idOf('ok')).state).toBe('stopped');
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'state-changed', name: 'stuck', state: 'abandoned', atMs: 300 }),
    );
  });

  test('a run that throws synchronously is a failure', async () => {
    const { manager, events } = setup();
    const id = manager.register({
      name: 'sync-throw',
      run: () => {
        throw new Error('at once');
      },
    });
    manager.start(id);
    await flushMicrotasks();
    expect(manager.info(id)).toMatchObject({ state: 'failed', lastError: new Error('at once') });
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'state-changed', state: 'failed', error: new Error('at once') }),
    );
  });
});

describe('SubsystemManager: restart policies', () => {
  test('never: a failure leaves the subsystem failed', async () => {
    const { manager, timers } = setup();
    const run = failing();
    const id = manager.register({ name: 'f', run });
    manager.start(id);
    await timers.advance(10_000);
    expect(run.runs).toBe(1);
    expect(manager.info(id)).toMatchObject({ state: 'failed', restartCount: 0 });
  });

  test('always: restarts after clean exits with its delay, until maxRestarts', async () => {
    const { manager, timers, events } = setup();
    const run = counting();
    const id = manager.register({ name: 'c', run, restartPolicy: { kind: 'always', delayMs: 50, maxRestarts: 2 } });
    manager.start(id);
    await timers.advance(0);
    expect(run.runs).toBe(1);
    expect(manager.info(id).state).toBe('restarting');
    await timers.advance(49);
    expect(run.runs).toBe(1);
    await timers.advance(1);
    expect(run.runs).toBe(2);
    await timers.advance(50);
    expect(run.runs).toBe(3);
    await timers.advance(1_000);
    expect(run.runs).toBe(3);
    expect(manager.info(id)).toMatchObject({ state: 'stopped', restartCount: 2 });
    expect(manager.stats().totalRestarts).toBe(2);
    expect(
      events.filter((e) => e.type === 'restart-scheduled').map((e) => e.type === 'restart-scheduled' && e.attempt),
    ).toEqual([0, 1]);
    expect(events.at(-1)).toMatchObject({ type: 'restart-exhausted', name: 'c' });
  });

  test('on-failure: restarts failures, not clean exits', async () => {
    const { manager, timers } = setup();
    const clean = counting();
    const bad = failing();
    manager.register({ name: 'clean', run: clean, restartPolicy: { kind: 'on-failure' } });
    manager.register({ name: 'bad', run: bad, restartPolicy: { kind: 'on-failure', maxRestarts: 3 } });
    manager.startAll();
    await timers.advance(100);
    expect(clean.runs).toBe(1);
    expect(bad.runs).toBe(4);
    expect(manager.info(manager.idOf('bad'))).toMatchObject({ state: 'failed', restartCount: 3 });
    expect(manager.info(manager.idOf('clean')).state).toBe('stopped');
  });

  test('exponential-backoff: delays 100, 200, 400 ms, then gives up', async () => {
    const { manager, timers, events } = setup();
    const run = failing();
    const id = manager.register({
      name: 'backoff',
      run,
      restartPolicy: { kind: 'exponential-backoff', initialDelayMs: 100, maxDelayMs: 1_000, maxAttempts: 3 },
    });
    manager.start(id);
    const startTimes: number[] = [];
    manager.events.subscribe((e) => {
      if (e.type === 'state-changed' && e.state === 'running') startTimes.push(e.atMs);
    });
    await timers.advance(2_000);
    expect(run.runs).toBe(4);
    expect(startTimes).toEqual([100, 300, 700]);
    expect(
      events.filter((e) => e.type === 'restart-scheduled').map((e) => (e.type === 'restart-scheduled' ? e.delayMs : 0)),
    ).toEqual([100, 200, 400]);
    expect(manager.info(id)).toMatchObject({ state: 'failed', restartCount: 3 });
    expect(events.at(-1)).toMatchObject({ type: 'restart-exhausted' });
  });

  test('shutdown cancels a pending restart', async () => {
    const { manager, timers, coordinator } = setup();
    const run = failing();
    const id = manager.register({ name: 'f', run, restartPolicy: { kind: 'on-failure', delayMs: 1_000 } });
    manager.start(id);
    await timers.advance(10);
    expect(manager.info(id).state).toBe('restarting');
    coordinator.initiate();
    expect(manager.info(id).state).toBe('stopped');
    await timers.advance(5_000);
    expect(run.runs).toBe(1);
    expect(timers.pendingCount).toBe(0);
  });

  test('a failure after a stop request is not restarted', async () => {
    const { manager } = setup();
    const id = manager.register({
      name: 'fails-on-stop',
      run: async (shutdown) => {
        await shutdown.cancelled();
        throw new Error('cleanup failed');
      },
      restartPolicy: { kind: 'always' },
    });
    manager.start(id);
    const info = await manager.stop(id);
    expect(info).toMatchObject({ state: 'failed', restartCount: 0, lastError: new Error('cleanup failed') });
  });
});

describe('SubsystemManager: restart one, health, events', () => {
  test('restart(id) stops the current run and starts a new one with a fresh handle', async () => {
    const { manager } = setup();
    const handles: ShutdownHandle[] = [];
    const id = manager.register({
      name: 'r',
      run: (shutdown) => {
        handles.push(shutdown);
        return shutdown.cancelled();
      },
    });
    manager.start(id);
    await manager.restart(id);
    expect(handles).toHaveLength(2);
    expect(handles[0]?.signal.aborted).toBe(true);
    expect(handles[1]?.signal.aborted).toBe(false);
    expect(manager.info(id)).toMatchObject({ state: 'running', restartCount: 1 });
  });

  test('restart after shutdown began is invalid-state', async () => {
    const { manager, coordinator } = setup();
    const id = manager.register({ name: 'r', run: untilStopped });
    coordinator.initiate();
    await expect(manager.restart(id)).rejects.toMatchObject({ code: 'invalid-state' });
  });

  test('checkHealth records each running subsystem’s health; a throw is unhealthy', async () => {
    const { manager, events } = setup();
    manager.register({ name: 'up', run: untilStopped, healthCheck: () => true });
    manager.register({ name: 'down', run: untilStopped, healthCheck: async () => false });
    manager.register({
      name: 'broken',
      run: untilStopped,
      healthCheck: () => {
        throw new Error('probe failed');
      },
    });
    manager.register({ name: 'unchecked', run: untilStopped });
    manager.startAll();
    await manager.checkHealth();
    const healthy = Object.fromEntries(manager.stats().subsystems.map((s) => [s.name, s.healthy]));
    expect(healthy).toEqual({ up: true, down: false, broken: false, unchecked: undefined });
    expect(events.filter((e) => e.type === 'health-checked')).toHaveLength(3);
  });

  test('events can be consumed with for await', async () => {
    const { manager } = setup();
    const id = manager.register({ name: 'e', run: untilStopped });
    const seen: string[] = [];
    const consumer = (async () => {
      for await (const event of manager.events) {
        if (event.type === 'state-changed') seen.push(event.state);
        if (seen.length === 3) break;
      }
    })();
    manager.start(id);
    await manager.stop(id);
    await consumer;
    expect(seen).toEqual(['running', 'stopping', 'stopped']);
  });

  test('events.next waits for the next matching event', async () => {
    const { manager, timers } = setup();
    const id = manager.register({ name: 'n', run: failing(), restartPolicy: { kind: 'on-failure', delayMs: 5 } });
    const scheduled = manager.events.next((e) => e.type === 'restart-scheduled');
    manager.start(id);
    await timers.advance(0);
    await expect(scheduled).resolves.toMatchObject({ type: 'restart-scheduled', name: 'n', delayMs: 5 });
  });
});
