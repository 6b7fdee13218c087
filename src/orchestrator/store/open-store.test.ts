import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from './open-store.js';

describe('openStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'planebench-open-store-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a URL that is not PostgreSQL’s instead of opening SQLite, its password masked', async () => {
    await expect(openStore({ databaseUrl: 'mysql://me:secret@db/z', sqlitePath: join(dir, 'o.db') })).rejects.toThrow(
      'Expected `databaseUrl` to be a postgres:// or postgresql:// URL, got `mysql://me:***@db/z` (string)',
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('opens the SQLite file without a URL', async () => {
    const store = await openStore({ sqlitePath: join(dir, 'o.db') });
    expect(store.kind).toBe('sqlite');
    await store.close();
  });
});
