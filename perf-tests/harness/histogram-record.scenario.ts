/**
 * What one recorded sample costs: hdr-histogram-js recordValue, JS and
 * WebAssembly buckets, per call in ns — the harness's own overhead.
 */
import { createHistogram, enableWasmHistograms } from '../../src/harness/histogram/histogram.js';
import { microBench } from '../../src/harness/load/micro-bench.js';
import { recordMicroBench } from '../../src/harness/load/record-micro-bench.js';
import { byProfile } from '../../src/harness/profile.js';
import { defineScenario } from '../../src/harness/scenario.js';

export default defineScenario(async (ctx) => {
  await enableWasmHistograms();
  const options = {
    warmupMs: byProfile(ctx.profile, { smoke: 20, ci: 200, full: 1000 }),
    samples: byProfile(ctx.profile, { smoke: 20, ci: 100, full: 100 }),
    sampleTargetMs: byProfile(ctx.profile, { smoke: 0.5, ci: 2, full: 10 }),
  };
  const values = Array.from({ length: 1024 }, (_, i) => 50 + ((i * 7919) % 5000));
  for (const wasm of [false, true]) {
    const histogram = createHistogram('latencyUs', { wasm });
    let i = 0;
    const result = microBench(() => histogram.recordValue(values[i++ & 1023] as number), options);
    recordMicroBench(ctx, wasm ? 'recordWasmNs' : 'recordJsNs', result);
    ctx.note(wasm ? 'wasmSamples' : 'jsSamples', histogram.totalCount);
    histogram.destroy();
  }
});
