/** Messages between the thread runner (main thread) and its worker, plain data only. */
import { ProcmanError } from '../../errors.js';
import type { ProcmanErrorCode } from '../../errors.js';
import type { StopChildResult } from '../../control/stop-child.js';
import type { ExitInfo, ProcessSpec } from '../../types.js';

export type ToWorker =
  | { readonly type: 'spawn'; readonly jobId: number; readonly spec: ProcessSpec }
  | {
      readonly type: 'stop';
      readonly jobId: number;
      readonly instanceId: number;
      readonly gracePeriodMs: number;
      readonly killTimeoutMs: number;
    }
  | { readonly type: 'probe'; readonly jobId: number; readonly pids: readonly number[] }
  | { readonly type: 'abort'; readonly jobId: number };

export interface WireError {
  readonly message: string;
  readonly code?: ProcmanErrorCode;
  readonly processId?: string;
}

export type FromWorker =
  | { readonly type: 'spawned'; readonly jobId: number; readonly instanceId: number; readonly pid: number }
  | { readonly type: 'stopped'; readonly jobId: number; readonly result: StopChildResult }
  | {
      readonly type: 'probed';
      readonly jobId: number;
      readonly readings: ReadonlyArray<readonly [number, number]>;
      readonly atMs: number;
    }
  | { readonly type: 'job-failed'; readonly jobId: number; readonly error: WireError }
  | { readonly type: 'exited'; readonly instanceId: number; readonly exit: ExitInfo };

export function toWireError(error: Error): WireError {
  if (error instanceof ProcmanError) {
    return { message: error.message, code: error.code, ...(error.processId ? { processId: error.processId } : {}) };
  }
  return { message: error.message };
}

export function fromWireError(error: WireError): Error {
  if (error.code === undefined) return new Error(error.message);
  return new ProcmanError(
    error.code,
    error.message,
    error.processId === undefined ? {} : { processId: error.processId },
  );
}
