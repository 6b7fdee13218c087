/**
 * Memory of a running daemon: heap and RSS growth, after GC, per daemon with
 * 0 (the base daemon), 1, 100 and 1000 running subsystems (each waiting on its shutdown signal, as
 * a real long-running subsystem does). Small daemons are measured as many
 * copies at once (100 × 0, 100 × 1, 10 × 100, 1 × 1000) so each delta is megabytes,
 * well above GC noise, then divided by the number of copies. Each shape is
 * measured once to warm up (discarded), then several times; the median counts.
 * The cost of one more subsystem is the slope from 1 to 1000 subsystems.
 *
 * Two more costs the seed lists, measured the same way (many copies, after GC):
 *   configHeapBytes            one DaemonConfig from the builder, kept alive; each carries
 *                              its own name and pid-file path, as a real config does
 *   signalHandlingHeapBytes    what running with SIGTERM/SIGINT handling adds to a daemon:
 *                              copies running with signals minus copies running without
 */
import { byProfile } from '../../src/harness/profile.js';
import { median } from '../../src/harness/stats/median.js';
import { defineScenario } from '../../src/harness/scenario.js';
import { loadCompiledDaemon } from './support/compiled-daemon.js';

interface Usage {
  readonly heapBytes: number;
  readonly rssBytes: number;
}

/** Configs kept alive at once for configHeapBytes. */
const CONFIG_COPIES = 10_000;
/** Daemons running at once for signalHandlingHeapBytes (each adds one listener per signal). */
const SIGNAL_COPIES = 1_000;

/**
 * Subsystems per daemon → how many such daemons run at once while measuring. The gated
 * per-subsystem heap comes from the 1000-subsystem shape, measured over 10 daemons: a heap
 * delta of one daemon sometimes comes out at half (docs/decisions.md, "The per-subsystem heap
 * is measured over ten daemons").
 */
const SHAPES: readonly { readonly subsystems: number; readonly copies: number }[] = [
  { subsystems: 0, copies: 100 },
  { subsystems: 1, copies: 100 },
  { subsystems: 100, copies: 10 },
  { subsystems: 1000, copies: 10 },
];

/** Heap and RSS after full collections, each after a turn of the event loop (so finalizers and WeakRefs settle). */
async function usage(): Promise<Usage> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('The memory scenario needs --expose-gc (the scenario runner passes it)');
  for (let i = 0; i < 2; i += 1) {
    await new Promise((resolve) => setImmediate(resolve));
    gc();
  }
  const m = process.memoryUsage();
  return { heapBytes: m.heapUsed, rssBytes: m.rss };
}

export default defineScenario(async (ctx) => {
  const compiled = await loadCompiledDaemon();
  try {
    const { configBuilder, Daemon, defaultConfig } = compiled.library;
    type Daemon = InstanceType<typeof Daemon>;
    const build = (n: number): Daemon => {
      const builder = Daemon.builder(defaultConfig()).withoutSignals();
      for (let i = 0; i < n; i += 1) builder.withTask(`subsystem-${i}`, (shutdown) => shutdown.cancelled());
      return builder.build();
    };
    const stopAll = async (
      running: readonly { daemon: Daemon; done: Promise<{ outcome: string }> }[],
    ): Promise<void> => {
      for (const r of running) r.daemon.shutdown();
      for (const r of running) {
        const report = await r.done;
        if (report.outcome !== 'graceful') throw new Error(`Expected a graceful stop, got ${report.outcome}`);
      }
    };
    const repetitions = byProfile(ctx.profile, { smoke: 1, ci: 3, full: 9 });
    const measure = async (subsystems: number, copies: number): Promise<Usage> => {
      const before = await usage();
      const running = Array.from({ length: copies }, () => {
        const daemon = build(subsystems);
        return { daemon, done: daemon.run() };
      });
      const runningCount = running.reduce((sum, r) => sum + r.daemon.subsystems.stats().running, 0);
      if (runningCount !== subsystems * copies) {
        throw new Error(`Expected ${subsystems * copies} running subsystems, got ${runningCount}`);
      }
      const after = await usage();
      await stopAll(running);
      return {
        heapBytes: (after.heapBytes - before.heapBytes) / copies,
        rssBytes: (after.rssBytes - before.rssBytes) / copies,
      };
    };

    const heapPerDaemon = new Map<number, number>();
    const rssPerDaemon = new Map<number, number>();
    for (const { subsystems, copies } of SHAPES) {
      await measure(subsystems, copies); // warm-up: code paths and hidden classes of this shape
      const samples: Usage[] = [];
      for (let r = 0; r < repetitions; r += 1) samples.push(await measure(subsystems, copies));
      const heap = median(samples.map((u) => u.heapBytes));
      const rss = median(samples.map((u) => u.rssBytes));
      heapPerDaemon.set(subsystems, heap);
      rssPerDaemon.set(subsystems, rss);
      ctx.value(`heapDeltaN${subsystems}Bytes`, 'bytes', heap, { gate: false });
      ctx.value(`rssDeltaN${subsystems}Bytes`, 'bytes', rss, { gate: false });
    }

    const heap1 = heapPerDaemon.get(1) ?? 0;
    const heap1000 = heapPerDaemon.get(1000) ?? 0;
    const perSubsystem = (heap1000 - heap1) / 999;
    ctx.value('heapPerSubsystemBytes', 'bytes', perSubsystem, { noise: { relative: 0.15, absolute: 256 } });
    ctx.value('rssPerSubsystemBytes', 'bytes', ((rssPerDaemon.get(1000) ?? 0) - (rssPerDaemon.get(1) ?? 0)) / 999, {
      gate: false,
    });
    ctx.value('baseDaemonHeapBytes', 'bytes', heapPerDaemon.get(0) ?? 0, {
      noise: { relative: 0.25, absolute: 4_096 },
    });
    ctx.value('baseDaemonRssBytes', 'bytes', rssPerDaemon.get(0) ?? 0, { gate: false });
    const configs = async (): Promise<number> => {
      const before = await usage();
      const kept = Array.from({ length: CONFIG_COPIES }, (_, i) =>
        configBuilder().name(`daemon-${i}`).pidFile(`/run/daemon-${i}.pid`).workerThreads(4).build(),
      );
      const after = await usage();
      if (kept.length !== CONFIG_COPIES) throw new Error('configs were not kept');
      return (after.heapBytes - before.heapBytes) / CONFIG_COPIES;
    };
    await configs(); // warm-up
    const configSamples: number[] = [];
    for (let r = 0; r < repetitions; r += 1) configSamples.push(await configs());
    ctx.value('configHeapBytes', 'bytes', median(configSamples), { noise: { relative: 0.25, absolute: 64 } });

    const daemonsWith = async (signals: boolean): Promise<number> => {
      const before = await usage();
      const listenersBefore = process.listenerCount('SIGTERM');
      const running = Array.from({ length: SIGNAL_COPIES }, () => {
        const builder = Daemon.builder(defaultConfig());
        const daemon = (signals ? builder.withSignals() : builder.withoutSignals()).build();
        return { daemon, done: daemon.run() };
      });
      const added = process.listenerCount('SIGTERM') - listenersBefore;
      if (added !== (signals ? SIGNAL_COPIES : 0)) {
        throw new Error(`Expected ${signals ? SIGNAL_COPIES : 0} SIGTERM listeners, found ${added}`);
      }
      const after = await usage();
      await stopAll(running);
      return (after.heapBytes - before.heapBytes) / SIGNAL_COPIES;
    };
    const maxListeners = process.getMaxListeners();
    process.setMaxListeners(maxListeners + SIGNAL_COPIES); // many daemons in one process is the measurement, not a leak
    try {
      await daemonsWith(true); // warm-up
      await daemonsWith(false);
      const signalSamples: number[] = [];
      for (let r = 0; r < repetitions; r += 1) {
        signalSamples.push((await daemonsWith(true)) - (await daemonsWith(false)));
      }
      ctx.value('signalHandlingHeapBytes', 'bytes', median(signalSamples), {
        noise: { relative: 0.25, absolute: 64 },
      });
    } finally {
      process.setMaxListeners(maxListeners);
    }

    ctx.note('shapes', SHAPES);
    ctx.note('configCopies', CONFIG_COPIES);
    ctx.note('signalCopies', SIGNAL_COPIES);
    ctx.note('repetitions', repetitions);
    ctx.note('processRssBytes', process.memoryUsage().rss);
  } finally {
    await compiled.release();
  }
});
