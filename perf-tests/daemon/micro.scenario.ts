/**
 * The six micro-benchmarks of the daemon library, the way Criterion measures
 * the Rust original (benches/daemon_bench.rs): warm-up, ~100 samples, each a
 * batch of auto-scaled iterations; the time per iteration goes into a
 * durationNs histogram and the median is the headline.
 *
 *   daemonCreationNs          config defaults + builder without signals + build
 *   subsystemRegistrationNs   the same with three no-op tasks
 *   configBuildNs             builder: name + shutdown and force timeouts + build (validated)
 *   shutdownCoordinationNs    build with one no-op task, run, shutdown, await the report
 *   errorCreationNs           DaemonError.runtime(message)
 *   errorChainNs              an IO error wrapping a timeout cause (two errors, one chain)
 *
 * Each result is stored in `sink` so the optimizer cannot drop the work.
 *
 * With `metrics: true` (the `metrics` variant, the seed's `--features "tokio metrics"`)
 * every daemon is built `withMetrics()`, so it counts its starts, stops and
 * shutdown time; the scenario fails if the collector counted nothing. The
 * opt-in stack-trace benches run in the default variant only.
 */
import { microBench, microBenchAsync } from '../../src/harness/load/micro-bench.js';
import { recordMicroBench } from '../../src/harness/load/record-micro-bench.js';
import { median } from '../../src/harness/stats/median.js';
import { defineScenario } from '../../src/harness/scenario.js';
import { loadCompiledDaemon } from './support/compiled-daemon.js';
import { microBenchOptions } from './support/micro-bench-options.js';

export interface MicroParams {
  /** Build every daemon withMetrics(). */
  readonly metrics?: boolean;
}

export default defineScenario<MicroParams>(async (ctx) => {
  const withMetrics = ctx.params.metrics === true;
  const options = microBenchOptions(ctx.profile);
  const compiled = await loadCompiledDaemon();
  try {
    const { configBuilder, Daemon, DaemonError, DAEMON_METRICS, defaultConfig } = compiled.library;
    let sink: unknown = undefined;
    const noop = async (): Promise<void> => {};
    const builder = (): ReturnType<typeof Daemon.builder> => {
      const b = Daemon.builder(defaultConfig());
      return withMetrics ? b.withMetrics() : b;
    };

    recordMicroBench(
      ctx,
      'daemonCreationNs',
      microBench(() => {
        sink = builder().withoutSignals().build();
      }, options),
    );

    recordMicroBench(
      ctx,
      'subsystemRegistrationNs',
      microBench(() => {
        sink = builder()
          .withTask('bench', noop)
          .withTask('bench2', noop)
          .withTask('bench3', noop)
          .withoutSignals()
          .build();
      }, options),
    );

    recordMicroBench(
      ctx,
      'configBuildNs',
      microBench(() => {
        sink = configBuilder().name('bench-daemon').shutdownTimeoutMs(5_000).forceTimeoutMs(10_000).build();
      }, options),
    );

    recordMicroBench(
      ctx,
      'shutdownCoordinationNs',
      await microBenchAsync(async () => {
        const daemon = builder().withTask('quick', noop).withoutSignals().build();
        const running = daemon.run();
        daemon.shutdown();
        await running;
        sink = daemon;
      }, options),
    );
    if (withMetrics) {
      const starts = (sink as InstanceType<typeof Daemon>).metrics?.counter(DAEMON_METRICS.subsystemStarts) ?? 0;
      if (starts !== 1) throw new Error(`Expected the metrics collector to count 1 subsystem start, got ${starts}`);
    }

    recordMicroBench(
      ctx,
      'errorCreationNs',
      microBench(() => {
        sink = DaemonError.runtime('benchmark error');
      }, options),
    );

    recordMicroBench(
      ctx,
      'errorChainNs',
      microBench(() => {
        sink = DaemonError.io('operation failed', DaemonError.timeout('read', 5_000));
      }, options),
    );

    if (withMetrics) {
      ctx.note('measuredCode', 'src/daemon transpiled to ES2022 by TypeScript, run in plain Node (not through tsx)');
      return;
    }

    // For the record, not gated: what the opt-in V8 stack trace costs, and a
    // chain whose cause is a native Error (which always captures one).
    const traced = { ...options, samples: Math.min(options.samples, 30) };
    DaemonError.captureStackTraces = true;
    try {
      const withStack = microBench(() => {
        sink = DaemonError.runtime('benchmark error');
      }, traced);
      ctx.value('errorCreationWithStackNs.median', 'durationNs', median(withStack.perIterationNs), { gate: false });
    } finally {
      DaemonError.captureStackTraces = false;
    }
    const nativeCause = microBench(() => {
      sink = DaemonError.io('operation failed', new Error('timeout'));
    }, traced);
    ctx.value('errorChainNativeCauseNs.median', 'durationNs', median(nativeCause.perIterationNs), { gate: false });

    ctx.note('measuredCode', 'src/daemon transpiled to ES2022 by TypeScript, run in plain Node (not through tsx)');
    ctx.note('sinkKept', sink !== undefined);
  } finally {
    await compiled.release();
  }
});
