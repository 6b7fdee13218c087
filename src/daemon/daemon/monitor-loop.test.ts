import { ShutdownCoordinator } from '../shutdown/shutdown-coordinator.js';
import { ManualTimers } from '../time/manual-timers.js';
import { runMonitorLoop, waitIntervalOrShutdown } from './monitor-loop.js';

const timeouts = { shutdownTimeoutMs: 100, forceTimeoutMs: 300, killTimeoutMs: 500 };

function setup(): { timers: ManualTimers; coordinator: ShutdownCoordinator } {
  const timers = new ManualTimers();
  return { timers, coordinator: new ShutdownCoordinator(timeouts, timers) };
}

describe('monitoring loop', () => {
  test('a wait ends with tick after the interval', async () => {
    const { timers, coordinator } = setup();
    const wake = waitIntervalOrShutdown(coordinator, timers, 30_000);
    await timers.advance(30_000);
    await expect(wake).resolves.toBe('tick');
  });

  test('a wait ends at the shutdown request, not at the interval, and clears its timer', async () => {
    const { timers, coordinator } = setup();
    const wake = waitIntervalOrShutdown(coordinator, timers, 30_000);
    await timers.advance(1);
    expect(timers.pendingCount).toBe(1);
    coordinator.initiate();
    await expect(wake).resolves.toBe('shutdown');
    expect(timers.now()).toBe(1);
    expect(timers.pendingCount).toBe(0);
  });

  test('after shutdown began, a wait ends at once', async () => {
    const { timers, coordinator } = setup();
    coordinator.initiate();
    await expect(waitIntervalOrShutdown(coordinator, timers, 30_000)).resolves.toBe('shutdown');
    expect(timers.pendingCount).toBe(0);
  });

  test('the loop ticks every interval, survives a failing tick, and ends on shutdown', async () => {
    const { timers, coordinator } = setup();
    const ticks: number[] = [];
    const errors: unknown[] = [];
    const loop = runMonitorLoop({
      coordinator,
      timers,
      intervalMs: 1_000,
      onTick: async () => {
        ticks.push(timers.now());
        if (ticks.length === 2) throw new Error('probe failed');
      },
      onError: (e) => errors.push(e),
    });
    await timers.advance(3_500);
    coordinator.initiate();
    await expect(loop).resolves.toBe(3);
    expect(ticks).toEqual([1_000, 2_000, 3_000]);
    expect(errors).toEqual([new Error('probe failed')]);
    expect(timers.pendingCount).toBe(0);
  });
});
