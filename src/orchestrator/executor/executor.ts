/**
 * Runs claimed tasks as subprocesses under a concurrency limit and reports each
 * start and finish as a TaskUpdate. It knows nothing about the store.
 *
 * A spawn blocks the event loop until the child has exec'd (libuv waits), a
 * few ms each, so a claimed batch is never spawned in one go: spawning goes in
 * slices of at most SPAWN_SLICE_MS (plus one spawn) — the first task of a claim
 * at once (a pick-up pays nothing), the rest in slices with a turn of the event
 * loop between them, so status writes and lease renewals go on.
 *
 * Beyond its `concurrency` running tasks the executor holds up to `prefetch`
 * claimed tasks, and a task's exit spawns the next at once: a freed slot does
 * not wait for the owner's next iteration and claim round trip.
 *
 * The slice length and prefetch were chosen from interleaved measurements:
 * docs/decisions.md, "The orchestrator spawns in slices and prefetches".
 */
import type { ClockUs } from '../clock.js';
import type { ClaimedTask, TaskUpdate } from '../model.js';
import { spawnTask, type RunningTaskProcess, type TaskExit } from './spawn-task.js';

/** Spawning goes on for at most this long before the event loop gets a turn, ms. */
export const SPAWN_SLICE_MS = 100;

export interface ExecutorOptions {
  /** Task subprocesses running at once. */
  readonly concurrency: number;
  /** Claimed tasks held, not yet running, beyond `concurrency` (0 = claim only for free slots). */
  readonly prefetch?: number;
  readonly now: ClockUs;
  readonly onUpdate: (update: TaskUpdate) => void;
  readonly cwd?: string;
}

export class Executor {
  private readonly running = new Map<number, RunningTaskProcess>();
  /** Claimed and not spawned yet, oldest first. */
  private readonly waiting: ClaimedTask[] = [];
  /** A slice of spawns ran in this event-loop turn; more wait for the next turn. */
  private turnTaken = false;
  private readonly idleWaiters: (() => void)[] = [];

  constructor(private readonly options: ExecutorOptions) {}

  /** Tasks running or about to be spawned. */
  get inFlight(): number {
    return this.running.size + this.waiting.length;
  }

  /** Ids of the tasks running or about to be spawned. */
  *heldTaskIds(): IterableIterator<number> {
    yield* this.running.keys();
    for (const task of this.waiting) yield task.id;
  }

  /** Tasks the owner may claim now: room to run plus room to wait. */
  get freeSlots(): number {
    return Math.max(0, this.options.concurrency + (this.options.prefetch ?? 0) - this.inFlight);
  }

  /** Takes a claimed task; it is spawned now, in a coming event-loop turn, or when a running task exits. */
  start(task: ClaimedTask): void {
    this.waiting.push(task);
    if (!this.turnTaken) this.spawnSlice();
  }

  private get canSpawn(): boolean {
    return this.waiting.length > 0 && this.running.size < this.options.concurrency;
  }

  /** Spawns waiting tasks into free slots for at most one slice of time, then lets the loop have its turn. */
  private spawnSlice(): void {
    this.turnTaken = true;
    const sliceEndUs = this.options.now() + SPAWN_SLICE_MS * 1000;
    while (this.canSpawn) {
      this.spawn(this.waiting.shift()!);
      if (this.options.now() >= sliceEndUs) break;
    }
    setImmediate(() => {
      if (this.canSpawn) this.spawnSlice();
      else this.turnTaken = false;
    });
  }

  private spawn(task: ClaimedTask): void {
    const { now, onUpdate } = this.options;
    const proc = spawnTask(task.command, {
      timeoutMs: task.timeoutMs,
      now,
      ...(this.options.cwd ? { cwd: this.options.cwd } : {}),
    });
    this.running.set(task.id, proc);
    const base = { taskId: task.id, workerId: task.workerId, attempt: task.attempt };
    void proc.result.then((result) => {
      this.running.delete(task.id);
      if (this.canSpawn && !this.turnTaken) this.spawnSlice();
      const { status, exitCode, error } = describeExit(result.exit, task.timeoutMs);
      onUpdate({
        kind: 'finished',
        ...base,
        status,
        startedAtUs: result.spawnedAtUs,
        finishedAtUs: result.exitedAtUs,
        runTimeUs: result.exitedAtUs - result.spawnedAtUs,
        exitCode,
        error,
      });
      if (this.inFlight === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
    });
    onUpdate({ kind: 'started', ...base, startedAtUs: proc.spawnedAtUs });
  }

  /** Resolves when no task is running or waiting to be spawned. */
  idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Kills every running task's process group and waits for their exits. Tasks
   * not spawned yet are dropped unreported: they never ran, and their claims
   * expire and are re-run like any lost lease.
   */
  async killAll(): Promise<void> {
    this.waiting.length = 0;
    for (const proc of this.running.values()) proc.kill('SIGKILL');
    await this.idle();
  }
}

function describeExit(
  exit: TaskExit,
  timeoutMs: number,
): { status: 'success' | 'failed'; exitCode: number | null; error: string | null } {
  switch (exit.kind) {
    case 'exited':
      return exit.exitCode === 0
        ? { status: 'success', exitCode: 0, error: null }
        : { status: 'failed', exitCode: exit.exitCode, error: `exited with code ${exit.exitCode}` };
    case 'killed':
      return {
        status: 'failed',
        exitCode: null,
        error: exit.timedOut ? `timed out after ${timeoutMs} ms (${exit.signal})` : `killed by ${exit.signal}`,
      };
    case 'spawn-failed':
      return { status: 'failed', exitCode: null, error: `could not start: ${exit.message}` };
  }
}
