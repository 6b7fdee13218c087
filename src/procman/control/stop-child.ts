/**
 * Graceful stop shared by both managers: SIGTERM to the process group, wait up
 * to the grace period, then SIGKILL to the group and wait for the exit. Once
 * the leader is gone, whatever is left of its group is killed as well.
 */
import { ProcmanError } from '../errors.js';
import type { ExitInfo } from '../types.js';
import type { ManagedChild } from './managed-child.js';
import { killRestOfGroup, signalGroup } from './process-group.js';

export interface StopChildOptions {
  readonly gracePeriodMs: number;
  readonly killTimeoutMs: number;
  /** Ends the wait early: the stop is abandoned, the process keeps its SIGTERM. */
  readonly signal?: AbortSignal;
}

export type StopChildResult =
  | { readonly kind: 'exited'; readonly exit: ExitInfo }
  | { readonly kind: 'killed'; readonly exit: ExitInfo }
  | { readonly kind: 'already-exited'; readonly exit: ExitInfo }
  | { readonly kind: 'abandoned' };

type Race<T> = { readonly kind: 'exit'; readonly exit: ExitInfo } | { readonly kind: T };

/** Waits for the exit, a timer, or an abort, whichever comes first, and cleans up the rest. */
function raceExit(
  child: ManagedChild,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<Race<'timeout' | 'aborted'>> {
  if (signal?.aborted) return Promise.resolve({ kind: 'aborted' });
  return new Promise((resolve) => {
    let settled = false;
    const finish = (value: Race<'timeout' | 'aborted'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(value);
    };
    const onAbort = (): void => finish({ kind: 'aborted' });
    const timer = setTimeout(() => finish({ kind: 'timeout' }), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    void child.exited.then((exit) => finish({ kind: 'exit', exit }));
  });
}

export async function stopChild(child: ManagedChild, options: StopChildOptions): Promise<StopChildResult> {
  const previous = child.exit();
  if (previous) {
    await killRestOfGroup(child.pid, options.killTimeoutMs);
    return { kind: 'already-exited', exit: previous };
  }
  if (options.signal?.aborted) return { kind: 'abandoned' };

  signalGroup(child.pid, 'SIGTERM');
  const graceful = await raceExit(child, options.gracePeriodMs, options.signal);
  if (graceful.kind === 'exit') {
    await killRestOfGroup(child.pid, options.killTimeoutMs);
    return { kind: 'exited', exit: graceful.exit };
  }
  if (graceful.kind === 'aborted') return { kind: 'abandoned' };

  signalGroup(child.pid, 'SIGKILL');
  const forced = await raceExit(child, options.killTimeoutMs, undefined);
  if (forced.kind === 'exit') {
    await killRestOfGroup(child.pid, options.killTimeoutMs);
    return { kind: 'killed', exit: forced.exit };
  }
  throw new ProcmanError(
    'stop-failed',
    `Process ${child.pid} did not exit within ${options.killTimeoutMs} ms after SIGKILL`,
  );
}
