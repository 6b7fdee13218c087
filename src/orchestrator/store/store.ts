/**
 * The store holds workflows, runs and tasks. Two implementations pass one
 * contract suite (store-contract.ts): the embedded SQLite default and PostgreSQL.
 * Every write that creates work for someone else also wakes them (`onWork`).
 */
import type {
  ClaimedTask,
  RunRecord,
  RunStatusCounts,
  StatusCounts,
  TaskRecord,
  TaskUpdate,
  WorkflowDefinition,
  WorkKind,
} from '../model.js';
import type { ClockUs } from '../clock.js';

export type StoreKind = 'sqlite' | 'postgres';

export interface ClaimRequest {
  readonly workerId: string;
  readonly limit: number;
  readonly nowUs: number;
  /** The claim expires unless renewed within this many milliseconds. */
  readonly leaseMs: number;
  /**
   * When given, the claim's time (dispatched_at, the lease's start) is read from
   * it once the store holds what it waits for (PostgreSQL: a pooled connection;
   * SQLite: the write lock) instead of `nowUs`, so a claim that waited is not
   * stamped before the work it claims was created.
   */
  readonly clock?: ClockUs;
}

/** The time a claim is stamped with: the clock's reading now, or the request's `nowUs`. */
export function claimTimeUs(request: ClaimRequest): number {
  return request.clock ? request.clock() : request.nowUs;
}

export interface ExpandResult {
  /** Tasks created. */
  readonly created: number;
  /** The new tasks claimed for `claim.workerId`, oldest first. */
  readonly claimed: ClaimedTask[];
}

export interface ApplyResult {
  /** Updates that changed a task. */
  readonly applied: number;
  /** Updates refused because the task's claim moved on (lease reclaimed). */
  readonly stale: number;
}

export interface ReclaimResult {
  /** Tasks whose lease expired and that went back to pending. */
  readonly requeued: number;
  /** Tasks whose lease expired on their last attempt and that failed. */
  readonly failed: number;
}

/**
 * Push dispatch: a runner with free slots offers them, and a trigger that finds
 * an offer creates its run's tasks already dispatched to that runner and hands
 * them over in its notification, so they start without a claim round trip
 * after the wake-up. Runs that find no offer go the usual way (expand, claim).
 */
export interface PushDispatch {
  /**
   * Offers `slots` tasks to be pushed to `workerId` (0 withdraws), valid for
   * `leaseMs` from `nowUs` and while this store's listening connection lives.
   * Writes only when that changes the standing offer or renews one half gone.
   */
  offer(workerId: string, slots: number, leaseMs: number, nowUs: number): Promise<void>;
  /** Calls `listener` with the tasks triggers dispatched to `workerId` (already claimed for it). */
  onAssigned(workerId: string, listener: (tasks: ClaimedTask[]) => void): () => void;
}

export interface Store {
  readonly kind: StoreKind;
  /** Present when the store can push new runs' tasks to idle runners (PostgreSQL). */
  readonly push?: PushDispatch;
  /** Applies the numbered migrations that are missing. */
  migrate(): Promise<void>;
  /** Creates the workflow or replaces its definition; returns its id. */
  upsertWorkflow(definition: WorkflowDefinition): Promise<number>;
  /** Creates a pending run of a known workflow; returns the run id. */
  triggerRun(workflowName: string, createdAtUs: number): Promise<number>;
  /**
   * Turns up to `limit` pending runs into running runs with tasks. With `claim`,
   * up to `claim.limit` of the new tasks are claimed in the same transaction
   * (one round trip from trigger to dispatch); the rest are left pending.
   */
  expandPendingRuns(limit: number, nowUs: number, claim?: ClaimRequest): Promise<ExpandResult>;
  /** Claims up to `limit` pending tasks (pending → dispatched) for a worker. */
  claimTasks(request: ClaimRequest): Promise<ClaimedTask[]>;
  /** Applies a batch of updates in one transaction and completes runs whose tasks all finished. */
  applyUpdates(updates: readonly TaskUpdate[]): Promise<ApplyResult>;
  /** Extends the leases of these tasks where the worker still holds them in flight; returns how many. */
  renewLeases(workerId: string, taskIds: readonly number[], leaseUntilUs: number): Promise<number>;
  /** Requeues (or, on their last attempt, fails) tasks whose lease expired. */
  reclaimExpiredLeases(nowUs: number): Promise<ReclaimResult>;
  /**
   * Opens every connection the store will use now, so a burst of work does not
   * pay for them (PostgreSQL: the whole pool, a backend start-up each).
   */
  warmUp(): Promise<void>;
  countTasks(): Promise<StatusCounts>;
  listRuns(): Promise<RunRecord[]>;
  listTasks(): Promise<TaskRecord[]>;
  countRuns(): Promise<RunStatusCounts>;
  /** The newest `limit` runs, newest first. */
  listRecentRuns(limit: number): Promise<RunRecord[]>;
  /** The tasks of these runs, by id. */
  listTasksOfRuns(runIds: readonly number[]): Promise<TaskRecord[]>;
  /** The task with this id; undefined when there is none. */
  getTask(taskId: number): Promise<TaskRecord | undefined>;
  /** Deletes every run and task (workflows stay). */
  clean(): Promise<void>;
  /** Calls `listener` when another party (this or another process) created work of a kind. */
  onWork(listener: (kind: WorkKind) => void): () => void;
  close(): Promise<void>;
}
