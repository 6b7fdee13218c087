/**
 * The daemon library's one error class: a code, a message, an optional cause
 * (the standard `cause` chain) and the facts that locate it (subsystem, field).
 *
 * Cheap to create: like Rust errors without a backtrace, a DaemonError does not
 * capture a V8 stack trace unless asked to (`DaemonError.captureStackTraces`,
 * or DAEMON_ERROR_STACKS=1 in the environment). Capturing one costs
 * microseconds; daemons create errors on hot paths (every failed restart, every
 * timed-out stop). It is still an `Error` for `instanceof`, `toString`, and
 * `util.inspect`, and without a captured trace its `stack` names the code.
 */
import { inspect, type InspectOptions } from 'node:util';
import { expectedMessage } from '../../lib/validate.js';

export type DaemonErrorCode =
  | 'config-invalid'
  | 'invalid-state'
  | 'runtime'
  | 'io'
  | 'timeout'
  | 'subsystem-failed'
  | 'subsystem-not-found'
  | 'signal';

export interface DaemonErrorOptions {
  readonly cause?: unknown;
  /** The subsystem the error is about. */
  readonly subsystem?: string;
  /** The configuration field the error is about. */
  readonly field?: string;
}

// Declaration merging gives the class the Error members (name, stack) for the
// type checker; the prototype chain below gives them at run time.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface DaemonError extends Error {
  readonly name: 'DaemonError';
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class DaemonError {
  /** Capture a V8 stack trace in every new DaemonError (costs microseconds). */
  static captureStackTraces: boolean = process.env['DAEMON_ERROR_STACKS'] === '1';

  readonly code: DaemonErrorCode;
  message: string;
  readonly cause: unknown;
  readonly subsystem: string | undefined;
  readonly field: string | undefined;

  constructor(code: DaemonErrorCode, message: string, options?: DaemonErrorOptions) {
    this.code = code;
    this.message = message;
    this.cause = options?.cause;
    this.subsystem = options?.subsystem;
    this.field = options?.field;
    if (DaemonError.captureStackTraces) Error.captureStackTrace(this, new.target);
  }

  static runtime(message: string, cause?: unknown): DaemonError {
    return new DaemonError('runtime', message, cause === undefined ? undefined : { cause });
  }

  static io(message: string, cause?: unknown): DaemonError {
    return new DaemonError('io', message, cause === undefined ? undefined : { cause });
  }

  static invalidState(message: string): DaemonError {
    return new DaemonError('invalid-state', message);
  }

  static timeout(operation: string, timeoutMs: number): DaemonError {
    return new DaemonError('timeout', `${operation} timed out after ${timeoutMs} ms`);
  }

  static subsystemFailed(subsystem: string, cause: unknown): DaemonError {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return new DaemonError('subsystem-failed', `Subsystem \`${subsystem}\` failed: ${reason}`, { cause, subsystem });
  }

  /** A validation error: names the field, the rule and the value it got. */
  static config(field: string, rule: string, value: unknown): DaemonError {
    return new DaemonError('config-invalid', expectedMessage(field, rule, value), {
      field,
    });
  }
}

Object.setPrototypeOf(DaemonError.prototype, Error.prototype);
Object.setPrototypeOf(DaemonError, Error);
Object.defineProperty(DaemonError.prototype, 'name', { value: 'DaemonError', writable: true, configurable: true });
Object.defineProperty(DaemonError.prototype, 'stack', {
  configurable: true,
  get(this: DaemonError): string {
    return `DaemonError [${this.code}]: ${this.message}\n    at <no stack captured; set DAEMON_ERROR_STACKS=1>`;
  },
  set(this: DaemonError, value: unknown) {
    Object.defineProperty(this, 'stack', { value, writable: true, configurable: true, enumerable: false });
  },
});

// Printed the same in every realm (a jest sandbox's Error is not Node's): the
// stack (or the code line), then the facts that are set.
Object.defineProperty(DaemonError.prototype, inspect.custom, {
  configurable: true,
  value(this: DaemonError, _depth: number, options: InspectOptions): string {
    const facts: Record<string, unknown> = { code: this.code };
    if (this.subsystem !== undefined) facts['subsystem'] = this.subsystem;
    if (this.field !== undefined) facts['field'] = this.field;
    if (this.cause !== undefined) facts['cause'] = this.cause;
    return `${this.stack ?? `DaemonError: ${this.message}`} ${inspect(facts, options)}`;
  },
});
