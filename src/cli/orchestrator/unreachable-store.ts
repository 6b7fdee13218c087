/**
 * A PostgreSQL store that cannot be reached (refused, unknown host, timed out,
 * login or database rejected) is one line naming the URL, its password masked,
 * and how to start the database.
 */
import { OrchestratorError } from '../../orchestrator/errors.js';
import { maskPassword } from '../../orchestrator/store/open-store.js';

export const START_POSTGRES = 'bash test-scripts/orchestrator/setup-postgres.sh';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** Network errors, and the SQLSTATEs of a server that refuses the connection: 08 connection, 28 login, 3D000 database, 57P03 starting up. */
function isConnectionError(code: unknown): boolean {
  if (typeof code !== 'string') return false;
  return NETWORK_CODES.has(code) || /^(08|28)/.test(code) || code === '3D000' || code === '57P03';
}

/** The first error in the chain (causes, an AggregateError's errors) whose code is a connection error. */
function connectionCause(error: unknown, depth = 0): Error | undefined {
  if (!(error instanceof Error) || depth > 5) return undefined;
  const nested = [(error as { cause?: unknown }).cause, ...((error as { errors?: unknown[] }).errors ?? [])];
  if (isConnectionError((error as { code?: unknown }).code)) {
    return error.message
      ? error
      : ((nested.find((e) => e instanceof Error && e.message) as Error | undefined) ?? error);
  }
  for (const inner of nested) {
    const found = connectionCause(inner, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** The one-line error for a connection failure to `url`; undefined for any other error. */
export function unreachableStore(error: unknown, url: string): OrchestratorError | undefined {
  const cause = connectionCause(error);
  if (!cause) return undefined;
  const reason = cause.message || String((cause as { code?: unknown }).code);
  return new OrchestratorError(
    `Cannot connect to the PostgreSQL store at ${maskPassword(url)} (${reason}); start the database with \`${START_POSTGRES}\`, it prints the URL to use`,
    { cause: error, unreachable: true },
  );
}
