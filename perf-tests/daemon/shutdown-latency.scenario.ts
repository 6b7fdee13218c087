/**
 * SIGTERM → exit of a real daemon process whose monitoring loop and worker
 * wake only every 30 s: the time from sending the signal to the parent seeing
 * the process exit. Shutdown bounded by the signal keeps this at
 * process-teardown cost; a loop that slept its interval would take up to 30 s.
 *
 * Every run is paired with two floors, measured the same way and as often (a
 * p99 of fewer samples would read lower): a bare Node process that exits in its
 * SIGTERM handler — the floor this machine sets for any Node process — and the
 * same process after importing the compiled daemon library, whose exit costs
 * more by the memory the library's code takes (a process's exit time grows
 * with its heap). The daemon's own shutdown is what it takes over the second. The signal goes to
 * a process that has been up for `settleMs`, so the tail of its start-up (lazy
 * compilation, start-up garbage) is not counted as shutdown latency.
 * The daemon runs from the compiled library under plain `node`.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { byProfile } from '../../src/harness/profile.js';
import { defineScenario, type SampleRecorder } from '../../src/harness/scenario.js';
import { spawnDaemonChild, type DaemonChildOptions, type DaemonExit } from '../../test-scripts/daemon/spawn-daemon.js';
import { loadCompiledDaemon } from './support/compiled-daemon.js';

export interface ShutdownLatencyParams {
  readonly healthIntervalMs: number;
  /** How long the process has been ready when the signal is sent, ms. */
  readonly settleMs: number;
}

interface ReportLine {
  readonly outcome: string;
  readonly durationMs: number;
}

const BARE_NODE = [
  "process.on('SIGTERM', () => process.exit(0));",
  "process.stdout.write('ready ' + process.pid + '\\n');",
  'setInterval(() => {}, 30000);',
].join(' ');

/** The bare process, as an ES module that first imports the library at `url`. */
function libraryLoadedNode(url: string): string {
  return `await import(${JSON.stringify(url)}); ${BARE_NODE}`;
}

/** Starts the process, sends SIGTERM once it is ready, records signal → 'exit' event in µs. */
async function sigtermToExit(
  options: DaemonChildOptions,
  settleMs: number,
  now: () => number,
  recorder: SampleRecorder,
): Promise<DaemonExit> {
  const child = await spawnDaemonChild(options);
  try {
    await delay(settleMs);
    const sentAt = now();
    process.kill(child.pid, 'SIGTERM');
    const exitedAt = await child.exitEventAtMs;
    recorder.record((exitedAt - sentAt) * 1000);
    return await child.exited;
  } finally {
    child.kill();
    await child.exited;
  }
}

async function readReport(path: string): Promise<ReportLine | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as ReportLine;
  } catch {
    return undefined;
  }
}

export default defineScenario<ShutdownLatencyParams>(async (ctx) => {
  // Per trial; the harness runs 1 / 3 / 5 trials, so 3 / 30 / 100 signals in all.
  const runs = byProfile(ctx.profile, { smoke: 3, ci: 10, full: 20 });
  const { settleMs } = ctx.params;
  const interval = String(ctx.params.healthIntervalMs);
  const daemonExit = ctx.histogram('sigtermToExitUs', 'latencyUs', { stats: ['p50', 'p99', 'max'] });
  const bareExit = ctx.histogram('bareNodeSigtermToExitUs', 'latencyUs', { stats: ['p50', 'p99'], gate: false });
  const libraryExit = ctx.histogram('libraryLoadedSigtermToExitUs', 'latencyUs', {
    stats: ['p50', 'p99'],
    gate: false,
  });
  const drain = ctx.histogram('shutdownDrainUs', 'latencyUs', { stats: ['p50', 'p99'], gate: false });
  let unclean = 0;
  const compiled = await loadCompiledDaemon();
  const reports = await mkdtemp(join(tmpdir(), 'daemon-reports-'));
  try {
    for (let i = 0; i < runs && !ctx.signal.aborted; i += 1) {
      // The report goes to a file, read after the exit: nothing to read from the child while timing it.
      const reportFile = join(reports, `report-${i}.json`);
      await sigtermToExit({ nodeArgs: ['-e'], script: BARE_NODE }, settleMs, () => ctx.now(), bareExit);
      await sigtermToExit(
        { nodeArgs: ['--input-type=module', '-e'], script: libraryLoadedNode(compiled.libraryUrl) },
        settleMs,
        () => ctx.now(),
        libraryExit,
      );
      const exit = await sigtermToExit(
        {
          nodeArgs: [],
          script: compiled.daemonMain,
          args: ['--health-interval-ms', interval, '--work-interval-ms', interval, '--report-file', reportFile],
        },
        settleMs,
        () => ctx.now(),
        daemonExit,
      );
      const report = await readReport(reportFile);
      if (exit.code !== 0 || report?.outcome !== 'graceful') unclean += 1;
      if (report !== undefined) drain.record(report.durationMs * 1000);
    }
  } finally {
    await rm(reports, { recursive: true, force: true });
    await compiled.release();
  }
  ctx.value('uncleanExits', 'count', unclean);
  ctx.note('runs', runs);
  ctx.note('healthIntervalMs', ctx.params.healthIntervalMs);
  ctx.note('settleMs', settleMs);
});
