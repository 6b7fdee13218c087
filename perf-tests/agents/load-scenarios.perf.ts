/**
 * The seed's load scenarios: peak, sustained and burst. Full profile: the
 * seed's rates and agent counts, minutes instead of 24 h; ci: short runs.
 */
import { byProfile, findMetric, measureScenario, resolveProfile } from '../../src/harness/index.js';
import { CAXTON, SUITE } from './support/targets.js';

const profile = resolveProfile();
const trials = byProfile(profile, { smoke: 1, ci: 2, full: 3 });
/** The least a sustained run's first-interval p99 counts as: twice Caxton's p99 target. */
const FIRST_INTERVAL_P99_FLOOR_US = 2 * CAXTON.latencyP99Ms * 1000;

describe('agents: load scenarios', () => {
  test('peak: 1000 agents, 1 KB requests at a high rate, ≥ 99 % answered with p99 under 100 ms', async () => {
    const params = byProfile(profile, {
      smoke: {
        agentKind: 'native',
        agents: 1000,
        ratePerSec: 10_000,
        durationMs: 1_000,
        warmupMs: 500,
        messageBytes: 1024,
      },
      ci: {
        agentKind: 'native',
        agents: 1000,
        ratePerSec: 20_000,
        durationMs: 3_000,
        warmupMs: 1_000,
        messageBytes: 1024,
      },
      full: {
        agentKind: 'native',
        agents: 1000,
        ratePerSec: 100_000,
        durationMs: 300_000,
        warmupMs: 10_000,
        messageBytes: 1024,
      },
    });
    const result = await measureScenario({
      suite: SUITE,
      scenario: 'peak-load',
      variant: params.agentKind,
      module: new URL('./peak-load.scenario.ts', import.meta.url),
      params,
      trials,
      timeoutMs: params.durationMs + params.warmupMs + 60_000,
    });
    expect(findMetric(result, 'successRate').value).toBeGreaterThanOrEqual(CAXTON.successRate);
    // No backlog: the median request is answered within Caxton's p99 target, and the seed's
    // peak bound, p99 < 100 ms. Latency counts from the intended send time, so the p99 holds
    // every stall of this process longer than ~1 % of the run (docs/decisions.md, "Agents'
    // assertions that can fail").
    expect(findMetric(result, 'requestLatencyUs.p50').value).toBeLessThan(CAXTON.latencyP99Ms * 1000);
    expect(findMetric(result, 'requestLatencyUs.p99').value).toBeLessThan(CAXTON.peakP99Ms * 1000);
  }, 1_800_000);

  test('sustained: 100 agents at 10 K req/s without memory growth or a growing p99', async () => {
    const params = byProfile(profile, {
      smoke: {
        agentKind: 'native',
        agents: 100,
        ratePerSec: 10_000,
        durationMs: 1_500,
        warmupMs: 300,
        messageBytes: 512,
        intervalMs: 250,
      },
      ci: {
        agentKind: 'native',
        agents: 100,
        ratePerSec: 10_000,
        durationMs: 5_000,
        warmupMs: 1_000,
        messageBytes: 512,
        intervalMs: 500,
      },
      full: {
        agentKind: 'native',
        agents: 100,
        ratePerSec: 10_000,
        durationMs: 600_000,
        warmupMs: 10_000,
        messageBytes: 512,
        intervalMs: 10_000,
      },
    });
    const result = await measureScenario({
      suite: SUITE,
      scenario: 'sustained-load',
      variant: params.agentKind,
      module: new URL('./sustained-load.scenario.ts', import.meta.url),
      params,
      trials,
      timeoutMs: params.durationMs + params.warmupMs + 60_000,
    });
    expect(findMetric(result, 'successRate').value).toBeGreaterThanOrEqual(CAXTON.successRate);
    expect(findMetric(result, 'throughputDegradation').value).toBeLessThan(CAXTON.sustainedDegradation);
    // In an open loop the completed rate follows the sent rate, so a slowdown shows in latency:
    // the last interval's p99 against the first's. A single stall of a shared machine sets an
    // interval's p99, so the first counts as at least 20 ms and the bound is 10× that
    // (≥ 200 ms): a per-message cost that grows through the run fails it (docs/decisions.md,
    // "Agents' assertions that can fail").
    const firstP99Us = findMetric(result, 'firstIntervalP99Us').value;
    const lastP99Us = findMetric(result, 'lastIntervalP99Us').value;
    expect(lastP99Us).toBeLessThan(10 * Math.max(firstP99Us, FIRST_INTERVAL_P99_FLOOR_US));
    // No leak: what the heap keeps per request handled is bytes at most (a leak keeps the message).
    expect(findMetric(result, 'heapGrowthPerMessageBytes').value).toBeLessThan(64);
  }, 1_800_000);

  test('burst: 50× the baseline rate is handled (≥ 99 %) and latency is back to baseline within twice the burst’s duration', async () => {
    const params = byProfile(profile, {
      smoke: {
        agentKind: 'native',
        agents: 100,
        baselineRatePerSec: 1_000,
        burstRatePerSec: 20_000,
        baselineMs: 500,
        burstMs: 500,
        afterMs: 2_000,
        warmupMs: 500,
        messageBytes: 1024,
        intervalMs: 100,
      },
      ci: {
        agentKind: 'native',
        agents: 100,
        baselineRatePerSec: 1_000,
        burstRatePerSec: 50_000,
        baselineMs: 1_000,
        burstMs: 1_000,
        afterMs: 5_000,
        warmupMs: 1_000,
        messageBytes: 1024,
        intervalMs: 100,
      },
      full: {
        agentKind: 'native',
        agents: 1000,
        baselineRatePerSec: 1_000,
        burstRatePerSec: 50_000,
        baselineMs: 10_000,
        burstMs: 10_000,
        afterMs: 30_000,
        warmupMs: 10_000,
        messageBytes: 1024,
        intervalMs: 100,
      },
    });
    const result = await measureScenario({
      suite: SUITE,
      scenario: 'burst-traffic',
      variant: params.agentKind,
      module: new URL('./burst-traffic.scenario.ts', import.meta.url),
      params,
      trials,
      timeoutMs: params.warmupMs + params.baselineMs + params.burstMs + params.afterMs + 60_000,
    });
    expect(findMetric(result, 'burstSuccessRate').value).toBeGreaterThanOrEqual(CAXTON.successRate);
    expect(findMetric(result, 'successRate').value).toBeGreaterThanOrEqual(CAXTON.successRate);
    expect(result.notes.every((note) => note['recoveredWithinRun'] === true)).toBe(true);
    // Caxton's 30 s target is far beyond this run (recovery is measured up to its `afterMs`).
    // What the architecture guarantees: a backlog B = (burst − service rate) × burst time T
    // drains at (service − baseline rate), so recovery ≤ 2 T whenever the runtime serves at
    // least a third of the burst rate. It serves more, and a spin per handled message fails
    // it; a smaller defect passes unless the machine is loaded too (docs/decisions.md,
    // "Agents' assertions that can fail").
    expect(findMetric(result, 'recoveryMs').value).toBeLessThan(CAXTON.recoveryMs);
    expect(findMetric(result, 'recoveryMs').value).toBeLessThanOrEqual(2 * params.burstMs);
  }, 1_800_000);
});
