/** What travels between the handle, the actor and the operation runner. */
import type { ManagedChild } from '../control/managed-child.js';
import type { StopChildResult } from '../control/stop-child.js';
import type { ProcessInfo, ProcessSpec, RestartOutcome, StartOutcome, StopOutcome } from '../types.js';

/** A one-shot reply: the first settle wins, later ones are ignored. */
export interface Reply<T> {
  resolve(value: T): void;
  reject(error: Error): void;
  readonly settled: boolean;
}

export function createReply<T>(): { reply: Reply<T>; promise: Promise<T> } {
  let settled = false;
  let resolveFn!: (value: T) => void;
  let rejectFn!: (error: Error) => void;
  const promise = new Promise<T>((resolve, reject) => {
    resolveFn = resolve;
    rejectFn = reject;
  });
  const reply: Reply<T> = {
    resolve(value) {
      if (settled) return;
      settled = true;
      resolveFn(value);
    },
    reject(error) {
      if (settled) return;
      settled = true;
      rejectFn(error);
    },
    get settled() {
      return settled;
    },
  };
  return { reply, promise };
}

/** A lifecycle operation, queued per process and run out of band. */
export type Operation =
  | {
      readonly opId: number;
      readonly kind: 'start';
      readonly spec: ProcessSpec;
      readonly signal: AbortSignal;
      readonly reply: Reply<StartOutcome>;
    }
  | {
      readonly opId: number;
      readonly kind: 'stop';
      readonly id: string;
      readonly gracePeriodMs: number;
      readonly signal: AbortSignal;
      readonly reply: Reply<StopOutcome>;
    }
  | {
      readonly opId: number;
      readonly kind: 'restart';
      readonly id: string;
      readonly gracePeriodMs: number;
      readonly signal: AbortSignal;
      readonly reply: Reply<RestartOutcome>;
    };

export type Command =
  | { readonly kind: 'operation'; readonly operation: Operation }
  | { readonly kind: 'query-all'; readonly reply: Reply<ProcessInfo[]> }
  | { readonly kind: 'query'; readonly id: string; readonly reply: Reply<ProcessInfo> }
  | { readonly kind: 'shutdown'; readonly gracePeriodMs: number; readonly reply: Reply<void> };

/** Internal events the actor handles before commands. */
export type ControlEvent =
  | { readonly kind: 'cancel'; readonly processId: string; readonly opId: number }
  | { readonly kind: 'exited'; readonly processId: string; readonly child: ManagedChild };

/** Work for the runner. The child is lent by the actor and handed back in the completion. */
export type Job =
  | { readonly jobId: number; readonly kind: 'spawn'; readonly processId: string; readonly spec: ProcessSpec }
  | {
      readonly jobId: number;
      readonly kind: 'stop';
      readonly processId: string;
      readonly child: ManagedChild;
      readonly gracePeriodMs: number;
      readonly killTimeoutMs: number;
      readonly signal: AbortSignal;
    }
  | { readonly jobId: number; readonly kind: 'probe'; readonly pids: readonly number[] };

export type JobResult =
  | { readonly kind: 'spawned'; readonly child: ManagedChild }
  | { readonly kind: 'stopped'; readonly result: StopChildResult }
  | { readonly kind: 'probed'; readonly memoryBytesByPid: ReadonlyMap<number, number>; readonly atMs: number };

export interface Completion {
  readonly job: Job;
  readonly outcome: { readonly ok: true; readonly value: JobResult } | { readonly ok: false; readonly error: Error };
}

/** Runs one job; the real one drives processes, tests may pass a fake. */
export type JobExecutor = (job: Job) => Promise<JobResult>;
