/**
 * Couples the executor to the store for one worker identity: claims tasks into
 * free slots, buffers the executor's updates and writes them in batches, and
 * renews the leases of in-flight tasks. The scheduler (local worker) and the
 * standalone worker process both drive one of these.
 */
import type { ClockUs } from '../clock.js';
import { Executor } from '../executor/executor.js';
import { UpdateBuffer } from '../executor/update-buffer.js';
import type { ClaimedTask } from '../model.js';
import type { ApplyResult, ClaimRequest, Store } from '../store/store.js';

export interface TaskRunnerOptions {
  readonly workerId: string;
  readonly concurrency: number;
  readonly prefetch: number;
  readonly batchSize: number;
  readonly statusBatchSize: number;
  readonly leaseMs: number;
  readonly now: ClockUs;
  /** Called whenever the runner has something new to do (an update to write, a free slot). */
  readonly onChange: () => void;
  readonly cwd?: string;
}

export class TaskRunner {
  private readonly executor: Executor;
  private readonly buffer = new UpdateBuffer();
  private lastRenewalUs: number;
  private staleUpdates = 0;
  private withdrawn = false;

  constructor(
    private readonly store: Store,
    private readonly options: TaskRunnerOptions,
  ) {
    this.lastRenewalUs = options.now();
    this.executor = new Executor({
      concurrency: options.concurrency,
      prefetch: options.prefetch,
      now: options.now,
      onUpdate: (update) => {
        this.buffer.add(update);
        options.onChange();
      },
      ...(options.cwd ? { cwd: options.cwd } : {}),
    });
  }

  get inFlight(): number {
    return this.executor.inFlight;
  }

  get pendingUpdates(): number {
    return this.buffer.size;
  }

  /** Updates refused by the store because the task's lease had moved on. */
  get stale(): number {
    return this.staleUpdates;
  }

  /** What a claim for the free slots would ask for (0 slots = limit 0). */
  claimRequest(): ClaimRequest {
    return {
      workerId: this.options.workerId,
      limit: Math.min(this.options.batchSize, this.executor.freeSlots),
      nowUs: this.options.now(),
      leaseMs: this.options.leaseMs,
      clock: this.options.now,
    };
  }

  /**
   * Starts taking the tasks triggers push to this runner (when the store can
   * push); returns the detach. Pushed tasks are claimed for it already.
   */
  attachPush(): () => void {
    const push = this.store.push;
    if (!push) return () => undefined;
    return push.onAssigned(this.options.workerId, (tasks) => {
      // Pushed in the moment before the withdrawal: not started by a runner that is stopping, whose
      // drain may be over; their leases run out unrenewed and they run again elsewhere.
      if (this.withdrawn) return;
      this.startClaimed(tasks);
      this.options.onChange();
    });
  }

  /**
   * Offers the free slots (at most a claim batch) for push dispatch. Called
   * when the loop goes idle: a burst is left to claims, which take what each
   * runner has room for; an idle runner gets the next run without a claim.
   */
  async offerFreeSlots(): Promise<void> {
    if (this.withdrawn) return;
    const slots = Math.min(this.options.batchSize, this.executor.freeSlots);
    await this.store.push?.offer(this.options.workerId, slots, this.options.leaseMs, this.options.now());
  }

  /** Withdraws the offer for good, so no trigger pushes to a runner that is stopping. */
  async withdrawOffer(): Promise<void> {
    this.withdrawn = true;
    await this.store.push?.offer(this.options.workerId, 0, this.options.leaseMs, this.options.now());
  }

  /** Starts tasks claimed elsewhere (by an expansion that claimed for this runner). */
  startClaimed(tasks: readonly ClaimedTask[]): number {
    for (const task of tasks) this.executor.start(task);
    return tasks.length;
  }

  /** Claims tasks for the free slots and starts them; returns how many started. */
  async dispatch(): Promise<number> {
    const limit = Math.min(this.options.batchSize, this.executor.freeSlots);
    if (limit === 0) return 0;
    const tasks = await this.store.claimTasks({
      workerId: this.options.workerId,
      limit,
      nowUs: this.options.now(),
      leaseMs: this.options.leaseMs,
      clock: this.options.now,
    });
    for (const task of tasks) this.executor.start(task);
    return tasks.length;
  }

  /**
   * Writes up to one batch of buffered updates; returns how many were written.
   * A batch whose write fails goes back into the buffer for the next flush (an
   * update applied twice is refused the second time as stale).
   */
  async flush(): Promise<number> {
    const batch = this.buffer.take(this.options.statusBatchSize);
    if (batch.length === 0) return 0;
    let result: ApplyResult;
    try {
      result = await this.store.applyUpdates(batch);
    } catch (error) {
      this.buffer.restore(batch);
      throw error;
    }
    this.staleUpdates += result.stale;
    return batch.length;
  }

  /**
   * Once a third of the lease has passed, renews the leases of the tasks this
   * runner still holds: running, waiting to run, or with an update not yet
   * written. Only those: a claim it never learned of (its reply was lost) or a
   * task it has lost track of must expire and be re-run, not be kept alive.
   */
  async renewLeasesIfDue(): Promise<void> {
    const nowUs = this.options.now();
    if (nowUs - this.lastRenewalUs < (this.options.leaseMs * 1000) / 3) return;
    this.lastRenewalUs = nowUs;
    const held = new Set([...this.executor.heldTaskIds(), ...this.buffer.taskIds()]);
    if (held.size > 0)
      await this.store.renewLeases(this.options.workerId, [...held], nowUs + this.options.leaseMs * 1000);
  }

  /** Waits for running tasks, then writes every buffered update. */
  async drain(): Promise<void> {
    await this.executor.idle();
    while ((await this.flush()) > 0);
  }

  /** Kills running tasks (their updates are still written). */
  async abort(): Promise<void> {
    await this.executor.killAll();
    while ((await this.flush()) > 0);
  }
}
