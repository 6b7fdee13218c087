/**
 * `planebench orchestrator run`: the scheduler, until SIGTERM (drains running
 * tasks) or SIGINT (kills them). Prints a `ready` line once it is listening, a
 * line per run that finishes (human output only), and on stopping a `stopped`
 * line with the loop's summary and its stalls (event-loop delay and GC pauses
 * while it ran: how long the control plane was deaf); each a person's line, or
 * with --json a JSON object (process-lines.ts). --verbose adds one line per busy
 * iteration on stderr.
 */
import { parseArgs } from 'node:util';
import { StallMonitor } from '../../../harness/resources/stall-monitor.js';
import { wallClockUs } from '../../../orchestrator/clock.js';
import { coerceError } from '../../../orchestrator/errors.js';
import { Scheduler } from '../../../orchestrator/scheduler/scheduler.js';
import type { SchedulerOptions } from '../../../orchestrator/options.js';
import { FinishedRuns } from '../finished-runs.js';
import { integerFlag } from '../number-flag.js';
import { WORKER_FLAGS, defined, workerFlagOptions } from '../worker-flags.js';
import { printEvent, readyEvent, runFinishedEvent, stoppedEvent, stopSignal } from '../process-lines.js';
import { STORE_FLAGS, STORE_USAGE, describeStore, openStoreFromFlags } from '../store-args.js';

export const usage = `Usage: planebench orchestrator run [options]
The scheduler: turns triggered runs into tasks and runs them, until SIGTERM (drains running
tasks) or Ctrl-C (kills them). Creates the SQLite store if it does not exist. Prints one line
once listening (ready: …), one per run that finishes (run 7 (hello) finished: …) and one with
its summary on stopping (stopped: …).
  --json                     one JSON object per line instead: {"event":"ready",…} once listening,
                             {"event":"stopped",…} with the loop's summary and stalls on stopping
  --config <name>            sizes from perf-configs/<name>.yaml (or a YAML file's path)
  --concurrency N            task subprocesses running at once (default 50)
  --prefetch N               claimed tasks held beyond --concurrency (default = --concurrency)
  --batch-size N             runs expanded and tasks claimed per iteration (default 100)
  --status-batch-size N      task status updates per store transaction (default 100)
  --poll-interval-ms N       an idle loop's sleep unless woken (default 1000)
  --lease-ms N               a claim expires unless renewed within this long (default 30000)
  --reclaim-interval-ms N    how often expired leases are reclaimed (default 1000)
  --no-local-worker          run no tasks here: \`worker\` processes run them (PostgreSQL)
  --verbose                  one line per busy iteration on stderr
${STORE_USAGE}`;

export async function runCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...STORE_FLAGS,
      ...WORKER_FLAGS,
      config: { type: 'string' },
      'reclaim-interval-ms': { type: 'string' },
      'no-local-worker': { type: 'boolean' },
      verbose: { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  const fromConfig: SchedulerOptions = values.config
    ? (await import('../../../orchestrator/perf/perf-config.js')).loadPerfConfig(values.config).scheduler
    : {};
  const options: SchedulerOptions = {
    ...fromConfig,
    ...workerFlagOptions(values),
    ...defined({
      reclaimIntervalMs: integerFlag('reclaim-interval-ms', values['reclaim-interval-ms']),
    }),
    localWorker: values['no-local-worker'] !== true,
  };
  const store = await openStoreFromFlags(values);
  const scheduler = new Scheduler(store, options, {
    onError: (error) => process.stderr.write(`scheduler: ${error.message}\n`),
    ...(values.verbose ? { onIteration: (t) => process.stderr.write(`iteration ${JSON.stringify(t)}\n`) } : {}),
  });
  const json = values.json === true;
  const finishedRuns = json
    ? undefined
    : new FinishedRuns(store, {
        sinceUs: wallClockUs(),
        onFinished: (run, tasks) => printEvent(runFinishedEvent(run, tasks), false),
        onError: (error) => process.stderr.write(`scheduler: ${coerceError(error).message}\n`),
      });
  const stopRequested = stopSignal();
  const stalls = new StallMonitor();
  stalls.start();
  scheduler.start();
  finishedRuns?.start();
  printEvent(
    readyEvent({ role: 'scheduler', pid: process.pid, store: describeStore(values), options: scheduler.options }),
    json,
  );
  const mode = await stopRequested;
  await scheduler.stop(mode);
  await finishedRuns?.stop();
  const stalled = await stalls.stop();
  printEvent(stoppedEvent(mode, { summary: scheduler.summary(), stalls: stalled }), json);
  await store.close();
  return 0;
}
