/**
 * Memory of a running daemon: heap and RSS growth, after GC, for a daemon
 * with 1, 100 and 1000 running subsystems (each waiting on its shutdown
 * signal, as a real long-running subsystem does). From those: the base
 * daemon and the cost of one more subsystem.
 */
import { byProfile } from '../../src/harness/profile.js';
import { defineScenario } from '../../src/harness/scenario.js';
import { compileDaemon } from './support/compiled-daemon.js';

interface Usage {
  readonly heapBytes: number;
  readonly rssBytes: number;
}

function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('The memory scenario needs --expose-gc (the scenario runner passes it)');
  for (let i = 0; i < 3; i += 1) gc();
}

function usage(): Usage {
  collect();
  const m = process.memoryUsage();
  return { heapBytes: m.heapUsed, rssBytes: m.rss };
}

export default defineScenario(async (ctx) => {
  const counts = byProfile(ctx.profile, { smoke: [1, 100, 1000], ci: [1, 100, 1000], full: [1, 100, 1000] });
  const compiled = await compileDaemon();
  try {
    const { Daemon, defaultConfig } = compiled.library;
    type Daemon = InstanceType<typeof Daemon>;
    const build = (n: number): Daemon => {
      const builder = Daemon.builder(defaultConfig()).withoutSignals();
      for (let i = 0; i < n; i += 1) builder.withTask(`subsystem-${i}`, (shutdown) => shutdown.cancelled());
      return builder.build();
    };
    const runAndStop = async (daemon: Daemon): Promise<void> => {
      const running = daemon.run();
      daemon.shutdown();
      await running;
    };
    // Warm up: compile every code path and create the hidden classes once.
    for (let i = 0; i < 3; i += 1) await runAndStop(build(100));

    const heapDelta = new Map<number, number>();
    const rssDelta = new Map<number, number>();
    for (const n of counts) {
      const before = usage();
      const daemon = build(n);
      const running = daemon.run();
      const stats = daemon.subsystems.stats();
      if (stats.running !== n) throw new Error(`Expected ${n} running subsystems, got ${stats.running}`);
      const after = usage();
      heapDelta.set(n, after.heapBytes - before.heapBytes);
      rssDelta.set(n, after.rssBytes - before.rssBytes);
      ctx.value(`heapDeltaN${n}Bytes`, 'bytes', after.heapBytes - before.heapBytes, { gate: false });
      ctx.value(`rssDeltaN${n}Bytes`, 'bytes', after.rssBytes - before.rssBytes, { gate: false });
      daemon.shutdown();
      const report = await running;
      if (report.outcome !== 'graceful') throw new Error(`Expected a graceful stop, got ${report.outcome}`);
    }

    const first = counts[0] ?? 1;
    const last = counts[counts.length - 1] ?? 1000;
    const perSubsystem = ((heapDelta.get(last) ?? 0) - (heapDelta.get(first) ?? 0)) / (last - first);
    const rssPerSubsystem = ((rssDelta.get(last) ?? 0) - (rssDelta.get(first) ?? 0)) / (last - first);
    ctx.value('heapPerSubsystemBytes', 'bytes', perSubsystem, { noise: { relative: 0.15, absolute: 256 } });
    ctx.value('rssPerSubsystemBytes', 'bytes', rssPerSubsystem, { gate: false });
    ctx.value('baseDaemonHeapBytes', 'bytes', (heapDelta.get(first) ?? 0) - first * perSubsystem, {
      noise: { relative: 0.25, absolute: 4_096 },
    });
    ctx.note('subsystemCounts', counts);
    ctx.note('processRssBytes', process.memoryUsage().rss);
  } finally {
    await compiled.remove();
  }
});
