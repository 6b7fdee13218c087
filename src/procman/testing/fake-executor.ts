/**
 * A job executor whose jobs finish only when a test says so, for tests of the
 * actor's queueing logic. Its children are fakes whose pids cannot exist
 * (above Linux's pid_max), so a stray signal reaches no real process.
 */
import type { ManagedChild } from '../control/managed-child.js';
import type { ExitInfo } from '../types.js';
import type { Job, JobExecutor, JobResult } from '../v2/messages.js';

export interface HeldJob {
  readonly job: Job;
  succeed(): void;
  fail(error: Error): void;
}

export interface FakeChild extends ManagedChild {
  die(exit?: Partial<ExitInfo>): void;
}

let nextFakePid = 2_000_000_000;

export function fakeChild(): FakeChild {
  let exitInfo: ExitInfo | null = null;
  let resolveExit!: (exit: ExitInfo) => void;
  const exited = new Promise<ExitInfo>((resolve) => (resolveExit = resolve));
  return {
    pid: nextFakePid++,
    exited,
    exit: () => exitInfo,
    die(exit = {}) {
      if (exitInfo) return;
      exitInfo = { code: exit.code ?? null, signal: exit.signal ?? 'SIGTERM', atMs: Date.now() };
      resolveExit(exitInfo);
    },
  };
}

export class HeldExecutor {
  readonly held: HeldJob[] = [];
  private readonly arrivals: Array<() => void> = [];

  readonly execute: JobExecutor = (job) =>
    new Promise<JobResult>((resolve, reject) => {
      this.held.push({
        job,
        succeed: () => resolve(this.resultOf(job)),
        fail: reject,
      });
      for (const arrival of this.arrivals.splice(0)) arrival();
    });

  /** Resolves once at least `count` jobs have arrived. */
  async jobsArrived(count: number): Promise<void> {
    while (this.held.length < count) await new Promise<void>((resolve) => this.arrivals.push(resolve));
  }

  /** Finishes the oldest held job that is still running. */
  releaseNext(): Job {
    const next = this.held.shift();
    if (!next) throw new Error('No job is held');
    next.succeed();
    return next.job;
  }

  private resultOf(job: Job): JobResult {
    switch (job.kind) {
      case 'spawn':
        return { kind: 'spawned', child: fakeChild() };
      case 'stop': {
        const child = job.child as FakeChild;
        child.die();
        const exit = child.exit() as ExitInfo;
        return { kind: 'stopped', result: { kind: 'exited', exit } };
      }
      case 'probe':
        return { kind: 'probed', memoryBytesByPid: new Map(), atMs: Date.now() };
    }
  }
}
