/**
 * What stalled this thread during a measured window: event-loop delay (a
 * 1 ms-resolution timer's lateness, as perf_hooks measures it) and garbage
 * collection pauses. Scenarios report them next to a latency tail, so an
 * outlier can be told apart: the loop was blocked, or GC ran, or neither.
 */
import {
  monitorEventLoopDelay,
  PerformanceObserver,
  type IntervalHistogram,
  type PerformanceEntry,
} from 'node:perf_hooks';

export interface StallSummary {
  /** Largest event-loop delay seen, µs. */
  readonly loopDelayMaxUs: number;
  /** 99th percentile of the event-loop delay samples, µs. */
  readonly loopDelayP99Us: number;
  readonly gcPauses: number;
  /** Longest single GC pause, µs. */
  readonly gcPauseMaxUs: number;
  /** Sum of GC pauses, µs. */
  readonly gcPauseTotalUs: number;
}

export class StallMonitor {
  private readonly loop: IntervalHistogram = monitorEventLoopDelay({ resolution: 1 });
  private readonly gc: PerformanceObserver;
  private gcPauses = 0;
  private gcPauseMaxUs = 0;
  private gcPauseTotalUs = 0;

  constructor() {
    this.gc = new PerformanceObserver((list) => this.addGcPauses(list.getEntries()));
  }

  start(): void {
    this.loop.enable();
    this.gc.observe({ entryTypes: ['gc'] });
  }

  /** Stops watching and summarizes. GC entries are delivered asynchronously, so await it. */
  async stop(): Promise<StallSummary> {
    this.loop.disable();
    await new Promise((resolve) => setImmediate(resolve)); // let queued GC entries arrive
    this.addGcPauses(this.gc.takeRecords());
    this.gc.disconnect();
    const count = this.loop.count;
    return {
      loopDelayMaxUs: count > 0 ? this.loop.max / 1000 : 0,
      loopDelayP99Us: count > 0 ? this.loop.percentile(99) / 1000 : 0,
      gcPauses: this.gcPauses,
      gcPauseMaxUs: this.gcPauseMaxUs,
      gcPauseTotalUs: this.gcPauseTotalUs,
    };
  }

  private addGcPauses(entries: readonly PerformanceEntry[]): void {
    for (const entry of entries) {
      const us = entry.duration * 1000;
      this.gcPauses += 1;
      this.gcPauseTotalUs += us;
      this.gcPauseMaxUs = Math.max(this.gcPauseMaxUs, us);
    }
  }
}
