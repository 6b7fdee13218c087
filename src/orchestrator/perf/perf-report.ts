/** The final report, shaped like the seed's: configuration, latency, throughput, resources. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../paths.js';
import { warmUpTaskCount } from './perf-config.js';
import type { PerfRunResult } from './perf-run.js';
import type { SpawnCeiling } from './spawn-ceiling.js';
import type { DistributionUs } from './task-metrics.js';
import type { WindowThroughput } from './throughput-windows.js';
import { asIterationSummary, schedulerLoopLines } from './scheduler-loop-lines.js';
import { setting } from '../../harness/settings.js';

export interface PerfReport {
  readonly run: PerfRunResult;
  readonly ceiling?: SpawnCeiling;
  /** Orchestrator tasks/s ÷ raw spawn ceiling tasks/s. */
  readonly ceilingFraction?: number;
}

const secs = (us: number): string => `${(us / 1e6).toFixed(3)}s`;
const ms = (us: number): string => `${(us / 1000).toFixed(2)} ms`;
const kb = (bytes: number): string => `${Math.round(bytes / 1024)} KB`;

function percentiles(d: DistributionUs, unit: (us: number) => string): string {
  return `avg ${unit(d.avg)}, min ${unit(d.min)}, max ${unit(d.max)}, p50 ${unit(d.p50)}, p95 ${unit(d.p95)}, p99 ${unit(d.p99)}`;
}

function windowLine(w: WindowThroughput): string {
  return w.measured
    ? `  Over ${w.windowSec} s windows: peak ${w.peakTasksPerSec.toFixed(2)} tasks/sec, lowest ${w.lowestTasksPerSec.toFixed(2)} tasks/sec`
    : `  Over ${w.windowSec} s windows: not measured, the run took ${w.runSec.toFixed(2)}s, shorter than one window`;
}

/** The original's "Explanation" block, with this run's numbers. */
function explanationLines(run: PerfRunResult): string[] {
  const { config } = run;
  return [
    'Explanation:',
    `  - ${config.runs} runs created (${config.tasksPerRun} tasks each = ${run.totalTasks} total tasks)`,
    '  - Run submission measures how fast we enqueue work',
    '  - Task completion measures actual work throughput',
    '  - Over N s windows: the busiest and the idlest N seconds of the run (first task created → last finished)',
  ];
}

export function formatPerfReport(report: PerfReport): string {
  const { run, ceiling, ceilingFraction } = report;
  const { config, tasks, resources, triggered } = run;
  const s = config.scheduler;
  const lines = [
    '=== Performance Test Configuration ===',
    `Config: ${config.name}`,
    `Store: ${run.store}${run.externalWorkers > 0 ? ` (${run.externalWorkers} worker processes)` : ''}`,
    `Runs to trigger: ${config.runs}` +
      (run.trigger.kind === 'open-loop' ? ` (open loop, ${run.trigger.ratePerSec} runs/s)` : ' (all at once)'),
    `Tasks per run: ${config.tasksPerRun}`,
    `Task duration: ${config.taskDurationSec}s`,
    `Total tasks: ${run.totalTasks}`,
    `Scheduler: poll ${s.pollIntervalMs} ms, batch ${s.batchSize}, concurrency ${s.concurrency}, status batch ${s.statusBatchSize}`,
    '',
    '=== Performance Test Results ===',
    '',
    'Latency Stats (created → finished, from the store’s timestamps):',
    `  Tasks: ${tasks.finished} (${tasks.succeeded} succeeded, ${tasks.failed} failed, ${run.lostTasks} lost)`,
    `  Avg latency: ${secs(tasks.latencyUs.avg)}`,
    `  Min latency: ${secs(tasks.latencyUs.min)}`,
    `  Max latency: ${secs(tasks.latencyUs.max)}`,
    `  p50 / p95 / p99: ${secs(tasks.latencyUs.p50)} / ${secs(tasks.latencyUs.p95)} / ${secs(tasks.latencyUs.p99)}`,
    `  Scheduling overhead (latency − task duration): ${percentiles(tasks.overheadUs, ms)}`,
    `  Pick-up overhead (latency − the task’s own run time): ${percentiles(tasks.pickupOverheadUs, ms)}`,
    `  Created → started: ${percentiles(tasks.createdToStartedUs, ms)}`,
    // Split at the claim in open loop only: in a burst both parts are queueing.
    ...(run.trigger.kind === 'open-loop'
      ? [
          `    created → dispatched (trigger commit, wake-up): ${percentiles(tasks.createdToDispatchedUs, ms)}`,
          `    dispatched → started (claim, spawn call): ${percentiles(tasks.dispatchedToStartedUs, ms)}`,
        ]
      : []),
    '',
    'Throughput:',
    `  Run submission: ${triggered.runsPerSec.toFixed(2)} runs/sec`,
    `  Task completion: ${tasks.tasksPerSec.toFixed(2)} tasks/sec`,
    `  Total duration: ${secs(run.wallUs)}`,
    ...tasks.windows.map(windowLine),
    ...(ceiling && ceilingFraction !== undefined
      ? [
          `  Raw spawn ceiling: ${ceiling.tasksPerSec.toFixed(2)} tasks/sec (same command, concurrency ${s.concurrency})`,
          `  Fraction of the ceiling: ${(ceilingFraction * 100).toFixed(1)} %`,
        ]
      : []),
    '',
    ...explanationLines(run),
    '',
    'Resource Usage:',
    `  Scheduler RSS initial: ${kb(resources.initialRssBytes)}`,
    `  Scheduler RSS final: ${kb(resources.finalRssBytes)} (peak ${kb(resources.peakRssBytes)})`,
    `  Scheduler RSS growth: ${kb(resources.rssGrowthBytes)}`,
    resources.warmRssBytes === null || resources.rssGrowthAfterWarmUpBytes === null
      ? `  Scheduler RSS after warm-up: not measured (the run ended before a sample after its first ${warmUpTaskCount(config)} tasks were done)`
      : `  Scheduler RSS after warm-up (first ${warmUpTaskCount(config)} tasks done): ${kb(resources.warmRssBytes)}, growth since: ${kb(resources.rssGrowthAfterWarmUpBytes)}`,
    `  Scheduler CPU: ${resources.cpuPercent.toFixed(1)} %`,
    `  Peak worker count: ${resources.peakTaskProcesses}`,
    `  Workers RSS (all task processes summed): peak ${kb(resources.workerRssPeakBytes)}`,
    `  Workers CPU (all task processes summed): ${resources.workerCpuPercent.toFixed(1)} %`,
    ...(run.schedulerStalls
      ? [
          `  Scheduler event loop delay: p99 ${ms(run.schedulerStalls.loopDelayP99Us)}, max ${ms(run.schedulerStalls.loopDelayMaxUs)}` +
            `; GC pause max ${ms(run.schedulerStalls.gcPauseMaxUs)}`,
        ]
      : []),
    '',
    ...schedulerLoopLines(asIterationSummary(run.schedulerSummary)),
    ...(run.timedOut ? ['', `TIMED OUT: ${run.lostTasks} tasks never finished`] : []),
  ];
  return `${lines.join('\n')}\n`;
}

export function formatProgress(p: {
  done: number;
  total: number;
  schedulerRssBytes: number;
  schedulerCpuPercent: number;
  taskProcesses: number;
}): string {
  return `Progress: ${p.done}/${p.total} tasks | Scheduler: ${kb(p.schedulerRssBytes)} RSS, ${p.schedulerCpuPercent.toFixed(1)}% CPU | Workers: ${p.taskProcesses}`;
}

/** perf-results/<timestamp>-<config> (PLANEBENCH_RESULTS_ROOT instead of perf-results/), its folder made. */
function resultsBase(config: string, env: NodeJS.ProcessEnv, date: Date): string {
  const root = setting('PLANEBENCH_RESULTS_ROOT', env) ?? join(REPO_ROOT, 'perf-results');
  mkdirSync(root, { recursive: true });
  const stamp = date.toISOString().replace(/[:.]/g, '-');
  return join(root, `${stamp}-${config}`);
}

/** Saves perf-results/<timestamp>-<config>.txt and .json; returns the base path. */
export function savePerfReport(report: PerfReport, env: NodeJS.ProcessEnv = process.env, date = new Date()): string {
  const base = resultsBase(report.run.config.name, env, date);
  writeFileSync(`${base}.txt`, formatPerfReport(report));
  writeFileSync(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
  return base;
}

/** Saves perf-results/<timestamp>-<config>.txt saying why the config could not be measured; returns the base path. */
export function savePerfFailure(
  config: string,
  error: Error,
  env: NodeJS.ProcessEnv = process.env,
  date = new Date(),
): string {
  const base = resultsBase(config, env, date);
  writeFileSync(`${base}.txt`, `=== Performance Test ${config} ===\nFAILED: ${error.message}\n`);
  return base;
}

/** Saves the perf-all summary as perf-results/<timestamp>-perf-all.txt; returns its path. */
export function savePerfAllSummary(text: string, env: NodeJS.ProcessEnv = process.env, date = new Date()): string {
  const path = `${resultsBase('perf-all', env, date)}.txt`;
  writeFileSync(path, text);
  return path;
}
