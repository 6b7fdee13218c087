import { types } from 'node:util';

export interface CoerceErrorOptions {
  /**
   * How a thrown value that is neither an Error nor a string is shown in the
   * message: `string` (`String(value)`, the default) or `json`
   * (`JSON.stringify(value)`, or `String(value)` when it cannot be serialised).
   */
  readonly show?: 'string' | 'json';
  /** Keep the thrown value as the new Error's `cause` (the daemon library's errors do). */
  readonly keepCause?: boolean;
}

/**
 * Every `catch (e: unknown)` goes through here, so code after it sees an Error:
 * an Error is returned as it is — also one from another realm (a vm context
 * such as jest's, which `instanceof Error` does not recognise) — a string
 * becomes the message, and any other value `Non-error thrown: <value>`.
 */
export function coerceError(value: unknown, options: CoerceErrorOptions = {}): Error {
  if (value instanceof Error || types.isNativeError(value)) return value;
  if (typeof value === 'string') return new Error(value);
  const message = `Non-error thrown: ${options.show === 'json' ? asJson(value) : String(value)}`;
  return options.keepCause === true ? new Error(message, { cause: value }) : new Error(message);
}

function asJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
