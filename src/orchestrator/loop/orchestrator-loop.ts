/**
 * The run loop that the scheduler and the standalone worker share: start
 * (listen for the store's work notifications, attach the task runner's push),
 * run iterations until stopped, and stop (drain or kill the running tasks).
 * An iteration that did work, or left updates to write, yields to the event
 * loop and goes again; one that did nothing offers the runner's free slots and
 * sleeps the poll interval, unless a wake-up (new work, a task exit) cuts the
 * sleep short. A failed iteration is reported and sleeps the poll interval.
 *
 * An iteration is the task runner's cycle (dispatch claimed tasks, write
 * updates, renew leases), run inline, unless a subclass brings a `step` of its
 * own (the scheduler's, which expands runs and reclaims leases around it).
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { wallClockUs, type ClockUs } from '../clock.js';
import { coerceError } from '../errors.js';
import type { WorkKind } from '../model.js';
import type { ResolvedWorkerOptions } from '../options.js';
import type { Store } from '../store/store.js';
import { WakeSignal } from '../wake-signal.js';
import { TaskRunner } from '../worker/task-runner.js';

/** `drain` lets running tasks finish and records them, `kill` kills them. */
export type StopMode = 'drain' | 'kill';

export interface LoopDeps {
  readonly now?: ClockUs;
  /** Called when an iteration fails; the loop sleeps the poll interval and goes on. */
  readonly onError?: (error: Error) => void;
  /** Working directory of task subprocesses. */
  readonly cwd?: string;
}

export interface LoopSetup {
  /** Whether this process runs tasks itself (a task runner drives its executor). */
  readonly runsTasks: boolean;
  /** Wake only for this kind of work (default: any). */
  readonly wakeFor?: WorkKind;
}

export abstract class OrchestratorLoop<Options extends ResolvedWorkerOptions> {
  protected readonly now: ClockUs;
  protected readonly wake = new WakeSignal();
  protected readonly runner: TaskRunner | undefined;
  private unsubscribe: (() => void) | undefined;
  private detachPush: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private stopping: StopMode | undefined;

  protected constructor(
    protected readonly store: Store,
    readonly options: Options,
    protected readonly deps: LoopDeps,
    private readonly setup: LoopSetup,
  ) {
    this.now = deps.now ?? wallClockUs;
    this.runner = setup.runsTasks
      ? new TaskRunner(store, {
          workerId: options.workerId,
          concurrency: options.concurrency,
          prefetch: options.prefetch,
          batchSize: options.batchSize,
          statusBatchSize: options.statusBatchSize,
          leaseMs: options.leaseMs,
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
    const only = this.setup.wakeFor;
    this.unsubscribe = this.store.onWork(
      only === undefined
        ? () => this.wake.wake()
        : (kind) => {
            if (kind === only) this.wake.wake();
          },
    );
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

  /**
   * One iteration, when it is more than the task runner's cycle; returns the
   * work it did (0: nothing to do, sleep).
   */
  protected step?(): Promise<number>;

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        let work: number;
        if (this.step) work = await this.step();
        else {
          // Inline, not a method of its own: no extra promise per iteration.
          const runner = this.runner as TaskRunner;
          work = await runner.dispatch();
          work += await runner.flush();
          await runner.renewLeasesIfDue();
        }
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
