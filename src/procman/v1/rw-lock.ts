/**
 * An async read-write lock, fair like tokio's `RwLock`: waiters are granted in
 * arrival order, so a reader that arrives after a waiting writer waits for it.
 * Readers next to each other in the queue share the lock.
 */
import { abortedError } from '../errors.js';

type Mode = 'read' | 'write';

interface Waiter {
  readonly mode: Mode;
  readonly grant: () => void;
}

export class RwLock {
  private readers = 0;
  private writer = false;
  private readonly queue: Waiter[] = [];

  get state(): { readonly readers: number; readonly writer: boolean; readonly waiting: number } {
    return { readers: this.readers, writer: this.writer, waiting: this.queue.length };
  }

  /** Runs `fn` holding the lock shared. Abortable only while waiting. */
  read<T>(fn: () => T | Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.withLock('read', fn, signal);
  }

  /** Runs `fn` holding the lock exclusively, across all of its awaits. */
  write<T>(fn: () => T | Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.withLock('write', fn, signal);
  }

  private async withLock<T>(mode: Mode, fn: () => T | Promise<T>, signal: AbortSignal | undefined): Promise<T> {
    await this.acquire(mode, signal);
    try {
      return await fn();
    } finally {
      this.release(mode);
    }
  }

  private acquire(mode: Mode, signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortedError(undefined, signal));
    if (this.queue.length === 0 && this.canGrant(mode)) {
      this.take(mode);
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.queue.indexOf(waiter);
        if (index >= 0) this.queue.splice(index, 1);
        reject(abortedError(undefined, signal as AbortSignal));
        this.grantWaiting(); // a writer that left may unblock readers behind it
      };
      const waiter: Waiter = {
        mode,
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(waiter);
    });
  }

  private canGrant(mode: Mode): boolean {
    return mode === 'read' ? !this.writer : !this.writer && this.readers === 0;
  }

  private take(mode: Mode): void {
    if (mode === 'read') this.readers += 1;
    else this.writer = true;
  }

  private release(mode: Mode): void {
    if (mode === 'read') this.readers -= 1;
    else this.writer = false;
    this.grantWaiting();
  }

  private grantWaiting(): void {
    for (;;) {
      const head = this.queue[0];
      if (!head || !this.canGrant(head.mode)) return;
      this.queue.shift();
      this.take(head.mode);
      head.grant();
    }
  }
}
