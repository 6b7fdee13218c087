/**
 * The scheduler loop, as in the original: pending runs become tasks (the
 * triggers' work), pending tasks are dispatched, status updates are written,
 * expired leases are reclaimed (timeouts). An iteration that did no work sleeps
 * the poll interval, and any new work (a trigger, a task exit, a notification
 * from the store) wakes it at once.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { wallClockUs, type ClockUs } from '../clock.js';
import { coerceError } from '../errors.js';
import { resolveSchedulerOptions, type ResolvedSchedulerOptions, type SchedulerOptions } from '../options.js';
import type { Store } from '../store/store.js';
import { WakeSignal } from '../wake-signal.js';
import { TaskRunner } from '../worker/task-runner.js';
import { IterationStats, type IterationSummary, type IterationTiming, type LoopStep } from './iteration-stats.js';

export interface SchedulerDeps {
  readonly now?: ClockUs;
  /** Called after every iteration that did work (for verbose logs). */
  readonly onIteration?: (timing: IterationTiming) => void;
  /** Called when an iteration fails; the loop sleeps the poll interval and goes on. */
  readonly onError?: (error: Error) => void;
  /** Working directory of task subprocesses. */
  readonly cwd?: string;
}

export type StopMode = 'drain' | 'kill';

export class Scheduler {
  readonly options: ResolvedSchedulerOptions;
  private readonly now: ClockUs;
  private readonly wake = new WakeSignal();
  private readonly stats = new IterationStats();
  private readonly runner: TaskRunner | undefined;
  private unsubscribe: (() => void) | undefined;
  private detachPush: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private stopping: StopMode | undefined;
  private lastReclaimUs = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly store: Store,
    options: SchedulerOptions = {},
    private readonly deps: SchedulerDeps = {},
  ) {
    this.options = resolveSchedulerOptions(options);
    this.now = deps.now ?? wallClockUs;
    this.runner = this.options.localWorker
      ? new TaskRunner(store, {
          workerId: this.options.workerId,
          concurrency: this.options.concurrency,
          prefetch: this.options.prefetch,
          batchSize: this.options.batchSize,
          statusBatchSize: this.options.statusBatchSize,
          leaseMs: this.options.leaseMs,
          now: this.now,
          onChange: () => this.wake.wake(),
          ...(deps.cwd ? { cwd: deps.cwd } : {}),
        })
      : undefined;
  }

  /** Tasks running in this process. */
  get inFlight(): number {
    return this.runner?.inFlight ?? 0;
  }

  start(): void {
    if (this.loop) return;
    this.unsubscribe = this.store.onWork(() => this.wake.wake());
    this.detachPush = this.runner?.attachPush();
    this.loop = this.run();
  }

  /** Stops the loop: `drain` lets running tasks finish and records them, `kill` kills them. */
  async stop(mode: StopMode = 'drain'): Promise<void> {
    this.stopping = mode;
    this.wake.wake();
    await this.loop;
    this.unsubscribe?.();
    this.detachPush?.();
  }

  summary(): IterationSummary {
    return this.stats.summary();
  }

  /** Runs one iteration; returns the work it did. Exposed for tests. */
  async iterate(): Promise<IterationTiming> {
    const steps: Record<LoopStep, number> = { expandRuns: 0, dispatchTasks: 0, writeUpdates: 0, reclaimLeases: 0 };
    const { batchSize, reclaimIntervalMs } = this.options;
    const startUs = this.now();
    let markUs = startUs;
    const lap = (step: LoopStep): void => {
      const t = this.now();
      steps[step] = t - markUs;
      markUs = t;
    };
    // New runs' tasks are claimed for this process's free slots in the same transaction.
    const claim = this.runner?.claimRequest();
    const expanded = await this.store.expandPendingRuns(batchSize, startUs, claim?.limit ? claim : undefined);
    let work = expanded.created;
    lap('expandRuns');
    if (this.runner) {
      this.runner.startClaimed(expanded.claimed);
      work += await this.runner.dispatch();
      lap('dispatchTasks');
      work += await this.runner.flush();
      await this.runner.renewLeasesIfDue();
      lap('writeUpdates');
    }
    if (markUs - this.lastReclaimUs >= reclaimIntervalMs * 1000) {
      this.lastReclaimUs = markUs;
      const reclaimed = await this.store.reclaimExpiredLeases(markUs);
      work += reclaimed.requeued + reclaimed.failed;
      lap('reclaimLeases');
    }
    const timing: IterationTiming = { steps, totalUs: markUs - startUs, work };
    this.stats.record(timing);
    if (work > 0) this.deps.onIteration?.(timing);
    return timing;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        const { work } = await this.iterate();
        if (work > 0 || (this.runner?.pendingUpdates ?? 0) > 0) await yieldToEventLoop();
        else {
          await this.runner?.offerFreeSlots();
          await this.wake.sleep(this.options.pollIntervalMs);
        }
      } catch (error) {
        this.deps.onError?.(coerceError(error));
        await this.wake.sleep(this.options.pollIntervalMs);
      }
    }
    if (!this.runner) return;
    // Its own try: a store that cannot be reached must not keep the running tasks from being drained.
    await this.runner.withdrawOffer().catch((error: unknown) => this.deps.onError?.(coerceError(error)));
    try {
      if (this.stopping === 'kill') await this.runner.abort();
      else await this.runner.drain();
    } catch (error) {
      this.deps.onError?.(coerceError(error));
    }
  }
}
