/**
 * The daemon's only source of time. Everything that waits (shutdown phases,
 * restart back-off, the monitoring loop) goes through a `Timers`, so tests can
 * drive time by hand instead of sleeping.
 */
import { performance } from 'node:perf_hooks';

/** An opaque timer token returned by `setTimeout`. */
export type TimerHandle = object;

export interface TimerOptions {
  /** Do not keep the process alive for this timer (e.g. the kill deadline). */
  readonly unref?: boolean;
}

export interface Timers {
  /** Monotonic milliseconds. */
  now(): number;
  setTimeout(callback: () => void, delayMs: number, options?: TimerOptions): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export const realTimers: Timers = {
  now: () => performance.now(),
  setTimeout(callback, delayMs, options) {
    const timer = setTimeout(callback, delayMs);
    if (options?.unref === true) timer.unref();
    return timer;
  },
  clearTimeout(handle) {
    clearTimeout(handle as NodeJS.Timeout);
  },
};
