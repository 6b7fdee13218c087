/** The one coerceError (src/lib), for the orchestrator and its CLI, which import it from here. */
export { coerceError } from '../lib/coerce-error.js';

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

/** ``Expected `field` to be rule, got `value` (type)``. */
export function invalid(field: string, rule: string, value: unknown, where = ''): OrchestratorError {
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  const prefix = where ? `${where}: ` : '';
  return new OrchestratorError(`${prefix}Expected \`${field}\` to be ${rule}, got \`${shown}\` (${typeOf(value)})`, {
    invalidInput: true,
  });
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
