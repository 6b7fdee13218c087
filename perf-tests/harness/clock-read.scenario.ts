/**
 * Cost of reading the clocks every measurement in this project depends on:
 * performance.now() and process.hrtime.bigint(), per call, in ns.
 */
import { performance } from 'node:perf_hooks';
import { byProfile } from '../../src/harness/profile.js';
import { microBench } from '../../src/harness/load/micro-bench.js';
import { recordMicroBench } from '../../src/harness/load/record-micro-bench.js';
import { defineScenario } from '../../src/harness/scenario.js';

export default defineScenario(async (ctx) => {
  const options = {
    warmupMs: byProfile(ctx.profile, { smoke: 20, ci: 200, full: 1000 }),
    samples: byProfile(ctx.profile, { smoke: 20, ci: 100, full: 100 }),
    sampleTargetMs: byProfile(ctx.profile, { smoke: 0.5, ci: 2, full: 10 }),
  };
  let sink = 0;
  recordMicroBench(
    ctx,
    'performanceNowNs',
    microBench(() => (sink += performance.now()), options),
  );
  let big = 0n;
  recordMicroBench(
    ctx,
    'hrtimeBigintNs',
    microBench(() => (big += process.hrtime.bigint()), options),
  );
  ctx.note('sink', sink > 0 && big > 0n);
});
