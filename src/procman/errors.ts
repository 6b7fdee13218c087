/** The process managers' one error class: a code, facts as booleans, and a cause. */

export type ProcmanErrorCode =
  /** A bounded queue is full; the operation was not accepted. */
  | 'QueueFull'
  /** No process with this id is registered. */
  | 'NotFound'
  /** The caller's AbortSignal fired. */
  | 'Aborted'
  /** The process could not be spawned. */
  | 'SpawnFailed'
  /** The process did not exit even after SIGKILL. */
  | 'StopFailed'
  /** The manager was shut down. */
  | 'ManagerClosed'
  /** The operation runner failed; the manager stopped and failed every pending caller. */
  | 'RunnerFailed'
  /** An argument broke a rule. */
  | 'InvalidArgument';

export class ProcmanError extends Error {
  override readonly name = 'ProcmanError';
  readonly code: ProcmanErrorCode;
  readonly processId: string | undefined;

  constructor(code: ProcmanErrorCode, message: string, options: { processId?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.processId = options.processId;
  }

  get isQueueFull(): boolean {
    return this.code === 'QueueFull';
  }

  get isAborted(): boolean {
    return this.code === 'Aborted';
  }
}

export function isProcmanError(value: unknown, code?: ProcmanErrorCode): value is ProcmanError {
  return value instanceof ProcmanError && (code === undefined || value.code === code);
}

export function abortedError(processId: string | undefined, signal: AbortSignal): ProcmanError {
  return new ProcmanError('Aborted', `Operation on \`${processId ?? '?'}\` was aborted`, {
    ...(processId === undefined ? {} : { processId }),
    cause: signal.reason,
  });
}
