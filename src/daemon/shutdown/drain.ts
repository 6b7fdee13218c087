/**
 * Waits for a set of handles to be done, in phases measured from `sinceMs`:
 * graceful until `shutdownTimeoutMs`, then each remaining handle's force signal
 * fires, and at `forceTimeoutMs` whatever still runs is abandoned and reported.
 */
import type { Timers } from '../time/timers.js';
import { abandon, requestForce, type ShutdownHandle } from './shutdown-handle.js';
import type { DrainResult, StopPhase, SubsystemStop } from './shutdown-types.js';

export interface DrainContext {
  readonly timers: Timers;
  readonly shutdownTimeoutMs: number;
  readonly forceTimeoutMs: number;
  /** Calls `listener` whenever a handle becomes done; returns the unsubscribe function. */
  onHandleDone(listener: (handle: ShutdownHandle) => void): () => void;
  /** Called for each handle abandoned at the force timeout. */
  onAbandoned(handle: ShutdownHandle): void;
}

const EMPTY: DrainResult = Object.freeze({ outcome: 'graceful', subsystems: Object.freeze([]) });

export function drainHandles(
  handles: Iterable<ShutdownHandle>,
  sinceMs: number,
  ctx: DrainContext,
): Promise<DrainResult> {
  const pending = new Set<ShutdownHandle>();
  const stops: SubsystemStop[] = [];
  for (const handle of handles) {
    if (handle.state === 'done') stops.push({ name: handle.name, phase: 'graceful', stoppedAfterMs: 0 });
    else if (handle.state !== 'abandoned') pending.add(handle);
  }
  if (pending.size === 0) {
    return Promise.resolve(stops.length === 0 ? EMPTY : { outcome: 'graceful', subsystems: stops });
  }

  return new Promise<DrainResult>((resolve) => {
    const { timers } = ctx;
    let phase: StopPhase = 'graceful';
    let worst: StopPhase = 'graceful';
    let forceTimer: object | null = null;
    let abandonTimer: object | null = null;

    const finish = (): void => {
      unsubscribe();
      if (forceTimer !== null) timers.clearTimeout(forceTimer);
      if (abandonTimer !== null) timers.clearTimeout(abandonTimer);
      resolve({ outcome: worst, subsystems: stops });
    };

    const unsubscribe = ctx.onHandleDone((handle) => {
      if (!pending.delete(handle)) return;
      stops.push({ name: handle.name, phase, stoppedAfterMs: timers.now() - sinceMs });
      if (phase === 'forced') worst = 'forced';
      if (pending.size === 0) finish();
    });

    const elapsed = timers.now() - sinceMs;
    forceTimer = timers.setTimeout(() => {
      forceTimer = null;
      phase = 'forced';
      for (const handle of pending) handle[requestForce]();
    }, ctx.shutdownTimeoutMs - elapsed);
    abandonTimer = timers.setTimeout(() => {
      abandonTimer = null;
      worst = 'abandoned';
      for (const handle of pending) {
        handle[abandon]();
        ctx.onAbandoned(handle);
        stops.push({ name: handle.name, phase: 'abandoned', stoppedAfterMs: null });
      }
      pending.clear();
      finish();
    }, ctx.forceTimeoutMs - elapsed);
  });
}
