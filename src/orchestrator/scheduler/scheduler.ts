/**
 * The scheduler loop, as in the original: pending runs become tasks (the
 * triggers' work), pending tasks are dispatched, status updates are written,
 * expired leases are reclaimed (timeouts). An iteration that did no work sleeps
 * the poll interval, and any new work (a trigger, a task exit, a notification
 * from the store) wakes it at once.
 */
import { resolveSchedulerOptions, type ResolvedSchedulerOptions, type SchedulerOptions } from '../options.js';
import { OrchestratorLoop, type LoopDeps } from '../loop/orchestrator-loop.js';
import type { Store } from '../store/store.js';
import { IterationStats, type IterationSummary, type IterationTiming, type LoopStep } from './iteration-stats.js';

export interface SchedulerDeps extends LoopDeps {
  /** Called after every iteration that did work (for verbose logs). */
  readonly onIteration?: (timing: IterationTiming) => void;
}

export class Scheduler extends OrchestratorLoop<ResolvedSchedulerOptions> {
  private readonly stats = new IterationStats();
  private lastReclaimUs = Number.NEGATIVE_INFINITY;
  private lastTiming: IterationTiming | undefined;
  private readonly onIteration: SchedulerDeps['onIteration'];

  constructor(store: Store, options: SchedulerOptions = {}, deps: SchedulerDeps = {}) {
    const resolved = resolveSchedulerOptions(options);
    super(store, resolved, deps, { runsTasks: resolved.localWorker });
    this.onIteration = deps.onIteration;
  }

  summary(): IterationSummary {
    return this.stats.summary();
  }

  /** Runs one iteration; returns its timing. Exposed for tests. */
  async iterate(): Promise<IterationTiming> {
    await this.step();
    return this.lastTiming as IterationTiming;
  }

  /** One iteration: expand runs, dispatch tasks, write updates, reclaim expired leases; returns the work done. */
  protected override async step(): Promise<number> {
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
    this.lastTiming = timing;
    if (work > 0) this.onIteration?.(timing);
    return work;
  }
}
