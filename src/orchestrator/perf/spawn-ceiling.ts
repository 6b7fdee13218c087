/**
 * The raw spawn ceiling: the same task command, spawned by the same function
 * the executor uses, the same number of times at the same concurrency, with no
 * orchestrator around it. The orchestrator's tasks/s is reported as a fraction of it.
 */
import { wallClockUs, type ClockUs } from '../clock.js';
import { spawnTask } from '../executor/spawn-task.js';

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
  const startUs = now();
  const lane = async (): Promise<void> => {
    while (next < options.count) {
      next += 1;
      const { exit } = await spawnTask(options.command, {
        timeoutMs: 0,
        now,
        ...(options.cwd ? { cwd: options.cwd } : {}),
      }).result;
      if (exit.kind !== 'exited' || exit.exitCode !== 0) failed += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, options.count) }, lane));
  const durationUs = now() - startUs;
  return {
    tasks: options.count,
    failed,
    durationUs,
    tasksPerSec: durationUs > 0 ? (options.count - failed) / (durationUs / 1e6) : 0,
  };
}
