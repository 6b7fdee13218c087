import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeStoreContract } from '../store-contract.js';
import type { Store } from '../store.js';
import { SqliteStore } from './sqlite-store.js';

const paths = new Map<Store, string>();

describeStoreContract('sqlite (file, WAL)', {
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'planebench-orchestrator-'));
    const store = new SqliteStore({ path: join(dir, 'store.db') });
    await store.migrate();
    paths.set(store, dir);
    return store;
  },
  async openPeer(store) {
    const peer = new SqliteStore({ path: join(paths.get(store)!, 'store.db') });
    await peer.migrate();
    return peer;
  },
  async dispose(store) {
    await store.close();
    rmSync(paths.get(store)!, { recursive: true, force: true });
    paths.delete(store);
  },
});

describe('SqliteStore', () => {
  it('works in memory and migrates idempotently', async () => {
    const store = new SqliteStore({ path: ':memory:' });
    await store.migrate();
    await store.migrate();
    await store.upsertWorkflow({ name: 'w', tasks: [{ name: 't', command: ['true'] }] });
    await store.triggerRun('w', 1);
    expect((await store.expandPendingRuns(1, 2)).created).toBe(1);
    await store.close();
  });

  it('names the store when it cannot open the file', () => {
    expect(() => new SqliteStore({ path: '/nonexistent-dir/x/store.db' })).toThrow(/Cannot open the SQLite store/);
  });
});
