/**
 * The harness measures itself: clock reads, timer wake-ups, the cost of
 * recording a sample and of starting a scenario child. These run before any
 * system exists and exercise the whole pipeline: child runner, histograms,
 * trials, hand-over, reporter, gate.
 */
import { byProfile, findMetric, measureScenario, resolveProfile } from '../../src/harness/index.js';

const suite = 'harness';
/**
 * Timer wake-up's gated p99 needs about 24 twin pairs to catch a doubling and a pair costs 3 s,
 * so it runs 12 trials a side (docs/decisions.md, "Trials go where the noise needs them and a pair
 * is cheap").
 */
const TIMER_WAKEUP_TRIALS = byProfile(resolveProfile(), { smoke: 1, ci: 12, full: 12 });

describe('harness self-test', () => {
  test('clock reads cost well under a microsecond', async () => {
    const result = await measureScenario({
      suite,
      scenario: 'clock-read',
      module: new URL('./clock-read.scenario.ts', import.meta.url),
      timeoutMs: 60_000,
    });
    // Architectural bound, not a tuned number: a clock read that costs a
    // microsecond would distort every latency this project measures.
    expect(findMetric(result, 'performanceNowNs.median').value).toBeLessThan(1000);
    expect(findMetric(result, 'hrtimeBigintNs.median').value).toBeLessThan(1000);
  });

  test('timers wake up within milliseconds when the loop is idle', async () => {
    const result = await measureScenario({
      suite,
      scenario: 'timer-wakeup',
      module: new URL('./timer-wakeup.scenario.ts', import.meta.url),
      trials: TIMER_WAKEUP_TRIALS,
      timeoutMs: 60_000,
    });
    expect(findMetric(result, 'setImmediateLatencyUs.p50').value).toBeLessThan(5_000);
    expect(findMetric(result, 'setTimeout0LatencyUs.p50').value).toBeLessThan(20_000);
  });

  test('recording a sample costs less than a microsecond, and WASM buckets are not slower than JS', async () => {
    const result = await measureScenario({
      suite,
      scenario: 'histogram-record',
      module: new URL('./histogram-record.scenario.ts', import.meta.url),
      timeoutMs: 60_000,
    });
    const js = findMetric(result, 'recordJsNs.median').value;
    const wasm = findMetric(result, 'recordWasmNs.median').value;
    expect(js).toBeLessThan(1000);
    expect(wasm).toBeLessThan(1000);
    expect(wasm).toBeLessThan(js * 2);
  });

  test('a scenario child starts in well under the time of a short scenario', async () => {
    const result = await measureScenario({
      suite,
      scenario: 'runner-start',
      module: new URL('./noop.scenario.ts', import.meta.url),
      timeoutMs: 30_000,
      recordRunnerStartup: true,
    });
    expect(result.trialCount).toBeGreaterThanOrEqual(1);
    expect(findMetric(result, 'runnerStartupMs').value).toBeLessThan(5_000);
  });
});
