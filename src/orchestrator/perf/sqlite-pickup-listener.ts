/**
 * The waiting half of the SQLite pick-up floor (sqlite-pickup-floor.ts), run as
 * its own idle process as a scheduler is: it watches the database's folder for
 * the wake file (inotify through fs.watch, as the store's WakeBus does) and on
 * each signal claims the oldest pending row with one UPDATE. Prints JSON lines:
 * `{"event":"ready"}` once watching, then `{"event":"claimed","us":…}` per row,
 * the time from the writer's `created_ns` to the claim's return (the monotonic
 * clock, which processes on one machine share). It runs until killed.
 *
 * Usage: node --import <TS loader> sqlite-pickup-listener.ts <database file>
 */
import { watch } from 'node:fs';
import { basename, dirname } from 'node:path';
import Database from 'better-sqlite3';
import { applyStorePragmas } from '../store/sqlite/pragmas.js';
import { WakeBus } from '../store/sqlite/wake-bus.js';

const [databasePath] = process.argv.slice(2);
if (!databasePath) {
  process.stderr.write('usage: sqlite-pickup-listener.ts <database file>\n');
  process.exit(2);
}
const db = new Database(databasePath);
applyStorePragmas(db);
const claim = db.prepare(
  `UPDATE runs SET status = 'claimed' WHERE id IN
     (SELECT id FROM runs WHERE status = 'pending' ORDER BY id LIMIT 1) RETURNING created_ns`,
);
const wakeFile = basename(WakeBus.signalPath(databasePath));
watch(dirname(databasePath), (_, filename) => {
  if (filename !== wakeFile) return;
  for (;;) {
    const row = claim.get() as { created_ns: string } | undefined;
    if (!row) break;
    const us = Number(process.hrtime.bigint() - BigInt(row.created_ns)) / 1000;
    process.stdout.write(`${JSON.stringify({ event: 'claimed', us })}\n`);
  }
});
process.stdout.write(`${JSON.stringify({ event: 'ready' })}\n`);
