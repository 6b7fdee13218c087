import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { wallClockUs } from '../../clock.js';
import { TS_LOADER } from '../../paths.js';
import { SqliteStore } from './sqlite-store.js';
import { WakeBus } from './wake-bus.js';

const STORE_MODULE = pathToFileURL(new URL('./sqlite-store.ts', import.meta.url).pathname).href;
/** How far two processes' `wallClockUs` may disagree (src/orchestrator/clock.ts anchors each to a narrow edge). */
const CLOCK_AGREEMENT_US = 1_000;
const CLOCK_MODULE = pathToFileURL(new URL('../../clock.ts', import.meta.url).pathname).href;

/** One trigger of the other process: when it began and when its commit had returned (µs). */
interface Trigger {
  readonly startUs: number;
  readonly committedUs: number;
}

/** A separate Node process that triggers `count` runs, `gapMs` apart, and prints each trigger's times. */
function triggerFromAnotherProcess(dbPath: string, count: number, gapMs: number): Promise<Trigger[]> {
  const script = `
    const { SqliteStore } = await import(${JSON.stringify(STORE_MODULE)});
    const { wallClockUs } = await import(${JSON.stringify(CLOCK_MODULE)});
    const store = new SqliteStore({ path: ${JSON.stringify(dbPath)} });
    await store.migrate();
    for (let i = 0; i < ${count}; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, ${gapMs}));
      const at = wallClockUs();
      await store.triggerRun('w', at);
      process.stdout.write(at + ' ' + wallClockUs() + '\\n');
    }
    await store.close();`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TS_LOADER, '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) {
        reject(new Error(`trigger process exited with ${code}: ${err}`));
        return;
      }
      const lines = out.trim().split('\n');
      resolve(lines.map((line) => ({ startUs: Number(line.split(' ')[0]), committedUs: Number(line.split(' ')[1]) })));
    });
  });
}

/** A migrated store on `path` with the workflow `w` the triggers name. */
async function openWithWorkflow(path: string): Promise<SqliteStore> {
  const store = new SqliteStore({ path });
  await store.migrate();
  await store.upsertWorkflow({ name: 'w', tasks: [{ name: 't', command: ['true'] }] });
  return store;
}

describe('WakeBus across processes', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'planebench-wake-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("wakes a store for every commit of another process, from the writer's post-commit signal", async () => {
    const path = join(dir, 'store.db');
    const store = await openWithWorkflow(path);
    const wakeUs: number[] = [];
    const unsubscribe = store.onWork((kind) => {
      if (kind === 'runs') wakeUs.push(wallClockUs());
    });
    try {
      const triggers = 10;
      // Twice the bound below: one trigger's wake-up cannot be taken for the next one's.
      const gapMs = 300;
      const boundMs = 150; // wide enough that a loaded machine's scheduling delays do not matter
      const triggered = await triggerFromAnotherProcess(path, triggers, gapMs);
      expect(triggered).toHaveLength(triggers);
      expect(existsSync(WakeBus.signalPath(path))).toBe(true);
      // Each trigger has its own wake-up, after it began and within the bound of its commit returning
      // (the commit's own time, an fsync on a loaded disk, is the writer's, not the wake-up's).
      // Two processes' clocks agree to within their anchoring, well under CLOCK_AGREEMENT_US.
      const delaysUs = triggered.map(({ startUs, committedUs }) => {
        const wake = wakeUs.find((w) => w >= startUs - CLOCK_AGREEMENT_US);
        return wake === undefined ? Number.POSITIVE_INFINITY : Math.max(0, wake - committedUs);
      });
      for (const delayUs of delaysUs) expect(delayUs).toBeLessThan(boundMs * 1000);
    } finally {
      unsubscribe();
      await store.close();
    }
  }, 30_000);

  it('does not wake a store for its own writes', async () => {
    const path = join(dir, 'store.db');
    const store = await openWithWorkflow(path);
    const kinds: string[] = [];
    const unsubscribe = store.onWork((kind) => kinds.push(kind));
    try {
      await store.triggerRun('w', wallClockUs());
      // The in-process listener fires once, synchronously; the signal file's inotify event finds no foreign change.
      expect(kinds).toEqual(['runs']);
      await new Promise((resolve) => setTimeout(resolve, 250)); // past every re-check of the write-ahead-log path
      expect(kinds).toEqual(['runs']);
    } finally {
      unsubscribe();
      await store.close();
    }
  });
});
