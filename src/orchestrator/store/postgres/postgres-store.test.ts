import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { WorkKind } from '../../model.js';
import { describeStoreContract } from '../store-contract.js';
import type { Store } from '../store.js';
import { PostgresStore } from './postgres-store.js';
import { setting } from '../../../harness/settings.js';

const url = setting('PLANEBENCH_PG_URL');

if (!url) {
  describe('Store contract: postgres', () => {
    it.skip('skipped: PLANEBENCH_PG_URL is not set (run test-scripts/orchestrator/setup-postgres.sh)', () => {});
  });
} else {
  describeStoreContract('postgres', {
    async open() {
      const store = new PostgresStore({ url, schema: `test_${randomBytes(6).toString('hex')}` });
      await store.migrate();
      return store;
    },
    async openPeer(store) {
      return new PostgresStore({ url, schema: (store as PostgresStore).schema });
    },
    async dispose(store: Store) {
      await (store as PostgresStore).dropSchema();
      await store.close();
    },
  });

  describe('PostgresStore', () => {
    it('rejects a schema name that is not a plain identifier', () => {
      expect(() => new PostgresStore({ url, schema: 'x; DROP' })).toThrow(/Expected `schema` to match/);
    });

    it('commits without waiting for the log flush only when asked to', async () => {
      const schema = `test_${randomBytes(6).toString('hex')}`;
      const durable = new PostgresStore({ url, schema });
      const relaxed = new PostgresStore({ url, schema, synchronousCommit: false });
      const setting = async (store: PostgresStore): Promise<string> => {
        const { pool } = store as unknown as { pool: { query(text: string): Promise<{ rows: { v: string }[] }> } };
        return (await pool.query('SELECT current_setting($$synchronous_commit$$) AS v')).rows[0]!.v;
      };
      try {
        await durable.migrate();
        await relaxed.migrate();
        expect(await setting(durable)).toBe('on');
        expect(await setting(relaxed)).toBe('off');
      } finally {
        await durable.dropSchema();
        await durable.close();
        await relaxed.close();
      }
    });

    it('opens its whole pool when warmed up, before any work needs it', async () => {
      const schema = `test_${randomBytes(6).toString('hex')}`;
      const store = new PostgresStore({ url, schema, poolSize: 3 });
      const backends = async (): Promise<number> => {
        const { pool } = store as unknown as { pool: { query(text: string): Promise<{ rows: { n: number }[] }> } };
        const { rows } = await pool.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database()
             AND backend_type = 'client backend' AND pid <> pg_backend_pid()`,
        );
        return rows[0]!.n;
      };
      try {
        await store.migrate(); // the pool's first connection, which also counts the others
        const before = await backends();
        await store.warmUp();
        expect((await backends()) - before).toBe(2);
        await store.warmUp(); // warm already: opens nothing more
        expect((await backends()) - before).toBe(2);
      } finally {
        await store.dropSchema();
        await store.close();
      }
    });

    it('listens again when its listening connection is lost, and then wakes its listeners', async () => {
      const schema = `test_${randomBytes(6).toString('hex')}`;
      const store = new PostgresStore({ url, schema });
      const peer = new PostgresStore({ url, schema });
      const admin = new pg.Client({ connectionString: url });
      /** Resolves on the next `kind` wake-up; fails the test after 10 s. */
      const nextWake = (kind: WorkKind): Promise<void> =>
        new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no ${kind} wake-up within 10 s`)), 10_000);
          const unsubscribe = store.onWork((k) => {
            if (k !== kind) return;
            clearTimeout(timer);
            unsubscribe();
            resolve();
          });
        });
      const listeningBackends = async (): Promise<number[]> =>
        (
          await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE query = $1', [
            `LISTEN planebench_${schema}`,
          ])
        ).rows.map((row) => row.pid);
      try {
        await admin.connect();
        await store.migrate();
        await store.upsertWorkflow({ name: 'w', tasks: [{ name: 't', command: ['true'] }] });
        const unsubscribe = store.onWork(() => undefined);
        await store.ready();
        const [lost, ...others] = await listeningBackends();
        expect(others).toEqual([]);

        const caughtUp = nextWake('tasks'); // work may have arrived unannounced while it was away
        await admin.query('SELECT pg_terminate_backend($1)', [lost]);
        await caughtUp;
        const now = await listeningBackends();
        expect(now).toHaveLength(1);
        expect(now).not.toContain(lost);

        const triggered = nextWake('runs');
        await peer.triggerRun('w', 1);
        await triggered;
        unsubscribe();
      } finally {
        await admin.end();
        await store.dropSchema();
        await store.close();
        await peer.close();
      }
    }, 30_000);

    it('migrates concurrently from two connections without error', async () => {
      const schema = `test_${randomBytes(6).toString('hex')}`;
      const a = new PostgresStore({ url, schema });
      const b = new PostgresStore({ url, schema });
      try {
        await Promise.all([a.migrate(), b.migrate()]);
      } finally {
        await a.dropSchema();
        await a.close();
        await b.close();
      }
    });
  });
}
