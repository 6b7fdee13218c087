/**
 * A virtual clock for exact tests of time-based logic. Time stands still
 * while code runs; when everything is waiting, it jumps to the earliest
 * pending sleep and wakes it. A scheduled stall makes the first wake-up at
 * or after a time come late, as a paused process would.
 */
import type { LoopClock } from '../harness/load/loop-clock.js';

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly wake: () => void;
}

export class FakeClock implements LoopClock {
  private t = 0;
  private seq = 0;
  private timers: Timer[] = [];
  private stalls: { atMs: number; forMs: number }[] = [];
  private wakeScheduled = false;

  now(): number {
    return this.t;
  }

  /** The first wake-up at or after `atMs` happens `forMs` late. */
  stallAt(atMs: number, forMs: number): void {
    this.stalls.push({ atMs, forMs });
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer: Timer = { at: this.t + Math.max(0, ms), seq: this.seq++, wake: resolve };
      this.timers.push(timer);
      signal?.addEventListener(
        'abort',
        () => {
          this.timers = this.timers.filter((x) => x !== timer);
          reject(new Error('aborted'));
        },
        { once: true },
      );
      this.scheduleWake();
    });
  }

  private scheduleWake(): void {
    if (this.wakeScheduled) return;
    this.wakeScheduled = true;
    // setImmediate runs after every queued microtask: the code under test is idle.
    setImmediate(() => {
      this.wakeScheduled = false;
      this.wakeNext();
    });
  }

  private wakeNext(): void {
    if (this.timers.length === 0) return;
    this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const timer = this.timers.shift() as Timer;
    let at = Math.max(this.t, timer.at);
    const stall = this.stalls.find((s) => at >= s.atMs);
    if (stall) {
      this.stalls = this.stalls.filter((s) => s !== stall);
      at += stall.forMs;
    }
    this.t = at;
    timer.wake();
    if (this.timers.length > 0) this.scheduleWake();
  }
}
