import type { TaskRecord } from '../model.js';
import { parsePerfConfig } from './perf-config.js';
import { formatPerfReport } from './perf-report.js';
import type { PerfRunResult } from './perf-run.js';
import type { ResourceSummary } from './resource-monitor.js';
import { computeTaskMetrics } from './task-metrics.js';

const config = parsePerfConfig('standard', { workflows: 100, tasks_per_workflow: 5, duration: 0.1 }, 'test');

/** `count` tasks created at 0 and finished evenly over `spanSec`. */
function tasks(count: number, spanSec: number): TaskRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const finishedAtUs = Math.round(((i + 1) / count) * spanSec * 1e6);
    return {
      id: i + 1,
      runId: 1,
      name: 't',
      command: ['true'],
      timeoutMs: 0,
      status: 'success',
      attempt: 1,
      maxAttempts: 1,
      workerId: 'w',
      leaseExpiresAtUs: null,
      exitCode: 0,
      error: null,
      createdAtUs: 0,
      dispatchedAtUs: 1,
      startedAtUs: 2,
      finishedAtUs,
      runTimeUs: 100_000,
    } satisfies TaskRecord;
  });
}

const resources: ResourceSummary = {
  initialRssBytes: 80 * 1024 * 1024,
  finalRssBytes: 90 * 1024 * 1024,
  peakRssBytes: 95 * 1024 * 1024,
  rssGrowthBytes: 10 * 1024 * 1024,
  cpuPercent: 20,
  peakTaskProcesses: 50,
  warmRssBytes: 88 * 1024 * 1024,
  rssGrowthAfterWarmUpBytes: 2 * 1024 * 1024,
  workerRssPeakBytes: 100 * 1024 * 1024,
  workerCpuPercent: 30,
  samples: 10,
};

function run(spanSec: number, schedulerSummary: unknown): PerfRunResult {
  return {
    config,
    store: 'sqlite',
    trigger: { kind: 'burst' },
    externalWorkers: 0,
    totalTasks: 500,
    lostTasks: 0,
    triggered: { runs: 100, spanUs: 400_000, runsPerSec: 245.32, maxLagUs: 0 },
    tasks: computeTaskMetrics(tasks(500, spanSec), 0.1),
    resources,
    wallUs: spanSec * 1e6,
    timedOut: false,
    schedulerSummary,
    schedulerStalls: null,
  };
}

const loop = {
  iterations: 120,
  busyIterations: 8,
  totalUs: 40_000,
  maxUs: 3_000,
  stepTotalsUs: { expandRuns: 10_000, dispatchTasks: 20_000, writeUpdates: 9_000, reclaimLeases: 1_000 },
  iterationUs: { p50: 100, p90: 800, p99: 2_500 },
  busyIterationUs: { p50: 1_200, p90: 2_000, p99: 3_000 },
};

describe('formatPerfReport', () => {
  it("prints the original's Explanation block with this run's numbers", () => {
    expect(formatPerfReport({ run: run(5.59, loop) })).toContain(
      [
        'Explanation:',
        '  - 100 runs created (5 tasks each = 500 total tasks)',
        '  - Run submission measures how fast we enqueue work',
        '  - Task completion measures actual work throughput',
      ].join('\n'),
    );
  });

  it('says a run shorter than a throughput window has none, and gives the windows it has', () => {
    const short = formatPerfReport({ run: run(5.59, loop) });
    expect(short).toContain('Over 10 s windows: not measured, the run took 5.59s, shorter than one window');
    expect(short).toContain('Over 60 s windows: not measured, the run took 5.59s, shorter than one window');
    const long = formatPerfReport({ run: run(20, loop) });
    expect(long).toContain('Over 10 s windows: peak 25.00 tasks/sec, lowest 25.00 tasks/sec');
    expect(long).toContain('Over 60 s windows: not measured, the run took 20.00s');
  });

  it("prints the worker processes' summed RSS and CPU and the scheduler's growth after warm-up", () => {
    const text = formatPerfReport({ run: run(5.59, loop) });
    expect(text).toContain('Workers RSS (all task processes summed): peak 102400 KB');
    expect(text).toContain('Workers CPU (all task processes summed): 30.0 %');
    expect(text).toContain('Scheduler RSS after warm-up (first 125 tasks done): 90112 KB, growth since: 2048 KB');
  });

  it("summarises the scheduler loop's per-iteration timings, or says it has none", () => {
    const text = formatPerfReport({ run: run(5.59, loop) });
    expect(text).toContain('Iterations: 120 (8 did work), 40.00 ms in all');
    expect(text).toContain('Per iteration: p50 0.10 ms, p90 0.80 ms, p99 2.50 ms, max 3.00 ms');
    expect(text).toContain('Per iteration that did work: p50 1.20 ms, p90 2.00 ms, p99 3.00 ms');
    expect(text).toContain('expandRuns 10.00 ms (25 %), dispatchTasks 20.00 ms (50 %)');
    expect(formatPerfReport({ run: run(5.59, { iterations: 3 }) })).toContain(
      '(the scheduler did not report its loop timings)',
    );
  });
});
