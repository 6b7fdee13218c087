#!/usr/bin/env node
/**
 * A real daemon process built with the daemon library, for the signal tests
 * and the shutdown-latency benchmark. It runs a `worker` subsystem that wakes
 * every --work-interval-ms (racing `shutdown.cancelled()`, the seed's
 * `select!` on `cancelled()`), optionally a `stuck` subsystem that ignores
 * shutdown, and handles SIGTERM / SIGINT.
 *
 * stdout protocol (one line each): `ready <pid>` once the subsystems run, then
 * `report <json>` after shutdown, or, with --report-file, the report JSON is
 * written to that file instead (so a parent timing the exit has no output to
 * read in the meantime). The file is opened, and written once empty, at start, so
 * between the signal and the exit there is one write to an open file through code
 * already compiled. The exit code is 0 when everything stopped, 1 when something
 * was abandoned.
 */
import { openSync, writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { configBuilder, Daemon, exitCodeFor } from '../../src/daemon/index.js';

const { values } = parseArgs({
  options: {
    'health-interval-ms': { type: 'string', default: '30000' },
    'work-interval-ms': { type: 'string', default: '30000' },
    'shutdown-timeout-ms': { type: 'string', default: '5000' },
    'force-timeout-ms': { type: 'string', default: '10000' },
    'kill-timeout-ms': { type: 'string', default: '15000' },
    'pid-file': { type: 'string' },
    'report-file': { type: 'string' },
    stuck: { type: 'boolean', default: false },
  },
});

const config = configBuilder()
  .name('daemon-main')
  .healthCheckIntervalMs(Number(values['health-interval-ms']))
  .shutdownTimeoutMs(Number(values['shutdown-timeout-ms']))
  .forceTimeoutMs(Number(values['force-timeout-ms']))
  .killTimeoutMs(Number(values['kill-timeout-ms']))
  .pidFile(values['pid-file'] ?? null)
  .build();
const workIntervalMs = Number(values['work-interval-ms']);
const reportFile = values['report-file'];
const reportFd = reportFile === undefined ? undefined : openSync(reportFile, 'w');
// The report is how the parent learns the outcome, not part of the shutdown it times: an empty
// write now runs fs.writeSync's JavaScript once, so the write after the drain costs no compilation.
if (reportFd !== undefined) writeSync(reportFd, '');

const builder = Daemon.builder(config)
  .withSignals()
  .withTask('worker', async (shutdown) => {
    while (!shutdown.isShutdown) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        shutdown.cancelled(),
        new Promise((resolve) => (timer = setTimeout(resolve, workIntervalMs))),
      ]);
      clearTimeout(timer);
    }
  });
if (values.stuck) {
  builder.withTask('stuck', () => new Promise<void>(() => setInterval(() => {}, 1_000)));
}
const daemon = builder.build();

const lastName = values.stuck ? 'stuck' : 'worker';
daemon.events
  .next((e) => e.type === 'state-changed' && e.state === 'running' && e.name === lastName)
  .then(
    () => process.stdout.write(`ready ${process.pid}\n`),
    () => {},
  );

daemon.run().then(
  (report) => {
    if (reportFd === undefined) process.stdout.write(`report ${JSON.stringify(report)}\n`);
    else writeSync(reportFd, JSON.stringify(report));
    process.exit(exitCodeFor(report));
  },
  (error: unknown) => {
    process.stderr.write(`daemon failed: ${String(error)}\n`);
    process.exit(2);
  },
);
