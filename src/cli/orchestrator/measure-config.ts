/**
 * One config measured as `perf-test` and `perf-all` do it: the run, with a live
 * progress line on stderr, then the raw spawn ceiling of the same command at
 * the same concurrency (unless skipped), as one report.
 */
import { EXAMPLE_TASK, REPO_ROOT } from '../../orchestrator/paths.js';
import type { PerfConfig } from '../../orchestrator/perf/perf-config.js';
import { formatProgress, type PerfReport } from '../../orchestrator/perf/perf-report.js';
import { runPerfTest } from '../../orchestrator/perf/perf-run.js';
import { measureSpawnCeiling } from '../../orchestrator/perf/spawn-ceiling.js';
import { unreachableStore } from './unreachable-store.js';

export interface MeasureConfigOptions {
  readonly databaseUrl?: string | undefined;
  /** Open-loop trigger rate, runs/s; absent = every run at once. */
  readonly ratePerSec?: number | undefined;
  readonly workers?: number | undefined;
  readonly ceiling: boolean;
}

export async function measureConfig(config: PerfConfig, options: MeasureConfigOptions): Promise<PerfReport> {
  const { databaseUrl, ratePerSec, workers } = options;
  const tty = process.stderr.isTTY;
  const run = await runPerfTest({
    config,
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(ratePerSec ? { trigger: { kind: 'open-loop' as const, ratePerSec } } : {}),
    ...(workers ? { externalWorkers: workers } : {}),
    onProgress: (p) => process.stderr.write(tty ? `\r${formatProgress(p)}   ` : `${formatProgress(p)}\n`),
  }).catch((error: unknown) => {
    throw (databaseUrl && unreachableStore(error, databaseUrl)) || error;
  });
  if (tty) process.stderr.write('\n');
  const ceiling = options.ceiling
    ? await measureSpawnCeiling({
        command: [EXAMPLE_TASK, String(config.taskDurationSec)],
        count: run.totalTasks,
        concurrency: config.scheduler.concurrency,
        cwd: REPO_ROOT,
      })
    : undefined;
  return {
    run,
    ...(ceiling ? { ceiling, ceilingFraction: run.tasks.tasksPerSec / ceiling.tasksPerSec } : {}),
  };
}
