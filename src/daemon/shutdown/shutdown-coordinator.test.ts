import { DaemonError } from '../errors/daemon-error.js';
import { flushMicrotasks, ManualTimers } from '../time/manual-timers.js';
import { ShutdownCoordinator } from './shutdown-coordinator.js';

const timeouts = { shutdownTimeoutMs: 100, forceTimeoutMs: 300, killTimeoutMs: 500 };

function setup(): { timers: ManualTimers; coordinator: ShutdownCoordinator } {
  const timers = new ManualTimers();
  return { timers, coordinator: new ShutdownCoordinator(timeouts, timers) };
}

describe('ShutdownCoordinator', () => {
  test('initiate broadcasts to every handle at once; only the first call wins', () => {
    const { coordinator } = setup();
    const a = coordinator.createHandle('a');
    const b = coordinator.createHandle('b');
    const signalA = a.signal;
    expect(coordinator.isShutdown).toBe(false);
    expect(a.isShutdown).toBe(false);
    expect(coordinator.initiate({ kind: 'signal', signal: 'SIGTERM' })).toBe(true);
    expect(coordinator.initiate()).toBe(false);
    expect(signalA.aborted).toBe(true);
    expect(signalA.reason).toEqual({ kind: 'signal', signal: 'SIGTERM' });
    // A signal first read after shutdown began is already aborted.
    expect(b.signal.aborted).toBe(true);
    expect(b.reason).toEqual({ kind: 'signal', signal: 'SIGTERM' });
    expect(coordinator.reason).toEqual({ kind: 'signal', signal: 'SIGTERM' });
  });

  test('cancelled() resolves on initiation; onInitiated listeners run synchronously', async () => {
    const { coordinator } = setup();
    const handle = coordinator.createHandle('a');
    const order: string[] = [];
    const cancelled = handle.cancelled().then(() => order.push('cancelled'));
    coordinator.onInitiated(() => order.push('listener'));
    const unsubscribed = coordinator.onInitiated(() => order.push('removed'));
    unsubscribed();
    coordinator.initiate();
    expect(order).toEqual(['listener']);
    await cancelled;
    expect(order).toEqual(['listener', 'cancelled']);
    await expect(coordinator.waitInitiated()).resolves.toEqual({ kind: 'requested' });
  });

  test('waitForShutdown before initiation is an invalid-state error', async () => {
    const { coordinator } = setup();
    await expect(coordinator.waitForShutdown()).rejects.toMatchObject({ code: 'invalid-state' });
    expect(() => coordinator.armKillDeadline(() => {})).toThrow(DaemonError);
  });

  test('graceful: every handle is done within the shutdown timeout', async () => {
    const { timers, coordinator } = setup();
    const a = coordinator.createHandle('a');
    const b = coordinator.createHandle('b');
    coordinator.initiate();
    const report = coordinator.waitForShutdown();
    await timers.advance(10);
    a.ready();
    await timers.advance(30);
    b.ready();
    await expect(report).resolves.toEqual({
      reason: { kind: 'requested' },
      outcome: 'graceful',
      durationMs: 40,
      abandoned: [],
      subsystems: [
        { name: 'a', phase: 'graceful', stoppedAfterMs: 10 },
        { name: 'b', phase: 'graceful', stoppedAfterMs: 40 },
      ],
    });
    expect(timers.pendingCount).toBe(0);
  });

  test('force: at the shutdown timeout the force signal fires; a handle done then is reported as forced', async () => {
    const { timers, coordinator } = setup();
    const slow = coordinator.createHandle('slow');
    const force = slow.forceSignal;
    coordinator.initiate();
    const report = coordinator.waitForShutdown();
    await timers.advance(99);
    expect(force.aborted).toBe(false);
    expect(slow.isForced).toBe(false);
    await timers.advance(1);
    expect(force.aborted).toBe(true);
    expect(slow.isForced).toBe(true);
    await timers.advance(50);
    slow.ready();
    const result = await report;
    expect(result.outcome).toBe('forced');
    expect(result.subsystems).toEqual([{ name: 'slow', phase: 'forced', stoppedAfterMs: 150 }]);
    expect(timers.pendingCount).toBe(0);
  });

  test('abandoned: a stuck handle is abandoned at the force timeout and reported', async () => {
    const { timers, coordinator } = setup();
    const quick = coordinator.createHandle('quick');
    const stuck = coordinator.createHandle('stuck');
    quick.signal.addEventListener('abort', () => quick.ready());
    coordinator.initiate();
    let settled = false;
    const report = coordinator.waitForShutdown().then((r) => {
      settled = true;
      return r;
    });
    await timers.advance(299);
    expect(settled).toBe(false);
    await timers.advance(1);
    const result = await report;
    expect(result.outcome).toBe('abandoned');
    expect(result.abandoned).toEqual(['stuck']);
    expect(result.durationMs).toBe(300);
    expect(result.subsystems).toContainEqual({ name: 'stuck', phase: 'abandoned', stoppedAfterMs: null });
    expect(result.subsystems).toContainEqual({ name: 'quick', phase: 'graceful', stoppedAfterMs: 0 });
    expect(stuck.state).toBe('abandoned');
    // A late `ready()` of an abandoned handle changes nothing.
    stuck.ready();
    expect(stuck.state).toBe('abandoned');
    expect(coordinator.stats()).toMatchObject({ liveHandles: 0, abandonedHandles: 1 });
  });

  test('with nothing running, shutdown completes at once without arming timers', async () => {
    const { timers, coordinator } = setup();
    coordinator.createHandle('done').ready();
    coordinator.initiate();
    const report = await coordinator.waitForShutdown();
    expect(report).toMatchObject({ outcome: 'graceful', durationMs: 0, subsystems: [] });
    expect(timers.pendingCount).toBe(0);
  });

  test('waitForShutdown returns the same report to every caller', async () => {
    const { coordinator } = setup();
    coordinator.initiate();
    expect(coordinator.waitForShutdown()).toBe(coordinator.waitForShutdown());
  });

  test('stopHandle stops one handle through the phases, leaving the others running', async () => {
    const { timers, coordinator } = setup();
    const one = coordinator.createHandle('one');
    const other = coordinator.createHandle('other');
    await timers.advance(1_000);
    const stopped = coordinator.stopHandle(one);
    expect(one.signal.aborted).toBe(true);
    expect(other.signal.aborted).toBe(false);
    expect(coordinator.isShutdown).toBe(false);
    expect(one.timeRemainingMs()).toBe(300);
    await timers.advance(120);
    expect(one.timeRemainingMs()).toBe(180);
    one.ready();
    await expect(stopped).resolves.toEqual({
      outcome: 'forced',
      subsystems: [{ name: 'one', phase: 'forced', stoppedAfterMs: 120 }],
    });
    expect(other.timeRemainingMs()).toBeUndefined();
  });

  test('a handle created after shutdown began is already stopping', () => {
    const { coordinator } = setup();
    coordinator.initiate();
    const late = coordinator.createHandle('late');
    expect(late.isShutdown).toBe(true);
    expect(late.signal.aborted).toBe(true);
  });

  test('kill phase: the kill deadline fires at the kill timeout unless disarmed', async () => {
    const { timers, coordinator } = setup();
    coordinator.createHandle('stuck');
    await timers.advance(50);
    coordinator.initiate();
    const kills: number[] = [];
    coordinator.armKillDeadline(() => kills.push(timers.now()));
    const disarm = coordinator.armKillDeadline(() => kills.push(-1));
    disarm();
    await timers.advance(600);
    expect(kills).toEqual([550]);
  });

  test('phase order with real time is not needed: the timers are the only clock', async () => {
    const { timers, coordinator } = setup();
    const handle = coordinator.createHandle('a');
    coordinator.initiate();
    const report = coordinator.waitForShutdown();
    await flushMicrotasks();
    expect(timers.nextDueMs()).toBe(100);
    await timers.advance(100);
    expect(timers.nextDueMs()).toBe(300);
    handle.ready();
    await report;
    expect(timers.nextDueMs()).toBeUndefined();
  });
});
