/**
 * The flags `run` and `worker` share: how a process claims and runs tasks
 * (WorkerOptions, src/orchestrator/options.ts). A flag not given leaves its
 * option out, so the default or the config file's value stands.
 */
import type { WorkerOptions } from '../../orchestrator/options.js';
import { integerFlag } from './number-flag.js';

export const WORKER_FLAGS = {
  concurrency: { type: 'string' },
  prefetch: { type: 'string' },
  'batch-size': { type: 'string' },
  'status-batch-size': { type: 'string' },
  'poll-interval-ms': { type: 'string' },
  'lease-ms': { type: 'string' },
} as const;

export type WorkerFlags = { readonly [K in keyof typeof WORKER_FLAGS]?: string | undefined };

/** Only the properties whose value is not undefined. */
export function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function workerFlagOptions(values: WorkerFlags): WorkerOptions {
  return defined({
    concurrency: integerFlag('concurrency', values.concurrency),
    prefetch: integerFlag('prefetch', values.prefetch, 'non-negative'),
    batchSize: integerFlag('batch-size', values['batch-size']),
    statusBatchSize: integerFlag('status-batch-size', values['status-batch-size']),
    pollIntervalMs: integerFlag('poll-interval-ms', values['poll-interval-ms']),
    leaseMs: integerFlag('lease-ms', values['lease-ms']),
  });
}
