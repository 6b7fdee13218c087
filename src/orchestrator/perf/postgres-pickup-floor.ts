/**
 * The floor under a pick-up on PostgreSQL: the same chain as the orchestrator's
 * with nothing of the orchestrator in it. One connection inserts a row and
 * NOTIFYs in one durable statement (as a trigger does), a second connection
 * LISTENs, and on the notification a third claims the row with one UPDATE (as
 * the scheduler's expand-and-claim does, with the scheduler's commit setting).
 * Each sample is the time from before the insert to the claim's return, taken
 * one at a time at a steady rate so each starts from an idle machine, as the
 * pick-up spec's runs do. It runs in one process (the orchestrator's trigger and
 * scheduler are two), so it is a lower bound; the orchestrator's pick-up also
 * includes the spawn call.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

/** A notification not delivered by then is a broken setup, not a slow one. */
const NOTIFY_TIMEOUT_MS = 10_000;

export interface PickupFloorOptions {
  readonly url: string;
  readonly samples: number;
  readonly ratePerSec: number;
  /** false: the claim does not wait for the log flush (the scheduler's --async-commit). */
  readonly synchronousCommit?: boolean;
  readonly signal?: AbortSignal;
}

/** Trigger → NOTIFY → claim, µs per sample. */
export async function measurePostgresPickupFloor(options: PickupFloorOptions): Promise<number[]> {
  const schema = `pickup_floor_${randomBytes(5).toString('hex')}`;
  const channel = `planebench_${schema}`;
  const session = `-c search_path=${schema}`;
  const trigger = new pg.Client({ connectionString: options.url, options: session });
  const listener = new pg.Client({ connectionString: options.url, options: session });
  const claimer = new pg.Client({
    connectionString: options.url,
    options: `${session}${options.synchronousCommit === false ? ' -c synchronous_commit=off' : ''}`,
  });
  const clients = [trigger, listener, claimer];
  for (const client of clients) client.on('error', () => undefined);
  const samplesUs: number[] = [];
  try {
    await Promise.all(clients.map((client) => client.connect()));
    await trigger.query(`CREATE SCHEMA ${schema}`);
    await trigger.query('CREATE TABLE runs (id bigserial PRIMARY KEY, status text NOT NULL, created_ns text NOT NULL)');
    await listener.query(`LISTEN ${channel}`);
    const claims: Promise<void>[] = [];
    let triggered = 0;
    let everyNotified: () => void = () => undefined;
    const notified = new Promise<void>((resolve) => (everyNotified = resolve));
    listener.on('notification', (message) => {
      const startNs = BigInt(message.payload ?? '0');
      claims.push(
        claimer
          .query(
            `UPDATE runs SET status = 'claimed' WHERE id IN
               (SELECT id FROM runs WHERE status = 'pending' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)`,
          )
          .then(() => {
            samplesUs.push(Number(process.hrtime.bigint() - startNs) / 1000);
          }),
      );
      if (claims.length === options.samples) everyNotified();
    });
    const intervalMs = 1000 / options.ratePerSec;
    for (let i = 0; i < options.samples && !options.signal?.aborted; i += 1) {
      await sleep(intervalMs);
      const startNs = String(process.hrtime.bigint());
      await trigger.query(
        `WITH r AS (INSERT INTO runs (status, created_ns) VALUES ('pending', $1) RETURNING id)
         SELECT pg_notify($2, $1) FROM r`,
        [startNs, channel],
      );
      triggered += 1;
    }
    if (triggered === options.samples) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new Error(`pick-up floor: ${claims.length} of ${triggered} notifications in ${NOTIFY_TIMEOUT_MS} ms`),
            ),
          NOTIFY_TIMEOUT_MS,
        );
      });
      await Promise.race([notified, late]).finally(() => clearTimeout(timer));
    }
    await Promise.all(claims);
    return samplesUs;
  } finally {
    await trigger.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
  }
}
