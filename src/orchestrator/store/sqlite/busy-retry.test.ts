import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from '../../paths.js';
import { retryWhileBusy } from './busy-retry.js';
import { SqliteStore } from './sqlite-store.js';

/** A second process that takes the database's write lock, says `locked`, and commits on a line from stdin. */
const LOCK_HOLDER = `
const Database = require(process.argv[1]);
const db = new Database(process.argv[2]);
db.pragma('journal_mode = WAL');
db.exec('BEGIN IMMEDIATE');
process.stdout.write('locked\\n');
process.stdin.once('data', () => { db.exec('COMMIT'); db.close(); process.exit(0); });
`;

const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });

describe('retryWhileBusy', () => {
  it('tries again while the lock is taken and returns the first success', async () => {
    let calls = 0;
    const result = await retryWhileBusy(() => {
      calls += 1;
      if (calls < 3) throw busy;
      return 'written';
    }, 1000);
    expect(result).toBe('written');
    expect(calls).toBe(3);
  });

  it('gives up with the busy error after its timeout, and never retries other errors', async () => {
    await expect(
      retryWhileBusy(() => {
        throw busy;
      }, 30),
    ).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    let calls = 0;
    await expect(
      retryWhileBusy(() => {
        calls += 1;
        throw new Error('constraint failed');
      }, 1000),
    ).rejects.toThrow('constraint failed');
    expect(calls).toBe(1);
  });
});

describe('SqliteStore and another process holding the write lock', () => {
  it('waits for the lock with its event loop free, and writes once it is released', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'planebench-lock-'));
    const path = join(dir, 'store.db');
    const store = new SqliteStore({ path });
    const sqlite = createRequire(join(REPO_ROOT, 'package.json')).resolve('better-sqlite3');
    const holder = spawn(process.execPath, ['-e', LOCK_HOLDER, sqlite, path], { stdio: ['pipe', 'pipe', 'inherit'] });
    const exited = new Promise((resolve) => holder.once('exit', resolve));
    try {
      await store.migrate();
      await store.upsertWorkflow({ name: 'w', tasks: [{ name: 't', command: ['true'] }] });
      await new Promise<void>((resolve, reject) => {
        createInterface({ input: holder.stdout }).on('line', (line) => line === 'locked' && resolve());
        holder.once('exit', (code) => reject(new Error(`lock holder exited with ${code}`)));
      });

      let settled = false;
      const triggered = store.triggerRun('w', 1).finally(() => (settled = true));
      // Timers keep firing while the write waits: the event loop is not blocked.
      await new Promise<void>((resolve) => {
        let ticks = 0;
        const timer = setInterval(() => {
          if (++ticks < 3) return;
          clearInterval(timer);
          resolve();
        }, 5);
      });
      expect(settled).toBe(false);

      holder.stdin.write('release\n');
      await expect(triggered).resolves.toBeGreaterThan(0);
      expect(await store.countTasks()).toBeDefined();
    } finally {
      holder.kill();
      await exited;
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
