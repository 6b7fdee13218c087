/**
 * The orchestrator's data model: a workflow is a name and tasks with a command;
 * a run is one triggered workflow; a task moves
 * pending → dispatched → running → success | failed.
 * Every timestamp is wall-clock microseconds since the epoch (`…AtUs`).
 */

export const TASK_STATUSES = ['pending', 'dispatched', 'running', 'success', 'failed'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export type TerminalTaskStatus = Extract<TaskStatus, 'success' | 'failed'>;

export const RUN_STATUSES = ['pending', 'running', 'success', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export interface TaskDefinition {
  readonly name: string;
  /** Executable and arguments; run without a shell. */
  readonly command: readonly string[];
  /** The task is killed and failed after this long; 0 = no limit. */
  readonly timeoutMs?: number;
  /** How often a task whose lease expired is requeued before it fails. */
  readonly maxAttempts?: number;
}

export interface WorkflowDefinition {
  readonly name: string;
  readonly tasks: readonly TaskDefinition[];
}

export interface RunRecord {
  readonly id: number;
  readonly workflowName: string;
  readonly status: RunStatus;
  readonly taskCount: number;
  readonly createdAtUs: number;
  readonly finishedAtUs: number | null;
}

export interface TaskRecord {
  readonly id: number;
  readonly runId: number;
  readonly name: string;
  readonly command: readonly string[];
  readonly timeoutMs: number;
  readonly status: TaskStatus;
  /** How many times the task was claimed. */
  readonly attempt: number;
  readonly maxAttempts: number;
  readonly workerId: string | null;
  readonly leaseExpiresAtUs: number | null;
  readonly exitCode: number | null;
  readonly error: string | null;
  /** When the work was requested: the run's trigger time. */
  readonly createdAtUs: number;
  readonly dispatchedAtUs: number | null;
  readonly startedAtUs: number | null;
  readonly finishedAtUs: number | null;
  /** The task's own run time, spawn to exit, measured by the executor. */
  readonly runTimeUs: number | null;
}

/** A task handed to a worker by a claim. */
export interface ClaimedTask {
  readonly id: number;
  readonly runId: number;
  readonly command: readonly string[];
  readonly timeoutMs: number;
  readonly attempt: number;
  readonly workerId: string;
}

/** A status change reported by the worker that holds the task's claim. */
export type TaskUpdate =
  | {
      readonly kind: 'started';
      readonly taskId: number;
      readonly workerId: string;
      readonly attempt: number;
      readonly startedAtUs: number;
    }
  | {
      readonly kind: 'finished';
      readonly taskId: number;
      readonly workerId: string;
      readonly attempt: number;
      readonly status: TerminalTaskStatus;
      readonly startedAtUs: number;
      readonly finishedAtUs: number;
      readonly runTimeUs: number;
      readonly exitCode: number | null;
      readonly error: string | null;
    };

export type StatusCounts = Readonly<Record<TaskStatus, number>>;

export function emptyStatusCounts(): Record<TaskStatus, number> {
  return { pending: 0, dispatched: 0, running: 0, success: 0, failed: 0 };
}

export type RunStatusCounts = Readonly<Record<RunStatus, number>>;

export function emptyRunStatusCounts(): Record<RunStatus, number> {
  return { pending: 0, running: 0, success: 0, failed: 0 };
}

/** What wakes a sleeping scheduler or worker: new runs, new tasks, or task updates. */
export type WorkKind = 'runs' | 'tasks' | 'updates';
