/**
 * The floor under a pick-up on SQLite: the same chain as the orchestrator's
 * with nothing of the orchestrator in it. This process inserts a row in one
 * commit (WAL, synchronous = NORMAL, as the store) and writes the wake file, as
 * a trigger does; a second, idle process watching the folder
 * (sqlite-pickup-listener.ts) claims the row with one UPDATE, as the scheduler's
 * expand-and-claim does. Each sample is the time from before the insert to the
 * claim's return, taken one at a time at a steady rate so each starts from an
 * idle process, as the pick-up spec's runs do; the orchestrator's pick-up also
 * includes expanding the run and the spawn call.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { TS_LOADER } from '../paths.js';
import { applyStorePragmas } from '../store/sqlite/pragmas.js';
import { WakeBus } from '../store/sqlite/wake-bus.js';

/** A claim not reported by then is a broken setup, not a slow one. */
const CLAIM_TIMEOUT_MS = 10_000;
const LISTENER = fileURLToPath(new URL('./sqlite-pickup-listener.ts', import.meta.url));

export interface SqlitePickupFloorOptions {
  readonly samples: number;
  readonly ratePerSec: number;
  readonly signal?: AbortSignal;
}

/** Insert + wake file → inotify in another process → claim, µs per sample. */
export async function measureSqlitePickupFloor(options: SqlitePickupFloorOptions): Promise<number[]> {
  const dir = mkdtempSync(join(tmpdir(), 'planebench-floor-'));
  const databasePath = join(dir, 'floor.db');
  const db = new Database(databasePath);
  applyStorePragmas(db);
  db.exec('CREATE TABLE runs (id INTEGER PRIMARY KEY, status TEXT NOT NULL, created_ns TEXT NOT NULL)');
  const insert = db.prepare(`INSERT INTO runs (status, created_ns) VALUES ('pending', ?)`);
  const wakeFd = openSync(WakeBus.signalPath(databasePath), 'a');
  const listener = spawn(process.execPath, ['--import', TS_LOADER, LISTENER, databasePath], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => listener.once('exit', () => resolve()));
  let stderr = '';
  listener.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const gone = exited.then((): never => {
    throw new Error(`pick-up floor: the listener exited: ${stderr}`);
  });
  gone.catch(() => undefined); // raced below; the kill at the end settles it too
  const samplesUs: number[] = [];
  let onClaim: () => void = () => undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    const ready = new Promise<void>((resolve) => {
      createInterface({ input: listener.stdout }).on('line', (line) => {
        const event = JSON.parse(line) as { event: string; us?: number };
        if (event.event === 'ready') resolve();
        if (event.event === 'claimed' && event.us !== undefined) {
          samplesUs.push(event.us);
          onClaim();
        }
      });
    });
    await Promise.race([ready, gone]);
    const intervalMs = 1000 / options.ratePerSec;
    for (let i = 0; i < options.samples && !options.signal?.aborted; i += 1) {
      await sleep(intervalMs);
      const claimed = new Promise<void>((resolve, reject) => {
        onClaim = resolve;
        timer = setTimeout(
          () => reject(new Error(`pick-up floor: no claim within ${CLAIM_TIMEOUT_MS} ms: ${stderr}`)),
          CLAIM_TIMEOUT_MS,
        );
      });
      insert.run(String(process.hrtime.bigint()));
      writeSync(wakeFd, '1');
      await Promise.race([claimed, gone]);
      clearTimeout(timer);
    }
    return samplesUs;
  } finally {
    clearTimeout(timer);
    listener.kill('SIGKILL');
    await exited;
    closeSync(wakeFd);
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
