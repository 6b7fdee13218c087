/** Maps database rows (snake_case, either store) to the model's records. */
import type { ClaimedTask, RunRecord, RunStatus, TaskRecord, TaskStatus } from '../model.js';

export interface TaskRow {
  id: number | string;
  run_id: number | string;
  name: string;
  command: string | string[];
  timeout_ms: number;
  status: string;
  attempt: number;
  max_attempts: number;
  worker_id: string | null;
  lease_expires_at_us: number | string | null;
  exit_code: number | null;
  error: string | null;
  created_at_us: number | string;
  dispatched_at_us: number | string | null;
  started_at_us: number | string | null;
  finished_at_us: number | string | null;
  run_time_us: number | string | null;
}

export interface RunRow {
  id: number | string;
  workflow_name: string;
  status: string;
  task_count: number;
  created_at_us: number | string;
  finished_at_us: number | string | null;
}

export interface ClaimRow {
  id: number | string;
  run_id: number | string;
  command: string | string[];
  timeout_ms: number;
  attempt: number;
}

const num = (v: number | string): number => Number(v);
const optNum = (v: number | string | null): number | null => (v === null ? null : Number(v));
const commandOf = (v: string | string[]): string[] => (typeof v === 'string' ? (JSON.parse(v) as string[]) : v);

export function toTaskRecord(row: TaskRow): TaskRecord {
  return {
    id: num(row.id),
    runId: num(row.run_id),
    name: row.name,
    command: commandOf(row.command),
    timeoutMs: row.timeout_ms,
    status: row.status as TaskStatus,
    attempt: row.attempt,
    maxAttempts: row.max_attempts,
    workerId: row.worker_id,
    leaseExpiresAtUs: optNum(row.lease_expires_at_us),
    exitCode: row.exit_code,
    error: row.error,
    createdAtUs: num(row.created_at_us),
    dispatchedAtUs: optNum(row.dispatched_at_us),
    startedAtUs: optNum(row.started_at_us),
    finishedAtUs: optNum(row.finished_at_us),
    runTimeUs: optNum(row.run_time_us),
  };
}

export function toRunRecord(row: RunRow): RunRecord {
  return {
    id: num(row.id),
    workflowName: row.workflow_name,
    status: row.status as RunStatus,
    taskCount: row.task_count,
    createdAtUs: num(row.created_at_us),
    finishedAtUs: optNum(row.finished_at_us),
  };
}

export function toClaimedTask(row: ClaimRow, workerId: string): ClaimedTask {
  return {
    id: num(row.id),
    runId: num(row.run_id),
    command: commandOf(row.command),
    timeoutMs: row.timeout_ms,
    attempt: row.attempt,
    workerId,
  };
}

export const DEFAULT_MAX_ATTEMPTS = 3;
