/**
 * Coordinates shutdown: hands out ShutdownHandles, broadcasts the shutdown
 * request to every live handle at once, and drains them through the graceful
 * → force → kill phases. The first `initiate` wins; later ones are ignored.
 */
import { DaemonError } from '../errors/daemon-error.js';
import { realTimers, type TimerHandle, type Timers } from '../time/timers.js';
import { drainHandles, drainHandlesThen, type DrainContext } from './drain.js';
import { requestStop, ShutdownHandle, type HandleOwner } from './shutdown-handle.js';
import { REQUESTED, type DrainResult, type ShutdownReason, type ShutdownReport } from './shutdown-types.js';

export interface ShutdownTimeouts {
  readonly shutdownTimeoutMs: number;
  readonly forceTimeoutMs: number;
  readonly killTimeoutMs: number;
}

export interface ShutdownStats {
  readonly isShutdown: boolean;
  readonly reason: ShutdownReason | undefined;
  /** Handles whose subsystem has not said it is done. */
  readonly liveHandles: number;
  readonly abandonedHandles: number;
}

type Listener<T> = (value: T) => void;

export class ShutdownCoordinator implements HandleOwner {
  readonly shutdownTimeoutMs: number;
  readonly forceTimeoutMs: number;
  readonly killTimeoutMs: number;
  readonly #timers: Timers;
  readonly #live = new Set<ShutdownHandle>();
  #abandoned = 0;
  #reason: ShutdownReason | undefined = undefined;
  #initiatedAtMs = -1;
  /** The handles live when shutdown began: the report covers these. */
  #liveAtInitiation: Set<ShutdownHandle> | null = null;
  #initiatedListeners: Listener<ShutdownReason>[] | null = null;
  #doneListeners: Listener<ShutdownHandle>[] | null = null;
  #abandonListeners: Listener<ShutdownHandle>[] | null = null;
  #shutdown: Promise<ShutdownReport> | null = null;
  readonly #drainContext: DrainContext;

  constructor(timeouts: ShutdownTimeouts, timers: Timers = realTimers) {
    this.shutdownTimeoutMs = timeouts.shutdownTimeoutMs;
    this.forceTimeoutMs = timeouts.forceTimeoutMs;
    this.killTimeoutMs = timeouts.killTimeoutMs;
    this.#timers = timers;
    this.#drainContext = {
      timers,
      shutdownTimeoutMs: this.shutdownTimeoutMs,
      forceTimeoutMs: this.forceTimeoutMs,
      onHandleDone: (listener) => this.#subscribeDone(listener),
      onAbandoned: (handle) => {
        if (!this.#live.delete(handle)) return;
        this.#abandoned += 1;
        const listeners = this.#abandonListeners;
        if (listeners !== null) for (const listener of listeners.slice()) listener(handle);
      },
    };
  }

  now(): number {
    return this.#timers.now();
  }

  get isShutdown(): boolean {
    return this.#initiatedAtMs >= 0;
  }

  get reason(): ShutdownReason | undefined {
    return this.#reason;
  }

  /** Monotonic time shutdown was initiated, ms; undefined before. */
  get initiatedAtMs(): number | undefined {
    return this.#initiatedAtMs >= 0 ? this.#initiatedAtMs : undefined;
  }

  /** A handle for one run of a subsystem. Created after shutdown began, it is already stopping. */
  createHandle(name: string): ShutdownHandle {
    const handle = new ShutdownHandle(name, this);
    this.#live.add(handle);
    if (this.#initiatedAtMs >= 0) handle[requestStop](this.#initiatedAtMs);
    return handle;
  }

  /** Starts shutdown; true if this call started it. Every live handle's signal aborts now. */
  initiate(reason: ShutdownReason = REQUESTED): boolean {
    if (this.#initiatedAtMs >= 0) return false;
    this.#reason = reason;
    this.#initiatedAtMs = this.#timers.now();
    const live = new Set(this.#live);
    this.#liveAtInitiation = live;
    for (const handle of live) handle[requestStop](this.#initiatedAtMs);
    const listeners = this.#initiatedListeners;
    this.#initiatedListeners = null;
    if (listeners !== null) for (const listener of listeners) listener(reason);
    return true;
  }

  /** Calls `listener` synchronously when shutdown is initiated (at once if it already was). */
  onInitiated(listener: Listener<ShutdownReason>): () => void {
    if (this.#reason !== undefined) {
      listener(this.#reason);
      return noop;
    }
    (this.#initiatedListeners ??= []).push(listener);
    return () => {
      const list = this.#initiatedListeners;
      if (list === null) return;
      const i = list.indexOf(listener);
      if (i >= 0) list.splice(i, 1);
    };
  }

  /** Calls `listener` for every handle abandoned at a force timeout (daemon shutdown or a single stop). */
  onAbandoned(listener: Listener<ShutdownHandle>): () => void {
    (this.#abandonListeners ??= []).push(listener);
    return () => {
      const list = this.#abandonListeners;
      if (list === null) return;
      const i = list.indexOf(listener);
      if (i >= 0) list.splice(i, 1);
    };
  }

  waitInitiated(): Promise<ShutdownReason> {
    return new Promise((resolve) => this.onInitiated(resolve));
  }

  /** Asks one handle to stop (a stop or restart of its subsystem) and drains it through the phases. */
  stopHandle(handle: ShutdownHandle): Promise<DrainResult> {
    const atMs = this.#timers.now();
    handle[requestStop](atMs);
    return drainHandles([handle], atMs, this.#drainContext);
  }

  /** Drains every live handle from the moment shutdown was initiated. The same promise for every caller. */
  waitForShutdown(): Promise<ShutdownReport> {
    if (this.#shutdown !== null) return this.#shutdown;
    const reason = this.#reason;
    if (reason === undefined) return Promise.reject(DaemonError.invalidState('Shutdown was not initiated'));
    const sinceMs = this.#initiatedAtMs;
    // Handles created after initiation (already stopping) are drained too.
    const handles = this.#liveAtInitiation ?? new Set<ShutdownHandle>();
    for (const handle of this.#live) handles.add(handle);
    this.#shutdown = new Promise((resolve) =>
      drainHandlesThen(handles, sinceMs, this.#drainContext, (result) =>
        resolve({
          reason,
          outcome: result.outcome,
          subsystems: result.subsystems,
          durationMs: this.#timers.now() - sinceMs,
          abandoned: result.outcome === 'abandoned' ? abandonedNames(result) : NONE,
        }),
      ),
    );
    return this.#shutdown;
  }

  /**
   * The kill phase: calls `onKill` at `killTimeoutMs` after shutdown began unless
   * disarmed first. The timer does not keep the process alive.
   */
  armKillDeadline(onKill: () => void): () => void {
    if (this.#initiatedAtMs < 0) throw DaemonError.invalidState('Shutdown was not initiated');
    const delay = this.#initiatedAtMs + this.killTimeoutMs - this.#timers.now();
    const timer: TimerHandle = this.#timers.setTimeout(onKill, delay, { unref: true });
    return () => this.#timers.clearTimeout(timer);
  }

  stats(): ShutdownStats {
    return {
      isShutdown: this.isShutdown,
      reason: this.#reason,
      liveHandles: this.#live.size,
      abandonedHandles: this.#abandoned,
    };
  }

  handleDone(handle: ShutdownHandle): void {
    this.#live.delete(handle);
    const listeners = this.#doneListeners;
    if (listeners !== null) for (const listener of listeners.slice()) listener(handle);
  }

  #subscribeDone(listener: Listener<ShutdownHandle>): () => void {
    (this.#doneListeners ??= []).push(listener);
    return () => {
      const list = this.#doneListeners;
      if (list === null) return;
      const i = list.indexOf(listener);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) this.#doneListeners = null;
    };
  }
}

function noop(): void {}

const NONE: readonly string[] = Object.freeze([]);

function abandonedNames(result: DrainResult): string[] {
  return result.subsystems.filter((s) => s.phase === 'abandoned').map((s) => s.name);
}
