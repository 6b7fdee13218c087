/**
 * Scheduler and worker options: the input types, one resolved readonly type
 * with every default filled in, and validation that names field, rule and value.
 * All defaults live here.
 */
import { hostname } from 'node:os';
import { checkInput } from './errors.js';

/** What every loop that runs tasks takes: the standalone worker, and the scheduler's local worker. */
export interface WorkerOptions {
  /** How long an iteration that found no work sleeps, unless woken; ms. */
  readonly pollIntervalMs?: number;
  /** Runs expanded and tasks claimed per iteration at most. */
  readonly batchSize?: number;
  /** Task subprocesses running at once (the dispatch concurrency). */
  readonly concurrency?: number;
  /** Task status updates written per store transaction (the status-check concurrency). */
  readonly statusBatchSize?: number;
  /**
   * Claimed tasks held beyond `concurrency`, started the moment a running task
   * exits (default: as many as `concurrency`; 0 = claim only for free slots).
   */
  readonly prefetch?: number;
  /** A claim expires unless renewed within this long; ms. */
  readonly leaseMs?: number;
  /** Who claims the tasks, as the store records it (default: `<role>-<host>-<pid>`). */
  readonly workerId?: string;
}

export type ResolvedWorkerOptions = Readonly<Required<WorkerOptions>>;

export interface SchedulerOptions extends WorkerOptions {
  /** How often expired leases are reclaimed; ms. */
  readonly reclaimIntervalMs?: number;
  /** Whether this process runs tasks itself (false when separate workers do). */
  readonly localWorker?: boolean;
}

export type ResolvedSchedulerOptions = Readonly<Required<SchedulerOptions>>;

export const DEFAULTS = {
  pollIntervalMs: 1000,
  batchSize: 100,
  concurrency: 50,
  statusBatchSize: 100,
  leaseMs: 30_000,
  reclaimIntervalMs: 1000,
} as const;

function positiveInteger(field: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  return checkInput.positiveInteger(field, value);
}

function nonNegativeInteger(field: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  return checkInput.nonNegativeInteger(field, value);
}

export function defaultWorkerId(role: string): string {
  return `${role}-${hostname()}-${process.pid}`;
}

export function resolveWorkerOptions(input: WorkerOptions = {}): ResolvedWorkerOptions {
  const leaseMs = positiveInteger('leaseMs', input.leaseMs, DEFAULTS.leaseMs);
  if (leaseMs < 30) checkInput.fail('leaseMs', 'at least 30', leaseMs);
  const workerId = checkInput.nonEmptyString('workerId', input.workerId ?? defaultWorkerId('worker'));
  const concurrency = positiveInteger('concurrency', input.concurrency, DEFAULTS.concurrency);
  return Object.freeze({
    pollIntervalMs: positiveInteger('pollIntervalMs', input.pollIntervalMs, DEFAULTS.pollIntervalMs),
    batchSize: positiveInteger('batchSize', input.batchSize, DEFAULTS.batchSize),
    concurrency,
    statusBatchSize: positiveInteger('statusBatchSize', input.statusBatchSize, DEFAULTS.statusBatchSize),
    prefetch: nonNegativeInteger('prefetch', input.prefetch, concurrency),
    leaseMs,
    workerId,
  });
}

export function resolveSchedulerOptions(input: SchedulerOptions = {}): ResolvedSchedulerOptions {
  const worker = resolveWorkerOptions({ ...input, workerId: input.workerId ?? defaultWorkerId('scheduler') });
  const localWorker = checkInput.boolean('localWorker', input.localWorker ?? true);
  return Object.freeze({
    ...worker,
    reclaimIntervalMs: positiveInteger('reclaimIntervalMs', input.reclaimIntervalMs, DEFAULTS.reclaimIntervalMs),
    localWorker,
  });
}
