/**
 * procman v2: a handle on the process actor. Each call sends a command through
 * the bounded mailbox (waiting while it is full) and awaits a one-shot reply.
 * A caller's AbortSignal releases the caller at once and tells the actor to
 * drop or abandon the operation.
 */
import { abortedError, ProcmanError } from '../errors.js';
import { argument, resolveActorOptions, validateSpec } from '../options.js';
import type { ActorManagerOptions, ResolvedActorOptions } from '../options.js';
import type {
  OperationOptions,
  ProcessInfo,
  ProcessManager,
  ProcessSpec,
  RestartOutcome,
  StartOutcome,
  StopOptions,
  StopOutcome,
} from '../types.js';
import { executeJob } from './execute-job.js';
import { createReply } from './messages.js';
import type { Command, JobExecutor, Operation, Reply } from './messages.js';
import { createOperationRunner } from './operation-runner.js';
import type { CreateRunner } from './operation-runner.js';
import { ProcessActor } from './process-actor.js';
import { createThreadRunner } from './thread-runner/thread-runner.js';

/** Seams for tests of the logic around the runner; production code passes none. */
export interface ActorInternals {
  readonly execute?: JobExecutor;
  readonly createRunner?: CreateRunner;
}

/** A signal that never fires, one per operation so no listener piles up on a shared one. */
const neverAborted = (): AbortSignal => new AbortController().signal;

export class ActorProcessManager implements ProcessManager {
  readonly variant = 'v2' as const;
  readonly options: ResolvedActorOptions;
  private readonly actor: ProcessActor;
  private nextOpId = 1;

  constructor(options: ActorManagerOptions = {}, internals: ActorInternals = {}) {
    this.options = resolveActorOptions(options);
    this.actor = new ProcessActor({
      options: this.options,
      execute: internals.execute ?? executeJob,
      // With an injected executor the jobs run on this thread; otherwise in the runner's worker.
      createRunner: internals.createRunner ?? (internals.execute ? createOperationRunner : createThreadRunner),
    });
    void this.actor.run();
  }

  /** Counters of the actor's queues, for tests and results. */
  get stats(): { readonly outstandingJobs: number; readonly pendingTotal: number } {
    return this.actor.stats;
  }

  start(spec: ProcessSpec, options: OperationOptions = {}): Promise<StartOutcome> {
    validateSpec(spec);
    const { reply, promise } = createReply<StartOutcome>();
    return this.sendOperation(
      { opId: this.nextOpId++, kind: 'start', spec, signal: options.signal ?? neverAborted(), reply },
      promise,
    );
  }

  stop(id: string, options: StopOptions = {}): Promise<StopOutcome> {
    const { reply, promise } = createReply<StopOutcome>();
    const gracePeriodMs = this.gracePeriodOf(options);
    return this.sendOperation(
      { opId: this.nextOpId++, kind: 'stop', id, gracePeriodMs, signal: options.signal ?? neverAborted(), reply },
      promise,
    );
  }

  restart(id: string, options: StopOptions = {}): Promise<RestartOutcome> {
    const { reply, promise } = createReply<RestartOutcome>();
    const gracePeriodMs = this.gracePeriodOf(options);
    return this.sendOperation(
      { opId: this.nextOpId++, kind: 'restart', id, gracePeriodMs, signal: options.signal ?? neverAborted(), reply },
      promise,
    );
  }

  getAllProcessInfo(): Promise<ProcessInfo[]> {
    const { reply, promise } = createReply<ProcessInfo[]>();
    this.send({ kind: 'query-all', reply }, reply);
    return promise;
  }

  getProcessInfo(id: string): Promise<ProcessInfo> {
    const { reply, promise } = createReply<ProcessInfo>();
    this.send({ kind: 'query', id, reply }, reply);
    return promise;
  }

  shutdown(options: { readonly gracePeriodMs?: number } = {}): Promise<void> {
    const { reply, promise } = createReply<void>();
    this.send({ kind: 'shutdown', gracePeriodMs: this.gracePeriodOf(options), reply }, reply);
    return promise;
  }

  private sendOperation<T>(operation: Operation, promise: Promise<T>): Promise<T> {
    const { signal, reply } = operation;
    const processId = operation.kind === 'start' ? operation.spec.id : operation.id;
    if (signal.aborted) {
      reply.reject(abortedError(processId, signal));
      return promise;
    }
    const onAbort = (): void => {
      reply.reject(abortedError(processId, signal));
      this.actor.cancel(processId, operation.opId);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    const detach = (): void => signal.removeEventListener('abort', onAbort);
    promise.then(detach, detach);
    this.send({ kind: 'operation', operation }, reply);
    return promise;
  }

  private send(command: Command, reply: Reply<unknown>): void {
    const failure = this.actor.failure;
    if (failure) {
      reply.reject(failure);
      return;
    }
    this.actor.mailbox.push(command).catch((error: unknown) => {
      reply.reject(error instanceof Error ? error : new ProcmanError('runner-failed', String(error)));
    });
  }

  private gracePeriodOf(options: { readonly gracePeriodMs?: number }): number {
    return options.gracePeriodMs === undefined
      ? this.options.gracePeriodMs
      : argument.nonNegativeInteger('gracePeriodMs', options.gracePeriodMs);
  }
}
