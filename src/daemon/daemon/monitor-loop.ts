/**
 * The daemon's main loop: every `intervalMs` it runs the health checks, and it
 * ends the moment shutdown is initiated. The interval's timer is raced against
 * the shutdown broadcast and cleared when shutdown wins, so how fast the
 * daemon notices a shutdown does not depend on the interval.
 */
import type { ShutdownCoordinator } from '../shutdown/shutdown-coordinator.js';
import type { Timers } from '../time/timers.js';

export type Wake = 'tick' | 'shutdown';

/** Resolves `tick` after `intervalMs`, or `shutdown` as soon as shutdown is initiated, whichever is first. */
export function waitIntervalOrShutdown(
  coordinator: ShutdownCoordinator,
  timers: Timers,
  intervalMs: number,
): Promise<Wake> {
  if (coordinator.isShutdown) return Promise.resolve('shutdown');
  return new Promise((resolve) => {
    let unsubscribe: (() => void) | null = null;
    const timer = timers.setTimeout(() => {
      unsubscribe?.();
      resolve('tick');
    }, intervalMs);
    unsubscribe = coordinator.onInitiated(() => {
      timers.clearTimeout(timer);
      resolve('shutdown');
    });
  });
}

export interface MonitorLoopOptions {
  readonly coordinator: ShutdownCoordinator;
  readonly timers: Timers;
  readonly intervalMs: number;
  /** The work of one tick (health checks). Its errors go to `onError`; the loop goes on. */
  readonly onTick: () => Promise<void>;
  readonly onError: (error: unknown) => void;
}

/** Runs until shutdown is initiated; resolves with the number of ticks run. */
export function runMonitorLoop(options: MonitorLoopOptions): Promise<number> {
  const { coordinator, timers, intervalMs, onTick, onError } = options;
  return new Promise((resolve) => {
    let ticks = 0;
    const waitForNextTick = (): void => {
      if (coordinator.isShutdown) {
        resolve(ticks);
        return;
      }
      let unsubscribe: (() => void) | null = null;
      const timer = timers.setTimeout(() => {
        unsubscribe?.();
        ticks += 1;
        runTick(onTick, onError).then(waitForNextTick, waitForNextTick);
      }, intervalMs);
      unsubscribe = coordinator.onInitiated(() => {
        timers.clearTimeout(timer);
        resolve(ticks);
      });
    };
    waitForNextTick();
  });
}

async function runTick(onTick: () => Promise<void>, onError: (error: unknown) => void): Promise<void> {
  try {
    await onTick();
  } catch (error) {
    onError(error);
  }
}
