/**
 * What `orchestrator run` and `orchestrator worker` print on stdout: one line
 * per event, for a person by default, one JSON object per line with `--json`
 * (for programs: src/orchestrator/orchestrator-process.ts passes it). Each event
 * has one JSON shape and one human line, built here.
 */
import type { StopMode } from '../../orchestrator/loop/orchestrator-loop.js';
import type { IterationSummary } from '../../orchestrator/scheduler/iteration-stats.js';
import type { RunRecord, TaskRecord } from '../../orchestrator/model.js';
import type { StallSummary } from '../../harness/resources/stall-monitor.js';
import { DEFAULT_TASK_SPAWNER } from '../../orchestrator/executor/group-spawn.js';
import { formatDurationUs } from './format.js';

export interface ProcessEvent {
  readonly json: Readonly<Record<string, unknown>> & { readonly event: string };
  readonly human: string;
}

/** Writes the event as its JSON line or its human line. */
export function printEvent(event: ProcessEvent, json: boolean): void {
  process.stdout.write(`${json ? JSON.stringify(event.json) : event.human}\n`);
}

export interface ReadyInput {
  readonly role: 'scheduler' | 'worker';
  readonly pid: number;
  /** describeStore's text: `sqlite (/tmp/x.db)`, `postgres (postgres://u:***@h/db)`. */
  readonly store: string;
  readonly options: { readonly concurrency: number; readonly workerId: string; readonly localWorker?: boolean };
}

/** `ready: scheduler + local worker (up to 50 tasks at once, started with posix_spawn) on sqlite (/tmp/x.db) (pid 1234)`. */
export function readyEvent(input: ReadyInput): ProcessEvent {
  const { role, pid, store, options } = input;
  const spawner = DEFAULT_TASK_SPAWNER;
  const slots = `up to ${options.concurrency} tasks at once, started with ${spawner}`;
  const who =
    role === 'worker'
      ? `worker ${options.workerId} (${slots})`
      : options.localWorker === false
        ? 'scheduler, no local worker (`orchestrator worker` processes run the tasks)'
        : `scheduler + local worker (${slots})`;
  return {
    json: { event: 'ready', pid, store, options, spawner },
    human: `ready: ${who} on ${store} (pid ${pid})`,
  };
}

/** `run 7 (hello) finished: 10 tasks, 10 succeeded, 0 failed in 1.20 s` (trigger to the last task's end). */
export function runFinishedEvent(run: RunRecord, tasks: readonly TaskRecord[]): ProcessEvent {
  const succeeded = tasks.filter((t) => t.status === 'success').length;
  const failed = tasks.filter((t) => t.status === 'failed').length;
  const durationUs = (run.finishedAtUs ?? run.createdAtUs) - run.createdAtUs;
  return {
    json: {
      event: 'run-finished',
      runId: run.id,
      workflow: run.workflowName,
      status: run.status,
      tasks: run.taskCount,
      succeeded,
      failed,
      durationUs,
    },
    human: `run ${run.id} (${run.workflowName}) finished: ${run.taskCount} tasks, ${succeeded} succeeded, ${failed} failed in ${formatDurationUs(durationUs)}`,
  };
}

/**
 * Resolves on SIGTERM (drain) or SIGINT (kill). Call it before printing `ready`: whoever reads
 * that line may signal at once, and a signal with no listener yet terminates the process.
 */
export function stopSignal(): Promise<StopMode> {
  return new Promise((resolve) => {
    process.once('SIGTERM', () => resolve('drain'));
    process.once('SIGINT', () => resolve('kill'));
  });
}

const STOPPED_HOW: Record<StopMode, string> = { drain: 'running tasks drained', kill: 'running tasks killed' };

/**
 * The scheduler's: `stopped: running tasks drained; 120 iterations (8 busy), longest 3 ms; event loop delay
 * max 4 ms, 2 GC pauses (max 1.0 ms)`. The worker's has no summary: `stopped: running tasks drained`.
 */
export function stoppedEvent(
  mode: StopMode,
  scheduler?: { readonly summary: IterationSummary; readonly stalls: StallSummary },
): ProcessEvent {
  if (!scheduler) return { json: { event: 'stopped', mode }, human: `stopped: ${STOPPED_HOW[mode]}` };
  const { summary, stalls } = scheduler;
  return {
    json: { event: 'stopped', mode, summary, stalls },
    human:
      `stopped: ${STOPPED_HOW[mode]}; ${summary.iterations} iterations (${summary.busyIterations} busy), ` +
      `longest ${formatDurationUs(summary.maxUs)}; event loop delay max ${formatDurationUs(stalls.loopDelayMaxUs)}, ` +
      `${stalls.gcPauses} GC pauses (max ${formatDurationUs(stalls.gcPauseMaxUs)})`,
  };
}
