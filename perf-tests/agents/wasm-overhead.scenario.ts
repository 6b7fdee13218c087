/**
 * WASM execution overhead (seed: bench_wasm_overhead): the same compute task
 * handled by the native twin and by the WebAssembly agent, each timed the same
 * way; the ratio is WASM time / native time. Measured for the compute task
 * (count primes) and for hashing a 32 KB payload (which includes copying it
 * into linear memory).
 */
import { loadAgentModule } from '../../src/agents/index.js';
import { microBench } from '../../src/harness/load/micro-bench.js';
import { recordMicroBench } from '../../src/harness/load/record-micro-bench.js';
import { byProfile } from '../../src/harness/profile.js';
import { defineScenario } from '../../src/harness/scenario.js';
import { median } from '../../src/harness/stats/median.js';
import { directInstance, requestMessage, silentContext } from './support/direct-agent.js';
import { makePayload } from './support/payload.js';

interface Params {
  readonly primesBelow: number;
  readonly payloadBytes: number;
}

export default defineScenario<Params>(async (ctx) => {
  const module = await loadAgentModule();
  const options = {
    warmupMs: byProfile(ctx.profile, { smoke: 20, ci: 200, full: 1000 }),
    samples: byProfile(ctx.profile, { smoke: 10, ci: 40, full: 100 }),
    sampleTargetMs: byProfile(ctx.profile, { smoke: 1, ci: 5, full: 20 }),
  };
  const tasks = {
    compute: requestMessage(ctx.params.primesBelow),
    hash: requestMessage(makePayload(ctx.params.payloadBytes)),
  };
  const native = directInstance('native', module);
  const wasm = directInstance('wasm', module);
  for (const [task, message] of Object.entries(tasks)) {
    if (native.handle(message, silentContext) !== wasm.handle(message, silentContext)) {
      throw new Error(`Native and WASM agents disagree on the ${task} task`);
    }
    const nativeResult = microBench(() => native.handle(message, silentContext), options);
    const wasmResult = microBench(() => wasm.handle(message, silentContext), options);
    recordMicroBench(ctx, `${task}NativeNs`, nativeResult);
    recordMicroBench(ctx, `${task}WasmNs`, wasmResult);
    ctx.value(
      `${task}WasmToNativeRatio`,
      'ratio',
      median(wasmResult.perIterationNs) / median(nativeResult.perIterationNs),
    );
  }
});
