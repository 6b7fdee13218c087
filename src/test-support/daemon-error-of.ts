/** The DaemonError `fn` throws; any other throw is rethrown, and no throw fails the test. */
import { DaemonError } from '../daemon/errors/daemon-error.js';

export function daemonErrorOf(fn: () => unknown): DaemonError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DaemonError) return error;
    throw error;
  }
  throw new Error('expected a DaemonError');
}
