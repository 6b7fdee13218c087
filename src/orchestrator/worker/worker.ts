/**
 * A standalone worker (`planebench orchestrator worker`): claims pending tasks
 * from the store, runs them, writes their updates, renews its leases. Any
 * number of workers on any hosts share one PostgreSQL store; a worker that dies
 * loses no task, because the scheduler requeues tasks whose lease expired.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { wallClockUs, type ClockUs } from '../clock.js';
import { coerceError } from '../errors.js';
import { resolveWorkerOptions, type ResolvedWorkerOptions, type WorkerOptions } from '../options.js';
import type { Store } from '../store/store.js';
import { WakeSignal } from '../wake-signal.js';
import { TaskRunner } from './task-runner.js';

export interface WorkerDeps {
  readonly now?: ClockUs;
  readonly onError?: (error: Error) => void;
  readonly cwd?: string;
}

export class Worker {
  readonly options: ResolvedWorkerOptions;
  private readonly wake = new WakeSignal();
  private readonly runner: TaskRunner;
  private unsubscribe: (() => void) | undefined;
  private detachPush: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private stopping: 'drain' | 'kill' | undefined;

  constructor(
    private readonly store: Store,
    options: WorkerOptions = {},
    private readonly deps: WorkerDeps = {},
  ) {
    this.options = resolveWorkerOptions(options);
    this.runner = new TaskRunner(store, {
      ...this.options,
      now: deps.now ?? wallClockUs,
      onChange: () => this.wake.wake(),
      ...(deps.cwd ? { cwd: deps.cwd } : {}),
    });
  }

  get inFlight(): number {
    return this.runner.inFlight;
  }

  start(): void {
    if (this.loop) return;
    this.unsubscribe = this.store.onWork((kind) => {
      if (kind === 'tasks') this.wake.wake();
    });
    this.detachPush = this.runner.attachPush();
    this.loop = this.run();
  }

  async stop(mode: 'drain' | 'kill' = 'drain'): Promise<void> {
    this.stopping = mode;
    this.wake.wake();
    await this.loop;
    this.unsubscribe?.();
    this.detachPush?.();
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        let work = await this.runner.dispatch();
        work += await this.runner.flush();
        await this.runner.renewLeasesIfDue();
        if (work > 0 || this.runner.pendingUpdates > 0) await yieldToEventLoop();
        else {
          await this.runner.offerFreeSlots();
          await this.wake.sleep(this.options.pollIntervalMs);
        }
      } catch (error) {
        this.deps.onError?.(coerceError(error));
        await this.wake.sleep(this.options.pollIntervalMs);
      }
    }
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
