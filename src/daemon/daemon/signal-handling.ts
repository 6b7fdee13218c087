/** Turns process signals into a shutdown request while the daemon runs. */
import type { ShutdownCoordinator } from '../shutdown/shutdown-coordinator.js';

/** Exit code of a daemon process that exits itself at the kill deadline (as if killed by SIGKILL). */
export const KILL_EXIT_CODE = 137;

export const DEFAULT_SIGNALS: readonly NodeJS.Signals[] = Object.freeze(['SIGTERM', 'SIGINT']);

/** Installs one listener per signal; returns the function that removes them. */
export function installSignalHandlers(
  signals: readonly NodeJS.Signals[],
  coordinator: ShutdownCoordinator,
): () => void {
  const listeners = signals.map((signal) => {
    const listener = (): void => {
      coordinator.initiate({ kind: 'signal', signal });
    };
    process.on(signal, listener);
    return [signal, listener] as const;
  });
  return () => {
    for (const [signal, listener] of listeners) process.off(signal, listener);
  };
}
