/**
 * The raw spawn ceiling: the same task command, spawned the way the executor
 * spawns (a spawn server of its own), the same number of times at the same
 * concurrency, with no orchestrator around it. The orchestrator's tasks/s is
 * reported as a fraction of it.
 */
import { wallClockUs, type ClockUs } from '../clock.js';
import { SpawnServer } from '../executor/spawn-server.js';

export interface SpawnCeiling {
  readonly tasks: number;
  readonly failed: number;
  readonly durationUs: number;
  readonly tasksPerSec: number;
}

export async function measureSpawnCeiling(options: {
  command: readonly string[];
  count: number;
  concurrency: number;
  now?: ClockUs;
  cwd?: string;
}): Promise<SpawnCeiling> {
  const now = options.now ?? wallClockUs;
  let next = 0;
  let failed = 0;
  const spawner = new SpawnServer({ now, ...(options.cwd ? { cwd: options.cwd } : {}) });
  await spawner.ready(); // its start is not a spawn
  const startUs = now();
  const lane = async (): Promise<void> => {
    while (next < options.count) {
      next += 1;
      const { exit } = await spawner.spawn({ command: options.command, timeoutMs: 0 }).result;
      if (exit.kind !== 'exited' || exit.exitCode !== 0) failed += 1;
    }
  };
  let durationUs: number;
  try {
    await Promise.all(Array.from({ length: Math.min(options.concurrency, options.count) }, lane));
    durationUs = now() - startUs;
  } finally {
    await spawner.close();
  }
  return {
    tasks: options.count,
    failed,
    durationUs,
    tasksPerSec: durationUs > 0 ? (options.count - failed) / (durationUs / 1e6) : 0,
  };
}
