/**
 * Runs claimed tasks as subprocesses under a concurrency limit and reports each
 * start and finish as a TaskUpdate. It knows nothing about the store.
 */
import type { ClockUs } from '../clock.js';
import type { ClaimedTask, TaskUpdate } from '../model.js';
import { spawnTask, type RunningTaskProcess, type TaskExit } from './spawn-task.js';

export interface ExecutorOptions {
  readonly concurrency: number;
  readonly now: ClockUs;
  readonly onUpdate: (update: TaskUpdate) => void;
  readonly cwd?: string;
}

export class Executor {
  private readonly running = new Map<number, RunningTaskProcess>();
  private readonly idleWaiters: (() => void)[] = [];

  constructor(private readonly options: ExecutorOptions) {}

  get inFlight(): number {
    return this.running.size;
  }

  get freeSlots(): number {
    return Math.max(0, this.options.concurrency - this.running.size);
  }

  start(task: ClaimedTask): void {
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
      if (this.running.size === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
    });
    onUpdate({ kind: 'started', ...base, startedAtUs: proc.spawnedAtUs });
  }

  /** Resolves when no task is running. */
  idle(): Promise<void> {
    if (this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Kills every running task's process group and waits for their exits. */
  async killAll(): Promise<void> {
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
