/**
 * Waits for another connection's write lock without blocking the event loop.
 * SQLite's own busy handler (`busy_timeout`) sleeps inside the call, and
 * better-sqlite3 calls are synchronous, so a scheduler whose write met a
 * trigger process's lock stopped answering anything — task exits, lease
 * renewals — for as long as it waited. The store opens its connection with
 * `busy_timeout = 0` instead, and a write that finds the lock taken
 * (SQLITE_BUSY, before any change) is tried again from a timer: 1 ms, doubling
 * to MAX_RETRY_DELAY_MS, until `timeoutMs` has passed.
 */
import { setTimeout as sleep } from 'node:timers/promises';

const MAX_RETRY_DELAY_MS = 20;

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

export async function retryWhileBusy<T>(operation: () => T, timeoutMs: number): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (let delayMs = 1; ; delayMs = Math.min(delayMs * 2, MAX_RETRY_DELAY_MS)) {
    try {
      return operation();
    } catch (error) {
      if (!isBusy(error) || performance.now() + delayMs > deadline) throw error;
    }
    await sleep(delayMs);
  }
}
