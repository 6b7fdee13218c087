import pg from 'pg';
import { measurePostgresPickupFloor } from './postgres-pickup-floor.js';
import { setting } from '../../harness/settings.js';

const url = setting('PLANEBENCH_PG_URL');

async function floorSchemas(): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE 'pickup_floor_%'`,
    );
    return rows.map((r) => r.name);
  } finally {
    await client.end();
  }
}

(url ? describe : describe.skip)('measurePostgresPickupFloor (needs PLANEBENCH_PG_URL)', () => {
  it('times every trigger → NOTIFY → claim and leaves no schema behind', async () => {
    const before = await floorSchemas();
    const samples = await measurePostgresPickupFloor({ url: url!, samples: 5, ratePerSec: 50 });
    expect(samples).toHaveLength(5);
    for (const us of samples) {
      expect(us).toBeGreaterThan(0);
      expect(us).toBeLessThan(5_000_000);
    }
    expect(await floorSchemas()).toEqual(before);
  });
});
