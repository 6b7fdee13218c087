/**
 * The orchestrator as perf specs (perf-tests/orchestrator) use it: its perf
 * test (one run of the scheduler under a trigger load, and its metrics), the
 * floors and ceilings a run is read against, and the files it starts.
 *
 * The scheduler and workers run in processes of their own (`planebench
 * orchestrator run|worker`), so their classes are listed as types only: the
 * scenario's child process, which imports this index, loads no module it did
 * not load before.
 */

// The perf test and its configuration.
export { runPerfTest } from './perf/perf-run.js';
export { loadPerfConfig, type PerfConfig } from './perf/perf-config.js';
export { taskSamples } from './perf/task-metrics.js';
export { asIterationSummary } from './perf/scheduler-loop-lines.js';

// Floors and ceilings: what the store and the machine allow at best.
export { measurePostgresPickupFloor } from './perf/postgres-pickup-floor.js';
export { measureSqlitePickupFloor } from './perf/sqlite-pickup-floor.js';
export { measureSpawnCeiling, type SpawnCeiling } from './perf/spawn-ceiling.js';
export { measureBareSpawnCeiling, POSIX_SPAWN_CEILING_AVAILABLE } from './perf/bare-spawn-ceiling.js';
export type { TaskSpawner } from './executor/group-spawn.js';

// Files, records and the loop's vocabulary.
export { EXAMPLE_TASK, REPO_ROOT } from './paths.js';
export type { TaskRecord } from './model.js';
export type { SchedulerOptions, WorkerOptions } from './options.js';
export type { StopMode } from './loop/orchestrator-loop.js';
export type { Scheduler } from './scheduler/scheduler.js';
export type { Worker } from './worker/worker.js';
