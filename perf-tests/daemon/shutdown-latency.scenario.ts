/**
 * SIGTERM → exit of a real daemon process whose monitoring loop and worker
 * wake only every 30 s: the time from sending the signal to the parent seeing
 * the process exit, per run. Shutdown bounded by the signal keeps this at
 * process-teardown cost; a loop that slept its interval would take up to 30 s.
 * The daemon runs from the compiled library under plain `node`.
 */
import { byProfile } from '../../src/harness/profile.js';
import { defineScenario } from '../../src/harness/scenario.js';
import { spawnDaemonChild } from '../../test-scripts/daemon/spawn-daemon.js';
import { compileDaemon } from './support/compiled-daemon.js';

export interface ShutdownLatencyParams {
  readonly healthIntervalMs: number;
}

interface ReportLine {
  readonly outcome: string;
  readonly durationMs: number;
}

export default defineScenario<ShutdownLatencyParams>(async (ctx) => {
  const runs = byProfile(ctx.profile, { smoke: 5, ci: 20, full: 50 });
  const interval = String(ctx.params.healthIntervalMs);
  const exitLatency = ctx.histogram('sigtermToExitUs', 'latencyUs', { stats: ['p50', 'p99', 'max'] });
  const drain = ctx.histogram('shutdownDrainUs', 'latencyUs', { stats: ['p50', 'p99'], gate: false });
  let unclean = 0;
  const compiled = await compileDaemon();
  try {
    for (let i = 0; i < runs && !ctx.signal.aborted; i += 1) {
      const child = await spawnDaemonChild({
        nodeArgs: [],
        script: compiled.daemonMain,
        args: ['--health-interval-ms', interval, '--work-interval-ms', interval],
      });
      try {
        const sentAt = ctx.now();
        process.kill(child.pid, 'SIGTERM');
        const exitedAt = await child.exitEventAtMs;
        exitLatency.record((exitedAt - sentAt) * 1000);
        const exit = await child.exited;
        const report = exit.report as ReportLine | undefined;
        if (exit.code !== 0 || report?.outcome !== 'graceful') unclean += 1;
        if (report !== undefined) drain.record(report.durationMs * 1000);
      } finally {
        child.kill();
        await child.exited;
      }
    }
  } finally {
    await compiled.remove();
  }
  ctx.value('uncleanExits', 'count', unclean);
  ctx.note('runs', runs);
  ctx.note('healthIntervalMs', ctx.params.healthIntervalMs);
});
