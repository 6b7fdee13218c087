import type { TaskRecord } from '../model.js';
import { computeTaskMetrics, taskSamples } from './task-metrics.js';

/** A finished task; times in µs from its run's trigger at `createdAtUs`. */
function task(
  id: number,
  createdAtUs: number,
  times: { dispatched: number; started: number; finished: number; runTime: number },
  status: TaskRecord['status'] = 'success',
): TaskRecord {
  return {
    id,
    runId: id,
    name: 'task-1',
    command: ['true'],
    timeoutMs: 0,
    status,
    attempt: 1,
    maxAttempts: 3,
    workerId: 'w',
    leaseExpiresAtUs: null,
    exitCode: status === 'success' ? 0 : 1,
    error: null,
    createdAtUs,
    dispatchedAtUs: createdAtUs + times.dispatched,
    startedAtUs: createdAtUs + times.started,
    finishedAtUs: createdAtUs + times.finished,
    runTimeUs: times.runTime,
  };
}

describe('computeTaskMetrics', () => {
  const tasks = [
    task(1, 1_000_000, { dispatched: 1_000, started: 1_500, finished: 12_000, runTime: 10_000 }),
    task(2, 1_100_000, { dispatched: 3_000, started: 3_200, finished: 14_000, runTime: 10_500 }),
    task(3, 1_200_000, { dispatched: 500, started: 900, finished: 50_000, runTime: 5_000 }, 'failed'),
  ];
  const metrics = computeTaskMetrics(tasks, 0.01);

  it('counts finished tasks and measures latency, overhead and pick-up from succeeded ones only', () => {
    expect(metrics).toMatchObject({ finished: 3, succeeded: 2, failed: 1 });
    expect(metrics.latencyUs).toMatchObject({ count: 2, min: 12_000, max: 14_000, avg: 13_000 });
    expect(metrics.overheadUs).toMatchObject({ min: 2_000, max: 4_000 });
    expect(metrics.pickupOverheadUs).toMatchObject({ min: 2_000, max: 3_500 });
  });

  it('splits created → started at the claim into its two parts', () => {
    expect(metrics.createdToStartedUs).toMatchObject({ count: 2, min: 1_500, max: 3_200 });
    expect(metrics.createdToDispatchedUs).toMatchObject({ count: 2, min: 1_000, max: 3_000 });
    expect(metrics.dispatchedToStartedUs).toMatchObject({ count: 2, min: 200, max: 500 });
  });

  it('takes throughput over the span from the first trigger to the last finish', () => {
    expect(metrics.spanUs).toBe(114_000);
    expect(metrics.tasksPerSec).toBeCloseTo(2 / 0.114, 6);
  });

  it('has no samples for a failed task, and no split for a task whose claim time is missing', () => {
    expect(taskSamples(tasks[2]!, 0.01)).toBeNull();
    const unclaimed = { ...tasks[0]!, dispatchedAtUs: null };
    expect(taskSamples(unclaimed, 0.01)).toMatchObject({
      latencyUs: 12_000,
      createdToStartedUs: 1_500,
      createdToDispatchedUs: null,
      dispatchedToStartedUs: null,
    });
  });
});
