/**
 * One orchestrator perf test, as the seed describes it: start the scheduler as
 * its own process, trigger the runs, watch task counts and the scheduler's
 * RSS/CPU and the task processes, then read latency from the store's timestamps.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StallSummary } from '../../harness/resources/stall-monitor.js';
import { wallClockUs } from '../clock.js';
import type { TaskRecord } from '../model.js';
import { startOrchestratorProcess, type OrchestratorProcess } from '../orchestrator-process.js';
import { EXAMPLE_TASK } from '../paths.js';
import { openStore } from '../store/open-store.js';
import type { StoreKind } from '../store/store.js';
import { warmUpTaskCount, type PerfConfig } from './perf-config.js';
import { ResourceMonitor, type ResourceSummary } from './resource-monitor.js';
import { computeTaskMetrics, type TaskMetrics } from './task-metrics.js';
import { triggerRuns, type TriggerOutcome, type TriggerPlan } from './trigger-load.js';

export interface PerfRunOptions {
  readonly config: PerfConfig;
  /** `postgres://…` selects PostgreSQL (a fresh schema, dropped afterwards); else a fresh SQLite file. */
  readonly databaseUrl?: string;
  readonly trigger?: TriggerPlan;
  /** Run tasks in this many `worker` processes instead of the scheduler (PostgreSQL). */
  readonly externalWorkers?: number;
  /** PostgreSQL: the scheduler's and workers' commits do not wait for the log flush (`--async-commit`). */
  readonly asyncCommit?: boolean;
  /** PostgreSQL: the scheduler and workers offer no slots for push dispatch (`--pull-only`). */
  readonly pullOnly?: boolean;
  readonly onProgress?: (progress: PerfProgress) => void;
  readonly progressIntervalMs?: number;
  /** Gives up (and reports the unfinished tasks as lost) when no task finished for this long; default 60 s. */
  readonly stallTimeoutMs?: number;
  /** Gives up after this long in any case; default 30 min. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Receives every task record read from the store at the end (for per-task samples). */
  readonly onTaskRecords?: (tasks: readonly TaskRecord[]) => void;
}

export interface PerfProgress {
  readonly done: number;
  readonly total: number;
  readonly schedulerRssBytes: number;
  readonly schedulerCpuPercent: number;
  readonly taskProcesses: number;
}

export interface PerfRunResult {
  readonly config: PerfConfig;
  readonly store: StoreKind;
  readonly trigger: TriggerPlan;
  readonly externalWorkers: number;
  readonly totalTasks: number;
  /** Tasks that never finished (neither success nor failed). */
  readonly lostTasks: number;
  readonly triggered: TriggerOutcome;
  readonly tasks: TaskMetrics;
  readonly resources: ResourceSummary;
  /** First trigger → all tasks finished, as the test saw it, µs. */
  readonly wallUs: number;
  readonly timedOut: boolean;
  /** The scheduler's own loop summary (iterations, time per step). */
  readonly schedulerSummary: unknown;
  /** How long the scheduler's event loop was blocked or paused for GC; null if it did not say. */
  readonly schedulerStalls: StallSummary | null;
}

const WORKFLOW = 'perf-test';
const COMPLETION_POLL_MS = 50;
/** Resource samples (RSS, CPU, task processes) every this many ms; progress lines less often. */
const SAMPLE_INTERVAL_MS = 100;

export async function runPerfTest(options: PerfRunOptions): Promise<PerfRunResult> {
  const { config } = options;
  const trigger = options.trigger ?? { kind: 'burst' };
  const totalTasks = config.runs * config.tasksPerRun;
  const postgres = options.databaseUrl !== undefined; // openStore refuses a URL that is not PostgreSQL's
  const dir = postgres ? undefined : mkdtempSync(join(tmpdir(), 'planebench-perf-'));
  const schema = `perf_${randomBytes(5).toString('hex')}`;
  const storeArgs = postgres
    ? [
        ...['--database-url', options.databaseUrl, '--schema', schema],
        ...(options.asyncCommit ? ['--async-commit'] : []),
        ...(options.pullOnly ? ['--pull-only'] : []),
      ]
    : ['--db', join(dir!, 'orchestrator.db')];
  const store = await openStore({
    sqlitePath: dir ? join(dir, 'orchestrator.db') : '',
    ...(postgres ? { databaseUrl: options.databaseUrl, schema } : {}),
  });
  const processes: OrchestratorProcess[] = [];
  try {
    await store.upsertWorkflow({
      name: WORKFLOW,
      tasks: Array.from({ length: config.tasksPerRun }, (_, i) => ({
        name: `task-${i + 1}`,
        command: [EXAMPLE_TASK, String(config.taskDurationSec)],
      })),
    });
    const workers = options.externalWorkers ?? 0;
    const { scheduler: s } = config;
    const scheduler = await startOrchestratorProcess([
      'run',
      ...storeArgs,
      '--poll-interval-ms',
      String(s.pollIntervalMs),
      '--batch-size',
      String(s.batchSize),
      '--concurrency',
      String(s.concurrency),
      '--status-batch-size',
      String(s.statusBatchSize),
      ...(workers > 0 ? ['--no-local-worker', '--reclaim-interval-ms', '1000'] : []),
    ]);
    processes.push(scheduler);
    for (let i = 0; i < workers; i += 1) {
      processes.push(
        await startOrchestratorProcess([
          'worker',
          ...storeArgs,
          '--concurrency',
          String(Math.ceil(s.concurrency / workers)),
          '--batch-size',
          String(s.batchSize),
          '--status-batch-size',
          String(s.statusBatchSize),
          '--poll-interval-ms',
          String(s.pollIntervalMs),
          '--worker-id',
          `perf-worker-${i + 1}`,
        ]),
      );
    }
    const taskParents = new Set(workers > 0 ? processes.slice(1).map((p) => p.pid) : [scheduler.pid]);
    const monitor = new ResourceMonitor(scheduler.pid, taskParents);
    // The test's own store triggers the runs; its connections (PostgreSQL) open before the clock
    // starts, so their backends' start-up is not inside the measured span (docs/decisions.md).
    await store.warmUp();
    await monitor.sample(); // initial RSS, before any work
    let done = 0;
    let lastProgressMs = 0;
    const progressEveryMs = options.progressIntervalMs ?? 500;
    monitor.start(SAMPLE_INTERVAL_MS, (sample) => {
      if (sample.atMs - lastProgressMs < progressEveryMs) return;
      lastProgressMs = sample.atMs;
      options.onProgress?.({
        done,
        total: totalTasks,
        schedulerRssBytes: sample.rssBytes,
        schedulerCpuPercent: monitor.cpuPercent(),
        taskProcesses: sample.taskProcesses,
      });
    });

    const startUs = wallClockUs();
    const triggered = await triggerRuns(store, WORKFLOW, config.runs, trigger, wallClockUs, options.signal);
    const timeoutMs = options.timeoutMs ?? 30 * 60_000;
    const stallTimeoutMs = options.stallTimeoutMs ?? 60_000;
    let timedOut = false;
    let lastProgressUs = wallClockUs();
    for (;;) {
      const counts = await store.countTasks();
      const nowUs = wallClockUs();
      if (counts.success + counts.failed > done) lastProgressUs = nowUs;
      done = counts.success + counts.failed;
      if (done >= totalTasks) break;
      if (done >= warmUpTaskCount(config)) monitor.markWarmedUp();
      const stalled = (nowUs - Math.max(lastProgressUs, startUs + triggered.spanUs)) / 1000 > stallTimeoutMs;
      if (stalled || (nowUs - startUs) / 1000 > timeoutMs || options.signal?.aborted) {
        timedOut = true;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, COMPLETION_POLL_MS));
    }
    const wallUs = wallClockUs() - startUs;
    await monitor.sample().catch(() => undefined); // final RSS, before stopping
    await monitor.stop();
    for (const p of processes.slice(1)) await p.stop();
    await scheduler.stop();
    const stopped = scheduler.events.find((e) => e['event'] === 'stopped');
    const records = await store.listTasks();
    options.onTaskRecords?.(records);
    const tasks = computeTaskMetrics(records, config.taskDurationSec);
    return {
      config,
      store: store.kind,
      trigger,
      externalWorkers: workers,
      totalTasks,
      lostTasks: totalTasks - tasks.finished,
      triggered,
      tasks,
      resources: monitor.summary(),
      wallUs,
      timedOut,
      schedulerSummary: stopped?.['summary'] ?? null,
      schedulerStalls: (stopped?.['stalls'] as StallSummary | undefined) ?? null,
    };
  } finally {
    for (const p of processes) p.killGroup();
    await Promise.all(processes.map((p) => p.exited));
    if (postgres) await (store as { dropSchema?: () => Promise<void> }).dropSchema?.();
    await store.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}
