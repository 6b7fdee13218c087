/**
 * How the embedded store opens its SQLite file: write-ahead log (a trigger
 * process writes while the scheduler reads), commits that do not wait for a
 * sync of the log (synchronous = NORMAL: durable across a process crash, not
 * across a power loss), and a writer that waits for another's lock. Shared by
 * the store and the pick-up floor, which must open its file the same way.
 */
import type { Database } from 'better-sqlite3';

export function applyStorePragmas(db: Database, busyTimeoutMs = 5000): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma(`busy_timeout = ${busyTimeoutMs}`);
}
