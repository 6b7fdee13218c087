/** WASM overhead against native on the same task, and WASM memory limits of 1, 10, 100 and 1000 MB. */
import { byProfile, findMetric, measureScenario, resolveProfile } from '../../src/harness/index.js';
import { CAXTON, SUITE } from './support/targets.js';

const MB = 1024 * 1024;
const limitsMB = byProfile(resolveProfile(), { smoke: [1, 10, 100], ci: [1, 10, 100, 1000], full: [1, 10, 100, 1000] });

describe('agents: WebAssembly', () => {
  test('a WASM agent does the same compute task within Caxton’s 1.5× of native', async () => {
    const result = await measureScenario({
      suite: SUITE,
      scenario: 'wasm-overhead',
      module: new URL('./wasm-overhead.scenario.ts', import.meta.url),
      params: { primesBelow: 5000, payloadBytes: 32 * 1024 },
      timeoutMs: 120_000,
    });
    // Caxton expects 10–50 % overhead: the bound is its upper end. Both sides run the same
    // algorithm in the same process, one after the other, so the machine's speed divides out
    // (docs/decisions.md, "Agents' assertions that can fail").
    expect(findMetric(result, 'computeWasmToNativeRatio').value).toBeLessThan(CAXTON.wasmOverheadRatio);
    expect(findMetric(result, 'hashWasmToNativeRatio').value).toBeLessThan(CAXTON.wasmOverheadRatio);
  }, 600_000);

  test(`memory limits of ${limitsMB.join(', ')} MB hold exactly, and an agent at its limit keeps working`, async () => {
    const result = await measureScenario({
      suite: SUITE,
      scenario: 'wasm-memory-limits',
      module: new URL('./wasm-memory-limits.scenario.ts', import.meta.url),
      params: { limitsMB },
      // The allocation bounds are exact; two trials are enough for the rates at the limit.
      trials: byProfile(resolveProfile(), { smoke: 1, ci: 2, full: 3 }),
      timeoutMs: 180_000,
    });
    for (const limit of limitsMB) {
      const maxAllocation = findMetric(result, `limit${limit}MB.maxAllocationBytes`).value;
      // All of the limit but the 1 KiB the module reserves, and not a byte more.
      expect(maxAllocation).toBe(limit * MB - 1024);
      expect(findMetric(result, `limit${limit}MB.msgPerSecAtLimit`).value).toBeGreaterThan(1000);
    }
    // Filling memory the agent already touched pays no page faults, so it outruns the first fill
    // (docs/decisions.md, "Agents' throughput thresholds").
    const largest = Math.max(...limitsMB);
    expect(findMetric(result, `limit${largest}MB.residentFillBytesPerSec`).value).toBeGreaterThan(
      findMetric(result, `limit${largest}MB.fillBytesPerSec`).value,
    );
  }, 600_000);
});
