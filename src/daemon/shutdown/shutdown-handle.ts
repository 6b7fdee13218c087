/**
 * What a subsystem gets: `cancelled()`, a promise resolved when it should stop,
 * or the same as an AbortSignal (graceful phase); a second signal when time is
 * nearly up (force phase); and `ready()` to say it is done. Signals are created
 * on first use, so a subsystem that never looks at them costs no AbortController.
 * `cancelled()` is resolved directly, not through an AbortSignal: an abort is
 * an EventTarget dispatch, and on the one shutdown of a process that code runs
 * cold (docs/decisions.md, "SIGTERM → exit").
 */
import type { ShutdownReason } from './shutdown-types.js';

/** Internal operations, keyed by symbols the package entry point does not export. */
export const requestStop = Symbol('requestStop');
export const requestForce = Symbol('requestForce');
export const abandon = Symbol('abandon');

export interface HandleOwner {
  now(): number;
  readonly forceTimeoutMs: number;
  readonly reason: ShutdownReason | undefined;
  handleDone(handle: ShutdownHandle): void;
}

export type HandleState = 'active' | 'stopping' | 'done' | 'abandoned';

export class ShutdownHandle {
  readonly name: string;
  readonly #owner: HandleOwner;
  #graceful: AbortController | null = null;
  #force: AbortController | null = null;
  #stopRequestedAtMs = -1;
  #forced = false;
  #state: HandleState = 'active';
  #doneAtMs = -1;
  #cancelled: Promise<void> | null = null;
  #resolveCancelled: (() => void) | null = null;

  constructor(name: string, owner: HandleOwner) {
    this.name = name;
    this.#owner = owner;
  }

  /** Aborted when this subsystem should stop: daemon shutdown, or a stop/restart of this subsystem. */
  get signal(): AbortSignal {
    if (this.#graceful === null) {
      this.#graceful = new AbortController();
      if (this.#stopRequestedAtMs >= 0) this.#graceful.abort(this.#owner.reason);
    }
    return this.#graceful.signal;
  }

  /** Aborted when the graceful phase is over and the subsystem should drop what it is doing. */
  get forceSignal(): AbortSignal {
    if (this.#force === null) {
      this.#force = new AbortController();
      if (this.#forced) this.#force.abort(this.#owner.reason);
    }
    return this.#force.signal;
  }

  get isShutdown(): boolean {
    return this.#stopRequestedAtMs >= 0;
  }

  get isForced(): boolean {
    return this.#forced;
  }

  get state(): HandleState {
    return this.#state;
  }

  /** Monotonic ms at which `ready()` was called; undefined before. */
  get doneAtMs(): number | undefined {
    return this.#doneAtMs >= 0 ? this.#doneAtMs : undefined;
  }

  /** Why the daemon is shutting down, if it is (undefined for a stop of this subsystem alone). */
  get reason(): ShutdownReason | undefined {
    return this.#owner.reason;
  }

  /** Resolves when this subsystem is asked to stop. */
  cancelled(): Promise<void> {
    if (this.isShutdown) return Promise.resolve();
    this.#cancelled ??= new Promise((resolve) => {
      this.#resolveCancelled = resolve;
    });
    return this.#cancelled;
  }

  /** Milliseconds left before this subsystem is abandoned; undefined while no stop was requested. */
  timeRemainingMs(): number | undefined {
    if (this.#stopRequestedAtMs < 0) return undefined;
    return Math.max(0, this.#stopRequestedAtMs + this.#owner.forceTimeoutMs - this.#owner.now());
  }

  /** The subsystem is done. Idempotent; ignored after the handle was abandoned. */
  ready(): void {
    if (this.#state === 'done' || this.#state === 'abandoned') return;
    this.#state = 'done';
    this.#doneAtMs = this.#owner.now();
    this.#owner.handleDone(this);
  }

  [requestStop](atMs: number): void {
    if (this.#stopRequestedAtMs >= 0) return;
    this.#stopRequestedAtMs = atMs;
    if (this.#state === 'active') this.#state = 'stopping';
    this.#resolveCancelled?.();
    this.#resolveCancelled = null;
    this.#graceful?.abort(this.#owner.reason);
  }

  [requestForce](): void {
    if (this.#forced) return;
    this.#forced = true;
    this.#force?.abort(this.#owner.reason);
  }

  [abandon](): void {
    if (this.#state === 'done' || this.#state === 'abandoned') return;
    this.#state = 'abandoned';
  }
}
