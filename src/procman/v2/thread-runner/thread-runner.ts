/**
 * v2's default operation runner: a worker thread runs the jobs (spawn, stop,
 * probe) with bounded concurrency, so the actor's thread never forks and never
 * waits. Jobs beyond the concurrency wait here, up to the job capacity. The
 * worker holds the children; the actor holds RemoteChild views of them.
 */
import type { Worker } from 'node:worker_threads';
import { startWorkerThread } from '../../../lib/start-worker-thread.js';
import { trackGroup, untrackGroup } from '../../control/process-group.js';
import { coerceError } from '../../../lib/coerce-error.js';
import type { Completion, Job, JobResult } from '../messages.js';
import type { CreateRunner, Runner, RunnerDeps } from '../operation-runner.js';
import { RemoteChild } from './remote-child.js';
import { fromWireError } from './wire.js';
import type { FromWorker, ToWorker } from './wire.js';

const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(FROM_SOURCE ? './runner-worker.ts' : './runner-worker.js', import.meta.url);

interface ActiveJob {
  readonly job: Job;
  detach(): void;
}

export class ThreadRunner implements Runner {
  private readonly worker: Worker;
  private readonly queued: Job[] = [];
  private readonly active = new Map<number, ActiveJob>();
  private readonly children = new Map<number, RemoteChild>();
  private closed = false;
  private failed = false;

  constructor(private readonly deps: RunnerDeps) {
    this.worker = startWorkerThread(WORKER_URL);
    this.worker.on('message', (message: FromWorker) => {
      try {
        this.onMessage(message);
      } catch (error) {
        this.fail(coerceError(error));
      }
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => {
      if (!this.closed) this.fail(new Error(`The runner thread exited with code ${code}`));
    });
    this.updateRef();
  }

  submit(job: Job): boolean {
    if (this.closed || this.failed) return false;
    if (this.active.size + this.queued.length >= this.deps.jobCapacity) return false;
    this.queued.push(job);
    this.pump();
    return true;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.queued.length = 0;
    void this.worker.terminate();
  }

  private pump(): void {
    while (this.active.size < this.deps.concurrency) {
      const job = this.queued.shift();
      if (!job) break;
      this.post(job);
    }
    this.updateRef();
  }

  private post(job: Job): void {
    let detach = (): void => undefined;
    switch (job.kind) {
      case 'spawn':
        this.send({ type: 'spawn', jobId: job.jobId, spec: job.spec });
        break;
      case 'probe':
        this.send({ type: 'probe', jobId: job.jobId, pids: job.pids });
        break;
      case 'stop': {
        const child = job.child;
        if (!(child instanceof RemoteChild))
          throw new Error(`Job ${job.jobId}: the child was not spawned by this runner`);
        this.send({
          type: 'stop',
          jobId: job.jobId,
          instanceId: child.instanceId,
          gracePeriodMs: job.gracePeriodMs,
          killTimeoutMs: job.killTimeoutMs,
        });
        const onAbort = (): void => this.send({ type: 'abort', jobId: job.jobId });
        if (job.signal.aborted) onAbort();
        else {
          job.signal.addEventListener('abort', onAbort, { once: true });
          detach = () => job.signal.removeEventListener('abort', onAbort);
        }
        break;
      }
    }
    this.active.set(job.jobId, { job, detach });
  }

  private send(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  private onMessage(message: FromWorker): void {
    if (message.type === 'exited') {
      const child = this.children.get(message.instanceId);
      this.children.delete(message.instanceId);
      if (child) {
        untrackGroup(child.pid);
        child.markExited(message.exit);
      }
      this.updateRef();
      return;
    }
    const active = this.active.get(message.jobId);
    if (!active) return;
    this.active.delete(message.jobId);
    active.detach();
    const outcome: Completion['outcome'] =
      message.type === 'job-failed'
        ? { ok: false, error: fromWireError(message.error) }
        : { ok: true, value: this.resultOf(message) };
    this.deps.completions.push({ job: active.job, outcome }).catch((error: unknown) => this.fail(coerceError(error)));
    this.pump();
  }

  private resultOf(message: Exclude<FromWorker, { type: 'exited' | 'job-failed' }>): JobResult {
    switch (message.type) {
      case 'spawned': {
        const child = new RemoteChild(message.instanceId, message.pid);
        this.children.set(message.instanceId, child);
        trackGroup(message.pid); // killed if this process exits while the group lives
        return { kind: 'spawned', child };
      }
      case 'stopped':
        return { kind: 'stopped', result: message.result };
      case 'probed':
        return { kind: 'probed', memoryBytesByPid: new Map(message.readings), atMs: message.atMs };
    }
  }

  /** The worker keeps this process alive only while it has work or children. */
  private updateRef(): void {
    if (this.active.size > 0 || this.queued.length > 0 || this.children.size > 0) this.worker.ref();
    else this.worker.unref();
  }

  private fail(error: Error): void {
    if (this.failed || this.closed) return;
    this.failed = true;
    this.deps.onFailure(error);
  }
}

export const createThreadRunner: CreateRunner = (deps) => new ThreadRunner(deps);
