/** The one coerceError (src/lib), for the orchestrator and its CLI, which import it from here. */
export { coerceError } from '../lib/coerce-error.js';
import { expectedMessage, validators } from '../lib/validate.js';

/** The orchestrator's one error class: a message, boolean facts and a cause. */
export class OrchestratorError extends Error {
  override readonly name = 'OrchestratorError';
  /** The input (a config file, an option, a workflow) was invalid. */
  readonly isInvalidInput: boolean;
  /** The store (SQLite or PostgreSQL) failed. */
  readonly isStoreFailure: boolean;
  /** The store's server could not be reached; the message says which and how to start it. */
  readonly isUnreachable: boolean;

  constructor(
    message: string,
    options: { cause?: unknown; invalidInput?: boolean; storeFailure?: boolean; unreachable?: boolean } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.isInvalidInput = options.invalidInput === true;
    this.isStoreFailure = options.storeFailure === true || options.unreachable === true;
    this.isUnreachable = options.unreachable === true;
  }
}

/** ``[where: ]Expected `field` to be rule, got `value` (type)``: the src/lib/validate.ts shape. */
export function invalid(field: string, rule: string, value: unknown, where = ''): OrchestratorError {
  const prefix = where ? `${where}: ` : '';
  return new OrchestratorError(`${prefix}${expectedMessage(field, rule, value)}`, { invalidInput: true });
}

/** The src/lib validator family, failing with `invalid` (an invalid-input OrchestratorError). */
export const checkInput = validators((field, rule, value) => {
  throw invalid(field, rule, value);
});
