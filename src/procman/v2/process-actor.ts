/**
 * procman v2's actor: the only owner of the process table. It takes, in this
 * order of priority, runner completions, internal events (cancels, exits),
 * commands from the mailbox, and heartbeat ticks. Every handler is synchronous:
 * heavy work goes to the operation runner as a job, so a query is answered from
 * the table (the cached state of a busy process) without waiting for any
 * operation. Operations on one process run one at a time, in arrival order.
 */
import type { ManagedChild } from '../control/managed-child.js';
import { signalGroup } from '../control/process-group.js';
import { coerceError } from '../../lib/coerce-error.js';
import { abortedError, ProcmanError } from '../errors.js';
import type { ResolvedActorOptions } from '../options.js';
import {
  applyExit,
  isAlive,
  markSpawnFailed,
  markStarted,
  markStarting,
  newRecord,
  toInfo,
} from '../process-record.js';
import type { ProcessRecord } from '../process-record.js';
import type { ProcessInfo, ProcessSpec, StopOutcome } from '../types.js';
import { BoundedQueue } from './bounded-queue.js';
import { createReply } from './messages.js';
import type { Command, Completion, ControlEvent, Job, JobExecutor, Operation } from './messages.js';
import type { CreateRunner, Runner } from './operation-runner.js';

interface InFlight {
  readonly op: Operation;
  /** Which job of the operation is running (a restart runs a stop, then a spawn). */
  phase: 'stop' | 'spawn';
  stopKind: StopOutcome['kind'];
}

interface Entry {
  readonly id: string;
  readonly record: ProcessRecord;
  inFlight: InFlight | null;
  readonly pending: Operation[];
}

export interface ActorDeps {
  readonly options: ResolvedActorOptions;
  readonly execute: JobExecutor;
  readonly createRunner: CreateRunner;
}

export class ProcessActor {
  readonly mailbox: BoundedQueue<Command>;
  private readonly completions: BoundedQueue<Completion>;
  private readonly control: ControlEvent[] = [];
  private readonly entries = new Map<string, Entry>();
  private readonly runner: Runner;
  private readonly options: ResolvedActorOptions;
  private readonly heartbeatTimer: NodeJS.Timeout | undefined;
  /** Entries whose next operation waits for room in the runner, in arrival order. */
  private readonly waitingForRunner: string[] = [];
  private readonly jobOwner = new Map<number, string>();
  private outstandingJobs = 0;
  private pendingTotal = 0;
  private nextJobId = 1;
  private heartbeatDue = false;
  private heartbeatInFlight = false;
  private closing: { readonly gracePeriodMs: number; readonly replies: Array<(error?: Error) => void> } | null = null;
  private closed = false;
  private failureError: ProcmanError | null = null;
  private wake: (() => void) | null = null;
  /**
   * The answer to query-all, built once and kept until a step that can change
   * state (every step but a query): a burst of queries between two state
   * changes allocates nothing but each caller's copy of the array.
   */
  private snapshot: readonly ProcessInfo[] | null = null;

  constructor(deps: ActorDeps) {
    this.options = deps.options;
    const notify = (): void => this.notify();
    this.mailbox = new BoundedQueue<Command>(deps.options.commandCapacity, notify);
    this.completions = new BoundedQueue<Completion>(deps.options.completionCapacity, notify);
    this.runner = deps.createRunner({
      jobCapacity: deps.options.jobCapacity,
      concurrency: deps.options.runnerConcurrency,
      execute: deps.execute,
      completions: this.completions,
      onFailure: (error) => this.fail(error),
    });
    if (deps.options.heartbeatIntervalMs > 0) {
      this.heartbeatTimer = setInterval(() => {
        this.heartbeatDue = true;
        this.notify();
      }, deps.options.heartbeatIntervalMs);
      this.heartbeatTimer.unref();
    }
  }

  /** Set once the actor stopped because the runner (or the actor) failed. */
  get failure(): ProcmanError | null {
    return this.failureError;
  }

  /** Counters for tests and results. */
  get stats(): { readonly outstandingJobs: number; readonly pendingTotal: number } {
    return { outstandingJobs: this.outstandingJobs, pendingTotal: this.pendingTotal };
  }

  async run(): Promise<void> {
    while (this.failureError === null) {
      let progressed: boolean;
      try {
        progressed = this.step();
      } catch (error) {
        this.fail(coerceError(error));
        return;
      }
      if (!progressed) await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  /** Called by the handle when a caller's AbortSignal fires. */
  cancel(processId: string, opId: number): void {
    this.control.push({ kind: 'cancel', processId, opId });
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private step(): boolean {
    const completion = this.completions.tryShift();
    if (completion) {
      this.snapshot = null;
      this.onCompletion(completion);
      return true;
    }
    const event = this.control.shift();
    if (event) {
      this.snapshot = null;
      this.onControl(event);
      return true;
    }
    const command = this.mailbox.tryShift();
    if (command) {
      if (command.kind !== 'query-all' && command.kind !== 'query') this.snapshot = null;
      this.onCommand(command);
      return true;
    }
    if (this.heartbeatDue) {
      this.heartbeatDue = false;
      this.snapshot = null;
      this.onHeartbeat();
      return true;
    }
    return false;
  }

  // ---- commands -------------------------------------------------------------

  private onCommand(command: Command): void {
    switch (command.kind) {
      case 'query-all':
        this.snapshot ??= Object.freeze([...this.entries.values()].map((entry) => Object.freeze(this.infoOf(entry))));
        command.reply.resolve(this.snapshot.slice());
        return;
      case 'query': {
        const entry = this.entries.get(command.id);
        if (entry) command.reply.resolve(this.infoOf(entry));
        else command.reply.reject(notFound(command.id));
        return;
      }
      case 'shutdown':
        this.beginShutdown(command.gracePeriodMs, (error) =>
          error ? command.reply.reject(error) : command.reply.resolve(),
        );
        return;
      case 'operation':
        this.enqueue(command.operation);
        return;
    }
  }

  private enqueue(op: Operation): void {
    if (op.reply.settled) return; // aborted while waiting for the mailbox
    if (this.closing || this.closed) {
      op.reply.reject(new ProcmanError('manager-closed', 'The process manager was shut down'));
      return;
    }
    const id = op.kind === 'start' ? op.spec.id : op.id;
    let entry = this.entries.get(id);
    if (!entry) {
      if (op.kind !== 'start') {
        op.reply.reject(notFound(id));
        return;
      }
      entry = { id, record: newRecord(op.spec), inFlight: null, pending: [] };
      this.entries.set(id, entry);
    }
    if (entry.pending.length >= this.options.perProcessPendingCapacity) {
      op.reply.reject(queueFull(id, `process \`${id}\` has ${entry.pending.length} operations pending`));
      return;
    }
    if (this.pendingTotal >= this.options.globalPendingCapacity) {
      op.reply.reject(queueFull(id, `the manager has ${this.pendingTotal} operations pending`));
      return;
    }
    entry.pending.push(op);
    this.pendingTotal += 1;
    this.dispatch(entry);
  }

  /** Starts the entry's next operation if it is idle and the runner has room. */
  private dispatch(entry: Entry): void {
    while (entry.inFlight === null) {
      const op = entry.pending[0];
      if (!op) return;
      if (op.reply.settled) {
        this.dequeue(entry);
        continue;
      }
      if (op.kind === 'start' && isAlive(entry.record)) {
        this.dequeue(entry);
        op.reply.resolve({ kind: 'already-running', info: this.infoOf(entry) });
        continue;
      }
      if (op.kind === 'stop' && entry.record.child === null) {
        this.dequeue(entry);
        op.reply.resolve({ kind: 'already-stopped', info: this.infoOf(entry) });
        continue;
      }
      if (this.outstandingJobs >= this.options.jobCapacity) {
        if (!this.waitingForRunner.includes(entry.id)) this.waitingForRunner.push(entry.id);
        return;
      }
      this.dequeue(entry);
      this.begin(entry, op);
    }
  }

  private dequeue(entry: Entry): void {
    entry.pending.shift();
    this.pendingTotal -= 1;
  }

  private begin(entry: Entry, op: Operation): void {
    const child = entry.record.child;
    if (op.kind === 'start') {
      entry.inFlight = { op, phase: 'spawn', stopKind: 'already-stopped' };
      this.submitSpawn(entry, op.spec);
    } else if (child) {
      entry.inFlight = { op, phase: 'stop', stopKind: 'already-stopped' };
      this.submitStop(entry, child, op.gracePeriodMs, op.signal);
    } else {
      entry.inFlight = { op, phase: 'spawn', stopKind: 'already-stopped' };
      this.submitSpawn(entry, entry.record.spec);
    }
  }

  private submitSpawn(entry: Entry, spec: ProcessSpec): void {
    markStarting(entry.record, spec);
    this.submit(entry.id, { jobId: this.nextJobId++, kind: 'spawn', processId: entry.id, spec });
  }

  private submitStop(entry: Entry, child: ManagedChild, gracePeriodMs: number, signal: AbortSignal): void {
    entry.record.state = 'stopping';
    this.submit(entry.id, {
      jobId: this.nextJobId++,
      kind: 'stop',
      processId: entry.id,
      child,
      gracePeriodMs,
      killTimeoutMs: this.options.killTimeoutMs,
      signal,
    });
  }

  private submit(owner: string | null, job: Job): void {
    this.outstandingJobs += 1;
    if (owner !== null) this.jobOwner.set(job.jobId, owner);
    if (!this.runner.submit(job)) throw new Error(`The runner refused job ${job.jobId} within its capacity`);
  }

  // ---- completions ----------------------------------------------------------

  private onCompletion(completion: Completion): void {
    this.outstandingJobs -= 1;
    const { job, outcome } = completion;
    if (job.kind === 'probe') {
      this.heartbeatInFlight = false;
      if (outcome.ok && outcome.value.kind === 'probed') {
        for (const entry of this.entries.values()) {
          const pid = entry.record.child?.pid;
          const bytes = pid === undefined ? undefined : outcome.value.memoryBytesByPid.get(pid);
          if (bytes === undefined || !isAlive(entry.record)) continue;
          entry.record.memoryBytes = bytes;
          entry.record.lastSeenAtMs = outcome.value.atMs;
        }
      }
    } else {
      const owner = this.jobOwner.get(job.jobId);
      this.jobOwner.delete(job.jobId);
      const entry = owner === undefined ? undefined : this.entries.get(owner);
      if (entry?.inFlight) this.onOperationStep(entry, entry.inFlight, completion);
    }
    this.dispatchWaiting();
    this.checkShutdown();
  }

  private onOperationStep(entry: Entry, inFlight: InFlight, { job, outcome }: Completion): void {
    const { op } = inFlight;
    const record = entry.record;
    if (!outcome.ok) {
      if (job.kind === 'spawn') markSpawnFailed(record);
      else record.state = 'failed';
      this.finish(entry, () => op.reply.reject(outcome.error));
      return;
    }
    const result = outcome.value;
    if (result.kind === 'spawned') {
      markStarted(record, result.child, Date.now());
      this.watchExit(entry.id, result.child);
      const info = this.infoAfter(entry);
      if (op.kind === 'start') this.finish(entry, () => op.reply.resolve({ kind: 'started', info }));
      else if (op.kind === 'restart') this.finish(entry, () => op.reply.resolve({ stop: inFlight.stopKind, info }));
      return;
    }
    if (result.kind !== 'stopped' || job.kind !== 'stop') return;
    const stop = result.result;
    if (stop.kind === 'abandoned') {
      // The caller gave up; the process keeps its SIGTERM and stays `stopping`.
      const exit = job.child.exit();
      if (exit) applyExit(record, job.child, exit);
      this.finish(entry, () => op.reply.reject(abortedError(entry.id, op.signal)));
      return;
    }
    applyExit(record, job.child, stop.exit);
    const kind: StopOutcome['kind'] =
      stop.kind === 'killed' ? 'killed' : stop.kind === 'exited' ? 'exited' : 'already-stopped';
    if (op.kind === 'restart' && !op.signal.aborted && !this.closing) {
      inFlight.phase = 'spawn';
      inFlight.stopKind = kind;
      this.submitSpawn(entry, record.spec);
      return;
    }
    if (op.kind === 'restart') {
      this.finish(entry, () => op.reply.reject(abortedError(entry.id, op.signal)));
      return;
    }
    const info = this.infoAfter(entry);
    if (op.kind === 'stop') this.finish(entry, () => op.reply.resolve({ kind, info }));
  }

  /** Ends the entry's operation, answers its caller and starts the next one. */
  private finish(entry: Entry, answer: () => void): void {
    entry.inFlight = null;
    answer();
    this.dispatch(entry);
    if (this.closing && entry.inFlight === null && entry.record.child !== null) this.beginInternalStop(entry);
  }

  private dispatchWaiting(): void {
    while (this.waitingForRunner.length > 0 && this.outstandingJobs < this.options.jobCapacity) {
      const id = this.waitingForRunner.shift() as string;
      const entry = this.entries.get(id);
      if (entry) this.dispatch(entry);
    }
  }

  // ---- internal events ------------------------------------------------------

  private onControl(event: ControlEvent): void {
    const entry = this.entries.get(event.processId);
    if (!entry) return;
    if (event.kind === 'cancel') {
      const index = entry.pending.findIndex((op) => op.opId === event.opId);
      if (index >= 0) {
        entry.pending.splice(index, 1);
        this.pendingTotal -= 1;
      }
      return;
    }
    // An exit while a stop job holds the child is handled by that job's completion.
    if (entry.inFlight?.phase === 'stop') return;
    const exit = event.child.exit();
    if (exit && applyExit(entry.record, event.child, exit)) this.checkShutdown();
  }

  private watchExit(processId: string, child: ManagedChild): void {
    void child.exited.then(() => {
      if (this.failureError) return;
      this.control.push({ kind: 'exited', processId, child });
      this.notify();
    });
  }

  // ---- heartbeat ------------------------------------------------------------

  private onHeartbeat(): void {
    // Lower priority than everything else: skipped while one is still running
    // or when the runner has no room for it.
    if (this.heartbeatInFlight || this.closing || this.outstandingJobs >= this.options.jobCapacity) return;
    const pids: number[] = [];
    for (const entry of this.entries.values()) {
      if (entry.inFlight === null && isAlive(entry.record) && entry.record.child) pids.push(entry.record.child.pid);
    }
    if (pids.length === 0) return;
    this.heartbeatInFlight = true;
    this.submit(null, { jobId: this.nextJobId++, kind: 'probe', pids });
  }

  // ---- shutdown and failure -------------------------------------------------

  private beginShutdown(gracePeriodMs: number, reply: (error?: Error) => void): void {
    if (this.closed) {
      reply();
      return;
    }
    if (this.closing) {
      this.closing.replies.push(reply);
      return;
    }
    this.closing = { gracePeriodMs, replies: [reply] };
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    const closedError = new ProcmanError('manager-closed', 'The process manager was shut down');
    for (const entry of this.entries.values()) {
      for (const op of entry.pending.splice(0)) op.reply.reject(closedError);
    }
    this.pendingTotal = 0;
    this.waitingForRunner.length = 0;
    for (const entry of this.entries.values()) {
      if (entry.inFlight === null && entry.record.child !== null) this.beginInternalStop(entry);
    }
    this.checkShutdown();
  }

  private beginInternalStop(entry: Entry): void {
    if (!this.closing || entry.record.child === null) return;
    const { reply, promise } = createReply<StopOutcome>();
    promise.catch(() => undefined);
    const op: Operation = {
      opId: -1,
      kind: 'stop',
      id: entry.id,
      gracePeriodMs: this.closing.gracePeriodMs,
      signal: new AbortController().signal, // never fires; one per operation
      reply,
    };
    if (this.outstandingJobs >= this.options.jobCapacity) {
      entry.pending.push(op);
      this.pendingTotal += 1;
      if (!this.waitingForRunner.includes(entry.id)) this.waitingForRunner.push(entry.id);
      return;
    }
    this.begin(entry, op);
  }

  private checkShutdown(): void {
    if (!this.closing || this.closed) return;
    for (const entry of this.entries.values()) {
      if (entry.inFlight !== null || entry.pending.length > 0 || entry.record.child !== null) return;
    }
    if (this.outstandingJobs > 0) return; // a heartbeat probe still out
    this.closed = true;
    this.runner.close();
    const replies = this.closing.replies;
    this.closing = null;
    for (const reply of replies) reply();
  }

  /** The runner (or the actor itself) failed: fail every caller, kill every process, stop. */
  private fail(cause: Error): void {
    if (this.failureError) return;
    const error = new ProcmanError('runner-failed', `The operation runner failed: ${cause.message}`, { cause });
    this.failureError = error;
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    for (const entry of this.entries.values()) {
      entry.inFlight?.op.reply.reject(error);
      entry.inFlight = null;
      for (const op of entry.pending.splice(0)) op.reply.reject(error);
      const child = entry.record.child;
      if (child) signalGroup(child.pid, 'SIGKILL');
    }
    for (const command of this.mailbox.drain()) {
      if (command.kind === 'operation') command.operation.reply.reject(error);
      else command.reply.reject(error);
    }
    this.mailbox.close(error);
    this.completions.close(error);
    for (const reply of this.closing?.replies ?? []) reply(error);
    this.closing = null;
    this.runner.close();
    this.notify();
  }

  // ---- answers --------------------------------------------------------------

  private infoOf(entry: Entry): ProcessInfo {
    return toInfo(entry.record, entry.inFlight !== null);
  }

  /** Info as the caller will see it once the running operation is finished. */
  private infoAfter(entry: Entry): ProcessInfo {
    return toInfo(entry.record, false);
  }
}

function notFound(id: string): ProcmanError {
  return new ProcmanError('not-found', `No process \`${id}\``, { processId: id });
}

function queueFull(id: string, detail: string): ProcmanError {
  return new ProcmanError('queue-full', `Operation on \`${id}\` refused: ${detail}`, { processId: id });
}
