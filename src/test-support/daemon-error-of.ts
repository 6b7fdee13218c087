/** The DaemonError `fn` throws; any other throw is rethrown, and no throw fails the test. */
import { DaemonError } from '../daemon/errors/daemon-error.js';
import { errorOf } from './error-of.js';

export function daemonErrorOf(fn: () => unknown): DaemonError {
  return errorOf(fn, DaemonError);
}
