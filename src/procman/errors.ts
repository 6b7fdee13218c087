/** The process managers' one error class: a code, facts as booleans, and a cause. */

export type ProcmanErrorCode =
  /** A bounded queue is full; the operation was not accepted. */
  | 'queue-full'
  /** No process with this id is registered. */
  | 'not-found'
  /** The caller's AbortSignal fired. */
  | 'aborted'
  /** The process could not be spawned. */
  | 'spawn-failed'
  /** The process did not exit even after SIGKILL. */
  | 'stop-failed'
  /** The manager was shut down. */
  | 'manager-closed'
  /** The operation runner failed; the manager stopped and failed every pending caller. */
  | 'runner-failed'
  /** An argument broke a rule. */
  | 'invalid-argument';

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
    return this.code === 'queue-full';
  }

  get isAborted(): boolean {
    return this.code === 'aborted';
  }
}

export function isProcmanError(value: unknown, code?: ProcmanErrorCode): value is ProcmanError {
  return value instanceof ProcmanError && (code === undefined || value.code === code);
}

export function abortedError(processId: string | undefined, signal: AbortSignal): ProcmanError {
  return new ProcmanError('aborted', `Operation on \`${processId ?? '?'}\` was aborted`, {
    ...(processId === undefined ? {} : { processId }),
    cause: signal.reason,
  });
}
