/**
 * The operation runner: runs jobs out of band (spawning, stopping, probing)
 * with bounded concurrency, and posts each result to the completion queue.
 * A job that fails is a failed completion; the runner itself failing (its
 * completion queue gone) is reported once through `onFailure`.
 */
import { coerceError } from '../../lib/coerce-error.js';
import { BoundedQueue } from './bounded-queue.js';
import type { Completion, Job, JobExecutor } from './messages.js';

export interface Runner {
  /** Queues a job; false when the job queue is full. */
  submit(job: Job): boolean;
  close(): void;
}

export interface RunnerDeps {
  readonly jobCapacity: number;
  readonly concurrency: number;
  readonly execute: JobExecutor;
  readonly completions: BoundedQueue<Completion>;
  readonly onFailure: (error: Error) => void;
}

export type CreateRunner = (deps: RunnerDeps) => Runner;

class RunnerClosed extends Error {}

export class OperationRunner implements Runner {
  private readonly jobs: BoundedQueue<Job>;
  private failed = false;

  constructor(private readonly deps: RunnerDeps) {
    this.jobs = new BoundedQueue<Job>(deps.jobCapacity);
    for (let worker = 0; worker < deps.concurrency; worker += 1) {
      this.work().catch((error: unknown) => this.fail(coerceError(error)));
    }
  }

  submit(job: Job): boolean {
    return this.jobs.tryPush(job);
  }

  close(): void {
    this.jobs.close(new RunnerClosed('The operation runner was closed'));
  }

  private async work(): Promise<void> {
    for (;;) {
      let job: Job;
      try {
        job = await this.jobs.take();
      } catch (error) {
        if (error instanceof RunnerClosed) return;
        throw error;
      }
      const outcome = await this.deps.execute(job).then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error: coerceError(error) }),
      );
      await this.deps.completions.push({ job, outcome });
    }
  }

  private fail(error: Error): void {
    if (this.failed) return;
    this.failed = true;
    this.deps.onFailure(error);
  }
}

export const createOperationRunner: CreateRunner = (deps) => new OperationRunner(deps);
