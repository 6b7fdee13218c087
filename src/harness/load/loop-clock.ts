/** The time source of load generators; injected in tests to make them exact. */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleepFor } from 'node:timers/promises';

export interface LoopClock {
  /** Monotonic milliseconds. */
  now(): number;
  /** Resolves after about `ms` milliseconds (0: on the next turn of the event loop);
   * rejects when `signal` aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: LoopClock = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    ms <= 0 && !signal
      ? new Promise<void>((resolve) => setImmediate(resolve))
      : sleepFor(Math.max(0, ms), undefined, { signal }),
};
