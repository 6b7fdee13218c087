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
  return new Promise((resolve) => drainHandlesThen(handles, sinceMs, ctx, resolve));
}

/** drainHandles with a callback, so callers can build on the result without another promise hop. */
export function drainHandlesThen(
  handles: Iterable<ShutdownHandle>,
  sinceMs: number,
  ctx: DrainContext,
  onDrained: (result: DrainResult) => void,
): void {
  const pending = new Set<ShutdownHandle>();
  const stops: SubsystemStop[] = [];
  for (const handle of handles) {
    if (handle.state === 'done') {
      const stoppedAfterMs = Math.max(0, (handle.doneAtMs ?? sinceMs) - sinceMs);
      stops.push({ name: handle.name, phase: 'graceful', stoppedAfterMs });
    } else if (handle.state !== 'abandoned') pending.add(handle);
  }
  if (pending.size === 0) {
    onDrained(stops.length === 0 ? EMPTY : { outcome: 'graceful', subsystems: stops });
    return;
  }

  const { timers } = ctx;
  let phase: StopPhase = 'graceful';
  let worst: StopPhase = 'graceful';
  // One timer at a time: the force timer, then (when it fires) the abandon timer.
  let timer: object | null = null;

  const finish = (): void => {
    unsubscribe();
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    onDrained({ outcome: worst, subsystems: stops });
  };

  const unsubscribe = ctx.onHandleDone((handle) => {
    if (!pending.delete(handle)) return;
    stops.push({ name: handle.name, phase, stoppedAfterMs: timers.now() - sinceMs });
    if (phase === 'forced') worst = 'forced';
    if (pending.size === 0) finish();
  });

  const abandonRemaining = (): void => {
    timer = null;
    worst = 'abandoned';
    for (const handle of pending) {
      handle[abandon]();
      ctx.onAbandoned(handle);
      stops.push({ name: handle.name, phase: 'abandoned', stoppedAfterMs: null });
    }
    pending.clear();
    finish();
  };

  const enterForcePhase = (): void => {
    phase = 'forced';
    timer = timers.setTimeout(abandonRemaining, sinceMs + ctx.forceTimeoutMs - timers.now());
    for (const handle of pending) handle[requestForce]();
  };

  timer = timers.setTimeout(enterForcePhase, sinceMs + ctx.shutdownTimeoutMs - timers.now());
}
