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

export function computeTaskMetrics(tasks: readonly TaskRecord[], taskDurationSec: number): TaskMetrics {
  const latency = new Distribution();
  const overhead = new Distribution();
  const pickup = new Distribution();
  const toStart = new Distribution();
  const toDispatch = new Distribution();
  const dispatchToStart = new Distribution();
  const runTime = new Distribution();
  const durationUs = taskDurationSec * 1e6;
  let firstCreated = Number.POSITIVE_INFINITY;
  let lastFinished = Number.NEGATIVE_INFINITY;
  let succeeded = 0;
  let failed = 0;
  for (const task of tasks) {
    if (task.status === 'failed') failed += 1;
    if (task.status !== 'success') continue;
    succeeded += 1;
    const finishedAt = task.finishedAtUs!;
    const latencyUs = finishedAt - task.createdAtUs;
    latency.record(latencyUs);
    overhead.record(latencyUs - durationUs);
    if (task.runTimeUs !== null) {
      pickup.record(latencyUs - task.runTimeUs);
      runTime.record(task.runTimeUs);
    }
    if (task.startedAtUs !== null) toStart.record(task.startedAtUs - task.createdAtUs);
    if (task.dispatchedAtUs !== null) {
      toDispatch.record(task.dispatchedAtUs - task.createdAtUs);
      if (task.startedAtUs !== null) dispatchToStart.record(task.startedAtUs - task.dispatchedAtUs);
    }
    firstCreated = Math.min(firstCreated, task.createdAtUs);
    lastFinished = Math.max(lastFinished, finishedAt);
  }
  const spanUs = succeeded > 0 ? lastFinished - firstCreated : 0;
  return {
    finished: succeeded + failed,
    succeeded,
    failed,
    latencyUs: latency.summary(),
    overheadUs: overhead.summary(),
    pickupOverheadUs: pickup.summary(),
    createdToStartedUs: toStart.summary(),
    createdToDispatchedUs: toDispatch.summary(),
    dispatchedToStartedUs: dispatchToStart.summary(),
    runTimeUs: runTime.summary(),
    spanUs,
    tasksPerSec: spanUs > 0 ? succeeded / (spanUs / 1e6) : 0,
  };
}
