/**
 * Timers driven by hand, for tests of time-dependent logic: `advance(ms)`
 * fires every timer that falls due, in order, letting promise reactions run
 * between firings. No real waiting.
 */
import type { TimerHandle, Timers } from './timers.js';

interface PendingTimer {
  readonly dueMs: number;
  readonly seq: number;
  readonly callback: () => void;
}

/** Lets every queued promise reaction run (one macrotask turn). */
export function flushMicrotasks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export class ManualTimers implements Timers {
  #nowMs: number;
  #seq = 0;
  readonly #pending = new Set<PendingTimer>();

  constructor(startMs = 0) {
    this.#nowMs = startMs;
  }

  now(): number {
    return this.#nowMs;
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    const timer: PendingTimer = { dueMs: this.#nowMs + Math.max(0, delayMs), seq: this.#seq++, callback };
    this.#pending.add(timer);
    return timer;
  }

  clearTimeout(handle: TimerHandle): void {
    this.#pending.delete(handle as PendingTimer);
  }

  /** Number of armed timers. */
  get pendingCount(): number {
    return this.#pending.size;
  }

  /** Due time of the earliest armed timer, or undefined when none is armed. */
  nextDueMs(): number | undefined {
    return this.#next()?.dueMs;
  }

  /** Moves time forward by `ms`, firing due timers in order and flushing promise reactions after each. */
  async advance(ms: number): Promise<void> {
    const target = this.#nowMs + ms;
    await flushMicrotasks();
    for (;;) {
      const next = this.#next();
      if (next === undefined || next.dueMs > target) break;
      this.#pending.delete(next);
      this.#nowMs = next.dueMs;
      next.callback();
      await flushMicrotasks();
    }
    this.#nowMs = target;
    await flushMicrotasks();
  }

  #next(): PendingTimer | undefined {
    let best: PendingTimer | undefined;
    for (const t of this.#pending) {
      if (best === undefined || t.dueMs < best.dueMs || (t.dueMs === best.dueMs && t.seq < best.seq)) best = t;
    }
    return best;
  }
}
