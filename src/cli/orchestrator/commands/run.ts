/**
 * `planebench orchestrator run`: the scheduler, until SIGTERM (drains running
 * tasks) or SIGINT (kills them). Prints one JSON line `{"event":"ready"}` once
 * it is listening, with --verbose one line per busy iteration, and on stopping
 * `{"event":"stopped"}` with the loop's summary and its stalls (event-loop
 * delay and GC pauses while it ran: how long the control plane was deaf).
 */
import { parseArgs } from 'node:util';
import { StallMonitor } from '../../../harness/resources/stall-monitor.js';
import { Scheduler } from '../../../orchestrator/scheduler/scheduler.js';
import type { SchedulerOptions } from '../../../orchestrator/options.js';
import { integerFlag } from '../number-flag.js';
import { STORE_FLAGS, describeStore, openStoreFromFlags } from '../store-args.js';

export async function runCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...STORE_FLAGS,
      config: { type: 'string' },
      'poll-interval-ms': { type: 'string' },
      'batch-size': { type: 'string' },
      concurrency: { type: 'string' },
      'status-batch-size': { type: 'string' },
      prefetch: { type: 'string' },
      'lease-ms': { type: 'string' },
      'reclaim-interval-ms': { type: 'string' },
      'no-local-worker': { type: 'boolean' },
      verbose: { type: 'boolean' },
    },
  });
  const fromConfig: SchedulerOptions = values.config
    ? (await import('../../../orchestrator/perf/perf-config.js')).loadPerfConfig(values.config).scheduler
    : {};
  const options: SchedulerOptions = {
    ...fromConfig,
    ...defined({
      pollIntervalMs: integerFlag('poll-interval-ms', values['poll-interval-ms']),
      batchSize: integerFlag('batch-size', values['batch-size']),
      concurrency: integerFlag('concurrency', values.concurrency),
      statusBatchSize: integerFlag('status-batch-size', values['status-batch-size']),
      prefetch: integerFlag('prefetch', values.prefetch, 'non-negative'),
      leaseMs: integerFlag('lease-ms', values['lease-ms']),
      reclaimIntervalMs: integerFlag('reclaim-interval-ms', values['reclaim-interval-ms']),
    }),
    localWorker: values['no-local-worker'] !== true,
  };
  const store = await openStoreFromFlags(values);
  const scheduler = new Scheduler(store, options, {
    onError: (error) => process.stderr.write(`scheduler: ${error.message}\n`),
    ...(values.verbose ? { onIteration: (t) => process.stderr.write(`iteration ${JSON.stringify(t)}\n`) } : {}),
  });
  const stalls = new StallMonitor();
  stalls.start();
  scheduler.start();
  process.stdout.write(
    `${JSON.stringify({ event: 'ready', pid: process.pid, store: describeStore(values), options: scheduler.options })}\n`,
  );
  const mode = await new Promise<'drain' | 'kill'>((resolve) => {
    process.once('SIGTERM', () => resolve('drain'));
    process.once('SIGINT', () => resolve('kill'));
  });
  await scheduler.stop(mode);
  const stalled = await stalls.stop();
  process.stdout.write(`${JSON.stringify({ event: 'stopped', summary: scheduler.summary(), stalls: stalled })}\n`);
  await store.close();
  return 0;
}

function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
