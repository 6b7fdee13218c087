/** `planebench orchestrator worker`: claims and runs tasks until SIGTERM (drain) or SIGINT (kill). */
import { parseArgs } from 'node:util';
import { Worker } from '../../../orchestrator/worker/worker.js';
import { integerFlag } from '../number-flag.js';
import { STORE_FLAGS, describeStore, openStoreFromFlags } from '../store-args.js';

export async function workerCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...STORE_FLAGS,
      concurrency: { type: 'string' },
      'batch-size': { type: 'string' },
      'status-batch-size': { type: 'string' },
      prefetch: { type: 'string' },
      'lease-ms': { type: 'string' },
      'poll-interval-ms': { type: 'string' },
      'worker-id': { type: 'string' },
    },
  });
  const options = Object.fromEntries(
    Object.entries({
      concurrency: integerFlag('concurrency', values.concurrency),
      batchSize: integerFlag('batch-size', values['batch-size']),
      statusBatchSize: integerFlag('status-batch-size', values['status-batch-size']),
      prefetch: integerFlag('prefetch', values.prefetch, 'non-negative'),
      leaseMs: integerFlag('lease-ms', values['lease-ms']),
      pollIntervalMs: integerFlag('poll-interval-ms', values['poll-interval-ms']),
      workerId: values['worker-id'],
    }).filter(([, v]) => v !== undefined),
  );
  const store = await openStoreFromFlags(values);
  const worker = new Worker(store, options, {
    onError: (error) => process.stderr.write(`worker: ${error.message}\n`),
  });
  worker.start();
  process.stdout.write(
    `${JSON.stringify({ event: 'ready', pid: process.pid, store: describeStore(values), options: worker.options })}\n`,
  );
  const mode = await new Promise<'drain' | 'kill'>((resolve) => {
    process.once('SIGTERM', () => resolve('drain'));
    process.once('SIGINT', () => resolve('kill'));
  });
  await worker.stop(mode);
  await store.close();
  return 0;
}
