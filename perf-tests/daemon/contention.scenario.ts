/**
 * The seed's contention cases (its v1.1.0 notes: subsystem-metadata reads
 * "under many concurrent stats queries"), as Criterion-style micro-benchmarks
 * on a daemon whose subsystems are running:
 *
 *   statsQueryNs             one `subsystems.stats()` of a daemon with SUBSYSTEMS running subsystems
 *   statsQueryConcurrentNs   a batch of CONCURRENT_QUERIES interleaved async queries plus one
 *                            subsystem restart (its state changes under them), divided by the
 *                            queries
 *
 * Node runs one thread, so "concurrent" is interleaved callers, not parallel
 * locks: what it measures is whether a query's cost grows when many are in
 * flight and state changes between them.
 */
import { microBench, microBenchAsync } from '../../src/harness/load/micro-bench.js';
import { recordMicroBench } from '../../src/harness/load/record-micro-bench.js';
import { defineScenario } from '../../src/harness/scenario.js';
import { loadCompiledDaemon } from './support/compiled-daemon.js';
import { microBenchOptions } from './support/micro-bench-options.js';
import { perOperation } from './support/per-operation.js';

const SUBSYSTEMS = 100;
const CONCURRENT_QUERIES = 64;

export default defineScenario(async (ctx) => {
  const options = microBenchOptions(ctx.profile);
  const compiled = await loadCompiledDaemon();
  try {
    const { Daemon, defaultConfig } = compiled.library;
    const builder = Daemon.builder(defaultConfig()).withoutSignals();
    for (let i = 0; i < SUBSYSTEMS; i += 1) builder.withTask(`subsystem-${i}`, (shutdown) => shutdown.cancelled());
    const daemon = builder.build();
    const done = daemon.run();
    try {
      if (daemon.subsystems.stats().running !== SUBSYSTEMS)
        throw new Error(`Expected ${SUBSYSTEMS} running subsystems`);
      let sink = 0;
      recordMicroBench(
        ctx,
        'statsQueryNs',
        microBench(() => {
          sink += daemon.subsystems.stats().running;
        }, options),
      );

      const churned = daemon.subsystems.idOf('subsystem-0');
      const query = async (): Promise<void> => {
        await Promise.resolve();
        sink += daemon.subsystems.stats().running;
      };
      const concurrent = await microBenchAsync(async () => {
        const queries: Promise<void>[] = [];
        for (let q = 0; q < CONCURRENT_QUERIES; q += 1) queries.push(query());
        await Promise.all([...queries, daemon.subsystems.restart(churned)]);
      }, options);
      recordMicroBench(ctx, 'statsQueryConcurrentNs', perOperation(concurrent, CONCURRENT_QUERIES));
      ctx.note('subsystems', SUBSYSTEMS);
      ctx.note('concurrentQueries', CONCURRENT_QUERIES);
      ctx.note('sinkKept', sink > 0);
    } finally {
      daemon.shutdown();
      await done;
    }
    const report = await done;
    if (report.outcome !== 'graceful') throw new Error(`Expected a graceful stop, got ${report.outcome}`);
  } finally {
    await compiled.release();
  }
});
