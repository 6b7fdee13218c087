/** `planebench orchestrator worker`: claims and runs tasks until SIGTERM (drain) or SIGINT (kill). */
import { parseArgs } from 'node:util';
import { Worker } from '../../../orchestrator/worker/worker.js';
import { printEvent, readyEvent, stoppedEvent, stopSignal } from '../process-lines.js';
import { STORE_FLAGS, STORE_USAGE, describeStore, openStoreFromFlags } from '../store-args.js';
import { WORKER_FLAGS, defined, workerFlagOptions } from '../worker-flags.js';

/** On stderr, in both outputs: a worker alone runs nothing until a scheduler expands runs. */
export const WAITING =
  'worker: waiting for tasks of runs dispatched by a scheduler (`planebench orchestrator run` on the same store); a worker does not turn triggered runs into tasks itself';

export const usage = `Usage: planebench orchestrator worker [options]
A task worker: claims tasks of runs a scheduler (\`orchestrator run\`) expanded, runs them,
until SIGTERM (drain) or Ctrl-C (kill). Any number share one PostgreSQL store. Prints one
line once started (ready: …) and one on stopping (stopped: …).
  --json                     one JSON object per line instead: {"event":"ready",…}, {"event":"stopped",…}
  --concurrency N            task subprocesses running at once (default 50)
  --prefetch N               claimed tasks held beyond --concurrency (default = --concurrency)
  --batch-size N             tasks claimed per iteration (default 100)
  --status-batch-size N      task status updates per store transaction (default 100)
  --poll-interval-ms N       an idle loop's sleep unless woken (default 1000)
  --lease-ms N               a claim expires unless renewed within this long (default 30000)
  --worker-id <id>           the name its claims carry (default: generated)
${STORE_USAGE}`;

export async function workerCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...STORE_FLAGS,
      ...WORKER_FLAGS,
      'worker-id': { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const options = { ...workerFlagOptions(values), ...defined({ workerId: values['worker-id'] }) };
  const store = await openStoreFromFlags(values);
  const worker = new Worker(store, options, {
    onError: (error) => process.stderr.write(`worker: ${error.message}\n`),
  });
  const stopRequested = stopSignal();
  worker.start();
  const json = values.json === true;
  printEvent(
    readyEvent({ role: 'worker', pid: process.pid, store: describeStore(values), options: worker.options }),
    json,
  );
  process.stderr.write(`${WAITING}\n`);
  const mode = await stopRequested;
  await worker.stop(mode);
  printEvent(stoppedEvent(mode), json);
  await store.close();
  return 0;
}
