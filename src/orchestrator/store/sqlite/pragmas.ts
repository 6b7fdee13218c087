/**
 * How the embedded store opens its SQLite file: write-ahead log (a trigger
 * process writes while the scheduler reads), commits that do not wait for a
 * sync of the log (synchronous = NORMAL: durable across a process crash, not
 * across a power loss), and how long SQLite itself waits for another
 * connection's write lock. The store passes 0 and waits from a timer instead
 * (busy-retry.ts), so its event loop stays free; the pick-up floor, whose two
 * halves never write at once, keeps SQLite's own wait; in every other respect
 * the floor opens its file as the store does.
 */
import type { Database } from 'better-sqlite3';

/** How long a writer waits for another connection's write lock unless told otherwise, ms. */
export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

export function applyStorePragmas(db: Database, busyTimeoutMs = DEFAULT_BUSY_TIMEOUT_MS): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma(`busy_timeout = ${busyTimeoutMs}`);
}
