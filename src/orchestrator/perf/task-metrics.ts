/**
 * Latency and throughput from the store's own timestamps (µs):
 * latency = finished − created; overhead = latency − the configured task
 * duration; pick-up overhead = finished − created − the task's own run time
 * (spawn to exit, measured by the executor); created → started, and its two
 * parts split at the claim: created → dispatched (the trigger's commit and the
 * wake-up, until the scheduler claims) and dispatched → started (the claim's
 * round trip and the spawn call, the orchestrator's own share of a pick-up).
 * Every distribution goes into an HDR histogram.
 */
import { createHistogram, encodeHistogram, type Histogram } from '../../harness/histogram/histogram.js';
import type { TaskRecord } from '../model.js';
import { THROUGHPUT_WINDOWS_SEC, windowThroughput, type WindowThroughput } from './throughput-windows.js';

export interface DistributionUs {
  readonly count: number;
  readonly avg: number;
  readonly min: number;
  readonly max: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  /** Compressed base64 HDR histogram of the samples (negative samples recorded as 0). */
  readonly histogram: string;
}

export interface TaskMetrics {
  readonly finished: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly latencyUs: DistributionUs;
  readonly overheadUs: DistributionUs;
  readonly pickupOverheadUs: DistributionUs;
  readonly createdToStartedUs: DistributionUs;
  readonly createdToDispatchedUs: DistributionUs;
  readonly dispatchedToStartedUs: DistributionUs;
  readonly runTimeUs: DistributionUs;
  /** First created → last finished, µs. */
  readonly spanUs: number;
  readonly tasksPerSec: number;
  /** Tasks/s over 10 s and 60 s windows of the span (src/orchestrator/perf/throughput-windows.ts). */
  readonly windows: readonly WindowThroughput[];
}

class Distribution {
  private readonly histogram: Histogram = createHistogram('latencyUs');
  private count = 0;
  private sum = 0;
  private min = Number.POSITIVE_INFINITY;
  private max = Number.NEGATIVE_INFINITY;

  record(valueUs: number): void {
    this.count += 1;
    this.sum += valueUs;
    this.min = Math.min(this.min, valueUs);
    this.max = Math.max(this.max, valueUs);
    this.histogram.recordValue(Math.max(0, Math.round(valueUs)));
  }

  summary(): DistributionUs {
    const empty = this.count === 0;
    return {
      count: this.count,
      avg: empty ? 0 : this.sum / this.count,
      min: empty ? 0 : this.min,
      max: empty ? 0 : this.max,
      p50: this.histogram.getValueAtPercentile(50),
      p95: this.histogram.getValueAtPercentile(95),
      p99: this.histogram.getValueAtPercentile(99),
      histogram: encodeHistogram(this.histogram),
    };
  }
}

/** One succeeded task's latencies, µs; null where a timestamp it needs is missing. */
export interface TaskSamples {
  readonly latencyUs: number;
  readonly overheadUs: number;
  readonly pickupOverheadUs: number | null;
  readonly runTimeUs: number | null;
  readonly createdToStartedUs: number | null;
  readonly createdToDispatchedUs: number | null;
  readonly dispatchedToStartedUs: number | null;
}

/** The latencies of one task, or null if it did not succeed (failed tasks have no latency to speak of). */
export function taskSamples(task: TaskRecord, taskDurationSec: number): TaskSamples | null {
  if (task.status !== 'success' || task.finishedAtUs === null) return null;
  const latencyUs = task.finishedAtUs - task.createdAtUs;
  const { startedAtUs, dispatchedAtUs, runTimeUs } = task;
  return {
    latencyUs,
    overheadUs: latencyUs - taskDurationSec * 1e6,
    pickupOverheadUs: runTimeUs === null ? null : latencyUs - runTimeUs,
    runTimeUs,
    createdToStartedUs: startedAtUs === null ? null : startedAtUs - task.createdAtUs,
    createdToDispatchedUs: dispatchedAtUs === null ? null : dispatchedAtUs - task.createdAtUs,
    dispatchedToStartedUs: dispatchedAtUs === null || startedAtUs === null ? null : startedAtUs - dispatchedAtUs,
  };
}

export function computeTaskMetrics(tasks: readonly TaskRecord[], taskDurationSec: number): TaskMetrics {
  const distributions = {
    latencyUs: new Distribution(),
    overheadUs: new Distribution(),
    pickupOverheadUs: new Distribution(),
    runTimeUs: new Distribution(),
    createdToStartedUs: new Distribution(),
    createdToDispatchedUs: new Distribution(),
    dispatchedToStartedUs: new Distribution(),
  } satisfies Record<keyof TaskSamples, Distribution>;
  let firstCreated = Number.POSITIVE_INFINITY;
  let lastFinished = Number.NEGATIVE_INFINITY;
  let succeeded = 0;
  let failed = 0;
  const finishedAtUs: number[] = [];
  for (const task of tasks) {
    if (task.status === 'failed') failed += 1;
    const samples = taskSamples(task, taskDurationSec);
    if (!samples) continue;
    succeeded += 1;
    for (const [name, valueUs] of Object.entries(samples) as [keyof TaskSamples, number | null][])
      if (valueUs !== null) distributions[name].record(valueUs);
    firstCreated = Math.min(firstCreated, task.createdAtUs);
    lastFinished = Math.max(lastFinished, task.finishedAtUs!);
    finishedAtUs.push(task.finishedAtUs!);
  }
  const spanUs = succeeded > 0 ? lastFinished - firstCreated : 0;
  return {
    finished: succeeded + failed,
    succeeded,
    failed,
    latencyUs: distributions.latencyUs.summary(),
    overheadUs: distributions.overheadUs.summary(),
    pickupOverheadUs: distributions.pickupOverheadUs.summary(),
    createdToStartedUs: distributions.createdToStartedUs.summary(),
    createdToDispatchedUs: distributions.createdToDispatchedUs.summary(),
    dispatchedToStartedUs: distributions.dispatchedToStartedUs.summary(),
    runTimeUs: distributions.runTimeUs.summary(),
    spanUs,
    tasksPerSec: spanUs > 0 ? succeeded / (spanUs / 1e6) : 0,
    windows: THROUGHPUT_WINDOWS_SEC.map((windowSec) =>
      windowThroughput(finishedAtUs, firstCreated, firstCreated + spanUs, windowSec),
    ),
  };
}
