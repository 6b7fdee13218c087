/**
 * The machine's spawn ceiling: a minimal Node process — nothing loaded but the
 * spawner — starting the same task command the same number of times, the best
 * of the given concurrencies. The orchestrator's tasks/s divided by it is how
 * close the orchestrator comes to what this machine can spawn; the ceiling of
 * src/orchestrator/perf/spawn-ceiling.ts (our own spawn path inside a loaded
 * process) only shows the overhead above our own executor.
 *
 * Two spawners: Node's `child_process.spawn` (a fork), and posix_spawn through
 * the executor's native addon alone, the faster way this machine has to start
 * a process from Node.
 */
import { spawn } from 'node:child_process';
import { GROUP_SPAWN_ADDON, groupSpawn, type TaskSpawner } from '../executor/group-spawn.js';
import type { SpawnCeiling } from './spawn-ceiling.js';

/** The bare spawner, run with `node -e`: argv = JSON { command, count, concurrency, cwd, addon }; prints JSON. */
const BARE_SPAWNER = `
const { command, count, concurrency, cwd, addon } = JSON.parse(process.argv[1]);
const native = addon ? require(addon) : null;
const launch = native
  ? (done) => {
      try { native.spawn(command[0], command.slice(1), cwd, (code) => done(code === 0)); }
      catch { done(false); }
    }
  : (done) => {
      const child = require('node:child_process').spawn(command[0], command.slice(1), { stdio: 'ignore', cwd });
      child.on('error', () => done(false));
      child.on('exit', (code) => done(code === 0));
    };
let next = 0, failed = 0;
const lane = () => new Promise((resolve) => {
  const one = () => {
    if (next >= count) return resolve();
    next += 1;
    launch((ok) => { if (!ok) failed += 1; one(); });
  };
  one();
});
const start = process.hrtime.bigint();
Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane)).then(() => {
  const durationUs = Number(process.hrtime.bigint() - start) / 1000;
  process.stdout.write(JSON.stringify({ failed, durationUs }));
});
`;

async function runBareSpawner(
  command: readonly string[],
  count: number,
  concurrency: number,
  spawner: TaskSpawner,
  cwd?: string,
) {
  const addon = spawner === 'posix_spawn' ? GROUP_SPAWN_ADDON : null;
  const child = spawn(
    process.execPath,
    ['-e', BARE_SPAWNER, JSON.stringify({ command, count, concurrency, cwd: cwd ?? process.cwd(), addon })],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`The bare spawner exited with ${String(code)}`);
  const { failed, durationUs } = JSON.parse(out) as { failed: number; durationUs: number };
  return {
    tasks: count,
    failed,
    durationUs,
    tasksPerSec: durationUs > 0 ? (count - failed) / (durationUs / 1e6) : 0,
  };
}

/** Whether this machine has the native spawner for the posix_spawn ceiling. */
export const POSIX_SPAWN_CEILING_AVAILABLE = groupSpawn !== null;

/** The best (highest tasks/s) of a bare spawner at each concurrency. */
export async function measureBareSpawnCeiling(options: {
  command: readonly string[];
  count: number;
  concurrencies: readonly number[];
  /** Default child_process. */
  spawner?: TaskSpawner;
  cwd?: string;
}): Promise<SpawnCeiling & { readonly concurrency: number }> {
  const spawner = options.spawner ?? 'child_process';
  if (spawner === 'posix_spawn' && !POSIX_SPAWN_CEILING_AVAILABLE)
    throw new Error('The posix_spawn ceiling needs the native task spawner (npm install builds it on Linux)');
  let best: (SpawnCeiling & { concurrency: number }) | undefined;
  for (const concurrency of new Set(options.concurrencies)) {
    const ceiling = await runBareSpawner(options.command, options.count, concurrency, spawner, options.cwd);
    if (!best || ceiling.tasksPerSec > best.tasksPerSec) best = { ...ceiling, concurrency };
  }
  if (!best) throw new Error('measureBareSpawnCeiling needs at least one concurrency');
  return best;
}
